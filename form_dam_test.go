package hopfield

import (
	"math"
	"math/rand/v2"
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
// E = -sum_mu F(xi^mu . s), from fresh overlaps. The exponentials are
// shifted by the largest overlap c of both states, so that each sum
// S_+- = sum_mu exp(beta (m_mu - c)) is at least exp(-2 beta), and their
// difference is summed pattern by pattern, exp(beta (m_mu^- - c))
// expm1(2 beta xi_i^mu), free of cancellation between a pattern's two
// terms: the Exp field is exp(beta c) (S_+ - S_-) / 2, the LSE field
// log(S_+ / S_-) / (2 beta) as the log1p of a positive ratio.
func bruteField(e Energy, ps [][]int8, s []int8, i int) float64 {
	overlaps := func(v int8) []float64 {
		t := slices.Clone(s)
		t[i] = v
		ms := make([]float64, len(ps))
		for mu, x := range ps {
			ms[mu] = float64(dotInt8(x, t))
		}
		return ms
	}
	up, down := overlaps(1), overlaps(-1)
	switch e.Kind {
	case Poly, RectPoly:
		energy := func(ms []float64) float64 {
			var sum float64
			for _, m := range ms {
				if e.Kind == Poly || m > 0 {
					sum += math.Pow(m, float64(e.Power))
				}
			}
			return -sum
		}
		return (energy(down) - energy(up)) / 2
	}
	c := max(slices.Max(up), slices.Max(down))
	var sp, sm, diff float64
	for mu := range ps {
		sp += math.Exp(e.Beta * (up[mu] - c))
		sm += math.Exp(e.Beta * (down[mu] - c))
		diff += math.Exp(e.Beta*(down[mu]-c)) * math.Expm1(e.Beta*(up[mu]-down[mu]))
	}
	switch {
	case e.Kind == Exp:
		return math.Copysign(math.Exp(e.Beta*c+math.Log(math.Abs(diff)/2)), diff)
	case diff >= 0:
		return math.Log1p(diff/sm) / (2 * e.Beta)
	}
	return -math.Log1p(-diff/sp) / (2 * e.Beta)
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
// wants the same trajectories, also where exp's fields overflow (beta M >
// 709) or underflow (negative top overlaps: a cue anti-aligned with every
// pattern, whose fields are below 1e-308 for exp) and at large beta, where
// LSE's field is a ratio of sums hundreds of orders of magnitude apart.
// Glauber at T = 0 is deterministic too; at T > 0 the two draw with
// different probabilities (see TestDAMGlauberAtLargeBeta).
func TestDAMExpAndLSEDecideAlike(t *testing.T) {
	flipped := func(k int) func(rng *rand.Rand, ps [][]int8, trial int) []int8 {
		return func(rng *rand.Rand, ps [][]int8, trial int) []int8 {
			return flipBits(rng, ps[trial%len(ps)], k)
		}
	}
	antiAligned := func(rng *rand.Rand, ps [][]int8, trial int) []int8 { return negate(ps[0]) }
	for _, tc := range []struct {
		n, p int
		beta float64
		cue  func(rng *rand.Rand, ps [][]int8, trial int) []int8
		// near: the patterns are copies of the first with few flips, so
		// that an anti-aligned cue has every overlap negative.
		near bool
	}{
		{32, 2000, 1, flipped(8), false},
		{64, 300, 0.2, flipped(16), false},
		{2000, 20, 1, flipped(500), false},
		{64, 50, 19, flipped(16), false},
		{32, 200, 300, flipped(8), false},
		{1000, 1, 1, antiAligned, false},
		{1000, 4, 1, antiAligned, true},
		{9, 1, 300, flipped(6), false}, // top overlap -3
		{40, 3, 300, antiAligned, true},
	} {
		rng := testRand(uint64(tc.n))
		ps := randomPatterns(rng, tc.p, tc.n)
		if tc.near {
			for mu := 1; mu < tc.p; mu++ {
				ps[mu] = flipBits(rng, ps[0], 1+mu)
			}
		}
		exp := mustLearn(t, damConfig(Energy{Kind: Exp, Beta: tc.beta}), ps)
		lse := mustLearn(t, damConfig(Energy{Kind: LSE, Beta: tc.beta}), ps)
		for trial := range 5 {
			cue := tc.cue(rng, ps, trial)
			for _, tie := range []Tie{TieKeep, TiePlus} {
				if a, b := exp.IsFixedPoint(cue, tie), lse.IsFixedPoint(cue, tie); a != b {
					t.Fatalf("N = %d, P = %d, beta %v trial %d, tie %v: exp IsFixedPoint %v, lse %v", tc.n, tc.p, tc.beta, trial, tie, a, b)
				}
			}
			for _, u := range []Update{Synchronous, Asynchronous, Glauber} {
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
					t.Fatalf("N = %d, P = %d, beta %v, %v trial %d: exp and lse differ (%v/%d vs %v/%d)", tc.n, tc.p, tc.beta, u, trial, a.End, a.Steps, b.End, b.Steps)
				}
			}
		}
		if e := lse.Energy(ps[0]); math.IsInf(e, 0) || math.IsNaN(e) {
			t.Errorf("lse energy %v, want finite", e)
		}
	}
}

// TestDAMLargeBetaFields checks the exponential energies' fields where their
// sums span hundreds of orders of magnitude: beta up to MaxBeta, unknown
// neurons, negative top overlaps and the overlaps of 10^6 neurons. LSE's
// field (|h| <= 1) is within 1e-14 of the definition; exp's has the same
// sign and is within rounding of the definition (a difference of sums about
// 2 beta |h_lse| apart), or the smallest nonzero float64 where the
// definition underflows (a zero would fall to the tie rule).
func TestDAMLargeBetaFields(t *testing.T) {
	// One pattern of 8 ones and the state equal to it: LSE's field is 1
	// for every beta (it was +Inf from beta = 18.4 on, 1 - exp(-2 beta)
	// rounding to 1).
	for _, beta := range []float64{10, 19, 20, 40, 300} {
		net := mustLearn(t, damConfig(Energy{Kind: LSE, Beta: beta}), [][]int8{ones(8)})
		for i, h := range net.Fields(nil, ones(8)) {
			if math.Abs(h-1) > 1e-12 {
				t.Fatalf("lse:%v, one pattern, state = pattern: field %d is %v, want 1", beta, i, h)
			}
		}
	}
	var worst float64
	check := func(beta float64, ps [][]int8, s []int8, neurons []int) {
		t.Helper()
		lse := mustLearn(t, damConfig(Energy{Kind: LSE, Beta: beta}), ps)
		exp := mustLearn(t, damConfig(Energy{Kind: Exp, Beta: beta}), ps)
		hl, he := lse.Fields(nil, s), exp.Fields(nil, s)
		for _, i := range neurons {
			wl := bruteField(Energy{Kind: LSE, Beta: beta}, ps, s, i)
			we := bruteField(Energy{Kind: Exp, Beta: beta}, ps, s, i)
			if d := math.Abs(hl[i] - wl); !(d <= 1e-14) {
				t.Fatalf("lse:%v, N = %d, P = %d, neuron %d (s_i = %d): field %v, want %v", beta, len(s), len(ps), i, s[i], hl[i], wl)
			} else {
				worst = max(worst, d)
			}
			if (hl[i] > 0) != (he[i] > 0) || (hl[i] < 0) != (he[i] < 0) {
				t.Fatalf("beta %v, N = %d, P = %d, neuron %d: exp field %v, lse field %v: signs differ", beta, len(s), len(ps), i, he[i], hl[i])
			}
			if wl == 0 {
				continue
			}
			if math.Abs(we) < 0x1p-1022 {
				if he[i] != math.Copysign(math.SmallestNonzeroFloat64, wl) {
					t.Fatalf("exp:%v, N = %d, neuron %d: field %v, want the smallest nonzero float64 with the sign of %v", beta, len(s), i, he[i], wl)
				}
				continue
			}
			// exp's field is exp(beta c) (S_+ - S_-) / 2, a difference of
			// sums about 2 beta |h_lse| apart relative to their size, and
			// an exponential of a rounded argument about log |h|.
			tol := 1e-13*(1+1/(beta*math.Abs(wl))) + 1e-15*math.Abs(math.Log(math.Abs(we)))
			if d := math.Abs(he[i]/we - 1); !(d <= tol) && !(math.IsInf(we, 0) && he[i] == we) {
				t.Fatalf("exp:%v, N = %d, P = %d, neuron %d (s_i = %d): field %v, want %v", beta, len(s), len(ps), i, s[i], he[i], we)
			}
		}
	}
	rng := testRand(8)
	for trial := range 300 {
		n, p := 8+rng.IntN(25), 1+rng.IntN(12)
		beta := 0.01 * math.Pow(MaxBeta/0.01, rng.Float64()) // log-uniform
		if trial%10 == 0 {
			beta = MaxBeta
		}
		ps := randomPatterns(rng, p, n)
		s := flipBits(rng, ps[0], rng.IntN(n+1)) // from the pattern to its negation
		for range rng.IntN(3) {
			s[rng.IntN(n)] = 0
		}
		check(beta, ps, s, rng.Perm(n))
	}
	bigN := 1_000_000
	if testing.Short() {
		bigN = 200_000
	}
	ps := randomPatterns(rng, 4, bigN)
	for _, s := range [][]int8{flipBits(rng, ps[0], bigN/10), negate(ps[1])} {
		s[7] = 0
		for _, beta := range []float64{1e-3, 1, MaxBeta} {
			check(beta, ps, s, append(rng.Perm(bigN)[:6], 7))
		}
	}
	t.Logf("worst lse field error %.2g", worst)
}

// TestDAMTinyBeta checks the exponential energies down to the smallest
// beta Validate accepts (exp:1e-17 used to panic: 750/beta overflowed int).
// As beta -> 0 the LSE field tends to the mean of xi_i^mu over the patterns
// and the exp field to beta sum_mu xi_i^mu (one-sided: s_i = +1 here).
func TestDAMTinyBeta(t *testing.T) {
	ps := randomPatterns(testRand(10), 5, 20)
	s := flipBits(testRand(11), ps[0], 5)
	for _, beta := range []float64{1e-17, 1e-300, math.SmallestNonzeroFloat64} {
		lse := mustLearn(t, damConfig(Energy{Kind: LSE, Beta: beta}), ps)
		exp := mustLearn(t, damConfig(Energy{Kind: Exp, Beta: beta}), ps)
		hl, he := lse.Fields(nil, s), exp.Fields(nil, s)
		for i := range s {
			var sum float64
			for _, x := range ps {
				sum += float64(x[i])
			}
			if want := sum / 5; math.Abs(hl[i]-want) > 1e-12 {
				t.Errorf("lse:%v neuron %d: field %v, want %v", beta, i, hl[i], want)
			}
			want := beta * sum
			if math.Abs(he[i]-want) > 1e-12*math.Abs(want) && !(want < 0x1p-1022 && math.Abs(he[i]-want) <= 1e-3*math.Abs(want)+3*math.SmallestNonzeroFloat64) {
				t.Errorf("exp:%v neuron %d: field %v, want %v", beta, i, he[i], want)
			}
		}
	}
}

// TestDAMGlauberAtLargeBeta runs Glauber dynamics on the LSE energy at
// beta = 19, T = 1 (where LSE's fields used to be infinite and the run never
// moved) and checks the updates against the definition: each draws +1 with
// probability 1/(1+exp(-2h/T)) for the brute-force field h of the state
// before it, so the number of +1s is within 5 standard deviations of the
// sum of those probabilities.
func TestDAMGlauberAtLargeBeta(t *testing.T) {
	rng := testRand(9)
	const n, p, temp = 12, 3, 1.0
	e := Energy{Kind: LSE, Beta: 19}
	ps := randomPatterns(rng, p, n)
	net := mustLearn(t, damConfig(e), ps)
	prev := slices.Clone(ps[0])
	var ups, mean, variance float64
	res, err := net.Run(ps[0], RunOptions{Update: Glauber, Temperature: temp, MaxSteps: 200, Source: NewSource(3),
		EveryUpdate: true, Observe: func(ev *Event) error {
			if ev.Neuron < 0 {
				return nil
			}
			h := bruteField(e, ps, prev, ev.Neuron)
			q := 1 / (1 + math.Exp(-2*h/temp))
			mean += q
			variance += q * (1 - q)
			if ev.State[ev.Neuron] > 0 {
				ups++
			}
			copy(prev, ev.State)
			return nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Flips < 100 {
		t.Errorf("%d flips in %d updates at T = %v", res.Flips, res.Updates, temp)
	}
	if math.Abs(ups-mean) > 5*math.Sqrt(variance) {
		t.Errorf("%v updates gave +1, want %.1f +- %.1f", ups, mean, math.Sqrt(variance))
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
		{"exp:1e-17", Energy{Kind: Exp, Beta: 1e-17}, false},
		{"lse:5e-324", Energy{Kind: LSE, Beta: 5e-324}, false},
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
	for _, s := range []string{"poly:3", "rpoly:4", "exp", "lse:0.5", "poly:", "exp:1e400", " LSE:2 ", "poly:99999999999", "exp:1e-17", "lse:5e-324", "exp:300"} {
		f.Add(s)
	}
	ps := [][]int8{{1, -1, 1, 1}, {-1, -1, 1, -1}}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := ParseEnergy(s)
		if err != nil {
			return
		}
		if err := e.Validate(); err != nil {
			t.Fatalf("ParseEnergy(%q) = %v, which Validate refuses: %v", s, e, err)
		}
		// What Validate accepts, Learn takes (exp:1e-17 used to panic
		// sizing its table).
		net, err := Learn(damConfig(e), ps...)
		if err != nil {
			t.Fatalf("%v: %v", e, err)
		}
		for i, h := range net.Fields(nil, []int8{1, 0, -1, 1}) {
			if math.IsNaN(h) {
				t.Fatalf("%v: field %d is NaN", e, i)
			}
		}
		if back, err := ParseEnergy(e.String()); err != nil || back != e {
			t.Fatalf("ParseEnergy(%q) = %v; its String %q reads back as %v, %v", s, e, e.String(), back, err)
		}
	})
}
