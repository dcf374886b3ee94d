package hopfield

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestPatternFormMatchesDense checks that the pattern form of the Hebbian
// rule gives the same fields as the dense matrix bit for bit, and the same
// trajectories under every schedule.
func TestPatternFormMatchesDense(t *testing.T) {
	for _, tc := range []struct{ n, p int }{{50, 3}, {100, 10}, {257, 40}, {64, 1}} {
		rng := testRand(uint64(tc.n*1000 + tc.p))
		ps := randomPatterns(rng, tc.p, tc.n)
		for _, unscaled := range []bool{false, true} {
			dn := mustLearn(t, Config{Rule: Hebbian, Form: DenseForm, Unscaled: unscaled}, ps)
			pn := mustLearn(t, Config{Rule: Hebbian, Form: PatternForm, Unscaled: unscaled}, ps)
			if dn.Form() != DenseForm || pn.Form() != PatternForm {
				t.Fatalf("forms %v, %v", dn.Form(), pn.Form())
			}
			cue := flipBits(rng, ps[0], tc.n/3)
			cue[1] = Unknown
			hd := dn.Fields(make([]float64, tc.n), cue)
			hp := pn.Fields(make([]float64, tc.n), cue)
			for i := range hd {
				if math.Float64bits(hd[i]) != math.Float64bits(hp[i]) {
					t.Fatalf("N=%d P=%d field %d: dense %v, pattern %v", tc.n, tc.p, i, hd[i], hp[i])
				}
			}
			if ed, ep := dn.Energy(cue), pn.Energy(cue); ed != ep {
				t.Errorf("energy: dense %v, pattern %v", ed, ep)
			}
			for _, u := range []Update{Synchronous, Asynchronous, Permutation, Sequential} {
				opt := RunOptions{Update: u, Source: NewSource(7)}
				rd, err1 := dn.Run(cue, opt)
				opt.Source = NewSource(7)
				rp, err2 := pn.Run(cue, opt)
				if err1 != nil || err2 != nil {
					t.Fatal(err1, err2)
				}
				if !slices.Equal(rd.State, rp.State) || rd.Steps != rp.Steps || rd.Flips != rp.Flips || rd.End != rp.End {
					t.Errorf("N=%d P=%d %v: dense %+v, pattern %+v", tc.n, tc.p, u, rd, rp)
				}
			}
		}
	}
}

func TestPseudoInverseFormsAgree(t *testing.T) {
	rng := testRand(3)
	n, p := 120, 40
	ps := randomPatterns(rng, p, n)
	for _, keep := range []bool{false, true} {
		dn := mustLearn(t, Config{Rule: PseudoInverse, Form: DenseForm, KeepDiagonal: keep}, ps)
		pn := mustLearn(t, Config{Rule: PseudoInverse, Form: PatternForm, KeepDiagonal: keep}, ps)
		for trial := range 5 {
			s := randomPattern(rng, n)
			if trial == 0 {
				s = ps[0]
			}
			hd := dn.Fields(make([]float64, n), s)
			hp := pn.Fields(make([]float64, n), s)
			for i := range hd {
				if math.Abs(hd[i]-hp[i]) > 1e-9 {
					t.Fatalf("keep=%v field %d: dense %v, pattern %v", keep, i, hd[i], hp[i])
				}
			}
			if d := math.Abs(dn.Energy(s) - pn.Energy(s)); d > 1e-8 {
				t.Errorf("energies differ by %g", d)
			}
		}
		// W is a projection: with the diagonal kept, W xi = xi exactly (to rounding).
		if keep {
			h := pn.Fields(make([]float64, n), ps[5])
			for i, v := range h {
				if math.Abs(v-float64(ps[5][i])) > 1e-9 {
					t.Fatalf("W xi != xi at %d: %v", i, v)
				}
			}
		}
	}
}

// storkeyLiteral is Storkey's rule written as its definition reads, O(N^3)
// per pattern.
func storkeyLiteral(n int, ps [][]int8) [][]float64 {
	w := make([][]float64, n)
	for i := range w {
		w[i] = make([]float64, n)
	}
	for _, xi := range ps {
		h := func(i, j int) float64 {
			var s float64
			for k := range n {
				if k != i && k != j {
					s += w[i][k] * float64(xi[k])
				}
			}
			return s
		}
		next := make([][]float64, n)
		for i := range n {
			next[i] = make([]float64, n)
			for j := range n {
				if i == j {
					continue
				}
				xi_i, xi_j := float64(xi[i]), float64(xi[j])
				next[i][j] = w[i][j] + (xi_i*xi_j-xi_i*h(j, i)-h(i, j)*xi_j)/float64(n)
			}
		}
		w = next
	}
	return w
}

