package theory

import "math"

// DoubleFactorial returns k!! = k (k-2) (k-4) ..., ending at 1 or 2, with
// 0!! = (-1)!! = 1. It is exact while the product stays below 2^53
// (odd k <= 29), correctly rounded at each step beyond, and +Inf once it
// overflows (k > 300). k < -1 gives NaN. The dense-memory formulas use (2n-3)!!:
// (2n-3)!! N^(n-1) is the Gaussian moment E[X^(2n-2)] of the overlap X of a
// random pattern (variance N), which sets the crosstalk of an energy x^n.
func DoubleFactorial(k int) float64 {
	if k < -1 {
		return math.NaN()
	}
	p := 1.0
	for ; k > 1; k -= 2 {
		p *= float64(k)
	}
	return p
}

// denseWeight returns (2n-3)!! for n >= 2, and NaN for n < 2.
func denseWeight(n int) float64 {
	if n < 2 {
		return math.NaN()
	}
	return DoubleFactorial(2*n - 3)
}

// DenseErrorFreeCapacity returns the number of random patterns
//
//	K = N^(n-1) / (2 (2n-3)!! ln N)
//
// up to which a dense associative memory with energy E = -sum_mu F(xi^mu . s),
// F(x) = x^n, keeps every bit of every stored pattern fixed with
// probability tending to 1 (Krotov & Hopfield 2016, where the one-step
// error is required to be below 1/N). n = 2 is the Hopfield network, with
// K = N/(2 ln N), [McElieceEach]. Examples: N = 100 gives 10.86, 361.9 and
// 7238 for n = 2, 3, 4. N < 2 or n < 2 gives NaN.
func DenseErrorFreeCapacity(N, n int) float64 {
	if N < 2 || n < 2 {
		return math.NaN()
	}
	x := float64(N)
	return math.Pow(x, float64(n-1)) / (2 * denseWeight(n) * math.Log(x))
}

// DenseOneStepError returns the large-N probability that a bit of a stored
// pattern flips after one update of a dense associative memory with
// F(x) = x^n, N neurons and K patterns:
//
//	P_error = Phi(-1/sqrt((2n-3)!! alpha)),  alpha = K / N^(n-1),
//
// Phi the standard normal CDF. It is the Gaussian tail of the energy
// difference of a flip (Krotov & Hopfield 2016): signal 2 n N^(n-1),
// crosstalk variance 4 n^2 (2n-3)!! K N^(n-1) (the paper writes K-1, the
// number of other patterns; the difference is O(1/K)). For n = 2 it is
// [OneStepErrorLargeN] at alpha = K/N. N < 1, K < 1 or n < 2 gives NaN.
func DenseOneStepError(N, K, n int) float64 {
	u := denseLoad(N, K, n)
	if math.IsNaN(u) {
		return u
	}
	return 0.5 * math.Erfc(math.Sqrt(1/(2*u)))
}

// DenseOneStepErrorPaper returns the asymptotic form of [DenseOneStepError]
// printed by Krotov & Hopfield (2016),
//
//	P_error ≈ sqrt((2n-3)!! K / (2 pi N^(n-1))) exp(-N^(n-1) / (2 K (2n-3)!!)),
//
// the leading term phi(x)/x of the normal tail Phi(-x) at
// x = 1/sqrt((2n-3)!! alpha). It exceeds the exact tail by a relative
// 1/x^2 - 3/x^4 + ... (12 % at the 0.5 % error level, x = 2.58), which is
// why its capacities are 3 % lower; it is meaningless once
// x is not large (it passes 1/2 near alpha (2n-3)!! = 2.4). N < 1, K < 1 or
// n < 2 gives NaN.
func DenseOneStepErrorPaper(N, K, n int) float64 {
	u := denseLoad(N, K, n)
	if math.IsNaN(u) {
		return u
	}
	return math.Sqrt(u/(2*math.Pi)) * math.Exp(-1/(2*u))
}

// denseLoad returns (2n-3)!! K / N^(n-1), the inverse squared
// signal-to-noise ratio of the dense memory, or NaN for invalid arguments.
func denseLoad(N, K, n int) float64 {
	if N < 1 || K < 1 || n < 2 {
		return math.NaN()
	}
	return denseWeight(n) * float64(K) / math.Pow(float64(N), float64(n-1))
}

// DenseCapacityAlpha returns alpha_n = K_max / N^(n-1), the reduced load at
// which the one-step error of [DenseOneStepError] equals pErr:
//
//	alpha_n = 1 / ((2n-3)!! Phi^-1(pErr)^2).
//
// At pErr = 0.005: alpha_2 = 0.1507, alpha_3 = 0.0502, alpha_4 = 0.0100.
// It is 0 at pErr = 0, +Inf at pErr = 1/2; n < 2 or pErr outside [0, 1/2]
// gives NaN.
func DenseCapacityAlpha(n int, pErr float64) float64 {
	if n < 2 {
		return math.NaN()
	}
	return OneStepErrorLargeNInv(pErr) / denseWeight(n)
}

// DenseCapacityAlphaPaper returns alpha_n at which the paper's asymptotic
// error [DenseOneStepErrorPaper] equals pErr. With u = (2n-3)!! alpha and
// v = 1/u the condition sqrt(u/(2 pi)) exp(-1/(2u)) = p reads
// v exp(v) = 1/(2 pi p^2), so
//
//	alpha_n = 1 / ((2n-3)!! W0(1 / (2 pi pErr^2))),
//
// W0 the Lambert function. At pErr = 0.005 this gives the values quoted by
// Krotov & Hopfield (2016): alpha_2 = 0.1463, alpha_3 = 0.0488,
// alpha_4 = 0.0098 (n = 2: "0.14 N"). It is 0 at pErr = 0; n < 2 or pErr
// outside [0, 1/2] gives NaN.
func DenseCapacityAlphaPaper(n int, pErr float64) float64 {
	switch {
	case n < 2 || math.IsNaN(pErr) || pErr < 0 || pErr > 0.5:
		return math.NaN()
	case pErr == 0:
		return 0
	}
	// ln(1/(2 pi p^2)) can exceed 709 for p < 1e-154: use W0(exp(y)).
	y := -math.Log(2*math.Pi) - 2*math.Log(pErr)
	return 1 / (denseWeight(n) * lambertW0Exp(y))
}
