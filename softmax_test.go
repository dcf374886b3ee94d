package hopfield

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
)

func softRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x50f7)) }

// gaussRows returns p x d row-major values, N(0, scale^2).
func gaussRows(rng *rand.Rand, p, d int, scale float64) []float64 {
	x := make([]float64, p*d)
	for i := range x {
		x[i] = rng.NormFloat64() * scale
	}
	return x
}

// sphereRows returns p rows of norm r, uniform in direction.
func sphereRows(rng *rand.Rand, p, d int, r float64) []float64 {
	x := gaussRows(rng, p, d, 1)
	for mu := range p {
		row := x[mu*d : (mu+1)*d]
		n := math.Sqrt(dot64(row, row))
		for i := range row {
			row[i] *= r / n
		}
	}
	return x
}

// refStep is the update in plain float64 arithmetic, two passes over
// the scores as the formula reads: softmax, then the weighted sum.
func refStep(keys, values []float64, d, dv int, xi []float64, beta float64) []float64 {
	p := len(keys) / d
	sc := make([]float64, p)
	m := math.Inf(-1)
	for mu := range p {
		var s float64
		for i := range d {
			s += keys[mu*d+i] * xi[i]
		}
		sc[mu] = beta * s
		m = max(m, sc[mu])
	}
	var sum float64
	for mu := range sc {
		sc[mu] = math.Exp(sc[mu] - m)
		sum += sc[mu]
	}
	out := make([]float64, dv)
	for mu, w := range sc {
		for i := range dv {
			out[i] += w / sum * values[mu*dv+i]
		}
	}
	return out
}

func mustSoftmax[T float32 | float64](t testing.TB, x []T, d int, beta float64) *Softmax[T] {
	t.Helper()
	s, err := NewSoftmax(x, d, SoftmaxConfig{Beta: beta})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func maxAbsDiff[T float32 | float64](a []T, b []float64) float64 {
	if len(a) != len(b) {
		return math.Inf(1)
	}
	return maxMove(to64(a), b)
}

func to64[T float32 | float64](x []T) []float64 {
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = float64(v)
	}
	return y
}

func toF32(x []float64) []float32 {
	y := make([]float32, len(x))
	for i, v := range x {
		y[i] = float32(v)
	}
	return y
}

// TestSoftmaxMatchesFormula compares 1, 2 and 3 updates under the default
// tolerance with the formula in plain float64. 1e-9 is the promise; the
// rounding of either side is about 1e-15 here.
func TestSoftmaxMatchesFormula(t *testing.T) {
	tests := []struct {
		name    string
		p, d    int
		beta    float64
		scale   float64
		chunked bool // P spans several chunks, so the merge is exercised
	}{
		{"tiny", 3, 4, 1, 1, false},
		{"global average", 50, 16, 0.01, 1, false},
		{"metastable", 200, 32, 0.5, 0.5, false},
		{"sharp", 100, 64, 20, 0.3, false},
		{"huge scores", 40, 8, 1e6, 10, false}, // exp(beta s) overflows unless shifted
		{"chunks", 2000, 300, 2, 0.1, true},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rng := softRand(uint64(i))
			x := gaussRows(rng, tt.p, tt.d, tt.scale)
			s := mustSoftmax(t, x, tt.d, tt.beta)
			if tt.chunked && s.chunks() < 2 {
				t.Fatalf("%d chunks, want several", s.chunks())
			}
			cue := gaussRows(rng, 1, tt.d, tt.scale)
			want := cue
			for k := 1; k <= 3; k++ {
				want = refStep(x, x, tt.d, tt.d, want, tt.beta)
				res, err := s.Run(cue, SoftmaxRun{MaxSteps: k})
				if err != nil {
					t.Fatal(err)
				}
				if diff := maxAbsDiff(res.State, want); diff > 1e-9 {
					t.Errorf("%d steps: max difference %g from the formula, want <= 1e-9", k, diff)
				}
			}
			if diff := maxAbsDiff(s.Step(nil, cue), refStep(x, x, tt.d, tt.d, cue, tt.beta)); diff > 1e-9 {
				t.Errorf("Step: max difference %g", diff)
			}
		})
	}
}

// TestSoftmaxEnergyNeverIncreases checks the CCCP property on 2000 random
// one-step updates, with slack for float64 rounding of E.
func TestSoftmaxEnergyNeverIncreases(t *testing.T) {
	rng := softRand(7)
	for trial := range 2000 {
		p, d := 1+rng.IntN(60), 1+rng.IntN(40)
		beta := math.Exp(rng.Float64()*10 - 5) // 0.007 to 150
		x := gaussRows(rng, p, d, 0.2+2*rng.Float64())
		s := mustSoftmax(t, x, d, beta)
		xi := gaussRows(rng, 1, d, 3*rng.Float64())
		e0 := s.Energy(xi)
		e1 := s.Energy(s.Step(nil, xi))
		if e1 > e0+1e-12*(1+math.Abs(e0)) {
			t.Fatalf("trial %d (P %d, d %d, beta %g): energy rose from %.17g to %.17g", trial, p, d, beta, e0, e1)
		}
	}
}

