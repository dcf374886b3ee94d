package experiments

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
)

// crosstalkDraws fills dst with len(dst) draws of the notebook's "term in square
// brackets", sum_i xi_i S_i, for pairs of independent unbiased random
// patterns of n neurons where S copies xi on its first nOverlap neurons (the
// notebook's S[0:N_overlap] = xi[0:N_overlap]). Its law is nOverlap +
// 2 Binomial(n - nOverlap, 1/2) - (n - nOverlap) (see theory.CrosstalkPMF).
//
// The patterns are drawn exactly as two calls of patterns.Random(rng, 1, n, 0.5)
// would draw them, xi first, but are never built: the sum is
// n - 2 popcount(xi XOR S) over packed bits, O(n/64) per draw.
func crosstalkDraws(dst []float64, rng *rand.Rand, n, nOverlap int) error {
	if n < 1 {
		return fmt.Errorf("crosstalk: %d neurons: want at least 1", n)
	}
	if nOverlap < 0 || nOverlap > n {
		return fmt.Errorf("crosstalk: overlap %d: want 0 to %d neurons", nOverlap, n)
	}
	words := (n + 63) / 64
	xi := make([]uint64, words)
	s := make([]uint64, words)
	for t := range dst {
		for w := range xi {
			xi[w] = rng.Uint64()
		}
		for w := range s {
			s[w] = rng.Uint64()
		}
		differ := 0
		for w := range words {
			d := xi[w] ^ s[w]
			lo := w * 64
			if nOverlap > lo { // the copied neurons agree
				d &^= lowBits(min(nOverlap-lo, 64))
			}
			if n < lo+64 { // bits past the last neuron are not neurons
				d &= lowBits(n - lo)
			}
			differ += bits.OnesCount64(d)
		}
		dst[t] = float64(n - 2*differ)
	}
	return nil
}

// lowBits returns a word with its k lowest bits set, 0 <= k <= 64.
func lowBits(k int) uint64 {
	if k >= 64 {
		return ^uint64(0)
	}
	return 1<<k - 1
}