func TestStorkeyMatchesDefinition(t *testing.T) {
	rng := testRand(11)
	n, p := 24, 7
	ps := randomPatterns(rng, p, n)
	want := storkeyLiteral(n, ps)
	// Store one at a time and all at once: the same matrix.
	net := mustLearn(t, Config{Rule: Storkey}, ps[:3])
	if err := net.Store(ps[3:]...); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		for j := range n {
			if d := math.Abs(net.Weight(i, j) - want[i][j]); d > 1e-12 {
				t.Fatalf("w[%d][%d] = %v, definition gives %v", i, j, net.Weight(i, j), want[i][j])
			}
		}
	}
}

func TestHebbianWeights(t *testing.T) {
	ps := [][]int8{{1, -1, -1, 1, 1}, {1, 1, -1, -1, 1}}
	for _, form := range []Form{DenseForm, PatternForm} {
		net := mustLearn(t, Config{Rule: Hebbian, Form: form, Unscaled: true}, ps)
		scaled := mustLearn(t, Config{Rule: Hebbian, Form: form}, ps)
		for i := range 5 {
			for j := range 5 {
				want := 0.0
				if i != j {
					want = float64(ps[0][i]*ps[0][j] + ps[1][i]*ps[1][j])
				}
				if got := net.Weight(i, j); got != want {
					t.Errorf("%v: W[%d][%d] = %v, want %v", form, i, j, got, want)
				}
				if got := scaled.Weight(i, j); got != want/5 {
					t.Errorf("%v scaled: W[%d][%d] = %v, want %v", form, i, j, got, want/5)
				}
			}
		}
	}
}

func TestLiteralBinaryPatterns(t *testing.T) {
	// The notebook's images: 0/1 patterns fed to the outer product as they are.
	v := [][]int8{{1, 0, 1, 1}, {0, 0, 1, 1}}
	for _, form := range []Form{DenseForm, PatternForm} {
		net := mustLearn(t, Config{Rule: Hebbian, Form: form, Literal: true, Unscaled: true}, v)
		for i := range 4 {
			for j := range 4 {
				want := 0.0
				if i != j {
					want = float64(v[0][i]*v[0][j] + v[1][i]*v[1][j])
				}
				if got := net.Weight(i, j); got != want {
					t.Errorf("%v: W[%d][%d] = %v, want %v", form, i, j, got, want)
				}
			}
		}
		x := []float64{2, -1, 0, 1}
		got := net.Apply(make([]float64, 4), x)
		for i := range 4 {
			want := 0.0
			for j := range 4 {
				want += net.Weight(i, j) * x[j]
			}
			if got[i] != want {
				t.Errorf("%v: Apply[%d] = %v, want %v", form, i, got[i], want)
			}
		}
	}
	if _, err := Learn(Config{Rule: Hebbian}, []int8{0, 1}); err == nil {
		t.Error("0/1 pattern accepted without Literal")
	}
}