// TestSoftmaxEnergyBounds checks 0 <= E <= 2 M^2 for ||xi|| <= M.
func TestSoftmaxEnergyBounds(t *testing.T) {
	rng := softRand(8)
	for trial := range 500 {
		p, d := 1+rng.IntN(100), 1+rng.IntN(50)
		beta := math.Exp(rng.Float64()*8 - 4)
		s := mustSoftmax(t, gaussRows(rng, p, d, 1), d, beta)
		xi := sphereRows(rng, 1, d, s.M()*rng.Float64())
		e, m2 := s.Energy(xi), s.M()*s.M()
		if e < -1e-12*m2 || e > 2*m2*(1+1e-12) {
			t.Fatalf("trial %d: E = %g outside [0, 2 M^2 = %g]", trial, e, 2*m2)
		}
	}
}

// TestSoftmaxEnergyHalf pins the 1/2 on xi.xi, which a community port of
// hopfield-layers drops: with one stored pattern x, E(x) = -x.x + x.x/2 +
// 0 + M^2/2 = 0, and E(0) = M^2/2 (the port gives M^2/2 and M^2/2 + ... ).
func TestSoftmaxEnergyHalf(t *testing.T) {
	x := []float64{3, 4} // M = 5
	s := mustSoftmax(t, x, 2, 0.7)
	if e := s.Energy(x); math.Abs(e) > 1e-12 {
		t.Errorf("E(x) = %g, want 0", e)
	}
	if e := s.Energy([]float64{0, 0}); math.Abs(e-12.5) > 1e-12 {
		t.Errorf("E(0) = %g, want M^2/2 = 12.5", e)
	}
	// Two patterns, xi = 0: lse = log(2)/beta cancels log(P)/beta.
	s2 := mustSoftmax(t, []float64{3, 4, -4, 3}, 2, 2)
	if e := s2.Energy([]float64{0, 0}); math.Abs(e-12.5) > 1e-12 {
		t.Errorf("two patterns: E(0) = %g, want 12.5", e)
	}
	// xi = (1, 0): lse = (1/2) log(exp(6) + exp(-8)).
	want := -0.5*math.Log(math.Exp(6)+math.Exp(-8)) + 0.5 + math.Log(2)/2 + 12.5
	if e := s2.Energy([]float64{1, 0}); math.Abs(e-want) > 1e-12 {
		t.Errorf("two patterns: E((1, 0)) = %.15g, want %.15g", e, want)
	}
}

// TestSoftmaxBetaLimits: beta -> 0 averages all patterns, beta -> infinity
// picks the pattern with the largest dot product.
func TestSoftmaxBetaLimits(t *testing.T) {
	rng := softRand(9)
	for trial := range 20 {
		p, d := 2+rng.IntN(30), 2+rng.IntN(30)
		x := gaussRows(rng, p, d, 1)
		xi := gaussRows(rng, 1, d, 1)
		mean := make([]float64, d)
		for mu := range p {
			for i := range d {
				mean[i] += x[mu*d+i] / float64(p)
			}
		}
		// The weights differ from 1/P by about beta |x.xi| (< 1e-4 here),
		// so the result is within about 1e-4 M of the mean.
		low := mustSoftmax(t, x, d, 1e-6).Step(nil, xi)
		if diff := maxAbsDiff(low, mean); diff > 1e-4 {
			t.Errorf("trial %d: beta 1e-6 is %g from the mean", trial, diff)
		}
		scores := make([]float64, p)
		for mu := range p {
			scores[mu] = dot64(x[mu*d:(mu+1)*d], xi)
		}
		top := slices.Index(scores, slices.Max(scores))
		sorted := slices.Sorted(slices.Values(scores))
		if gap := sorted[p-1] - sorted[p-2]; 1e3*gap < 40 {
			continue // a near tie: beta = 1e3 still averages the two
		}
		high := mustSoftmax(t, x, d, 1e3).Step(nil, xi)
		if diff := maxAbsDiff(high, x[top*d:(top+1)*d]); diff > 1e-9 {
			t.Errorf("trial %d: beta 1e3 is %g from pattern %d (largest dot product)", trial, diff, top)
		}
	}
}

