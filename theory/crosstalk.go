package theory

import "fmt"

// CrosstalkPMF returns the law of the overlap sum_i xi_i S_i between a
// random +-1 vector xi of length N and a vector S that agrees with xi on
// nOverlap given positions and is independent uniform +-1 on the other
// M = N - nOverlap:
//
//	sum_i xi_i S_i = nOverlap + 2 Binomial(M, 1/2) - M.
//
// values[k] = nOverlap + 2k - M and probs[k] = C(M, k) 2^-M for k = 0..M, in
// increasing order of value (step 2). With nOverlap = 0 this is the
// crosstalk 2 Binomial(N, 1/2) - N between two independent random patterns.
// Probabilities smaller than the smallest float64 underflow to 0 (M above
// about 1074 in the extreme tails). It panics if N < 0 or nOverlap is not in
// [0, N].
func CrosstalkPMF(N, nOverlap int) (values []int, probs []float64) {
	checkCrosstalk(N, nOverlap)
	M := N - nOverlap
	values = make([]int, M+1)
	probs = make([]float64, M+1)
	for k := 0; k <= M; k++ {
		values[k] = nOverlap + 2*k - M
		probs[k] = binomPMFHalf(float64(M), float64(k))
	}
	return values, probs
}

// CrosstalkMean returns the mean nOverlap of the law of [CrosstalkPMF].
// It panics on the same arguments.
func CrosstalkMean(N, nOverlap int) float64 {
	checkCrosstalk(N, nOverlap)
	return float64(nOverlap)
}

// CrosstalkVariance returns the variance N - nOverlap of the law of
// [CrosstalkPMF]. It panics on the same arguments.
func CrosstalkVariance(N, nOverlap int) float64 {
	checkCrosstalk(N, nOverlap)
	return float64(N - nOverlap)
}

func checkCrosstalk(N, nOverlap int) {
	if N < 0 || nOverlap < 0 || nOverlap > N {
		panic(fmt.Sprintf("theory: crosstalk with N = %d, nOverlap = %d: want 0 <= nOverlap <= N", N, nOverlap))
	}
}
