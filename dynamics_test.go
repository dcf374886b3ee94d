package hopfield

import (
	"errors"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// randomSymmetric returns a symmetric matrix with zero diagonal and
// Gaussian entries.
func randomSymmetric(seed uint64, n int) *mat.Dense {
	rng := testRand(seed)
	w := mat.NewDense(n, n, nil)
	for i := range n {
		for j := i + 1; j < n; j++ {
			v := rng.NormFloat64()
			w.Set(i, j, v)
			w.Set(j, i, v)
		}
	}
	return w
}

func TestEnergyNeverIncreasesAsync(t *testing.T) {
	for seed := range uint64(60) {
		n := 10 + int(seed)*3
		var net *Network
		var err error
		switch seed % 3 {
		case 0:
			net, err = NewFromWeights(randomSymmetric(seed, n), WeightOptions{})
		case 1:
			net, err = Learn(Config{Rule: Hebbian}, randomPatterns(testRand(seed), 1+n/5, n)...)
		case 2:
			net, err = Learn(Config{Rule: Storkey}, randomPatterns(testRand(seed), 1+n/5, n)...)
		}
		if err != nil {
			t.Fatal(err)
		}
		cue := randomPattern(testRand(seed+100), n)
		last := math.Inf(1)
		for _, u := range []Update{Asynchronous, Permutation, Sequential} {
			last = math.Inf(1)
			_, err := net.Run(cue, RunOptions{Update: u, Source: NewSource(seed), EveryUpdate: true, Observe: func(e *Event) error {
				E := e.Energy()
				if E > last+1e-9*math.Max(1, math.Abs(last)) {
					t.Fatalf("seed %d %v: energy rose from %v to %v at update %d", seed, u, last, E, e.Updates)
				}
				last = E
				return nil
			}})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestHebbianEnergyFormula(t *testing.T) {
	rng := testRand(2)
	n, p := 200, 7
	ps := randomPatterns(rng, p, n)
	for _, form := range []Form{DenseForm, PatternForm} {
		net := mustLearn(t, Config{Rule: Hebbian, Form: form}, ps)
		_, err := net.Run(flipBits(rng, ps[2], 60), RunOptions{Update: Permutation, Source: NewSource(1), Observe: func(e *Event) error {
			var sum float64
			for _, m := range e.Overlaps(nil) {
				sum += m * m
			}
			want := -float64(n)/2*sum + float64(p)/2
			if got := e.Energy(); math.Abs(got-want) > 1e-12*math.Abs(want) {
				t.Errorf("%v step %d: energy %v, formula %v", form, e.Step, got, want)
			}
			return nil
		}})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestSyncEndsInFixedPointOrTwoCycle(t *testing.T) {
	// Two neurons that inhibit each other swap between (+,+) and (-,-).
	w := mat.NewDense(2, 2, []float64{0, -1, -1, 0})
	net, err := NewFromWeights(w, WeightOptions{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := net.Run([]int8{1, 1}, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.End != Cycle || res.Steps != 2 {
		t.Errorf("got %v after %d steps, want a 2-cycle after 2", res.End, res.Steps)
	}
	for seed := range uint64(40) {
		n := 30
		net, err := NewFromWeights(randomSymmetric(seed, n), WeightOptions{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := net.Run(randomPattern(testRand(seed), n), RunOptions{MaxSteps: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if res.End != FixedPoint && res.End != Cycle {
			t.Errorf("seed %d: ended at %v", seed, res.End)
		}
	}
}

func allFixed(net *Network, ps [][]int8) bool {
	for _, x := range ps {
		if !net.IsFixedPoint(x, TieKeep) {
			return false
		}
	}
	return true
}

func TestHebbianStoresUpToMcEliece(t *testing.T) {
	for _, n := range []int{100, 200, 500} {
		p := int(math.Floor(float64(n) / (4 * math.Log(float64(n)))))
		const networks = 50
		good := 0
		for seed := range uint64(networks) {
			ps := randomPatterns(testRand(seed*7919+uint64(n)), p, n)
			net := mustLearn(t, Config{Rule: Hebbian}, ps)
			if allFixed(net, ps) {
				good++
			}
			for _, x := range ps {
				if net.IsFixedPoint(x, TieKeep) != net.IsFixedPoint(negate(x), TieKeep) {
					t.Fatalf("N=%d seed %d: xi and -xi differ in stability", n, seed)
				}
			}
		}
		if good < networks*9/10 {
			t.Errorf("N=%d P=%d: every pattern fixed in %d/%d networks, want >= 90%%", n, p, good, networks)
		}
	}
}

func TestStorkeyBeatsHebbian(t *testing.T) {
	n, p := 100, 30
	var storkey, hebb, total int
	for seed := range uint64(10) {
		ps := randomPatterns(testRand(seed+500), p, n)
		sn := mustLearn(t, Config{Rule: Storkey}, ps)
		hn := mustLearn(t, Config{Rule: Hebbian}, ps)
		for _, x := range ps {
			total++
			if sn.IsFixedPoint(x, TieKeep) {
				storkey++
			}
			if hn.IsFixedPoint(x, TieKeep) {
				hebb++
			}
			if sn.IsFixedPoint(x, TieKeep) != sn.IsFixedPoint(negate(x), TieKeep) {
				t.Fatal("Storkey: xi and -xi differ in stability")
			}
		}
	}
	if float64(storkey) < 0.97*float64(total) {
		t.Errorf("Storkey: %d/%d patterns fixed, want >= 97%%", storkey, total)
	}
	if float64(hebb) >= 0.10*float64(total) {
		t.Errorf("Hebbian: %d/%d patterns fixed, want < 10%%", hebb, total)
	}
}

func TestPseudoInverseStoresEveryPattern(t *testing.T) {
	for _, n := range []int{50, 100} {
		for _, p := range []int{n / 10, n / 2, 9 * n / 10} {
			ps := randomPatterns(testRand(uint64(n+p)), p, n)
			for _, keep := range []bool{false, true} {
				net := mustLearn(t, Config{Rule: PseudoInverse, KeepDiagonal: keep}, ps)
				for mu, x := range ps {
					if !net.IsFixedPoint(x, TieKeep) || !net.IsFixedPoint(negate(x), TieKeep) {
						t.Fatalf("N=%d P=%d keep=%v: pattern %d (or its reverse) not fixed", n, p, keep, mu)
					}
				}
			}
		}
	}
}

func TestNotebookFiveNeurons(t *testing.T) {
	csi := []int8{1, -1, -1, 1, 1}
	net := mustLearn(t, Config{Rule: Hebbian, Unscaled: true}, [][]int8{csi})
	rng := testRand(1)
	for trial := range 200 {
		start := randomPattern(rng, 5)
		for _, tie := range []Tie{TieKeep, TieMinus, TiePlus} {
			res, err := net.Run(start, RunOptions{MaxSteps: 9, Tie: tie})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(res.State, csi) && !slices.Equal(res.State, negate(csi)) {
				t.Fatalf("trial %d tie %v: from %v ended at %v (%v)", trial, tie, start, res.State, res.End)
			}
		}
	}
}

func TestUnknownNeuronsTakeAValue(t *testing.T) {
	xi := []int8{1, -1, 1, 1, -1, -1, 1, -1}
	net := mustLearn(t, Config{Rule: Hebbian}, [][]int8{xi})
	cue := slices.Clone(xi)
	for i := 4; i < 8; i++ {
		cue[i] = Unknown
	}
	for _, u := range []Update{Synchronous, Sequential, Permutation, Asynchronous} {
		res, err := net.Run(cue, RunOptions{Update: u, Source: NewSource(3)})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(res.State, xi) || res.End != FixedPoint {
			t.Errorf("%v: %v (%v), want %v", u, res.State, res.End, xi)
		}
	}
	// An all-unknown cue has zero field everywhere: keep gives +1, minus -1.
	blank := make([]int8, 8)
	res, _ := net.Run(blank, RunOptions{MaxSteps: 1})
	if !slices.Equal(res.State, ones(8)) {
		t.Errorf("keep on unknown: %v, want all +1", res.State)
	}
	res, _ = net.Run(blank, RunOptions{MaxSteps: 1, Tie: TieMinus})
	if !slices.Equal(res.State, negate(ones(8))) {
		t.Errorf("minus on unknown: %v, want all -1", res.State)
	}
}

func TestClampedNeuronsHold(t *testing.T) {
	rng := testRand(4)
	ps := randomPatterns(rng, 2, 40)
	net := mustLearn(t, Config{Rule: Hebbian}, ps)
	cue := slices.Clone(ps[1])
	clamp := make([]bool, 40)
	for i := range 30 {
		cue[i] = ps[0][i]
		clamp[i] = true
	}
	for _, u := range []Update{Synchronous, Permutation} {
		res, err := net.Run(cue, RunOptions{Update: u, Clamp: clamp, Source: NewSource(1)})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(res.State[:30], ps[0][:30]) {
			t.Errorf("%v: clamped neurons changed", u)
		}
		if !slices.Equal(res.State, ps[0]) {
			t.Errorf("%v: free neurons did not complete pattern 0", u)
		}
	}
}

func TestBinaryNeuronsThreshold(t *testing.T) {
	// The notebook's first cell: 0/1 neurons, V_i = 1 if sum_j T_ij V_j > U.
	rng := testRand(8)
	n := 20
	w := mat.NewDense(n, n, nil)
	for i := range n {
		for j := range n {
			w.Set(i, j, rng.Float64())
		}
	}
	theta := make([]float64, n)
	for i := range theta {
		theta[i] = 2.5
	}
	net, err := NewFromWeights(w, WeightOptions{Thresholds: theta, Neurons: Binary})
	if err != nil {
		t.Fatal(err)
	}
	start := make([]int8, n)
	for i := range start {
		start[i] = int8(rng.IntN(2))
	}
	var prev []int8
	_, err = net.Run(start, RunOptions{Update: Asynchronous, Tie: TieMinus, MaxUpdates: 200, Source: NewSource(2), EveryUpdate: true,
		Observe: func(e *Event) error {
			if e.Neuron >= 0 {
				var h float64
				for j := range n {
					h += w.At(e.Neuron, j) * float64(prev[j])
				}
				want := int8(0)
				if h > 2.5 {
					want = 1
				}
				if e.State[e.Neuron] != want {
					t.Fatalf("update %d: neuron %d = %d, field %v", e.Updates, e.Neuron, e.State[e.Neuron], h)
				}
				for j := range n {
					if j != e.Neuron && e.State[j] != prev[j] {
						t.Fatalf("update %d changed neuron %d besides %d", e.Updates, j, e.Neuron)
					}
				}
			}
			prev = slices.Clone(e.State)
			return nil
		}})
	if err != nil {
		t.Fatal(err)
	}
}

func TestMaxUpdatesAndObserverStop(t *testing.T) {
	rng := testRand(6)
	xi := randomPattern(rng, 100)
	net := mustLearn(t, Config{Rule: Hebbian}, [][]int8{xi})
	cue := slices.Clone(xi)
	copy(cue[75:], randomPattern(rng, 25))
	var errs []int
	res, err := net.Run(cue, RunOptions{Update: Asynchronous, MaxUpdates: 1000, MaxSteps: 1000, Source: NewSource(1), EveryUpdate: true,
		Observe: func(e *Event) error {
			errs = append(errs, ErrorSum(e.State, xi))
			return nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	if errs[len(errs)-1] != 0 || !slices.Equal(res.State, xi) || res.End != FixedPoint {
		t.Errorf("75%% cue not recalled: %+v", res)
	}
	if res.Updates > 1000 || len(errs) != res.Updates+1 {
		t.Errorf("%d updates, %d observations", res.Updates, len(errs))
	}
	stop := errors.New("enough")
	res, err = net.Run(cue, RunOptions{Update: Asynchronous, Source: NewSource(1), EveryUpdate: true,
		Observe: func(e *Event) error {
			if e.Updates == 10 {
				return stop
			}
			return nil
		}})
	if err != stop || res.End != Stopped || res.Updates != 10 {
		t.Errorf("stop: %v, %+v", err, res)
	}
	res, _ = net.Run(cue, RunOptions{Update: Asynchronous, Source: NewSource(1), MaxUpdates: 7})
	if res.Updates != 7 || res.End != StepLimit {
		t.Errorf("MaxUpdates 7: %+v", res)
	}
}

func TestGlauberTemperature(t *testing.T) {
	rng := testRand(12)
	n := 400
	xi := randomPattern(rng, n)
	net := mustLearn(t, Config{Rule: Hebbian}, [][]int8{xi})
	overlap := func(temp float64) float64 {
		res, err := net.Run(xi, RunOptions{Update: Glauber, Temperature: temp, MaxSteps: 30, Source: NewSource(5)})
		if err != nil {
			t.Fatal(err)
		}
		return math.Abs(Overlap(res.State, xi))
	}
	// Mean field with one pattern: m = tanh(m/T). At T = 0.5, m = 0.957; at
	// T = 2 the memory is lost (m ~ 1/sqrt(N) = 0.05).
	if m := overlap(0.5); math.Abs(m-0.957) > 0.05 {
		t.Errorf("T=0.5: m = %v, want about 0.957", m)
	}
	if m := overlap(2); m > 0.2 {
		t.Errorf("T=2: m = %v, want near 0", m)
	}
	if m := overlap(0); m != 1 {
		t.Errorf("T=0: m = %v, want 1", m)
	}
}

func TestTieRules(t *testing.T) {
	// One neuron coupled to nothing: its field is always exactly 0.
	net, _ := NewFromWeights(mat.NewDense(1, 1, nil), WeightOptions{})
	for _, tc := range []struct {
		tie       Tie
		from, now int8
	}{{TieKeep, -1, -1}, {TieKeep, 1, 1}, {TieKeep, 0, 1}, {TiePlus, -1, 1}, {TieMinus, 1, -1}} {
		res, _ := net.Run([]int8{tc.from}, RunOptions{Tie: tc.tie, MaxSteps: 1})
		if res.State[0] != tc.now {
			t.Errorf("%v from %d: %d, want %d", tc.tie, tc.from, res.State[0], tc.now)
		}
	}
}

// TestEventEnergyMatchesNetwork checks the O(P) energy kept from the
// overlaps against the full computation, through unknown neurons becoming
// known, 0/1 literal patterns, thresholds and both forms.
func TestEventEnergyMatchesNetwork(t *testing.T) {
	rng := testRand(31)
	n := 60
	pm := randomPatterns(rng, 5, n)
	zeroOne := make([][]int8, 5)
	for mu, x := range pm {
		zeroOne[mu] = make([]int8, n)
		for i, v := range x {
			zeroOne[mu][i] = (v + 1) / 2
		}
	}
	theta := make([]float64, n)
	for i := range theta {
		theta[i] = rng.NormFloat64() / 10
	}
	for _, tc := range []struct {
		name  string
		cfg   Config
		ps    [][]int8
		theta []float64
	}{
		{"pattern", Config{Rule: Hebbian, Form: PatternForm}, pm, nil},
		{"dense", Config{Rule: Hebbian, Form: DenseForm}, pm, nil},
		{"literal", Config{Rule: Hebbian, Literal: true, Unscaled: true}, zeroOne, nil},
		{"thresholds", Config{Rule: Hebbian}, pm, theta},
	} {
		t.Run(tc.name, func(t *testing.T) {
			net := mustLearn(t, tc.cfg, tc.ps)
			if err := net.SetThresholds(tc.theta); err != nil {
				t.Fatal(err)
			}
			cue := flipBits(rng, pm[0], 15)
			for i := 0; i < n; i += 4 {
				cue[i] = Unknown
			}
			for _, u := range []Update{Asynchronous, Synchronous} {
				checked := 0
				_, err := net.Run(cue, RunOptions{Update: u, Source: NewSource(2), EveryUpdate: true, Observe: func(e *Event) error {
					got, want := e.Energy(), net.Energy(e.State)
					if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
						t.Fatalf("%v update %d: event energy %v, network %v", u, e.Updates, got, want)
					}
					checked++
					return nil
				}})
				if err != nil {
					t.Fatal(err)
				}
				if checked < 2 {
					t.Fatalf("%v: only %d observations", u, checked)
				}
			}
		})
	}
}
