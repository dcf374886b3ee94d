package hopfield

import (
	"math"
	"slices"
	"strings"
	"testing"
)

var damEnergies = []Energy{
	{Kind: Poly, Power: 2}, {Kind: Poly, Power: 3}, {Kind: Poly, Power: 4},
	{Kind: RectPoly, Power: 3}, {Kind: RectPoly, Power: 4},
	{Kind: Exp, Beta: 1}, {Kind: Exp, Beta: 0.05}, {Kind: LSE, Beta: 1}, {Kind: LSE, Beta: 7},
}

func damConfig(e Energy) Config { return Config{Rule: DenseAM, Energy: e} }

// bruteField is h_i = (E(s_i = -1) - E(s_i = +1)) / 2 from the definition,
// E = -sum_mu F(xi^mu . s), in float64 with a shift for the exponentials.
func bruteField(e Energy, ps [][]int8, s []int8, i int) float64 {
	energy := func(v int8) float64 {
		t := slices.Clone(s)
		t[i] = v
		ms := make([]float64, len(ps))
		for mu, x := range ps {
			ms[mu] = float64(dotInt8(x, t))
		}
		var sum float64
		switch e.Kind {
		case Poly, RectPoly:
			for _, m := range ms {
				if e.Kind == Poly || m > 0 {
					sum += math.Pow(m, float64(e.Power))
				}
			}
			return -sum
		}
		for _, m := range ms {
			sum += math.Exp(e.Beta * m)
		}
		if e.Kind == LSE {
			return -math.Log(sum) / e.Beta
		}
		return -sum
	}
	return (energy(-1) - energy(1)) / 2
}

// TestDAMFieldIsTheEnergyDifference checks every field, from known and
// unknown neurons, against the energies at s_i = -1 and +1.
func TestDAMFieldIsTheEnergyDifference(t *testing.T) {
	rng := testRand(1)
	const n, p = 24, 30
	ps := randomPatterns(rng, p, n)
	for _, e := range damEnergies {
		t.Run(e.String(), func(t *testing.T) {
			net := mustLearn(t, damConfig(e), ps)
			for trial := range 5 {
				s := flipBits(rng, ps[trial], 5)
				for _, i := range rng.Perm(n)[:4] {
					s[i] = 0
				}
				h := net.Fields(nil, s)
				for i := range n {
					want := bruteField(e, ps, s, i)
					if math.Abs(h[i]-want) > 1e-9*math.Max(1, math.Abs(want)) {
						t.Fatalf("trial %d neuron %d (s_i = %d): field %v, want %v", trial, i, s[i], h[i], want)
					}
				}
			}
		})
	}
}

// TestDAMPolyTwoIsHebbian checks that poly:2 and the classic Hebbian rule
// give identical trajectories under every schedule: the dense fields are
// 2N times the scaled Hebbian ones, so Glauber at 2N T matches T.
func TestDAMPolyTwoIsHebbian(t *testing.T) {
	rng := testRand(2)
	const n, p = 60, 6
	ps := randomPatterns(rng, p, n)
	hebb := mustLearn(t, Config{}, ps)
	dense := mustLearn(t, damConfig(Energy{Kind: Poly, Power: 2}), ps)
	cue := flipBits(rng, ps[0], 20)
	for _, u := range []Update{Synchronous, Asynchronous, Permutation, Sequential, Glauber} {
		t.Run(u.String(), func(t *testing.T) {
			run := func(net *Network, temp float64) Result {
				opt := RunOptions{Update: u, MaxSteps: 50, Source: NewSource(7)}
				if u == Glauber {
					opt.Temperature = temp
				}
				res, err := net.Run(cue, opt)
				if err != nil {
					t.Fatal(err)
				}
				return res
			}
			a, b := run(hebb, 0.3), run(dense, 0.3*2*n)
			if !slices.Equal(a.State, b.State) || a.End != b.End || a.Steps != b.Steps || a.Flips != b.Flips {
				t.Errorf("hebbian %v after %d steps, %d flips; dense poly:2 %v after %d steps, %d flips", a.End, a.Steps, a.Flips, b.End, b.Steps, b.Flips)
			}
		})
	}
	h, d := hebb.Fields(nil, cue), dense.Fields(nil, cue)
	for i := range h {
		if d[i] != 2*n*h[i] && math.Abs(d[i]-2*n*h[i]) > 1e-9 {
			t.Fatalf("neuron %d: dense field %v, want 2N x hebbian %v", i, d[i], h[i])
		}
	}
}

