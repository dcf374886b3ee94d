package theory

import "math"

// This file parametrizes the replica-symmetric solutions at a fixed inverse
// temperature beta by the noise s = beta sqrt(alpha r), which turns the
// coupled equations into explicit formulas and one-dimensional roots.
//
// With x = beta m and the averages of A = x + s Z (gaussavg.go), the
// equations m = E[tanh A], q = E[tanh^2 A], r = q / (1 - beta (1-q))^2 read
//
//	x = beta E[tanh(x + s Z)],                          (1)
//	alpha = (s/beta)^2 (1 - beta u)^2 / q,  u = 1 - q.  (2)
//
// For given beta and s, (1) is a Curie-Weiss equation with Gaussian noise:
// g(x) = beta E[tanh(x + s Z)] - x is odd and concave on x > 0 (the
// Gaussian smoothing of an odd function concave on x > 0 keeps that
// property), so it has a positive root exactly when g'(0) =
// beta E[sech^2(s Z)] - 1 > 0, i.e. s < sEnd(beta), and that root is
// unique. At the root g' < 0, i.e. 1 - beta u > 0: the physical sign in
// r. Then (2) gives the load alpha explicitly. So at fixed beta the
// retrieval branch is the curve s -> alpha(s) on (0, sEnd), which is 0 at
// both ends (s = 0 is the alpha = 0 Curie-Weiss state, sEnd is where
// the overlap vanishes) and has a single maximum alpha_M(T) at s*
// (unimodality is checked on a grid in the tests). For alpha < alpha_M
// the smaller root s < s* is the stable retrieval state (it continues the
// alpha = 0 state) and the larger one the unstable saddle; this is the
// finite-T counterpart of the maximum of G(y) in ags.go. The spin-glass
// branch is x = 0, for which 1 - beta u > 0 needs s > sEnd, and (2)
// increases from 0 at sEnd (or from (T-1)^2 at s = 0 when T >= 1) to
// infinity.
//
// Every root is found by bisection on a bracket, the maximum by golden
// section; no fixed-point iteration is involved, so there is no question of
// convergence near the spinodal, where damped iteration of the original
// equations slows down without bound.

// rsPoint is a solution of (1) at (beta, s), with its averages.
type rsPoint struct {
	beta, x, s float64
	avg        rsAvg
}

// alpha returns the load (2) of the point.
func (p rsPoint) alpha() float64 {
	c := 1 - p.beta*p.avg.sech2
	sigma := p.s / p.beta
	return sigma * sigma * c * c / (1 - p.avg.sech2)
}

// state returns the order parameters and the free energy of the point at
// load alpha.
func (p rsPoint) state(alpha float64) RSState {
	avg := rsAverages(p.x, p.s, true)
	q := 1 - avg.sech2
	c := 1 - p.beta*avg.sech2
	r := q / (c * c)
	m := avg.tanh
	if p.x == 0 {
		m = 0 // the spin glass: E[tanh(s Z)] = 0 by symmetry, not just to rounding
	}
	return RSState{M: m, Q: q, R: r, F: rsFreeEnergy(alpha, p.beta, m, q, r, avg.lcosh), OK: true}
}

// rsFreeEnergy is the replica-symmetric free energy per neuron (AGS 1987)
// at overlap m, Edwards-Anderson parameter q, noise r and
// lcosh = E[ln 2cosh(beta (m + sqrt(alpha r) Z))].
func rsFreeEnergy(alpha, beta, m, q, r, lcosh float64) float64 {
	c := 1 - beta*(1-q)
	return alpha/2 + m*m/2 + alpha/(2*beta)*math.Log(c) - alpha/2*q/c +
		alpha*beta/2*r*(1-q) - lcosh/beta
}

// retrievalPoint solves (1) for its positive root at (beta, s); ok is false
// when there is none (s >= sEnd(beta)).
func retrievalPoint(beta, s float64) (p rsPoint, ok bool) {
	if beta*rsAverages(0, s, false).sech2 <= 1 {
		return rsPoint{beta: beta, s: s}, false
	}
	// Newton's method from x = beta, where g(beta) < 0 since |tanh| < 1: g
	// is concave with g(0) = 0, so the iterates decrease monotonically onto
	// the root; stop when one fails to decrease (rounding level).
	x := beta
	avg := rsAverages(x, s, false)
	for range 200 {
		g := beta*avg.tanh - x
		if g >= 0 {
			break
		}
		next := x - g/(beta*avg.sech2-1)
		if !(next < x) || next <= 0 {
			break
		}
		x, avg = next, rsAverages(next, s, false)
	}
	return rsPoint{beta, x, s, avg}, true
}

