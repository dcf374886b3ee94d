package hopfield

import (
	"fmt"
	"runtime"
	"slices"
	"testing"
)

// literalOverlaps is the definition m_mu = sum_j xi_j^mu s_j.
func literalOverlaps(ps [][]int8, s []int8) []int64 {
	m := make([]int64, len(ps))
	for mu, x := range ps {
		for j, v := range x {
			m[mu] += int64(v) * int64(s[j])
		}
	}
	return m
}

// literalHebbFields is h_i = sum_mu xi_i^mu m_mu - (sum_mu (xi_i^mu)^2) s_i,
// the Hebbian field with the self-coupling removed, term by term.
func literalHebbFields(ps [][]int8, s []int8) []int64 {
	m := literalOverlaps(ps, s)
	h := make([]int64, len(s))
	for i := range h {
		for mu, x := range ps {
			h[i] += int64(x[i])*m[mu] - int64(x[i])*int64(x[i])*int64(s[i])
		}
	}
	return h
}

// patternCase is a set of patterns and a state for the pattern form's fast
// paths: +-1 or 0/1 patterns, states with or without unknown neurons, sizes
// that are not multiples of 64 and that span several overlap blocks.
type patternCase struct {
	name  string
	ps    [][]int8
	state []int8
}

// patternSizes are the (N, P) of patternCases. The last spans 3 overlap
// blocks with enough work per block (overlapBlock (P+8) word operations)
// that overlaps run them in 3 goroutines at GOMAXPROCS >= 3 (see
// TestOverlapsMatchDefinition).
var patternSizes = []struct{ n, p int }{{1, 1}, {63, 2}, {64, 8}, {65, 9}, {1000, 17}, {40_000, 10}, {3 * 64 * overlapBlock, 3}, {3 * 64 * overlapBlock, 40}}

func patternCases() []patternCase {
	var cases []patternCase
	for _, tc := range patternSizes {
		rng := testRand(uint64(tc.n*31 + tc.p))
		ps := randomPatterns(rng, tc.p, tc.n)
		s := flipBits(rng, ps[0], tc.n/3)
		cases = append(cases, patternCase{fmt.Sprintf("N=%d,P=%d", tc.n, tc.p), ps, s})
		unknown := slices.Clone(s)
		for i := range unknown {
			if rng.IntN(4) == 0 {
				unknown[i] = Unknown
			}
		}
		cases = append(cases, patternCase{fmt.Sprintf("N=%d,P=%d,unknowns", tc.n, tc.p), ps, unknown})
		literal := make([][]int8, tc.p)
		for mu, x := range ps {
			literal[mu] = make([]int8, tc.n)
			for i, v := range x {
				literal[mu][i] = (v + 1) / 2
			}
		}
		cases = append(cases, patternCase{fmt.Sprintf("N=%d,P=%d,literal", tc.n, tc.p), literal, unknown})
	}
	return cases
}

// TestOverlapsMatchDefinition checks the popcount overlaps against the
// definition, at one and several goroutines (GOMAXPROCS 4: a case must be
// large enough for parallelRows to split it, which is checked first).
func TestOverlapsMatchDefinition(t *testing.T) {
	split := false
	for _, tc := range patternSizes {
		blocks := ((tc.n+63)/64 + overlapBlock - 1) / overlapBlock
		split = split || blocks >= 2 && blocks*overlapBlock*(tc.p+8) >= parallelMinWork
	}
	if !split {
		t.Fatal("no case is large enough for overlaps to run in several goroutines")
	}
	for _, tc := range patternCases() {
		t.Run(tc.name, func(t *testing.T) {
			set := newPatternSet(len(tc.state), tc.ps)
			want := literalOverlaps(tc.ps, tc.state)
			for _, procs := range []int{1, 4} {
				got := make([]int64, len(tc.ps))
				func() {
					defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
					set.overlaps(got, tc.state)
				}()
				if !slices.Equal(got, want) {
					t.Fatalf("GOMAXPROCS=%d: overlaps %v, want %v", procs, got, want)
				}
			}
			for mu, x := range tc.ps {
				if !slices.Equal(set.pattern(mu), x) {
					t.Fatalf("pattern %d does not round-trip through its bits", mu)
				}
			}
		})
	}
}

