package experiments

import (
	"math/rand/v2"
	"testing"

	"github.com/hopfield-lab/hopfield/patterns"
)

// TestCrosstalkMatchesPatterns checks the packed computation against
// building the two patterns with Random and summing xi_i S_i.
func TestCrosstalkMatchesPatterns(t *testing.T) {
	for _, tc := range []struct{ n, overlap int }{{1, 0}, {1, 1}, {63, 10}, {64, 64}, {100, 0}, {100, 50}, {129, 70}, {300, 299}} {
		got := make([]float64, 50)
		if err := crosstalkDraws(got, rand.New(rand.NewPCG(3, 4)), tc.n, tc.overlap); err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(3, 4))
		for k := range got {
			xi, _ := patterns.Random(rng, 1, tc.n, 0.5)
			s, _ := patterns.Random(rng, 1, tc.n, 0.5)
			copy(s.Data[:tc.overlap], xi.Data)
			want := 0
			for i, v := range xi.Data {
				want += int(v) * int(s.Data[i])
			}
			if got[k] != float64(want) {
				t.Fatalf("n=%d overlap=%d draw %d: %v, want %d", tc.n, tc.overlap, k, got[k], want)
			}
		}
	}
	for _, bad := range [][2]int{{0, 0}, {10, 11}, {10, -1}} {
		if err := crosstalkDraws(make([]float64, 1), rand.New(rand.NewPCG(1, 1)), bad[0], bad[1]); err == nil {
			t.Errorf("n=%d overlap=%d: no error", bad[0], bad[1])
		}
	}
}
