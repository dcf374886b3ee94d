package theory

import "math"

// DemircigilRate returns the storage rate of the exponential-energy
// associative memory of Demircigil, Heusel, Löwe, Upgang & Vermet (2017),
// E = -sum_mu exp(xi^mu . s), for retrieval from rho N flipped bits:
//
//	alpha(rho) = I(1 - 2 rho) / 2,
//	I(x) = ((1+x) ln(1+x) + (1-x) ln(1-x)) / 2,
//
// I the Cramér rate function of a sum of +-1 coin flips (I(1) = ln 2).
// With M = exp(alpha N) random patterns and alpha < alpha(rho), a pattern
// corrupted in rho N bits is mapped back to it by one update of all bits,
// with probability tending to 1 as N -> inf (the paper writes
// M = exp(alpha N) + 1). The rate falls from ln(2)/2 = 0.3466 at rho = 0
// (about 2^(N/2) patterns) to 0 at rho = 1/2; rho = 0.1 gives 0.1840.
// rho outside [0, 1/2] or NaN gives NaN.
func DemircigilRate(rho float64) float64 {
	if math.IsNaN(rho) || rho < 0 || rho > 0.5 {
		return math.NaN()
	}
	return cramerBinary(1-2*rho) / 2
}

// cramerBinary is I(x) = ((1+x) ln(1+x) + (1-x) ln(1-x)) / 2 for
// 0 <= x <= 1, with the limit I(1) = ln 2 (0 ln 0 = 0). For small x the two
// terms, each about ±x, cancel down to I ≈ x^2/2; the equivalent form
// x atanh(x) + log1p(-x^2)/2 only loses a factor 2 there (≈ x^2 - x^2/2),
// so it is used below x = 1/2, the direct form (no cancellation) above.
func cramerBinary(x float64) float64 {
	switch {
	case x == 1:
		return math.Ln2
	case x < 0.5:
		return x*math.Atanh(x) + math.Log1p(-x*x)/2
	}
	return ((1+x)*math.Log1p(x) + (1-x)*math.Log1p(-x)) / 2
}

// DemircigilCapacity returns exp(N alpha(rho)), alpha(rho) =
// [DemircigilRate](rho): the asymptotic number of patterns that an
// exponential-energy memory of N neurons retrieves from rho N flipped bits
// (e.g. 361 at N = 32 and 1574 at N = 40 for rho = 0.1). It is a
// leading-exponential-order, sufficient condition: the prefactor is not
// controlled, and finite networks may retrieve many more patterns. N < 1 or rho outside [0, 1/2] gives
// NaN.
func DemircigilCapacity(N int, rho float64) float64 {
	if N < 1 {
		return math.NaN()
	}
	return math.Exp(float64(N) * DemircigilRate(rho))
}
