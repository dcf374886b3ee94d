package theory

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mathext"
)

// OneStepErrorLargeN returns the large-N probability that a bit of a stored
// pattern flips after one update at load alpha = P/N:
//
//	P_error = 1/2 erfc(sqrt(1/(2 alpha))) = Phi(-1/sqrt(alpha)),
//
// Phi the standard normal CDF. It is 0 at alpha = 0 and tends to 1/2 as
// alpha -> inf; alpha < 0 or NaN gives NaN.
func OneStepErrorLargeN(alpha float64) float64 {
	if math.IsNaN(alpha) || alpha < 0 {
		return math.NaN()
	}
	if alpha == 0 {
		return 0
	}
	return 0.5 * math.Erfc(math.Sqrt(1/(2*alpha)))
}

// OneStepErrorLargeNInv is the inverse of [OneStepErrorLargeN]: the load
// alpha = 1 / (2 erfcinv(2 p)^2) = 1 / Phi^-1(p)^2 at which the one-step bit-error probability
// is p. It returns 0 for p = 0, +Inf for p = 1/2 and NaN outside [0, 1/2].
func OneStepErrorLargeNInv(p float64) float64 {
	switch {
	case math.IsNaN(p) || p < 0 || p > 0.5:
		return math.NaN()
	case p == 0:
		return 0
	case p == 0.5:
		return math.Inf(1)
	}
	// alpha = 1/z^2 with z = Phi^-1(p); the normal quantile keeps full
	// relative accuracy for tiny p, where 1 - 2p rounds to 1 inside
	// math.Erfcinv.
	z := mathext.NormalQuantile(p)
	return 1 / (z * z)
}

// Tie says what a neuron does when its local field is exactly zero.
type Tie int

const (
	// TieKeep leaves the neuron unchanged.
	TieKeep Tie = iota
	// TiePlus sets the neuron to +1.
	TiePlus
	// TieMinus sets the neuron to -1.
	TieMinus
)

func (t Tie) String() string {
	switch t {
	case TieKeep:
		return "keep"
	case TiePlus:
		return "+1"
	case TieMinus:
		return "-1"
	}
	return fmt.Sprintf("Tie(%d)", int(t))
}

// OneStepErrorExact returns the exact probability, for N neurons and P
// random unbiased stored patterns with Hebbian weights and zero diagonal,
// that a given bit of a stored pattern flips when its neuron is updated once
// from that pattern, with tie rule tie for a zero field.
//
// The aligned field is N xi_i h_i = (N-1) + C with crosstalk
// C = 2 B - (P-1)(N-1), B ~ Binomial((P-1)(N-1), 1/2). The bit flips when
// C < -(N-1), i.e. B < t = (P-2)(N-1)/2; when t is an integer the field is
// exactly zero with probability P(B = t), and then the bit flips with
// probability 0 (TieKeep) or 1/2 (TiePlus, TieMinus):
//
//	P_error = P(B < t) + w P(B = t),  w = 0 or 1/2.
//
// The sum is evaluated to near double precision for
// (P-1)(N-1) <= 1e12 and with the continuity-corrected normal approximation
// (absolute error below about 1e-12) beyond; see the package documentation.
// N < 1, P < 1 or an unknown tie rule give NaN.
func OneStepErrorExact(N, P int, tie Tie) float64 {
	if N < 1 || P < 1 {
		return math.NaN()
	}
	var w float64
	switch tie {
	case TieKeep:
	case TiePlus, TieMinus:
		w = 0.5
	default:
		return math.NaN()
	}
	// d = (P-2)(N-1) is even when P is even or N is odd; the parity is
	// taken from the integers because the float64 product is inexact past
	// 2^53.
	dEven := P%2 == 0 || N%2 == 1
	return oneStepExact(float64(N-1), float64(P-1), dEven, w, exactBinomLimit)
}

// oneStepExact is OneStepErrorExact for n1 = N-1 >= 0, p1 = P-1 >= 0, the
// parity of d = (P-2)(N-1), tie weight w and exact-summation limit.
func oneStepExact(n1, p1 float64, dEven bool, w, limit float64) float64 {
	n := p1 * n1                 // number of +-1 crosstalk terms
	d := n - n1                  // (P-2)(N-1); -(N-1) when P = 1
	k := math.Floor((d - 1) / 2) // largest integer < d/2 (exact for n < 2^53)
	if !dEven {
		k = math.Floor(d / 2)
	}
	err := binomCDFHalf(n, k, limit)
	if dEven {
		err += w * binomPMFHalf(n, d/2) // P(B = d/2): zero field
	}
	return err
}