// TestHebbPatternFieldsMatchDefinition checks the table-driven fields of a
// synchronous step, and the int8 field of the asynchronous tracker, against
// the definition, bit for bit.
func TestHebbPatternFieldsMatchDefinition(t *testing.T) {
	for _, tc := range patternCases() {
		t.Run(tc.name, func(t *testing.T) {
			n := len(tc.state)
			h := newHebbPattern(n, tc.ps)
			want := literalHebbFields(tc.ps, tc.state)
			for _, procs := range []int{1, 4} {
				got := make([]float64, n)
				func() {
					defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
					h.fields(got, tc.state)
				}()
				for i := range got {
					if got[i] != float64(want[i]) {
						t.Fatalf("GOMAXPROCS=%d: field %d = %v, want %d", procs, i, got[i], want[i])
					}
				}
			}
			tr := h.tracker(slices.Clone(tc.state))
			for i := range min(n, 2000) {
				if got := tr.field(i); got != float64(want[i]) {
					t.Fatalf("tracker field %d = %v, want %d", i, got, want[i])
				}
			}
		})
	}
}

// TestHebbTrackersAgree runs both asynchronous field trackers of the pattern
// form (float32 BLAS and int8) through the same flips and checks that every
// field they read is the definition's, bit for bit.
func TestHebbTrackersAgree(t *testing.T) {
	for _, tc := range patternCases() {
		n := len(tc.state)
		if !exactInFloat32(n, len(tc.ps)) || n > 5000 {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			h := newHebbPattern(n, tc.ps)
			s := slices.Clone(tc.state)
			fast, simple := newHebbTracker32(h, s), h.factored.tracker(s)
			rng := testRand(uint64(n))
			for step := range 200 {
				j := rng.IntN(n)
				v := int8(1 - 2*rng.IntN(2))
				if v != s[j] {
					delta := v - s[j]
					s[j] = v
					fast.flip(j, delta)
					simple.flip(j, delta)
				}
				want := literalHebbFields(tc.ps, s)
				for _, i := range []int{j, rng.IntN(n), 0, n - 1} {
					if f, g := fast.field(i), simple.field(i); f != float64(want[i]) || g != float64(want[i]) {
						t.Fatalf("step %d field %d: float32 %v, int8 %v, want %d", step, i, f, g, want[i])
					}
				}
			}
		})
	}
}

// TestPackState checks the word-at-a-time packing of a state against a
// neuron-at-a-time one, for every length up to three words.
func TestPackState(t *testing.T) {
	rng := testRand(17)
	for n := range 3*64 + 1 {
		s := make([]int8, n)
		for i := range s {
			s[i] = int8(rng.IntN(3) - 1)
		}
		words := (n + 63) / 64
		plus, minus := make([]uint64, words), make([]uint64, words)
		sum, known := packState(plus, minus, s)
		var wantSum, wantKnown int64
		for i, v := range s {
			wantSum += int64(v)
			if v != 0 {
				wantKnown++
			}
			gotPlus, gotMinus := plus[i/64]>>(i%64)&1 == 1, minus[i/64]>>(i%64)&1 == 1
			if gotPlus != (v == 1) || gotMinus != (v == -1) {
				t.Fatalf("N=%d neuron %d = %d: plus %v, minus %v", n, i, v, gotPlus, gotMinus)
			}
		}
		if sum != wantSum || known != wantKnown {
			t.Fatalf("N=%d: sum %d known %d, want %d %d", n, sum, known, wantSum, wantKnown)
		}
	}
}

// TestHebbPatternEnergyMatchesDefinition checks s^T W s from the bits
// against sum_i s_i h_i with the definition's fields.
func TestHebbPatternEnergyMatchesDefinition(t *testing.T) {
	for _, tc := range patternCases() {
		t.Run(tc.name, func(t *testing.T) {
			h := newHebbPattern(len(tc.state), tc.ps)
			var want int64
			for i, f := range literalHebbFields(tc.ps, tc.state) {
				want += int64(tc.state[i]) * f
			}
			if got := h.energy(tc.state, 1, nil); got != -0.5*float64(want) {
				t.Fatalf("s^T W s = %v, want %d", got, want)
			}
		})
	}
}