// TestSoftmaxGOMAXPROCS: the same bits at 1 and 4 threads, for one state, a
// batch and a run, in both precisions.
func TestSoftmaxGOMAXPROCS(t *testing.T) {
	rng := softRand(10)
	const p, d = 3000, 200 // several chunks
	x := gaussRows(rng, p, d, 0.1)
	cues := make([][]float64, 9)
	for q := range cues {
		cues[q] = gaussRows(rng, 1, d, 0.3)
	}
	s64 := mustSoftmax(t, x, d, 3)
	s32 := mustSoftmax(t, toF32(x), d, 3)
	cues32 := make([][]float32, len(cues))
	for q := range cues {
		cues32[q] = toF32(cues[q])
	}
	run := func() (string, string) {
		return fmt.Sprint(softBits(s64.StepBatch(nil, cues)), softBits(runStates(t, s64, cues))),
			fmt.Sprint(softBits(s32.StepBatch(nil, cues32)), softBits(runStates(t, s32, cues32)))
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	a64, a32 := run()
	runtime.GOMAXPROCS(4)
	b64, b32 := run()
	if a64 != b64 || a32 != b32 {
		t.Errorf("results differ between GOMAXPROCS 1 and 4 (float64 same: %v, float32 same: %v)", a64 == b64, a32 == b32)
	}
	if s64.chunks() < 2 {
		t.Fatalf("%d chunks, want several", s64.chunks())
	}
}

func runStates[T float32 | float64](t *testing.T, s *Softmax[T], cues [][]T) [][]T {
	res, err := s.RunBatch(cues, SoftmaxRun{MaxSteps: 5})
	if err != nil {
		t.Fatal(err)
	}
	out := make([][]T, len(res))
	for q, r := range res {
		out[q] = r.State
	}
	return out
}

// softBits returns the bit patterns of the values, so that -0 and 0 differ.
func softBits[T float32 | float64](xs [][]T) [][]uint64 {
	out := make([][]uint64, len(xs))
	for q, x := range xs {
		for _, v := range x {
			out[q] = append(out[q], math.Float64bits(float64(v)))
		}
	}
	return out
}

// TestSoftmaxFloat32 compares the float32 network with the float64 one on
// the same (float32-representable) data. The scores carry float32 rounding
// of about |k||xi| 1e-7 = 1e-6 here, times beta = 4: the weights and the
// results agree to a few 1e-6 relative.
func TestSoftmaxFloat32(t *testing.T) {
	rng := softRand(11)
	const p, d = 500, 100
	x32 := toF32(gaussRows(rng, p, d, 0.1))
	x64 := to64(x32)
	s32, s64 := mustSoftmax(t, x32, d, 4), mustSoftmax(t, x64, d, 4)
	for trial := range 10 {
		cue32 := toF32(gaussRows(rng, 1, d, 0.5))
		cue64 := to64(cue32)
		for _, steps := range []int{1, 3} {
			r32, err := s32.Run(cue32, SoftmaxRun{MaxSteps: steps})
			if err != nil {
				t.Fatal(err)
			}
			r64, _ := s64.Run(cue64, SoftmaxRun{MaxSteps: steps})
			if diff := maxAbsDiff(r32.State, r64.State); diff > 1e-5*s64.M() {
				t.Errorf("trial %d, %d steps: float32 is %g from float64 (M = %g)", trial, steps, diff, s64.M())
			}
		}
	}
}

// TestSoftmaxKeysValues checks hetero-association against the formula, and
// that iterating or clamping a dv != d network is refused.
func TestSoftmaxKeysValues(t *testing.T) {
	rng := softRand(12)
	const p, d, dv = 300, 20, 7
	k, v := gaussRows(rng, p, d, 0.5), gaussRows(rng, p, dv, 2)
	s, err := NewSoftmaxKV(k, d, v, dv, SoftmaxConfig{Beta: 1.5})
	if err != nil {
		t.Fatal(err)
	}
	if s.D() != d || s.DV() != dv || s.P() != p || s.AutoAssociative() {
		t.Fatalf("shape: P %d, D %d, DV %d, auto %v", s.P(), s.D(), s.DV(), s.AutoAssociative())
	}
	cue := gaussRows(rng, 1, d, 1)
	want := refStep(k, v, d, dv, cue, 1.5)
	if diff := maxAbsDiff(s.Step(nil, cue), want); diff > 1e-9 {
		t.Errorf("Step: %g from the formula", diff)
	}
	res, err := s.Run(cue, SoftmaxRun{})
	if err != nil || res.Steps != 1 || len(res.State) != dv || !math.IsNaN(res.Move) {
		t.Errorf("Run: steps %d, length %d, move %v, err %v; want 1 step to a value of length %d", res.Steps, len(res.State), res.Move, err, dv)
	}
	if diff := maxAbsDiff(res.State, want); diff > 1e-9 {
		t.Errorf("Run: %g from the formula", diff)
	}
	var oe *OptionError
	if _, err := s.Run(cue, SoftmaxRun{MaxSteps: 2}); !errors.As(err, &oe) || oe.Field != "max_steps" {
		t.Errorf("two steps with dv != d: err %v, want an OptionError for max_steps", err)
	}
	if _, err := s.Run(cue, SoftmaxRun{Clamp: make([]bool, d)}); !errors.As(err, &oe) || oe.Field != "clamp" {
		t.Errorf("clamp with dv != d: err %v, want an OptionError for clamp", err)
	}
	// Separate keys and values of the same width iterate like the formula.
	v2 := gaussRows(rng, p, d, 0.5)
	s2, _ := NewSoftmaxKV(k, d, v2, d, SoftmaxConfig{Beta: 1.5})
	want = refStep(k, v2, d, d, refStep(k, v2, d, d, cue, 1.5), 1.5)
	if res, _ := s2.Run(cue, SoftmaxRun{MaxSteps: 2, Tol: -1}); maxAbsDiff(res.State, want) > 1e-9 {
		t.Errorf("two steps, d = dv: %g from the formula", maxAbsDiff(res.State, want))
	}
}

// TestSoftmaxClamp: clamped components keep the cue's values, and the
// scores see them.
func TestSoftmaxClamp(t *testing.T) {
	rng := softRand(13)
	const p, d = 40, 12
	x := gaussRows(rng, p, d, 1)
	s := mustSoftmax(t, x, d, 2)
	// The cue: the second half of pattern 5 known, the first half zero.
	cue := make([]float64, d)
	clamp := make([]bool, d)
	for i := d / 2; i < d; i++ {
		cue[i], clamp[i] = x[5*d+i], true
	}
	want := slices.Clone(cue)
	for range 3 {
		want = refStep(x, x, d, d, want, 2)
		clampTo(want, cue, clamp)
	}
	res, err := s.Run(cue, SoftmaxRun{MaxSteps: 3, Tol: -1, Clamp: clamp})
	if err != nil {
		t.Fatal(err)
	}
	if diff := maxAbsDiff(res.State, want); diff > 1e-9 || res.Steps != 3 {
		t.Errorf("%d steps, %g from the formula; want 3 steps within 1e-9", res.Steps, diff)
	}
	for i := d / 2; i < d; i++ {
		if res.State[i] != cue[i] {
			t.Errorf("clamped component %d moved: %v, cue %v", i, res.State[i], cue[i])
		}
	}
}

// TestSoftmaxBatch: a batch gives each cue exactly what a run alone gives,
// whichever cues converge first.
func TestSoftmaxBatch(t *testing.T) {
	rng := softRand(14)
	const p, d = 2500, 128 // 2 chunks: 2048 rows of 1 KiB, then 452
	x := gaussRows(rng, p, d, 0.2)
	s := mustSoftmax(t, x, d, 4)
	if s.chunks() < 2 {
		t.Fatalf("%d chunks, want several", s.chunks())
	}
	for _, n := range []int{1, 3, 40} {
		cues := make([][]float64, n)
		for q := range cues {
			cues[q] = gaussRows(rng, 1, d, 1)
			if q%3 == 0 {
				copy(cues[q], x[q*d:(q+1)*d]) // near a stored pattern: converges early
			}
		}
		opt := SoftmaxRun{MaxSteps: 20}
		batch, err := s.RunBatch(cues, opt)
		if err != nil {
			t.Fatal(err)
		}
		steps := s.StepBatch(nil, cues)
		for q, c := range cues {
			one, _ := s.Run(c, opt)
			b := batch[q]
			if b.Steps != one.Steps || b.Converged != one.Converged || b.Move != one.Move ||
				fmt.Sprint(softBits([][]float64{b.State})) != fmt.Sprint(softBits([][]float64{one.State})) {
				t.Errorf("batch of %d, cue %d: %d steps, converged %v; alone %d steps, converged %v (or states differ)",
					n, q, b.Steps, b.Converged, one.Steps, one.Converged)
			}
			if !slices.Equal(steps[q], s.Step(nil, c)) {
				t.Errorf("batch of %d, cue %d: StepBatch differs from Step", n, q)
			}
		}
	}
}

// TestSoftmaxConvergence: a run stops once an update moves nothing beyond
// Tol, and a negative Tol makes exactly MaxSteps updates.
func TestSoftmaxConvergence(t *testing.T) {
	rng := softRand(15)
	const p, d = 20, 30
	x := sphereRows(rng, p, d, 3)
	s := mustSoftmax(t, x, d, 10) // well separated: one step lands on the pattern
	cue := slices.Clone(x[2*d : 3*d])
	for i := range cue {
		cue[i] += 0.05 * rng.NormFloat64()
	}
	res, err := s.Run(cue, SoftmaxRun{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Converged || res.Steps >= DefaultMaxSteps || res.Move > s.DefaultTol() {
		t.Errorf("steps %d, converged %v, move %g; want convergence within the default limit", res.Steps, res.Converged, res.Move)
	}
	if mu, dist := s.Nearest(res.State); mu != 2 || dist > 1e-6 {
		t.Errorf("nearest pattern %d at %g, want 2", mu, dist)
	}
	res, _ = s.Run(cue, SoftmaxRun{MaxSteps: 7, Tol: -1})
	if res.Steps != 7 || res.Converged {
		t.Errorf("Tol < 0: %d steps, converged %v; want all 7, not converged", res.Steps, res.Converged)
	}
}

// TestSoftmaxErrors: bad data and options are errors that name the field.
func TestSoftmaxErrors(t *testing.T) {
	good := []float64{1, 2, 3, 4, 5, 6}
	nan := []float64{1, 2, math.NaN(), 4, 5, 6}
	cfg := SoftmaxConfig{Beta: 1}
	tests := []struct {
		name string
		err  func() error
		want string
	}{
		{"NaN pattern", func() error { _, err := NewSoftmax(nan, 3, cfg); return err }, "patterns: value NaN at row 0, column 2"},
		{"infinite value", func() error {
			_, err := NewSoftmax([]float32{1, float32(math.Inf(1))}, 2, cfg)
			return err
		}, "patterns: value +Inf at row 0, column 1"},
		{"huge norm", func() error { _, err := NewSoftmax([]float64{1e200, 1e200}, 2, cfg); return err }, "squared norm overflows"},
		{"huge float32", func() error { _, err := NewSoftmax([]float32{1e36, 1e36}, 2, cfg); return err }, "would overflow float32 sums"},
		{"NaN beta", func() error { _, err := NewSoftmax(good, 3, SoftmaxConfig{Beta: math.NaN()}); return err }, "beta NaN: want a finite number > 0"},
		{"infinite beta", func() error { _, err := NewSoftmax(good, 3, SoftmaxConfig{Beta: math.Inf(1)}); return err }, "beta +Inf"},
		{"zero beta", func() error { _, err := NewSoftmax(good, 3, SoftmaxConfig{}); return err }, "beta 0"},
		{"negative beta", func() error { _, err := NewSoftmax(good, 3, SoftmaxConfig{Beta: -1}); return err }, "beta -1"},
		{"ragged", func() error { _, err := NewSoftmax(good, 4, cfg); return err }, "patterns: 6 values are not rows of length 4"},
		{"zero width", func() error { _, err := NewSoftmax(good, 0, cfg); return err }, "patterns: row length 0"},
		{"empty", func() error { _, err := NewSoftmax([]float64{}, 3, cfg); return err }, "patterns: no patterns"},
		{"values rows", func() error { _, err := NewSoftmaxKV(good, 3, good, 2, cfg); return err }, "values: 3 rows, keys have 2"},
		{"NaN value", func() error { _, err := NewSoftmaxKV(good, 3, nan, 3, cfg); return err }, "values: value NaN"},
		{"nil values", func() error { _, err := NewSoftmaxKV(good, 3, nil, 3, cfg); return err }, "values: nil"},
		{"memory", func() error {
			_, err := NewSoftmax(good, 3, SoftmaxConfig{Beta: 1, MemoryLimit: 8})
			var me *MemoryError
			if !errors.As(err, &me) || me.Need != 48 {
				return fmt.Errorf("not a MemoryError for 48 bytes: %v", err)
			}
			return err
		}, "softmax 2 x 3 float64 patterns need 48 B"},
		{"NaN cue", func() error {
			_, err := mustSoftmax(t, good, 3, 1).Run([]float64{1, math.NaN(), 0}, SoftmaxRun{})
			return err
		}, "cue: value NaN at 1"},
		{"short cue", func() error { _, err := mustSoftmax(t, good, 3, 1).Run([]float64{1, 0}, SoftmaxRun{}); return err }, "cue: length 2, want 3"},
		{"cue in a batch", func() error {
			_, err := mustSoftmax(t, good, 3, 1).RunBatch([][]float64{{1, 0, 0}, {1, 0}}, SoftmaxRun{})
			return err
		}, "cue 1: length 2"},
		{"overflowing scores", func() error {
			_, err := mustSoftmax(t, []float64{1e153, 0, 0}, 3, 1000).Run([]float64{1e153, 0, 0}, SoftmaxRun{})
			return err
		}, "would overflow"},
		{"negative steps", func() error { _, err := mustSoftmax(t, good, 3, 1).Run(good[:3], SoftmaxRun{MaxSteps: -1}); return err }, "max_steps -1"},
		{"NaN tol", func() error {
			_, err := mustSoftmax(t, good, 3, 1).Run(good[:3], SoftmaxRun{Tol: math.NaN()})
			return err
		}, "tol NaN"},
		{"clamp length", func() error {
			_, err := mustSoftmax(t, good, 3, 1).Run(good[:3], SoftmaxRun{Clamp: []bool{true}})
			return err
		}, "clamp mask of 1 entries"},
		{"WithBeta", func() error { _, err := mustSoftmax(t, good, 3, 1).WithBeta(0); return err }, "beta 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.err()
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "hopfield: ") {
				t.Errorf("err = %v, want one containing %q", err, tt.want)
			}
		})
	}
	var oe *OptionError
	if _, err := NewSoftmax(good, 3, SoftmaxConfig{Beta: -2}); !errors.As(err, &oe) || oe.Field != "beta" {
		t.Errorf("beta error %v is not an OptionError for beta", err)
	}
}

// TestSoftmaxPanics: a state of the wrong length is a programming error.
func TestSoftmaxPanics(t *testing.T) {
	s := mustSoftmax(t, []float64{1, 2, 3, 4}, 2, 1)
	for name, f := range map[string]func(){
		"Step":      func() { s.Step(nil, []float64{1}) },
		"StepBatch": func() { s.StepBatch(nil, [][]float64{{1, 2}, {1}}) },
		"Weights":   func() { s.Weights(nil, []float64{1, 2, 3}) },
		"Energy":    func() { s.Energy(nil) },
		"Nearest":   func() { s.Nearest([]float64{1}) },
		"Bound":     func() { s.RetrievalBound(2, []float64{1, 2}) },
	} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.HasPrefix(fmt.Sprint(r), "hopfield: Softmax.") {
					t.Errorf("%s: recovered %v, want a panic naming the method", name, r)
				}
			}()
			f()
		}()
	}
}

