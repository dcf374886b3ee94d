package hopfield

import (
	"fmt"
	"runtime"
	"slices"
	"testing"
)

// TestDenseInt8MatchesFloat32 checks the byte-per-weight Hebbian matrix and
// its SWAR kernel against the float32 matrix, which is exact for the same
// networks: weights, fields (with and without unknown neurons, at one and
// several goroutines), W x, s^T W s, and the asynchronous field tracker
// through a run of flips, all bit for bit.
func TestDenseInt8MatchesFloat32(t *testing.T) {
	for _, tc := range []struct {
		n, p    int
		literal bool
	}{{1, 1, false}, {7, 2, false}, {8, 3, false}, {9, 3, true}, {100, 127, false}, {1031, 20, false}, {1031, 20, true}, {4000, 5, false}} {
		t.Run(fmt.Sprintf("N=%d,P=%d,literal=%v", tc.n, tc.p, tc.literal), func(t *testing.T) {
			rng := testRand(uint64(tc.n + tc.p))
			ps := randomPatterns(rng, tc.p, tc.n)
			if tc.literal {
				for _, x := range ps {
					for i := range x {
						x[i] = (x[i] + 1) / 2
					}
				}
			}
			// Store in two batches, as Store does for a growing network.
			fast := hebbInt8(tc.n, ps[:tc.p/2])
			fast.addOuter(ps[tc.p/2:])
			simple := hebbDense[float32](tc.n, ps)
			for _, ij := range [][2]int{{0, 0}, {0, tc.n - 1}, {tc.n - 1, 0}, {tc.n / 2, tc.n / 3}} {
				if a, b := fast.at(ij[0], ij[1]), simple.at(ij[0], ij[1]); a != b {
					t.Fatalf("w%v: int8 %v, float32 %v", ij, a, b)
				}
			}
			s := flipBits(rng, randomPattern(rng, tc.n), 0)
			unknown := slices.Clone(s)
			for i := range unknown {
				if rng.IntN(5) == 0 {
					unknown[i] = Unknown
				}
			}
			for _, state := range [][]int8{s, unknown} {
				want := make([]float64, tc.n)
				simple.fields(want, state)
				for _, procs := range []int{1, 4} {
					got := make([]float64, tc.n)
					func() {
						defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
						fast.fields(got, state)
					}()
					if !slices.Equal(got, want) {
						t.Fatalf("GOMAXPROCS=%d: fields differ from float32", procs)
					}
				}
				if a, b := fast.energy(state, 1, nil), simple.energy(state, 1, nil); a != b {
					t.Fatalf("s^T W s: int8 %v, float32 %v", a, b)
				}
			}
			x := make([]float64, tc.n)
			for i := range x {
				x[i] = rng.NormFloat64()
			}
			ga, gb := make([]float64, tc.n), make([]float64, tc.n)
			fast.apply(ga, x)
			simple.apply(gb, x)
			if !slices.Equal(ga, gb) {
				t.Fatal("W x differs from float32")
			}
			state := slices.Clone(unknown)
			ft, st := fast.tracker(state), simple.tracker(state)
			for range 100 {
				j := rng.IntN(tc.n)
				v := int8(1 - 2*rng.IntN(2))
				if v != state[j] {
					delta := v - state[j]
					state[j] = v
					ft.flip(j, delta)
					st.flip(j, delta)
				}
				for _, i := range []int{j, rng.IntN(tc.n)} {
					if a, b := ft.field(i), st.field(i); a != b {
						t.Fatalf("tracker field %d: int8 %v, float32 %v", i, a, b)
					}
				}
			}
		})
	}
}

// TestMaskedByteSum checks the SWAR sum against a byte loop across the
// 128-word folding boundary.
func TestMaskedByteSum(t *testing.T) {
	rng := testRand(3)
	for _, words := range []int{0, 1, 2, 127, 128, 129, 300} {
		w, mask := make([]uint64, words), make([]uint64, words)
		var want int64
		for q := range w {
			w[q], mask[q] = rng.Uint64(), rng.Uint64()
			for k := range 8 {
				if mask[q]>>(8*k)&0xff == 0xff {
					want += int64(uint8(w[q] >> (8 * k)))
				} else {
					mask[q] &^= 0xff << (8 * k)
				}
			}
		}
		if got := maskedByteSum(w, mask); got != want {
			t.Errorf("%d words: %d, want %d", words, got, want)
		}
	}
}
