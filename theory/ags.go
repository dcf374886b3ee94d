package theory

import (
	"math"
	"sync"
)

// twoOverSqrtPi is 2/sqrt(pi), the slope of erf at 0.
const twoOverSqrtPi = 2 / math.SqrtPi

// agsG is G(y) = erf(y)/y - (2/sqrt(pi)) exp(-y^2). The T = 0 replica-symmetric
// retrieval equation erf(y) = y (sqrt(2 alpha) + (2/sqrt(pi)) exp(-y^2)) reads
// G(y) = sqrt(2 alpha) for y > 0.
func agsG(y float64) float64 {
	return math.Erf(y)/y - twoOverSqrtPi*math.Exp(-y*y)
}

// agsGPrimeNum is y^2 G'(y) up to a positive factor:
// erf(y) - (2/sqrt(pi)) exp(-y^2) (y + 2 y^3). It is negative on (0, y*) and
// positive on (y*, inf), where y* is the maximiser of G.
func agsGPrimeNum(y float64) float64 {
	return math.Erf(y) - twoOverSqrtPi*math.Exp(-y*y)*(y+2*y*y*y)
}

// agsCritical computes, once, the maximiser y* of G and alpha_c = G(y*)^2/2.
var agsCritical = sync.OnceValues(func() (alphaC, yC float64) {
	// The sign change of agsGPrimeNum lies in [0.5, 3]: agsGPrimeNum(0.5) < 0
	// and agsGPrimeNum(3) > 0 (checked in the tests), and it is the only one
	// on (0, inf).
	yC = bisect(agsGPrimeNum, 0.5, 3)
	g := agsG(yC)
	return g * g / 2, yC
})

// AGSCriticalLoad returns the storage capacity alpha_c = P/N of the
// Amit-Gutfreund-Sompolinsky replica-symmetric theory at T = 0, the largest
// load at which the retrieval equation has a nonzero root. It is computed
// (once, then cached) by maximising G(y) = erf(y)/y - (2/sqrt(pi)) exp(-y^2)
// over y > 0: alpha_c = G(y*)^2 / 2 ≈ 0.13790.
func AGSCriticalLoad() float64 {
	a, _ := agsCritical()
	return a
}

// AGSCriticalOverlap returns the retrieval overlap at the critical load,
// m(alpha_c) = erf(y*) ≈ 0.9674: just below capacity a retrieval state still
// has only about (1-m)/2 ≈ 1.6 % wrong bits, and above it the state is gone
// (the transition is first order).
func AGSCriticalOverlap() float64 {
	_, y := agsCritical()
	return math.Erf(y)
}

// AGSRetrieval returns the T = 0 replica-symmetric retrieval overlap
// m = erf(y), where y is the largest root of
//
//	erf(y) = y (sqrt(2 alpha) + (2/sqrt(pi)) exp(-y^2)).
//
// ok is true for 0 <= alpha <= AGSCriticalLoad(). Above alpha_c only y = 0
// solves the equation, and AGSRetrieval returns (0, false). For alpha < 0 or
// NaN it returns (NaN, false). At alpha = 0 it returns (1, true).
func AGSRetrieval(alpha float64) (m float64, ok bool) {
	y, ok := agsRetrievalY(alpha)
	if !ok {
		return y, false
	}
	return math.Erf(y), true
}

// agsRetrievalY returns the y of AGSRetrieval: +Inf at alpha = 0, 0 (not ok)
// above alpha_c, NaN (not ok) for invalid alpha.
func agsRetrievalY(alpha float64) (float64, bool) {
	alphaC, yC := agsCritical()
	switch {
	case math.IsNaN(alpha) || alpha < 0:
		return math.NaN(), false
	case alpha == 0:
		return math.Inf(1), true
	case alpha > alphaC:
		return 0, false
	case alpha == alphaC:
		return yC, true
	}
	s := math.Sqrt(2 * alpha)
	// G decreases from G(y*) = sqrt(2 alpha_c) >= s to 0 on [y*, inf), and
	// G(y) < 1/y, so G - s < 0 at y = 1/s: the bracket holds the root.
	hi := math.Max(yC, 1/s)
	return bisect(func(y float64) float64 { return agsG(y) - s }, yC, hi), true
}

// AGSRetrievalCurve returns m(alpha) of [AGSRetrieval] for each alpha, for
// plotting. Past alpha_c the value is 0, the overlap of the only remaining
// (non-retrieval) solution, so the curve shows the first-order drop from
// m(alpha_c) ≈ 0.967 to 0; invalid alphas (negative, NaN) give NaN.
func AGSRetrievalCurve(alphas []float64) []float64 {
	ms := make([]float64, len(alphas))
	for i, a := range alphas {
		ms[i], _ = AGSRetrieval(a)
	}
	return ms
}
