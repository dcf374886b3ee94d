package experiments

import (
	"bytes"
	"context"
	"errors"
	"math"
	"slices"
	"testing"
)

// denseReduced are small settings of the dense experiments for the
// determinism and cancellation tests.
var denseReduced = map[string][]string{
	"dense-capacity":    {"N=40", "n_max=3", "trials=3", "probes=3"},
	"dense-exponential": {"N=16", "P_max=256", "trials=3", "probes=3"},
	"dense-letters":     {"trials=2"},
}

// fixedPoints returns the fraction of fixed points at (n, N, P) from the
// table of dense-capacity.
func fixedPoints(t *testing.T, r *Result, n, neurons, pp int) float64 {
	t.Helper()
	tab := r.Table("fixed-points")
	for _, row := range tab.Rows {
		if row[0] == float64(n) && row[1] == float64(neurons) && row[2] == float64(pp) {
			return row[5]
		}
	}
	t.Fatalf("no point n = %d, N = %d, P = %d in the table", n, neurons, pp)
	return 0
}

// Reference numbers at N = 100 from an independent NumPy check (3,000
// patterns at n = 3, 20,000 at n = 2): n = 3 keeps 0.997 of its patterns
// fixed at P = 200 and 0.147 at P = 800; n = 2 keeps 0.36 at P = 20.
func TestDenseCapacity(t *testing.T) {
	r := run(t, "dense-capacity", 1, "n_max=3", "trials=10", "probes=10")
	for _, tc := range []struct {
		n, pp  int
		lo, hi float64
	}{
		{3, 200, 0.97, 1},
		{3, 800, 0, 0.35},
		{2, 20, 0.2, 0.6},
		{2, 4, 1, 1},
	} {
		if got := fixedPoints(t, r, tc.n, 100, tc.pp); got < tc.lo || got > tc.hi {
			t.Errorf("n = %d, P = %d: fraction of fixed points %v, want [%v, %v]", tc.n, tc.pp, got, tc.lo, tc.hi)
		}
	}
	// The capacity grows as N^(n-1): from n = 2 to 3 the half point moves
	// about N/3 = 33 times further.
	ratio := r.Numbers["half_P_n3_N100"] / r.Numbers["half_P_n2_N100"]
	if ratio < 25 || ratio > 42 {
		t.Errorf("half point ratio n = 3 / n = 2 = %v, want about 33", ratio)
	}
	if got := r.Numbers["K_error_free_n3_N100"]; math.Abs(got-361.9) > 0.05 {
		t.Errorf("error-free capacity n = 3, N = 100 = %v, want 361.9", got)
	}
	if f := r.Figure("dense-capacity"); f == nil || len(f.Panels) != 2 {
		t.Fatalf("want the figure dense-capacity with two panels, got %+v", f)
	}
}

func TestDenseLoads(t *testing.T) {
	for _, tc := range []struct {
		name  string
		k     float64
		pMax  int
		want  []int
		isCut bool
	}{
		{"n=3 N=100", 361.9, 100000, []int{100, 120, 150, 200, 250, 300, 400, 500, 600, 800}, false},
		{"n=2 N=100", 10.86, 100000, []int{3, 4, 5, 6, 8, 10, 12, 15, 20, 25}, false},
		{"cut by P_max", 361.9, 300, []int{100, 120, 150, 200, 250, 300}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, cut := denseLoads(tc.k, tc.pMax)
			if !slices.Equal(got, tc.want) || cut != tc.isCut {
				t.Errorf("denseLoads(%v, %d) = %v, %v; want %v, %v", tc.k, tc.pMax, got, cut, tc.want, tc.isCut)
			}
		})
	}
}

func TestDenseLogAxis(t *testing.T) {
	for _, tc := range []struct {
		name    string
		lo, hi  float64
		labels  []string
		nMinors int
	}{
		{"four decades", 2, 20000, []string{"10", "100", "1000", "10000"}, 4*8 + 1},
		{"one decade", 0.25, 3, []string{"0.3", "0.5", "1", "2", "3"}, 5}, // 0.4, 0.6 to 0.9
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := denseLogAxis(tc.lo, tc.hi)
			var labels []string
			minors := 0
			for _, tk := range a.Ticks {
				if tk.Value < math.Log10(tc.lo)-1e-9 || tk.Value > math.Log10(tc.hi)+1e-9 {
					t.Errorf("tick %v outside the range", tk)
				}
				if tk.Label == "" {
					minors++
				} else {
					labels = append(labels, tk.Label)
				}
			}
			if !slices.Equal(labels, tc.labels) || minors != tc.nMinors {
				t.Errorf("labels %q and %d minor ticks, want %q and %d", labels, minors, tc.labels, tc.nMinors)
			}
		})
	}
}