// retrievalAlpha is the load of the retrieval branch at (beta, s), 0 past
// its end.
func retrievalAlpha(beta, s float64) float64 {
	p, ok := retrievalPoint(beta, s)
	if !ok {
		return 0
	}
	return p.alpha()
}

// sEnd returns the noise at which the retrieval branch ends for beta > 1,
// the root of beta E[sech^2(s Z)] = 1. E[sech^2(s Z)] falls from 1 at s = 0
// and is below sqrt(2/pi)/s (the density of s Z is at most
// 1/(s sqrt(2 pi)) and sech^2 integrates to 2), so the root lies in
// (0, beta].
func sEnd(beta float64) float64 {
	return bisect(func(s float64) float64 { return beta*rsAverages(0, s, false).sech2 - 1 }, 0, beta)
}

// retrievalPeak returns s* and alpha_M = alpha(s*), the maximum of the
// retrieval branch at beta > 1.
func retrievalPeak(beta float64) (sStar, alphaM float64) {
	f := func(s float64) float64 { return retrievalAlpha(beta, s) }
	sStar, _ = golden(f, 0, sEnd(beta), 1e-10, math.Inf(1))
	return sStar, f(sStar)
}

// retrievalSolve returns the stable retrieval point at (beta > 1, alpha),
// or false if alpha > alpha_M(T). Any s0 on the branch with
// alpha(s0) >= alpha brackets it: on [0, s0] alpha(s) - alpha rises from
// -alpha through a single zero (before s*) and stays >= 0 after it, since
// past s* alpha(s) decreases to alpha(s0) >= alpha. The golden-section
// search for the maximum stops at the first such s0.
func retrievalSolve(beta, alpha float64) (rsPoint, bool) {
	f := func(s float64) float64 { return retrievalAlpha(beta, s) }
	s0, ok := golden(f, 0, sEnd(beta), 1e-10, alpha)
	if !ok {
		return rsPoint{}, false
	}
	s := bisect(func(s float64) float64 { return f(s) - alpha }, 0, s0)
	return retrievalPoint(beta, s)
}

// spinGlassPoint returns the x = 0 point with load alpha at beta, or false
// if there is none (T >= 1 + sqrt(alpha)).
func spinGlassPoint(beta, alpha float64) (rsPoint, bool) {
	lo := 0.0
	if beta > 1 {
		lo = sEnd(beta)
	} else if d := 1/beta - 1; alpha <= d*d {
		return rsPoint{}, false
	}
	f := func(s float64) float64 { return rsPoint{beta, 0, s, rsAverages(0, s, false)}.alpha() - alpha }
	hi := math.Max(2*lo, 1)
	for f(hi) < 0 { // alpha(s) ≈ (s/beta)^2 for large s
		hi *= 2
	}
	s := bisect(f, lo, hi)
	return rsPoint{beta, 0, s, rsAverages(0, s, false)}, true
}

// golden searches for the maximum of a unimodal f on [a, b] by golden
// section, to a bracket of relTol (b - a) (about 48 evaluations for
// 1e-10; the maximum value is then accurate to rounding, since f is flat
// there). It returns the first evaluated point where f >= target with
// ok = true, or else the maximizer with ok = (f there >= target).
func golden(f func(float64) float64, a, b, relTol, target float64) (x float64, ok bool) {
	const g = 0.6180339887498949 // (sqrt 5 - 1) / 2
	tol := relTol * (b - a)
	c, d := b-g*(b-a), a+g*(b-a)
	fc, fd := f(c), f(d)
	for b-a > tol {
		switch {
		case fc >= target:
			return c, true
		case fd >= target:
			return d, true
		case fc >= fd:
			b, d, fd = d, c, fc
			c = b - g*(b-a)
			fc = f(c)
		default:
			a, c, fc = c, d, fd
			d = a + g*(b-a)
			fd = f(d)
		}
	}
	x = (a + b) / 2
	return x, f(x) >= target
}
