package theory

import (
	"math"
	"sync"
)

// RSState is a solution of the replica-symmetric equations of the Hebbian
// network at load alpha and temperature T (see [RSSolve]).
type RSState struct {
	M  float64 // overlap with the retrieved pattern (0 for the spin glass)
	Q  float64 // Edwards-Anderson order parameter q = mean of <s_i>^2
	R  float64 // r = q / (1 - beta (1-q))^2, the crosstalk noise is alpha r
	F  float64 // free energy per neuron
	OK bool    // the solution exists
}

// RSSolve returns the replica-symmetric retrieval and spin-glass solutions
// of the Hebbian network (Amit, Gutfreund & Sompolinsky 1985, 1987) at load
// alpha = P/N and temperature T, in the Glauber convention E[s] = tanh(h/T)
// of [GlauberOverlap]:
//
//	m = E[tanh(beta (m + sqrt(alpha r) Z))],  q = E[tanh^2(beta (m + sqrt(alpha r) Z))],
//	r = q / (1 - beta (1-q))^2,  beta = 1/T,  Z ~ N(0, 1),
//
// with the free energy per neuron
//
//	f = alpha/2 + m^2/2 + alpha/(2 beta) [ln(1 - beta(1-q)) - beta q/(1 - beta(1-q))]
//	    + alpha beta r (1-q)/2 - (1/beta) E[ln 2cosh(beta (m + sqrt(alpha r) Z))],
//
// whose stationary points are the equations. The retrieval state is the
// stable solution with m > 0, continuously connected to the alpha = 0
// state; it exists for T < T_M(alpha) ([RetrievalTemperature]). The spin
// glass has m = 0 and q > 0 and exists for T < T_g = 1 + sqrt(alpha). At
// T = 0 the limits are taken analytically (C = beta(1-q) finite): the
// retrieval state is that of [AGSRetrieval], with q = 1, r = 1/(1-C)^2 and
// f = -m^2/2 + alpha (1 - r)/2, and the spin glass has
// r = (1 + sqrt(2/(pi alpha)))^2, f = -1/pi - sqrt(2 alpha/pi). At alpha = 0
// the retrieval state is the Curie-Weiss one and there is no spin glass.
//
// A solution that does not exist is returned as the zero RSState (OK
// false, M = 0). Invalid arguments (alpha < 0, T < 0, NaN) give NaN fields.
// The numerics are described in the package documentation (section 9).
func RSSolve(alpha, T float64) (retrieval, spinGlass RSState) {
	switch {
	case math.IsNaN(alpha) || math.IsNaN(T) || alpha < 0 || T < 0 || math.IsInf(alpha, 1):
		nan := math.NaN()
		s := RSState{nan, nan, nan, nan, false}
		return s, s
	case T == 0:
		return rsRetrievalZero(alpha), rsSpinGlassZero(alpha)
	case alpha == 0:
		return rsCurieWeiss(T), RSState{}
	}
	beta := 1 / T
	if sg, ok := spinGlassPoint(beta, alpha); ok {
		spinGlass = sg.state(alpha)
	}
	if beta <= 1 {
		return RSState{}, spinGlass
	}
	if p, ok := retrievalSolve(beta, alpha); ok {
		retrieval = p.state(alpha)
	}
	return retrieval, spinGlass
}

// rsRetrievalZero is the T = 0 retrieval state, from the AGS equation in y:
// m = erf(y) and y = m / sqrt(2 alpha r) give r = m^2 / (2 alpha y^2).
func rsRetrievalZero(alpha float64) RSState {
	y, ok := agsRetrievalY(alpha)
	if !ok {
		return RSState{}
	}
	if alpha == 0 {
		return RSState{M: 1, Q: 1, R: 1, F: -0.5, OK: true}
	}
	m := math.Erf(y)
	r := m * m / (2 * alpha * y * y)
	return RSState{M: m, Q: 1, R: r, F: -m*m/2 + alpha*(1-r)/2, OK: true}
}

// rsSpinGlassZero is the T = 0 spin glass: with m = 0, C = sqrt(2/(pi alpha r))
// and r = 1/(1-C)^2 give sqrt(r) = 1 + sqrt(2/(pi alpha)).
func rsSpinGlassZero(alpha float64) RSState {
	if alpha == 0 {
		return RSState{}
	}
	c := 1 + math.Sqrt(2/(math.Pi*alpha))
	r := c * c
	return RSState{M: 0, Q: 1, R: r, F: alpha * (1 - r) / 2, OK: true}
}