// Reference: N = 32, 3 bits flipped, P = 4096 stored patterns: 0.99 of the
// cues come back (an independent NumPy simulation of the same dynamics
// finds 0.99 of 400).
func TestDenseExponential(t *testing.T) {
	r := run(t, "dense-exponential", 1, "P_min=4096", "P_max=4096", "trials=4", "probes=10")
	if got := r.Numbers["dense_recalled_P4096"]; got < 0.95 {
		t.Errorf("N = 32, P = 4096: recalled %v, want at least 0.95", got)
	}
	if _, ok := r.Numbers["classic_recalled_P4096"]; ok {
		t.Error("the classic network ran at P = 4096 > 2N")
	}
	if got := r.Numbers["demircigil_bound_P"]; math.Abs(got-361) > 1 {
		t.Errorf("Demircigil bound at N = 32, rho = 0.1 = %v, want 361", got)
	}
	// Far beyond the classic network's capacity the dense memory still
	// recalls every cue.
	r = run(t, "dense-exponential", 2, "P_max=64", "trials=4", "probes=10")
	for _, tc := range []struct {
		key    string
		lo, hi float64
	}{
		{"dense_recalled_P64", 1, 1},
		{"classic_recalled_P2", 0.9, 1},
		{"classic_recalled_P16", 0, 0.2},
		{"classic_recalled_P64", 0, 0},
	} {
		if got, ok := r.Numbers[tc.key]; !ok || got < tc.lo || got > tc.hi {
			t.Errorf("%s = %v (present %v), want [%v, %v]", tc.key, got, ok, tc.lo, tc.hi)
		}
	}
}

func TestDenseLetters(t *testing.T) {
	for _, tc := range []struct {
		energy                   string
		denseMin, denseMax       float64
		classicMax, fixedDenseLo float64
	}{
		// The exponential energy tells the alike letters apart.
		{"lse", 20, 26, 2, 26},
		// x^3 is not steep enough for letters that agree on 87% of
		// their pixels: no letter is even a fixed point.
		{"poly:3", 0, 0, 2, 0},
		{"poly:20", 15, 26, 2, 20},
	} {
		t.Run(tc.energy, func(t *testing.T) {
			r := run(t, "dense-letters", 1, "energy="+tc.energy, "trials=3")
			dense, classic := r.Numbers["dense_letters_recalled"], r.Numbers["classic_letters_recalled"]
			if dense < tc.denseMin || dense > tc.denseMax || classic > tc.classicMax {
				t.Errorf("letters recalled: dense %v, want [%v, %v]; classic %v, want at most %v", dense, tc.denseMin, tc.denseMax, classic, tc.classicMax)
			}
			if got := r.Numbers["dense_fixed_letters"]; got < tc.fixedDenseLo {
				t.Errorf("dense fixed letters %v, want at least %v", got, tc.fixedDenseLo)
			}
			f := r.Figure("letters")
			if f == nil || len(f.Panels) != 4 || len(f.Panels[3].Patterns.Items) != 26 {
				t.Fatalf("want the figure letters with 4 panels of 26 letters")
			}
		})
	}
}

func TestDenseDeterministic(t *testing.T) {
	for name, sets := range denseReduced {
		t.Run(name, func(t *testing.T) {
			a, b := run(t, name, 42, sets...), run(t, name, 42, sets...)
			ja, err := a.JSON()
			if err != nil {
				t.Fatal(err)
			}
			jb, _ := b.JSON()
			if !bytes.Equal(ja, jb) || csvOf(t, a) != csvOf(t, b) {
				t.Errorf("same seed, different results:\n%s\n%s", ja, jb)
			}
			for _, f := range a.Figures {
				if err := f.Validate(); err != nil {
					t.Error(err)
				}
			}
		})
	}
}

// A run cancelled after its first unit of work stops with the context's
// error.
func TestDenseCancelled(t *testing.T) {
	for name, sets := range denseReduced {
		t.Run(name, func(t *testing.T) {
			e, err := Lookup(name)
			if err != nil {
				t.Fatal(err)
			}
			v, err := e.Parse(sets...)
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			calls := 0
			ctx = WithProgress(ctx, func(done, total int) {
				calls++
				cancel()
			})
			if _, err := e.Execute(ctx, v, 1); !errors.Is(err, context.Canceled) {
				t.Errorf("cancelled run returned %v", err)
			}
			if calls == 0 {
				t.Error("no progress reported")
			}
		})
	}
}

// The progress of dense-capacity counts the probes of all its sweeps
// together: it only grows, and ends at its total.
func TestDenseCapacityProgress(t *testing.T) {
	e, err := Lookup("dense-capacity")
	if err != nil {
		t.Fatal(err)
	}
	v, err := e.Parse(denseReduced["dense-capacity"]...)
	if err != nil {
		t.Fatal(err)
	}
	last, total := 0, -1
	ctx := WithProgress(context.Background(), func(done, all int) {
		if done != last+1 || total >= 0 && all != total {
			t.Errorf("progress %d of %d after %d of %d", done, all, last, total)
		}
		last, total = done, all
	})
	if _, err := e.Execute(ctx, v, 1); err != nil {
		t.Fatal(err)
	}
	if last == 0 || last != total {
		t.Errorf("progress ended at %d of %d", last, total)
	}
}

func TestDenseParamErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		sets  []string
		param string
	}{
		{"dense-exponential", []string{"P_min=100", "P_max=50"}, "P_max"},
		{"dense-capacity", []string{"N=1000", "P_max=10"}, "P_max"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, _ := Lookup(tc.name)
			v, err := e.Parse(tc.sets...)
			if err != nil {
				t.Fatal(err)
			}
			_, err = e.Execute(context.Background(), v, 1)
			var pe *ParamError
			if !errors.As(err, &pe) || pe.Param != tc.param {
				t.Errorf("error %v, want a ParamError for %s", err, tc.param)
			}
		})
	}
}

// The defaults run in a few seconds natively; the web lab runs them in
// WebAssembly, two to three times slower.
func BenchmarkDenseDefaults(b *testing.B) {
	for _, name := range []string{"dense-capacity", "dense-exponential", "dense-letters"} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				run(b, name, 1)
			}
		})
	}
}
