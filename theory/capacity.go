package theory

import "math"

// McElieceAll returns N / (4 ln N), the number of random patterns up to
// which a Hebbian network of N neurons stores all of them as exact fixed
// points with probability tending to 1 as N -> inf (McEliece, Posner,
// Rodemich & Venkatesh 1987). N < 2 gives NaN.
func McElieceAll(N int) float64 {
	if N < 2 {
		return math.NaN()
	}
	n := float64(N)
	return n / (4 * math.Log(n))
}

// McElieceEach returns N / (2 ln N), the number of random patterns up to
// which any one given pattern is an exact fixed point of a Hebbian network
// of N neurons with probability tending to 1 (most patterns are perfectly
// recalled, but some of them typically are not) (McEliece et al. 1987).
// N < 2 gives NaN.
func McElieceEach(N int) float64 {
	if N < 2 {
		return math.NaN()
	}
	n := float64(N)
	return n / (2 * math.Log(n))
}

// StorkeyCapacity returns N / sqrt(2 ln N), the absolute capacity of
// Storkey's incremental local learning rule (Storkey 1997): the number of
// random patterns that can be stored as fixed points with high
// probability. N < 2 gives NaN.
func StorkeyCapacity(N int) float64 {
	if N < 2 {
		return math.NaN()
	}
	n := float64(N)
	return n / math.Sqrt(2*math.Log(n))
}

// PseudoInverseCapacity returns N: the pseudo-inverse (projection) rule
// W = Xi (Xi^T Xi)^-1 Xi^T makes any P <= N linearly independent patterns
// exact fixed points (Personnaz, Guyon & Dreyfus 1985; Kanter & Sompolinsky
// 1987). N < 1 gives NaN.
func PseudoInverseCapacity(N int) float64 {
	if N < 1 {
		return math.NaN()
	}
	return float64(N)
}
