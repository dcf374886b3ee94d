package hopfield

import (
	"math"
	"testing"
)

func TestWeightBlocks(t *testing.T) {
	rng := testRand(21)
	n := 53
	ps := randomPatterns(rng, 6, n)
	for _, cfg := range []Config{
		{Rule: Hebbian, Form: PatternForm}, {Rule: Hebbian, Form: DenseForm},
		{Rule: PseudoInverse, Form: PatternForm}, {Rule: PseudoInverse, Form: PatternForm, KeepDiagonal: true},
		{Rule: Storkey},
	} {
		net := mustLearn(t, cfg, ps)
		for _, b := range []int{1, 5, 7, 53, 80} {
			got := net.WeightBlocks(b)
			bb := min(b, n)
			if len(got) != bb {
				t.Fatalf("%v %v b=%d: %d rows", cfg.Rule, cfg.Form, b, len(got))
			}
			for r := range bb {
				for c := range bb {
					var sum float64
					cnt := 0
					for i := r * n / bb; i < (r+1)*n/bb; i++ {
						for j := c * n / bb; j < (c+1)*n/bb; j++ {
							sum += net.Weight(i, j)
							cnt++
						}
					}
					if want := sum / float64(cnt); math.Abs(got[r][c]-want) > 1e-12 {
						t.Fatalf("%v %v b=%d block (%d,%d) = %v, want %v", cfg.Rule, cfg.Form, b, r, c, got[r][c], want)
					}
				}
			}
		}
	}
}