// TestDAMEnergyNeverIncreases runs asynchronous dynamics for every F and
// checks the energy after every update.
func TestDAMEnergyNeverIncreases(t *testing.T) {
	rng := testRand(3)
	const n, p = 40, 60
	ps := randomPatterns(rng, p, n)
	for _, e := range damEnergies {
		t.Run(e.String(), func(t *testing.T) {
			net := mustLearn(t, damConfig(e), ps)
			for trial := range 3 {
				prev, checked := math.Inf(1), 0
				_, err := net.Run(flipBits(rng, ps[trial], 12), RunOptions{Update: Asynchronous, MaxSteps: 30, Source: NewSource(uint64(trial)),
					EveryUpdate: true, Observe: func(ev *Event) error {
						en := ev.Energy()
						if en > prev+1e-9*math.Abs(prev) {
							t.Fatalf("energy rose from %v to %v at update %d", prev, en, ev.Updates)
						}
						prev, checked = en, checked+1
						return nil
					}})
				if err != nil {
					t.Fatal(err)
				}
				if checked < n {
					t.Fatalf("only %d energies observed", checked)
				}
			}
		})
	}
}

// fixedFraction returns the fraction of the p stored patterns that are
// fixed points (a tie counts as unstable: the field must have the
// pattern's sign).
func fixedFraction(t *testing.T, cfg Config, n, p int, seed uint64) float64 {
	ps := randomPatterns(testRand(seed), p, n)
	net := mustLearn(t, cfg, ps)
	fixed := 0
	h := make([]float64, n)
	for _, x := range ps {
		net.Fields(h, x)
		stable := true
		for i, v := range x {
			stable = stable && h[i]*float64(v) > 0
		}
		if stable {
			fixed++
		}
	}
	return float64(fixed) / float64(p)
}

// TestDAMCapacityBand checks the N^(n-1) capacity of poly:3 at N = 100
// against an independent simulation (0.995 fixed at P = 200, 0.165 at
// P = 800), and the classic n = 2 numbers (0.80 at P = 14, 0.40 at 20).
func TestDAMCapacityBand(t *testing.T) {
	const n = 100
	var at200, at800 float64
	for seed := range uint64(5) {
		at200 += fixedFraction(t, damConfig(Energy{Kind: Poly, Power: 3}), n, 200, seed) / 5
		at800 += fixedFraction(t, damConfig(Energy{Kind: Poly, Power: 3}), n, 800, seed) / 5
	}
	if at200 < 0.97 || at800 >= 0.35 {
		t.Errorf("poly:3 at N = 100: %.3f of 200 patterns fixed (want >= 0.97), %.3f of 800 (want < 0.35)", at200, at800)
	}
	var at14 float64
	for seed := range uint64(40) {
		at14 += fixedFraction(t, damConfig(Energy{Kind: Poly, Power: 2}), n, 14, seed) / 40
	}
	if at14 < 0.65 || at14 > 0.92 {
		t.Errorf("poly:2 at N = 100: %.3f of 14 patterns fixed, want about 0.80", at14)
	}
}

// TestDAMExpAndLSEDecideAlike runs both from the same cues and seeds and
// wants the same trajectories, also where exp's fields overflow.
func TestDAMExpAndLSEDecideAlike(t *testing.T) {
	for _, tc := range []struct {
		n, p int
		beta float64
	}{{32, 2000, 1}, {64, 300, 0.2}, {2000, 20, 1}} {
		rng := testRand(uint64(tc.n))
		ps := randomPatterns(rng, tc.p, tc.n)
		exp := mustLearn(t, damConfig(Energy{Kind: Exp, Beta: tc.beta}), ps)
		lse := mustLearn(t, damConfig(Energy{Kind: LSE, Beta: tc.beta}), ps)
		for trial := range 5 {
			cue := flipBits(rng, ps[trial], tc.n/4)
			for _, u := range []Update{Synchronous, Asynchronous} {
				opt := RunOptions{Update: u, MaxSteps: 30, Source: NewSource(uint64(trial))}
				a, err := exp.Run(cue, opt)
				if err != nil {
					t.Fatal(err)
				}
				opt.Source = NewSource(uint64(trial))
				b, err := lse.Run(cue, opt)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(a.State, b.State) || a.Steps != b.Steps || a.Updates != b.Updates {
					t.Fatalf("N = %d, P = %d, %v trial %d: exp and lse differ (%v/%d vs %v/%d)", tc.n, tc.p, u, trial, a.End, a.Steps, b.End, b.Steps)
				}
			}
		}
		if e := lse.Energy(ps[0]); math.IsInf(e, 0) || math.IsNaN(e) {
			t.Errorf("lse energy %v, want finite", e)
		}
	}
}

