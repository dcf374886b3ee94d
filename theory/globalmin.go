package theory

import "math"

// rsGap returns the sign-carrying free-energy difference f_retrieval -
// f_spinglass at (alpha, T): the difference when both states exist, +1 when
// there is no retrieval state and -1 when there is one but no spin glass
// (alpha = 0). Only its sign and its zero are used.
func rsGap(alpha, T float64) float64 {
	r, sg := RSSolve(alpha, T)
	switch {
	case !r.OK:
		return 1
	case !sg.OK:
		return -1
	}
	return r.F - sg.F
}

// GlobalMinimumLoad returns alpha_c(T), the load below which the
// replica-symmetric retrieval states have a lower free energy than the
// spin-glass state at temperature T (AGS 1987): the root in alpha of
// f_retrieval = f_spinglass on (0, alpha_M(T)], along which the difference
// increases (checked on grids in the tests). At T = 0 it is 0.05185
// (AGS quote 0.051; the T = 0 energies are -m^2/2 + alpha (1-r)/2 and
// -1/pi - sqrt(2 alpha/pi)); like [RetrievalLoad] it first rises with T,
// to its maximum 0.05313 at T ≈ 0.085 (the replica-symmetric spin glass
// has negative entropy at low T, so its free energy rises with T), and
// then falls to 0 at T = 1, like ((1-T)/2.60)^2. Between
// alpha_c(T) and alpha_M(T) retrieval states are only metastable. It is 0
// for T >= 1; T < 0 or NaN gives NaN.
func GlobalMinimumLoad(T float64) float64 {
	switch {
	case math.IsNaN(T) || T < 0:
		return math.NaN()
	case T >= 1:
		return 0
	}
	return bisect(func(a float64) float64 { return rsGap(a, T) }, 0, RetrievalLoad(T))
}

// GlobalMinimumTemperature returns T_c(alpha), the highest temperature at
// which the replica-symmetric retrieval states are the global minimum of
// the free energy (lower than the spin glass) at load alpha (AGS 1987): 1
// at alpha = 0, about 1 - 2.60 sqrt(alpha) for small alpha, and 0.085 at
// the largest load of the line, 0.05313. Because of the replica-symmetric
// reentrance ([GlobalMinimumLoad]), for 0.05185 < alpha < 0.05313 the
// retrieval states are global minima only in a window of temperatures
// above 0, and T_c(0.05185) ≈ 0.17 is not 0. It is 0 where they are never
// global minima (alpha > 0.05313); alpha < 0 or NaN gives NaN. A call
// takes some 0.5 s (about 130 solutions of the equations).
//
// At fixed alpha the difference f_retrieval - f_spinglass first decreases
// with T and then increases (checked on grids in the tests), and it is
// positive at the spinodal T_M(alpha) ([RetrievalTemperature]). So T_c is
// found by a golden-section search for the minimum of the difference on
// [0, T_M] (0 if it is not negative there) and bisection on [T_min, T_M].
func GlobalMinimumTemperature(alpha float64) float64 {
	switch {
	case math.IsNaN(alpha) || alpha < 0:
		return math.NaN()
	case alpha == 0:
		return 1
	}
	tM := RetrievalTemperature(alpha)
	if tM == 0 {
		return 0
	}
	gap := func(T float64) float64 { return rsGap(alpha, T) }
	tMin, neg := golden(func(T float64) float64 { return -gap(T) }, 0, tM, 1e-6, 0)
	if !neg {
		return 0
	}
	return bisect(gap, tMin, tM)
}
