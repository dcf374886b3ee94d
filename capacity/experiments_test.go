package capacity

import (
	"math"
	"strings"
	"testing"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/theory"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		name string
		ms   []float64
		want State
	}{
		{"pattern", []float64{0.02, 0.97, -0.05}, Retrieved},
		{"reversed", []float64{0.02, -1, 0.05}, Reversed},
		{"mixture", []float64{0.5, -0.52, 0.48, 0.03, -0.06}, Mixture3},
		{"mixture of exactly three", []float64{0.5, 0.5, -0.5}, Mixture3},
		{"five-mixture", []float64{0.375, 0.375, 0.375, -0.375, 0.375}, Other},
		{"spin glass", []float64{0.1, 0.2, -0.15, 0.05}, Other},
		{"two patterns", []float64{0.6, 0.6, 0.05}, Other},
		{"nothing stored", nil, Other},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Classify(tc.ms); got != tc.want {
				t.Errorf("Classify(%v) = %v, want %v", tc.ms, got, tc.want)
			}
		})
	}
}

// A symmetric 3-mixture S = sign(sa xi_a + sb xi_b + sc xi_c) has, with
// q_ab = xi_a . xi_b / N, the mean overlap with its components
//
//	(|m_a| + |m_b| + |m_c|)/3 = 1/2 + (sa sb q_ab + sa sc q_ac + sb sc q_bc)/6
//
// exactly (count the bits where the three agree). The q are O(1/sqrt N), and
// the dynamics may favour the triples whose patterns happen to be
// correlated, so the mean over the mixtures found lies within
// B = max over triples and signs of |...|/6 of 1/2, B computed here from the
// very patterns of the census. At alpha = 0.01 the dynamics flip a bit of
// the mixture only when the crosstalk (standard deviation sqrt(alpha) =
// 0.1) beats the mixture field 1/2, a 5-sigma event; one such flip moves
// the mean by at most 2/N, which the tolerance allows.
func TestCensusMixtureOverlap(t *testing.T) {
	spec := CensusSpec{Rule: hopfield.Hebbian, N: 500, Alphas: []float64{0.01}, Trials: 20, Starts: 20, Seed: 3}
	rows, err := Census(ctxBg, spec)
	if err != nil {
		t.Fatal(err)
	}
	r := rows[0]
	if r.Count[Mixture3] < 20 {
		t.Fatalf("only %d 3-mixtures in %d runs", r.Count[Mixture3], r.Runs)
	}
	bound := 0.0
	for trial := range spec.Trials {
		xi := newPatternStream(trialSeed(spec.Seed, spec.N, trial), spec.N).next(r.P)
		q := func(a, b int) float64 { return hopfield.Overlap(xi[a], xi[b]) }
		for a := range xi {
			for b := a + 1; b < len(xi); b++ {
				for c := b + 1; c < len(xi); c++ {
					for _, sg := range [][3]float64{{1, 1, 1}, {1, 1, -1}, {1, -1, 1}, {-1, 1, 1}} {
						d := sg[0]*sg[1]*q(a, b) + sg[0]*sg[2]*q(a, c) + sg[1]*sg[2]*q(b, c)
						bound = math.Max(bound, math.Abs(d)/6)
					}
				}
			}
		}
	}
	tol := bound + 2/float64(spec.N)
	if d := math.Abs(r.MixtureOverlap - 0.5); d > tol {
		t.Errorf("3-mixture overlap %.4f ± %.4f, want within %.4f of 1/2", r.MixtureOverlap, r.MixtureOverlapErr, tol)
	}
	t.Logf("3-mixture overlap %.4f ± %.4f; selection bound %.4f", r.MixtureOverlap, r.MixtureOverlapErr, bound)
	total := 0
	for s := range numStates {
		total += r.Count[s]
	}
	if total != r.Runs {
		t.Errorf("counts add up to %d, want %d runs", total, r.Runs)
	}
	// Each start is as likely to reach xi as -xi (the dynamics are odd), so
	// the difference of the two counts is within 4 of its binomial standard
	// deviations sqrt(n).
	n := float64(r.Count[Retrieved] + r.Count[Reversed])
	if d := float64(r.Count[Retrieved] - r.Count[Reversed]); n < 20 || math.Abs(d) > 4*math.Sqrt(n) {
		t.Errorf("%d patterns and %d reverses: want many, and as many of each", r.Count[Retrieved], r.Count[Reversed])
	}
}

// curieWeissMean is the exact equilibrium mean of m = M/N given M > 0 for a
// Hebbian network with one pattern, which is the Curie-Weiss model in the
// gauge s_i -> xi_i s_i: with zero diagonal the energy is
// -(M^2 - N)/(2N), so P(M) is proportional to C(N, k) exp(M^2 / (2 N T)),
// M = 2k - N. A Glauber run started at m = 1 below T = 1 stays in the M > 0
// well (leaving it takes a time exponential in N).
func curieWeissMean(n int, T float64) float64 {
	lw := func(k int) float64 {
		lc, _ := math.Lgamma(float64(n + 1))
		l1, _ := math.Lgamma(float64(k + 1))
		l2, _ := math.Lgamma(float64(n - k + 1))
		M := float64(2*k - n)
		return lc - l1 - l2 + M*M/(2*float64(n)*T)
	}
	top := lw(n)
	for k := n/2 + 1; k <= n; k++ {
		top = math.Max(top, lw(k))
	}
	var z, s float64
	for k := n/2 + 1; k <= n; k++ {
		w := math.Exp(lw(k) - top)
		z += w
		s += w * float64(2*k-n) / float64(n)
	}
	return s / z
}

