package theory

import "math"

// invE is 1/e, split as invEHi + invELo with invEHi the float64 nearest to
// 1/e and invELo the remainder (1/e - invEHi ≈ -1.24e-17), so that x + 1/e
// can be formed without losing the digits that decide the branch point.
const (
	invEHi = 0.36787944117144233
	invELo = -1.2428753672788363e-17
)

// LambertW0 returns the principal branch W0(x) of the Lambert W function,
// the solution w >= -1 of
//
//	w exp(w) = x,  x >= -1/e.
//
// W0(-1/e) = -1, W0(0) = 0, W0(1) = 0.5671432904097838 (the omega
// constant), W0(e) = 1, and W0(x) ≈ ln x - ln ln x for large x. x < -1/e
// (below the branch point, with -1/e taken as its nearest float64) or NaN
// gives NaN; +Inf gives +Inf.
//
// Numerics: a starting value from the branch-point series
// w = -1 + p - p^2/3 + 11 p^3/72, p = sqrt(2 (e x + 1)), near -1/e, from
// ln(1+x) for moderate x and from ln x - ln ln x for large x, then Halley's
// iteration
//
//	w <- w - f / (e^w (w+1) - (w+2) f / (2w+2)),  f = w e^w - x,
//
// which converges cubically; it stops when a step is below 4 ulps of w
// (three or four steps in practice). Near the branch point W is
// ill-conditioned (W' = 1/(e^W (1+W)) is infinite at -1/e), and the
// absolute error is about eps/(1+W): 5e-14 at x = -1/e + 1e-6, 1e-8 at
// -1/e + 1e-16. Elsewhere it is a few ulps (checked in the tests through
// w e^w = x and the branch-point series).
// Above 1e300, where w e^w would overflow during the iteration, it solves
// w + ln w = ln x instead. gonum has no Lambert W.
func LambertW0(x float64) float64 {
	switch {
	case math.IsNaN(x):
		return math.NaN()
	case math.IsInf(x, 1):
		return x
	case x == 0:
		return 0
	}
	d := (x + invEHi) + invELo // x + 1/e
	if x < -invEHi {
		return math.NaN()
	}
	if d <= 0 { // x is the float64 nearest to -1/e
		return -1
	}
	if x > 1e300 { // w e^w would overflow near the top of the range
		return lambertW0Log(math.Log(x))
	}
	w := lambertW0Start(x, d)
	for range 50 {
		ew := math.Exp(w)
		f := w*ew - x
		if f == 0 {
			break
		}
		step := f / (ew*(w+1) - (w+2)*f/(2*w+2))
		w -= step
		if math.Abs(step) <= 4*0x1p-52*math.Abs(w) || w <= -1 {
			break
		}
	}
	return math.Max(w, -1)
}

// lambertW0Start is the starting value of LambertW0 for x > -1/e, d = x + 1/e.
func lambertW0Start(x, d float64) float64 {
	switch {
	case d < 0.25: // within the radius where the branch-point series is good
		p := math.Sqrt(2 * math.E * d)
		return -1 + p*(1+p*(-1.0/3+p*11.0/72))
	case x < 3:
		return math.Log1p(x) * (1 - math.Log1p(math.Log1p(x))/(2+math.Log1p(x)))
	}
	l1 := math.Log(x)
	l2 := math.Log(l1)
	return l1 - l2 + l2/l1
}

// lambertW0Exp returns W0(exp(y)) without overflow for large y: for
// y <= 690 it is LambertW0(exp(y)), beyond it lambertW0Log(y).
func lambertW0Exp(y float64) float64 {
	if math.IsNaN(y) || y <= 690 {
		return LambertW0(math.Exp(y))
	}
	return lambertW0Log(y)
}

// lambertW0Log returns W0(exp(y)) for y > 2 (so w > 1) as the root of
// w + ln w = y, by Newton's method from w = y - ln y + ln y / y. The
// function is increasing and concave, the start is within 1e-3 of the
// root for y > 100 and the iteration converges quadratically; it stops
// when a step is below 4 ulps.
func lambertW0Log(y float64) float64 {
	w := y - math.Log(y) + math.Log(y)/y
	for range 50 {
		step := (w + math.Log(w) - y) / (1 + 1/w)
		w -= step
		if math.Abs(step) <= 4*0x1p-52*w {
			break
		}
	}
	return w
}