// rsCurieWeiss is the alpha = 0 retrieval state m = tanh(m/T), with q = m^2
// and f = m^2/2 - T ln 2cosh(m/T); none for T >= 1.
func rsCurieWeiss(T float64) RSState {
	m := GlauberOverlap(T)
	if m == 0 {
		return RSState{}
	}
	beta := 1 / T
	c := 1 - beta*(1-m*m)
	a := rsAverages(beta*m, 0, true)
	return RSState{M: m, Q: m * m, R: m * m / (c * c), F: m*m/2 - a.lcosh/beta, OK: true}
}

// RSOverlap returns the overlap m of the replica-symmetric retrieval state
// at load alpha and temperature T ([RSSolve]), and 0 where there is none
// (T >= T_M(alpha)). It equals [AGSRetrieval] at T = 0 and
// [GlauberOverlap] at alpha = 0. Invalid arguments give NaN.
func RSOverlap(alpha, T float64) float64 {
	r, _ := RSSolve(alpha, T)
	return r.M
}

// SpinGlassTemperature returns T_g = 1 + sqrt(alpha), the temperature below
// which the replica-symmetric spin-glass solution (m = 0, q > 0) exists
// (AGS 1987). alpha < 0 or NaN gives NaN.
func SpinGlassTemperature(alpha float64) float64 {
	if math.IsNaN(alpha) || alpha < 0 {
		return math.NaN()
	}
	return 1 + math.Sqrt(alpha)
}

// RetrievalLoad returns alpha_M(T), the largest load at which a
// replica-symmetric retrieval state exists at temperature T: the maximum of
// the retrieval branch (see the package documentation, section 9). It is
// [AGSCriticalLoad] ≈ 0.13791 at T = 0, rises slightly to the maximum
// 0.13819 at T ≈ 0.023 ([RetrievalLoadMax]; the replica-symmetric
// reentrance), then falls to 0 at T = 1, like ((1-T)/1.95)^2 there. It is
// 0 for T >= 1; T < 0 or NaN gives NaN.
func RetrievalLoad(T float64) float64 {
	switch {
	case math.IsNaN(T) || T < 0:
		return math.NaN()
	case T == 0:
		return AGSCriticalLoad()
	case T >= 1:
		return 0
	}
	_, a := retrievalPeak(1 / T)
	return a
}

// retrievalLoadPeak computes, once, the maximum of alpha_M(T) by golden
// section on [0, 0.2] (alpha_M rises on [0, 0.023] and falls after it;
// checked on a grid in the tests).
var retrievalLoadPeak = sync.OnceValues(func() (alphaMax, tMax float64) {
	tMax, _ = golden(RetrievalLoad, 0, 0.2, 1e-10, math.Inf(1))
	return RetrievalLoad(tMax), tMax
})

// RetrievalLoadMax returns the largest load alphaMax ≈ 0.138189 at which
// the replica-symmetric theory has a retrieval state at any temperature,
// and the temperature tMax ≈ 0.0229 where it is reached. It exceeds the
// T = 0 capacity [AGSCriticalLoad] ≈ 0.137906 because the RS retrieval
// line is reentrant: for alpha_c < alpha < alphaMax retrieval exists only
// in a window of temperatures above 0. This is an artefact of replica
// symmetry at low T; it survives one and two steps of replica symmetry
// breaking and is conjectured to vanish with full breaking (Steffan & Kühn
// 1994). It is tiny: 3e-4 in alpha.
func RetrievalLoadMax() (alphaMax, tMax float64) {
	return retrievalLoadPeak()
}

// RetrievalTemperature returns T_M(alpha), the highest temperature at which
// a replica-symmetric retrieval state exists at load alpha: 1 at
// alpha = 0, about 1 - 1.95 sqrt(alpha) for small alpha, decreasing to
// tMax ≈ 0.023 at alphaMax ≈ 0.13819 ([RetrievalLoadMax]), and 0 for
// alpha > alphaMax (no retrieval at any temperature). Because of the
// reentrance, T_M(alpha_c) ≈ 0.046 is not 0; below alpha_c = [AGSCriticalLoad]
// retrieval exists for all 0 <= T < T_M, between alpha_c and alphaMax only
// for T_low < T < T_M. alpha < 0 or NaN gives NaN. It is the root of
// RetrievalLoad(T) = alpha on [tMax, 1], where RetrievalLoad decreases,
// found by bisection.
func RetrievalTemperature(alpha float64) float64 {
	alphaMax, tMax := RetrievalLoadMax()
	switch {
	case math.IsNaN(alpha) || alpha < 0:
		return math.NaN()
	case alpha == 0:
		return 1
	case alpha > alphaMax:
		return 0
	}
	return bisect(func(T float64) float64 { return RetrievalLoad(T) - alpha }, tMax, 1)
}