func TestBadArguments(t *testing.T) {
	good := []int8{1, -1, 1, 1}
	for _, tc := range []struct {
		name string
		run  func() error
		want string
	}{
		{"no patterns", func() error { _, err := Learn(Config{Rule: Hebbian}); return err }, "no patterns"},
		{"lengths differ", func() error { _, err := Learn(Config{Rule: Hebbian}, good, []int8{1, 1}); return err }, "pattern 1: has 2 values, want 4"},
		{"bad value", func() error { _, err := Learn(Config{Rule: Storkey}, []int8{1, 2, -1, 1}); return err }, "value 2 at neuron 1"},
		{"not a rule", func() error { _, err := New(4, Config{Rule: Rule(99)}); return err }, "Rule"},
		{"zero neurons", func() error { _, err := New(0, Config{Rule: Hebbian}); return err }, "at least one neuron"},
		{"storkey pattern form", func() error { _, err := New(4, Config{Rule: Storkey, Form: PatternForm}); return err }, "no pattern form"},
		{"dependent", func() error {
			_, err := Learn(Config{Rule: PseudoInverse}, good, good)
			return err
		}, "linearly dependent"},
		{"too many for pinv", func() error {
			_, err := Learn(Config{Rule: PseudoInverse}, good, negate(good), good, good, good)
			return err
		}, "linearly dependent"},
		{"non-square weights", func() error {
			_, err := NewFromWeights(mat.NewDense(2, 3, nil), WeightOptions{})
			return err
		}, "2 x 3"},
		{"NaN weight", func() error {
			_, err := NewFromWeights(mat.NewDense(2, 2, []float64{0, math.NaN(), 1, 0}), WeightOptions{})
			return err
		}, "weight (0, 1) is NaN"},
		{"Inf threshold", func() error {
			_, err := NewFromWeights(mat.NewDense(2, 2, nil), WeightOptions{Thresholds: []float64{0, math.Inf(1)}})
			return err
		}, "threshold 1 is +Inf"},
		{"negative temperature", func() error {
			net := mustLearn(t, Config{Rule: Hebbian}, [][]int8{good})
			_, err := net.Run(good, RunOptions{Update: Glauber, Temperature: -1, Source: NewSource(1)})
			return err
		}, "temperature -1"},
		{"cue length", func() error {
			net := mustLearn(t, Config{Rule: Hebbian}, [][]int8{good})
			_, err := net.Run([]int8{1, 1}, RunOptions{})
			return err
		}, "cue: state has 2 neurons, want 4"},
		{"cue value", func() error {
			net := mustLearn(t, Config{Rule: Hebbian}, [][]int8{good})
			_, err := net.Run([]int8{1, 1, 3, 1}, RunOptions{})
			return err
		}, "value 3 at neuron 2"},
		{"binary cue value", func() error {
			net, _ := NewFromWeights(mat.NewDense(2, 2, nil), WeightOptions{Neurons: Binary})
			_, err := net.Run([]int8{1, -1}, RunOptions{})
			return err
		}, "want 0 or 1"},
		{"no source", func() error {
			net := mustLearn(t, Config{Rule: Hebbian}, [][]int8{good})
			_, err := net.Run(good, RunOptions{Update: Asynchronous})
			return err
		}, "need RunOptions.Source"},
		{"memory limit", func() error {
			_, err := Learn(Config{Rule: Storkey, MemoryLimit: 1000}, ones(100))
			return err
		}, "over the memory limit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// Every int8 value is accepted in a stored pattern exactly when it is -1 or
// +1 (0 or 1 with Literal), and an error names the value and the neuron.
func TestStoreChecksEveryValue(t *testing.T) {
	for _, literal := range []bool{false, true} {
		low := int8(-1)
		if literal {
			low = 0
		}
		for v := math.MinInt8; v <= math.MaxInt8; v++ {
			x := make([]int8, 100)
			for i := range x {
				x[i] = low + int8(i%3%2)*(1-low)
			}
			x[37] = int8(v)
			_, err := Learn(Config{Rule: Hebbian, Literal: literal}, x)
			valid := int8(v) == 1 || int8(v) == low
			switch {
			case valid && err != nil:
				t.Errorf("Literal %v, value %d: %v", literal, v, err)
			case !valid && (err == nil || !strings.Contains(err.Error(), fmt.Sprintf("value %d at neuron 37", v))):
				t.Errorf("Literal %v, value %d: error %v, want one naming the value at neuron 37", literal, v, err)
			}
		}
	}
}

func TestMemoryErrorSaysHowMuch(t *testing.T) {
	_, err := Learn(Config{Rule: Hebbian, Form: DenseForm, MemoryLimit: 1 << 30}, ones(100000))
	var me *MemoryError
	if !errors.As(err, &me) {
		t.Fatalf("got %v, want a *MemoryError", err)
	}
	if me.Need != int8Bytes(100000) || !strings.Contains(err.Error(), "9.3 GiB") {
		t.Errorf("error %q, need %d", err, me.Need)
	}
	// The pattern form of the same network fits easily.
	if _, err := Learn(Config{Rule: Hebbian, MemoryLimit: 1 << 30}, ones(100000)); err != nil {
		t.Fatal(err)
	}
}

func TestDeterministicAcrossGOMAXPROCS(t *testing.T) {
	rng := testRand(5)
	n := 3000
	ps := randomPatterns(rng, 20, n)
	cue := flipBits(rng, ps[0], n/4)
	run := func(procs int) [][]int8 {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		var out [][]int8
		for _, form := range []Form{DenseForm, PatternForm} {
			for _, rule := range []Rule{Hebbian, PseudoInverse} {
				net := mustLearn(t, Config{Rule: rule, Form: form}, ps)
				for _, u := range []Update{Synchronous, Asynchronous, Glauber} {
					opt := RunOptions{Update: u, Source: NewSource(9), MaxSteps: 5}
					if u == Glauber {
						opt.Temperature = 0.3
					}
					res, err := net.Run(cue, opt)
					if err != nil {
						t.Fatal(err)
					}
					out = append(out, res.State)
				}
			}
		}
		return out
	}
	one, many := run(1), run(4)
	for k := range one {
		if !slices.Equal(one[k], many[k]) {
			t.Fatalf("run %d differs between GOMAXPROCS=1 and 4", k)
		}
	}
}

func TestOverlaps(t *testing.T) {
	rng := testRand(51)
	ps := randomPatterns(rng, 7, 150)
	for _, cfg := range []Config{{Rule: Hebbian}, {Rule: Hebbian, Form: DenseForm}, {Rule: Storkey}, {Rule: PseudoInverse}} {
		net := mustLearn(t, cfg, ps)
		s := flipBits(rng, ps[2], 40)
		s[7] = Unknown
		got := net.Overlaps(nil, s)
		for mu, x := range ps {
			if want := Overlap(s, x); got[mu] != want {
				t.Errorf("%v: m[%d] = %v, want %v", cfg.Rule, mu, got[mu], want)
			}
		}
	}
}

// TestZeroConfigIsHebbian checks that Config{} learns the Hebbian weights
// w_ij = (1/N) sum_mu xi_i^mu xi_j^mu, w_ii = 0, summed here by hand, in
// both forms AutoForm picks (pattern for 2P <= N, dense beyond).
func TestZeroConfigIsHebbian(t *testing.T) {
	const n = 40
	forms := map[Form]bool{}
	for _, p := range []int{3, 30} {
		ps := randomPatterns(testRand(3), p, n)
		net := mustLearn(t, Config{}, ps)
		if net.Rule() != Hebbian || !net.HasWeights() {
			t.Fatalf("Config{}: rule %v, has weights %v; want hebbian with weights", net.Rule(), net.HasWeights())
		}
		forms[net.Form()] = true
		for i := range n {
			for j := range n {
				var want float64
				if i != j {
					var sum int
					for _, x := range ps {
						sum += int(x[i]) * int(x[j])
					}
					want = float64(sum) / n
				}
				if got := net.Weight(i, j); math.Abs(got-want) > 1e-15 {
					t.Fatalf("Config{} with P = %d (%v form): w_%d,%d = %v, want %v", p, net.Form(), i, j, got, want)
				}
			}
		}
	}
	if !forms[PatternForm] || !forms[DenseForm] {
		t.Errorf("forms %v: want both", forms)
	}
}

// TestHasWeights: every rule has a weight matrix, all zero before Store,
// but the dense associative memory, which has none even before Store;
// reading it panics.
func TestHasWeights(t *testing.T) {
	for _, rule := range Rules() {
		cfg := Config{Rule: rule, Energy: Energy{Kind: Poly, Power: 3}}
		empty, err := New(8, cfg)
		if err != nil {
			t.Fatal(err)
		}
		full := mustLearn(t, cfg, randomPatterns(testRand(4), 2, 8))
		want := rule != DenseAM
		for _, net := range []*Network{empty, full} {
			if net.HasWeights() != want {
				t.Errorf("%v with %d patterns: HasWeights %v, want %v", rule, net.P(), net.HasWeights(), want)
			}
			for name, read := range map[string]func(){
				"Weight":       func() { net.Weight(0, 1) },
				"Apply":        func() { net.Apply(nil, make([]float64, 8)) },
				"WeightBlocks": func() { net.WeightBlocks(2) },
			} {
				if panicked := didPanic(read); panicked == want {
					t.Errorf("%v with %d patterns: %s panicked %v, want %v", rule, net.P(), name, panicked, !want)
				}
			}
		}
		if want && empty.Weight(0, 1) != 0 {
			t.Errorf("%v before Store: w_01 = %v, want 0", rule, empty.Weight(0, 1))
		}
	}
}

// TestValidateNamesTheOption checks that RunOptions.Validate says which
// option is wrong, so that callers can word it as their flag or field.
func TestValidateNamesTheOption(t *testing.T) {
	for _, tc := range []struct {
		opt   RunOptions
		field string
		is    error
	}{
		{RunOptions{Update: Update(9)}, "update", nil},
		{RunOptions{Tie: Tie(7)}, "tie", nil},
		{RunOptions{Update: Glauber, Temperature: math.NaN(), Source: NewSource(1)}, "temperature", nil},
		{RunOptions{Temperature: 0.5}, "temperature", ErrTemperatureNotGlauber},
		{RunOptions{MaxSteps: -1}, "max_steps", nil},
		{RunOptions{Update: Permutation}, "source", ErrNoSource},
	} {
		var oe *OptionError
		err := tc.opt.Validate()
		if !errors.As(err, &oe) || oe.Field != tc.field || (tc.is != nil && !errors.Is(err, tc.is)) {
			t.Errorf("%+v: error %v, want an OptionError for %s", tc.opt, err, tc.field)
		}
	}
	if err := (RunOptions{Update: Glauber, Temperature: 0.3, Source: NewSource(1)}).Validate(); err != nil {
		t.Errorf("valid options: %v", err)
	}
}