// At low load (P = 1) the measured overlap follows m = tanh(m/T) within
// sampling error. The measurement estimates the exact finite-N mean
// curieWeissMean; trial means are independent, so it is within 4 standard
// errors of it (6e-5 two-sided). That exact mean differs from the N -> inf
// law tanh(m/T) by an O(1/N) finite-size term, computed here, not assumed:
// the tolerance against the law is 4 standard errors plus that term.
func TestTemperatureFollowsTanh(t *testing.T) {
	const n = 1000
	temps := []float64{0.3, 0.5, 0.7, 0.8}
	rows, err := Temperature(ctxBg, TemperatureSpec{N: n, Alphas: []float64{0.001}, Temps: temps, Trials: 12, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.P != 1 {
			t.Fatalf("P = %d, want 1", r.P)
		}
		exact := curieWeissMean(n, r.T)
		law := theory.GlauberOverlap(r.T)
		if r.Theory != law {
			t.Errorf("T = %v: Theory = %v, want GlauberOverlap = %v", r.T, r.Theory, law)
		}
		if z := (r.Mean - exact) / r.StdErr; math.Abs(z) > 4 {
			t.Errorf("T = %v: m = %.5f ± %.5f, exact finite-N mean %.5f (z = %.1f)", r.T, r.Mean, r.StdErr, exact, z)
		}
		if d := math.Abs(r.Mean - law); d > 4*r.StdErr+math.Abs(exact-law) {
			t.Errorf("T = %v: m = %.5f ± %.5f is %.5f from tanh law %.5f (finite-size term %.5f)", r.T, r.Mean, r.StdErr, d, law, exact-law)
		}
	}
}

// At T = 0 Glauber dynamics are deterministic and stop at a fixed point;
// from a stored pattern at low load that is the pattern itself.
func TestTemperatureZero(t *testing.T) {
	rows, err := Temperature(ctxBg, TemperatureSpec{N: 300, Alphas: []float64{0.02}, Temps: []float64{0}, Trials: 3, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if rows[0].Mean != 1 {
		t.Errorf("T = 0: m = %v, want 1", rows[0].Mean)
	}
}

// Loads given as pattern counts join those given as alphas; the largest
// |m| over the patterns bounds the overlap with the starting pattern, is
// 1 at a retrieved pattern and falls to the noise floor above T = 1; and
// progress counts every run once.
func TestTemperaturePsAndMaxAbs(t *testing.T) {
	var calls, last, total int
	spec := TemperatureSpec{N: 400, Alphas: []float64{0.01}, Ps: []int{4, 20}, Temps: []float64{0, 1.5}, Trials: 2,
		Burn: 20, Sweeps: 100, Seed: 3, Progress: func(done, n int) { calls, last, total = calls+1, done, n }}
	rows, err := Temperature(ctxBg, spec)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[0].P != 4 || rows[2].P != 20 {
		t.Fatalf("got %d rows starting at P = %d, want P = 4 (alpha = 0.01 and P = 4 are one load) and 20 at two temperatures", len(rows), rows[0].P)
	}
	if calls != 8 || last != 8 || total != 8 {
		t.Errorf("progress: %d calls, last %d of %d, want 8 of 8", calls, last, total)
	}
	for _, r := range rows {
		if r.MaxAbs < math.Abs(r.Mean) {
			t.Errorf("P = %d, T = %v: max |m| %v below |m| %v of the starting pattern", r.P, r.T, r.MaxAbs, r.Mean)
		}
		// Noise floor: 2P time averages of 100 sweeps of N = 400 spins
		// (standard deviation about 1/sqrt(400 * 100) times a correlation
		// factor of a few at T = 1.5) stay well below 0.1.
		switch {
		case r.T == 0 && r.MaxAbs != 1:
			t.Errorf("P = %d, T = 0: max |m| = %v, want 1 (the pattern is a fixed point)", r.P, r.MaxAbs)
		case r.T == 1.5 && r.MaxAbs > 0.1:
			t.Errorf("P = %d, T = 1.5: max |m| = %v, want the noise floor", r.P, r.MaxAbs)
		}
	}
	if _, err := Temperature(ctxBg, TemperatureSpec{N: 100, Ps: []int{0}, Temps: []float64{0}, Trials: 1}); err == nil {
		t.Error("P = 0 was accepted")
	}
}

// A network that does not fit the memory limit is refused before any is
// built, naming its size; fewer workers run when theirs do not all fit,
// with the same results.
func TestTemperatureMemoryLimit(t *testing.T) {
	spec := TemperatureSpec{N: 200, Ps: []int{10}, Temps: []float64{0.5}, Trials: 4, Burn: 5, Sweeps: 5, Seed: 2, Workers: 4}
	want, err := Temperature(ctxBg, spec)
	if err != nil {
		t.Fatal(err)
	}
	per := NetworkBytes(hopfield.Hebbian, 200, 10) + 200*10
	spec.MemoryLimit = per // one network at a time
	got, err := Temperature(ctxBg, spec)
	if err != nil || got[0].Mean != want[0].Mean || got[0].StdErr != want[0].StdErr {
		t.Errorf("one worker: %+v, %v; want %+v", got, err, want)
	}
	spec.MemoryLimit = per - 1
	if _, err := Temperature(ctxBg, spec); err == nil || !strings.Contains(err.Error(), "N = 200, P = 10 needs about") {
		t.Errorf("over the limit: error %v, want one naming the network's size", err)
	}
}
