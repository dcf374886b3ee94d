package capacity

import (
	"math"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/theory"
)

func nan() float64 { return math.NaN() }

// Theory returns the analytical value that a cell's measurement is compared
// with, under the tie rule of the sweep, or NaN where no law applies:
//
//   - Hebbian, OneStep: the exact finite-N one-step error
//     theory.OneStepErrorExact(N, P, tie), the expectation of the measured
//     rate itself.
//   - Hebbian, Fixed: (1 - p)^N with p the probability that a bit's field
//     is not strictly aligned (an error or a tie), the probability that no
//     bit fails if the bits failed independently. They do not quite (they
//     share the pattern), so this is an approximation; AllFixed is
//     (1 - p)^(N P), a rougher one.
//   - Hebbian, Overlap and Signed from the stored pattern (no noise): the
//     AGS overlap m(alpha) of the retrieval state at N -> infinity, up to
//     alpha_c = 0.138. Past alpha_c the infinite network has no retrieval
//     state and the law says nothing about a finite one; from a noisy cue
//     the end depends on the basin, which the law does not give.
//   - Pseudo-inverse, P < N: every stored pattern is a fixed point (the
//     field is xi_i (1 - Q_ii) with Q the projection on the patterns, whose
//     Q_ii < 1 for P < N random patterns), so Fixed and AllFixed are 1,
//     OneStep is 0, and from the stored pattern the dynamics stay there:
//     Overlap, Signed, Recall and Success are 1 and Flips is 0. At P = N
//     the projection is the identity and, without its diagonal, the
//     weights vanish: every field is a tie, and NaN is returned.
//   - DenseAM with F(x) = x^n: the large-N one-step error
//     theory.DenseOneStepError(N, P-1, n) against the P-1 other patterns,
//     and (1 - p)^N and (1 - p)^(N P) for Fixed and AllFixed.
//   - Storkey, and the other dense energies: no closed form.
func Theory(c Cell, m Measure, tie hopfield.Tie) float64 {
	switch c.Rule {
	case hopfield.Hebbian:
		return hebbianTheory(c, m, tie)
	case hopfield.PseudoInverse:
		switch {
		case c.P >= c.N:
			return nan()
		case m == OneStep:
			return 0
		case m == Fixed || m == AllFixed:
			return 1
		case c.Noise == 0 && m == Flips:
			return 0
		case c.Noise == 0:
			return 1
		}
	case hopfield.DenseAM:
		if c.Energy.Kind != hopfield.Poly {
			return nan()
		}
		p := 0.0
		if c.P > 1 {
			p = theory.DenseOneStepError(c.N, c.P-1, c.Energy.Power)
		}
		return bitLaws(m, p, c)
	}
	return nan()
}

func hebbianTheory(c Cell, m Measure, tie hopfield.Tie) float64 {
	switch m {
	case OneStep:
		return theory.OneStepErrorExact(c.N, c.P, theoryTie(tie))
	case Fixed, AllFixed:
		// A tie flips a bit with probability 0 under keep and 1/2 under
		// plus, so the probability of an error or a tie is
		// 2 P(plus) - P(keep).
		keep := theory.OneStepErrorExact(c.N, c.P, theory.TieKeep)
		plus := theory.OneStepErrorExact(c.N, c.P, theory.TiePlus)
		return bitLaws(m, 2*plus-keep, c)
	case Overlap, Signed:
		if c.Noise > 0 {
			return nan()
		}
		if v, ok := theory.AGSRetrieval(c.Alpha()); ok {
			return v
		}
	}
	return nan()
}

// bitLaws turns the probability p that a bit of a stored pattern fails
// into the laws of independent bits: p for OneStep, (1 - p)^N for Fixed,
// (1 - p)^(N P) for AllFixed.
func bitLaws(m Measure, p float64, c Cell) float64 {
	switch m {
	case OneStep:
		return p
	case Fixed:
		return math.Pow(1-p, float64(c.N))
	case AllFixed:
		return math.Pow(1-p, float64(c.N)*float64(c.P))
	}
	return nan()
}

// theoryTie is the tie rule of package theory that matches the engine's.
func theoryTie(t hopfield.Tie) theory.Tie {
	switch t {
	case hopfield.TiePlus:
		return theory.TiePlus
	case hopfield.TieMinus:
		return theory.TieMinus
	}
	return theory.TieKeep
}
