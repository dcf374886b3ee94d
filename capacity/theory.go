package capacity

import (
	"math"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/theory"
)

func nan() float64 { return math.NaN() }

// Theory returns the analytical value that a cell's measurement is compared
// with, or NaN where no law applies:
//
//   - Hebbian, OneStep: the exact finite-N one-step error
//     theory.OneStepErrorExact(N, P, keep), the expectation of the measured
//     rate itself.
//   - Hebbian, Fixed: (1 - p)^N with p that error, the probability that no
//     bit of the pattern flips if the bits flipped independently. They do
//     not quite (they share the pattern), so this is an approximation.
//   - Hebbian, Overlap: the AGS overlap m(alpha) of the retrieval state at
//     N -> infinity, 0 past alpha_c = 0.138 (theory.AGSRetrieval). It is the
//     fixed point reached from a cue inside the basin.
//   - Pseudo-inverse: every stored pattern is a fixed point (P <= N random
//     patterns are independent), so Fixed and, without noise, Overlap and
//     Recall are 1 and OneStep is 0.
//   - Storkey, Recall with noise: no closed form.
func Theory(c Cell, m Measure) float64 {
	switch c.Rule {
	case hopfield.Hebbian:
		switch m {
		case OneStep:
			return theory.OneStepErrorExact(c.N, c.P, theory.TieKeep)
		case Fixed:
			return math.Pow(1-theory.OneStepErrorExact(c.N, c.P, theory.TieKeep), float64(c.N))
		case Overlap:
			v, _ := theory.AGSRetrieval(c.Alpha())
			return v
		}
	case hopfield.PseudoInverse:
		switch {
		case m == OneStep:
			return 0
		case m == Fixed || c.Noise == 0:
			return 1
		}
	}
	return nan()
}