// TestK90Classes checks k90, the classes and the fixed-point kinds on
// weights made by hand.
func TestK90Classes(t *testing.T) {
	uniform := func(k, p int) []float64 {
		w := make([]float64, p)
		for i := range k {
			w[i] = 1 / float64(k)
		}
		return w
	}
	tests := []struct {
		name  string
		w     []float64
		k90   int
		class SoftmaxClass
		fp    SoftmaxFixedPoint
	}{
		{"one pattern", []float64{0.02, 0.95, 0.03}, 1, ClassII, SinglePattern}, // single wins over the class
		{"all of 64", uniform(64, 64), 58, ClassI, GlobalAverage},
		{"10 of 64", uniform(10, 64), 9, ClassII, Metastable},
		{"4 of 64", uniform(4, 64), 4, ClassIII, Metastable},
		{"2 of 1000", uniform(2, 1000), 2, ClassIV, Metastable},
		{"one of 1000", uniform(1, 1000), 1, ClassIV, SinglePattern},
		{"two of three", []float64{0.5, 0.45, 0.05}, 2, ClassI, GlobalAverage},
		{"rounding", []float64{0.9, 0.1}, 1, ClassII, SinglePattern},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := K90(tt.w)
			if k != tt.k90 {
				t.Fatalf("K90 = %d, want %d", k, tt.k90)
			}
			if c := ClassOf(k, len(tt.w)); c != tt.class {
				t.Errorf("class %v, want %v", c, tt.class)
			}
			if fp := FixedPointOf(k, len(tt.w)); fp != tt.fp {
				t.Errorf("fixed point %v, want %v", fp, tt.fp)
			}
		})
	}
	if ClassI.String() != "I" || ClassIV.String() != "IV" || Metastable.String() != "metastable" {
		t.Errorf("names: %v %v %v", ClassI, ClassIV, Metastable)
	}
}

