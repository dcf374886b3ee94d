package theory

import "math"

// bisect returns a root of f in the bracket [a, b], where f(a) and f(b) must
// not have the same strict sign. It halves the bracket until the midpoint is
// no longer distinct from an end point, so the result is accurate to the
// floating-point resolution of the bracket (about 60 halvings for the
// brackets used here). Bisection is slow but cannot fail, which matters more
// here than speed: every root in this package is found once per call on a
// bracket known to hold exactly one sign change.
func bisect(f func(float64) float64, a, b float64) float64 {
	fa := f(a)
	if fa == 0 {
		return a
	}
	if fb := f(b); fb == 0 {
		return b
	}
	for range 2200 { // any two float64s are at most ~2100 halvings apart
		m := a + (b-a)/2
		if m == a || m == b {
			break
		}
		fm := f(m)
		if fm == 0 {
			return m
		}
		if math.Signbit(fm) == math.Signbit(fa) {
			a, fa = m, fm
		} else {
			b = m
		}
	}
	return a + (b-a)/2
}