// TestDAMExponentialCapacity recalls from 10% noise with P = 4096 stored
// patterns of N = 32 neurons, 128 times the classic capacity.
func TestDAMExponentialCapacity(t *testing.T) {
	const n, p, trials = 32, 4096, 40
	rng := testRand(4)
	ps := randomPatterns(rng, p, n)
	net := mustLearn(t, damConfig(Energy{Kind: LSE, Beta: 1}), ps)
	exact := 0
	for trial := range trials {
		x := ps[rng.IntN(p)]
		res, err := net.Run(flipBits(rng, x, 3), RunOptions{Update: Asynchronous, MaxSteps: 50, Source: NewSource(uint64(trial))})
		if err != nil {
			t.Fatal(err)
		}
		if slices.Equal(res.State, x) {
			exact++
		}
	}
	if exact < trials*95/100 {
		t.Errorf("recalled %d of %d exactly, want at least 95%%", exact, trials)
	}
}

// TestDAMPowerOutOfRange refuses a power whose energies leave float64.
func TestDAMPowerOutOfRange(t *testing.T) {
	ps := randomPatterns(testRand(6), 3, 2000)
	_, err := Learn(damConfig(Energy{Kind: Poly, Power: 100}), ps...)
	if err == nil || !strings.Contains(err.Error(), "beyond float64's range") {
		t.Errorf("poly:100 on 2000 neurons: error %v", err)
	}
}

// TestDAMInexactPolynomial checks the rounded path (large N^n) against the
// definition.
func TestDAMInexactPolynomial(t *testing.T) {
	rng := testRand(5)
	const n, p = 200, 10
	e := Energy{Kind: Poly, Power: 9}
	if damExact(n, p, e.Power) {
		t.Fatal("the case is meant to be inexact")
	}
	ps := randomPatterns(rng, p, n)
	net := mustLearn(t, damConfig(e), ps)
	s := flipBits(rng, ps[0], 60)
	h := net.Fields(nil, s)
	for i := range n {
		want := bruteField(e, ps, s, i)
		if math.Abs(h[i]-want) > 1e-12*math.Abs(want) {
			t.Fatalf("neuron %d: field %v, want %v", i, h[i], want)
		}
	}
}

func TestParseEnergy(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Energy
		err  bool
	}{
		{"poly:3", Energy{Kind: Poly, Power: 3}, false},
		{"rpoly:4", Energy{Kind: RectPoly, Power: 4}, false},
		{"exp", Energy{Kind: Exp, Beta: 1}, false},
		{"lse:0.5", Energy{Kind: LSE, Beta: 0.5}, false},
		{"poly:1", Energy{}, true},
		{"poly:-2", Energy{}, true},
		{"poly:101", Energy{}, true},
		{"poly", Energy{}, true},
		{"exp:nan", Energy{}, true},
		{"exp:inf", Energy{}, true},
		{"lse:0", Energy{}, true},
		{"cubic", Energy{}, true},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseEnergy(tc.in)
			if (err != nil) != tc.err || (!tc.err && got != tc.want) {
				t.Fatalf("ParseEnergy(%q) = %v, %v; want %v, error %v", tc.in, got, err, tc.want, tc.err)
			}
			if !tc.err {
				if back, err := ParseEnergy(got.String()); err != nil || back != got {
					t.Errorf("round trip through %q gave %v, %v", got.String(), back, err)
				}
			}
		})
	}
}

// FuzzParseEnergy checks that ParseEnergy never panics and that what it
// accepts is valid and reads back from its String.
func FuzzParseEnergy(f *testing.F) {
	for _, s := range []string{"poly:3", "rpoly:4", "exp", "lse:0.5", "poly:", "exp:1e400", " LSE:2 ", "poly:99999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := ParseEnergy(s)
		if err != nil {
			return
		}
		if err := e.Validate(); err != nil {
			t.Fatalf("ParseEnergy(%q) = %v, which Validate refuses: %v", s, e, err)
		}
		if back, err := ParseEnergy(e.String()); err != nil || back != e {
			t.Fatalf("ParseEnergy(%q) = %v; its String %q reads back as %v, %v", s, e, e.String(), back, err)
		}
	})
}