// TestSoftmaxRunBoundsEveryState: Run refuses a cue whose own scores are
// small when the states it reaches, averages of the values, would overflow
// the scores (they became NaN under a nil error), counting clamped
// components, and accepts the same cue for a single update.
func TestSoftmaxRunBoundsEveryState(t *testing.T) {
	n32, err := NewSoftmax([]float32{1e20, 0, 0, 1e20}, 2, SoftmaxConfig{Beta: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := n32.Run([]float32{1e-30, 0}, SoftmaxRun{MaxSteps: 100}); err == nil || !strings.Contains(err.Error(), "later states of norm") {
		t.Errorf("float32, M = 1e20: err = %v, want one about later states", err)
	}
	res, err := n32.Run([]float32{1e-30, 0}, SoftmaxRun{MaxSteps: 1})
	if err != nil || math.IsNaN(float64(res.State[0])) || math.Abs(float64(res.State[0])-5e19) > 1e13 {
		t.Errorf("float32, one step: %v, %v; want about (5e19, 5e19)", res.State, err)
	}
	n64 := mustSoftmax(t, []float64{1e150, 0, 0, 1e150}, 2, 1e10)
	if _, err := n64.Run([]float64{1e-300, 0}, SoftmaxRun{}); err == nil || !strings.Contains(err.Error(), "would overflow") {
		t.Errorf("float64, M = 1e150, beta 1e10: err = %v, want an overflow", err)
	}
	// M = M_V = c with c^2 = 0.6 x the limit: the cue (c, 0) and any
	// average of the patterns are within it, but with its first component
	// clamped a state may reach norm 2c.
	c := math.Sqrt(0.6 * math.MaxFloat64 / 2)
	nc := mustSoftmax(t, []float64{c, 0, 0, c}, 2, 1)
	if res, err := nc.Run([]float64{c, 0}, SoftmaxRun{}); err != nil || math.IsNaN(res.State[0]) || math.IsNaN(res.State[1]) {
		t.Errorf("(c, 0) unclamped: %v, %v", res.State, err)
	}
	clamp := []bool{true, false}
	if _, err := nc.Run([]float64{c, 0}, SoftmaxRun{Clamp: clamp}); err == nil || !strings.Contains(err.Error(), "later states") {
		t.Errorf("(c, 0) with the first component clamped: err = %v, want one about later states", err)
	}
	if _, err := nc.Run([]float64{c / 4, 0}, SoftmaxRun{Clamp: clamp}); err != nil {
		t.Errorf("(c/4, 0) with the first component clamped: %v", err)
	}
}

// TestSoftmaxNearDuplicate: the research note's near-duplicate pair, 10
// patterns of norm 4, d = 64, x1 = x0 + a small step, run from x0: the
// global average at small beta, the pair's average at beta 1, one pattern
// at large beta.
func TestSoftmaxNearDuplicate(t *testing.T) {
	rng := softRand(16)
	x := sphereRows(rng, 10, 64, 4)
	for i := range 64 {
		x[64+i] = x[i] + 0.01*rng.NormFloat64()
	}
	for _, c := range []struct {
		beta float64
		fp   SoftmaxFixedPoint
		k90  int
	}{{0.01, GlobalAverage, 9}, {1, Metastable, 2}, {1000, SinglePattern, 1}} {
		s := mustSoftmax(t, x, 64, c.beta)
		res, err := s.Run(x[:64], SoftmaxRun{})
		if err != nil {
			t.Fatal(err)
		}
		dg := s.Diagnose(res.State)
		if dg.FixedPoint != c.fp || dg.K90 != c.k90 {
			t.Errorf("beta %g: %v with k90 = %d, want %v with k90 = %d (weights %.3f)", c.beta, dg.FixedPoint, dg.K90, c.fp, c.k90, dg.Weights)
		}
		want := refEnergy(x, 64, res.State, c.beta)
		if math.Abs(floatsSum(dg.Weights)-1) > 1e-12 || math.Abs(dg.Energy-want) > 1e-12*(1+math.Abs(want)) {
			t.Errorf("beta %g: weights sum to %v, energy %v, want %v", c.beta, floatsSum(dg.Weights), dg.Energy, want)
		}
	}
}

// refEnergy is the paper's energy in plain float64, term by term:
// -(1/beta) log sum_mu exp(beta x_mu.xi) + xi.xi/2 + log(P)/beta + M^2/2,
// the log-sum-exp shifted by its largest score.
func refEnergy(x []float64, d int, xi []float64, beta float64) float64 {
	p := len(x) / d
	scores := make([]float64, p)
	var m2, xixi float64
	for mu := range p {
		var sc, sq float64
		for i := range d {
			sc += x[mu*d+i] * xi[i]
			sq += x[mu*d+i] * x[mu*d+i]
		}
		scores[mu] = beta * sc
		m2 = max(m2, sq)
	}
	top := slices.Max(scores)
	var sum float64
	for _, sc := range scores {
		sum += math.Exp(sc - top)
	}
	for _, v := range xi {
		xixi += v * v
	}
	return -(top+math.Log(sum))/beta + xixi/2 + math.Log(float64(p))/beta + m2/2
}

func floatsSum(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v
	}
	return s
}

// TestSoftmaxRetrievalBound checks Theorem 5 on 200 random separated cases
// as the research note's Q5: d 32 to 128, P up to 1000, patterns of norm 4,
// cues within 0.09 of a pattern. The bound must hold (up to the float64
// rounding of the update, 1e-13 M) and must say something (< M) in most.
func TestSoftmaxRetrievalBound(t *testing.T) {
	rng := softRand(17)
	informative := 0
	const cases = 200
	for trial := range cases {
		d := []int{32, 64, 128}[trial%3]
		p := 2 + rng.IntN(999)
		beta := []float64{1, 2, 5}[rng.IntN(3)]
		x := sphereRows(rng, p, d, 4)
		s := mustSoftmax(t, x, d, beta)
		i := rng.IntN(p)
		cue := slices.Clone(x[i*d : (i+1)*d])
		step := sphereRows(rng, 1, d, 0.09*rng.Float64())
		for k := range cue {
			cue[k] += step[k]
		}
		b := s.RetrievalBound(i, cue)
		if b.Error > b.Bound+1e-13*s.M() {
			t.Errorf("trial %d (P %d, d %d, beta %g, Delta %g): error %g above the bound %g", trial, p, d, beta, b.Separation, b.Error, b.Bound)
		}
		if b.Bound < s.M() {
			informative++
		}
	}
	if informative < cases/2 {
		t.Errorf("the bound was below M in only %d of %d cases: the test checks little", informative, cases)
	}
}

// TestSoftmaxSeparation checks Delta_i on a small case by hand.
func TestSoftmaxSeparation(t *testing.T) {
	s := mustSoftmax(t, []float64{2, 0, 1, 1, 0, -3}, 2, 1)
	// x0.x0 = 4, x0.x1 = 2, x0.x2 = 0: Delta_0 = 2. x2.x2 = 9, x2.x1 = -3, x2.x0 = 0: Delta_2 = 9.
	if d0, d2 := s.Separation(0), s.Separation(2); d0 != 2 || d2 != 9 {
		t.Errorf("Delta_0 = %v, Delta_2 = %v, want 2 and 9", d0, d2)
	}
	if d := mustSoftmax(t, []float64{1, 1}, 2, 1).Separation(0); !math.IsInf(d, 1) {
		t.Errorf("one pattern: Delta = %v, want +Inf", d)
	}
}

func TestSoftmaxWithBeta(t *testing.T) {
	s := mustSoftmax(t, []float64{1, 0, 0, 1}, 2, 1)
	s2, err := s.WithBeta(50)
	if err != nil {
		t.Fatal(err)
	}
	if s2.Beta() != 50 || s.Beta() != 1 || &s2.keys[0] != &s.keys[0] {
		t.Errorf("WithBeta: betas %v and %v, shared storage %v", s.Beta(), s2.Beta(), &s2.keys[0] == &s.keys[0])
	}
	if got := s2.Step(nil, []float64{1, 0.5}); math.Abs(got[0]-1) > 1e-9 {
		t.Errorf("beta 50 from (1, 0.5): %v, want about (1, 0)", got)
	}
}

// TestSoftmaxNoCopy: by default the patterns are copied; with NoCopy they
// are kept, and no memory is allocated (so no limit applies).
func TestSoftmaxNoCopy(t *testing.T) {
	x := []float64{1, 0, 0, 1}
	s := mustSoftmax(t, x, 2, 1)
	x[0] = 5
	if s.Key(0)[0] != 1 {
		t.Errorf("the network's copy changed with the caller's slice")
	}
	s, err := NewSoftmax(x, 2, SoftmaxConfig{Beta: 1, NoCopy: true, MemoryLimit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if &s.keys[0] != &x[0] || s.M() != 5 {
		t.Errorf("NoCopy: storage shared %v, M = %v", &s.keys[0] == &x[0], s.M())
	}
	var me *MemoryError
	if _, err := NewSoftmax(x, 2, SoftmaxConfig{Beta: 1, MemoryLimit: 1}); !errors.As(err, &me) {
		t.Errorf("a copy under the same limit: %v, want a MemoryError", err)
	}
	values := []float64{1, 2, 3, 4, 5, 6}
	kv, err := NewSoftmaxKV(x, 2, values, 3, SoftmaxConfig{Beta: 1, NoCopy: true, MemoryLimit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if &kv.keys[0] != &x[0] || &kv.values[0] != &values[0] {
		t.Errorf("NoCopy keys and values: keys shared %v, values shared %v", &kv.keys[0] == &x[0], &kv.values[0] == &values[0])
	}
}
