package capacity

import (
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hopfield-lab/hopfield"
)

// NetworkBytes follows the engine: it is within 5 % of the bytes allocated
// while Run's patterns are drawn and learned (a bound on the peak, since
// some are temporaries), and overstates them by at most a tenth plus its
// 64 KiB of small change, in every storage form but the dense float64 one
// (P >= 2^24/N: too slow to learn in a test).
func TestNetworkBytesMatchesEngine(t *testing.T) {
	for _, tc := range []struct {
		name string
		rule hopfield.Rule
		n, p int
	}{
		{"hebbian pattern form", hebb, 2000, 400},
		{"hebbian dense int8", hebb, 250, 126},
		{"hebbian dense float32", hebb, 600, 400},
		{"storkey", stork, 600, 60},
		{"pseudo-inverse pattern form", pinv, 2000, 300},
		{"pseudo-inverse dense", pinv, 600, 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			net, err := hopfield.Learn(hopfield.Config{Rule: tc.rule}, newPatternStream(1, tc.n).next(tc.p)...)
			if err != nil {
				t.Fatal(err)
			}
			runtime.ReadMemStats(&after)
			alloc := float64(after.TotalAlloc - before.TotalAlloc)
			runtime.KeepAlive(net)
			est := float64(NetworkBytes(tc.rule, tc.n, tc.p))
			if est < 0.95*alloc || est > 1.1*alloc+64<<10 {
				t.Errorf("NetworkBytes = %.0f, engine allocated %.0f (ratio %.2f)", est, alloc, est/alloc)
			}
		})
	}
}

// Estimate reports the probes actually made (at most P per network) and
// refuses what Run would refuse, before allocating: too many trials, too
// large a grid, a network or statistics over the memory limit.
func TestEstimate(t *testing.T) {
	base := Spec{Rules: []hopfield.Rule{hebb}, Ns: []int{100}, Alphas: []float64{0.03, 0.2}, Measures: []Measure{Overlap},
		Trials: 10, Probes: 1000, Seed: 1}
	c, err := base.Estimate()
	if err != nil {
		t.Fatal(err)
	}
	if c.Grid != 2 || c.Cells != 2 || c.MinProbes != 3 || c.MaxProbes != 20 || c.Probes != 10*(3+20) || c.Networks != 20 {
		t.Errorf("cost %+v: want 2 cells, 20 networks, 3 to 20 probes each, 230 in all", c)
	}
	more := base
	more.Trials *= 100
	if c2, err := more.Estimate(); err != nil || c2.Ops < 99*c.Ops || c2.Ops > 101*c.Ops {
		t.Errorf("100 times the trials: %v operations (%v), want 100 times %v", c2.Ops, err, c.Ops)
	}
	// The statistics do not grow with the trials beyond N+1 values.
	if c2, _ := more.Estimate(); c2.Memory > 2*c.Memory+1<<20 {
		t.Errorf("memory %d with 100 times the trials, %d before", c2.Memory, c.Memory)
	}

	grid500, err := ParseList("0.001:0.5:0.001")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		modify func(*Spec)
		errHas string
	}{
		{"trials", func(s *Spec) { s.Trials = 99999999999 }, "trials 99999999999: want 1 to 1000000"},
		{"grid", func(s *Spec) { s.Alphas = slices.Repeat([]float64{0.1}, 200_000) }, "grid of 200000 cells"},
		{"workers", func(s *Spec) { s.Workers = 1 << 20 }, "workers 1048576"},
		{"huge load", func(s *Spec) { s.Alphas = []float64{1e300} }, "far too large"},
		{"network", func(s *Spec) { s.Ns, s.MemoryLimit = []int{100000}, 1<<30 }, "network with N = 100000, P = 20000 needs about"},
		{"statistics", func(s *Spec) {
			// 500 cells of up to 1001 distinct values: 24 MB.
			s.Ns, s.Alphas, s.Trials, s.Probes, s.MemoryLimit = []int{1000}, grid500, 100, 10, 16<<20
		}, "for the statistics of 500 cells"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := base
			tc.modify(&s)
			start := time.Now()
			_, err := s.Estimate()
			if err == nil || !strings.Contains(err.Error(), tc.errHas) {
				t.Fatalf("err = %v, want one containing %q", err, tc.errHas)
			}
			if _, runErr := Run(ctxBg, s); runErr == nil || runErr.Error() != err.Error() {
				t.Errorf("Run: %v, want the error of Estimate", runErr)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("refusing took %v: something was computed or allocated first", d)
			}
		})
	}
}
