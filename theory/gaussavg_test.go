package theory

import (
	"math"
	"strconv"
	"testing"

	"gonum.org/v1/gonum/integrate/quad"
)

// bruteAverages integrates tanh, sech^2 and ln 2cosh of x + s z against
// the standard normal density directly, with an n-point Gauss-Legendre
// rule on z in [-12, 12] (the normal mass outside is 4e-33).
func bruteAverages(x, s float64, n int) rsAvg {
	dens := func(z float64) float64 { return math.Exp(-z*z/2) / math.Sqrt(2*math.Pi) }
	th := func(z float64) float64 { return math.Tanh(x+s*z) * dens(z) }
	se := func(z float64) float64 { c := math.Cosh(x + s*z); return dens(z) / (c * c) }
	lc := func(z float64) float64 {
		a := math.Abs(x + s*z)
		return (a + math.Log1p(math.Exp(-2*a))) * dens(z)
	}
	return rsAvg{
		quad.Fixed(th, -12, 12, n, quad.Legendre{}, 0),
		quad.Fixed(se, -12, 12, n, quad.Legendre{}, 0),
		quad.Fixed(lc, -12, 12, n, quad.Legendre{}, 0),
	}
}

func TestRSAverages(t *testing.T) {
	// Against a brute-force rule in z. tanh and sech^2 of x + s z are
	// analytic within pi/(2s) of the real axis, so an n-point rule on
	// [-12, 12] converges like (1 + pi/(24 s))^(-2n), negligible for
	// n = 3000 (20000 at s = 40); the sums of n terms are good to about
	// 1e-15, and the measured differences are below 6e-15: tolerance
	// 1e-14. ln 2cosh has a kink (|a|) where x + s z = 0, at which the
	// brute-force rule converges only like 1/n^2: its tolerance is 1e-13
	// for smooth cases and 1e-12 to 1e-11 for large s (measured up to
	// 3e-13).
	tests := []struct {
		x, s  float64
		n     int
		lcTol float64
	}{
		{0, 0.5, 3000, 1e-13}, {0.7, 0.3, 3000, 1e-13}, {3, 2, 3000, 1e-13},
		{-2, 5, 3000, 1e-12}, {10, 5, 3000, 1e-12}, {0.1, 1e-3, 3000, 1e-13},
		{30, 40, 20000, 1e-11}, {25, 0.01, 3000, 1e-12},
	}
	for _, tc := range tests {
		t.Run(strconv.FormatFloat(tc.x, 'g', -1, 64)+"/"+strconv.FormatFloat(tc.s, 'g', -1, 64), func(t *testing.T) {
			got, want := rsAverages(tc.x, tc.s, true), bruteAverages(tc.x, tc.s, tc.n)
			if d := math.Abs(got.tanh - want.tanh); d > 1e-14 {
				t.Errorf("E tanh = %.17g, brute force %.17g", got.tanh, want.tanh)
			}
			if d := math.Abs(got.sech2 - want.sech2); d > 1e-14 {
				t.Errorf("E sech^2 = %.17g, brute force %.17g", got.sech2, want.sech2)
			}
			if d := math.Abs(got.lcosh - want.lcosh); d > tc.lcTol {
				t.Errorf("E ln 2cosh = %.17g, brute force %.17g", got.lcosh, want.lcosh)
			}
		})
	}
	// s = 0 is the plain function; withLog = false leaves lcosh 0.
	if a := rsAverages(0.8, 0, true); a.tanh != math.Tanh(0.8) || relErr(a.sech2, 1/math.Pow(math.Cosh(0.8), 2)) > 1e-15 || relErr(a.lcosh, math.Log(2*math.Cosh(0.8))) > 1e-15 {
		t.Errorf("s = 0: %+v", a)
	}
	if a := rsAverages(1, 1, false); a.lcosh != 0 {
		t.Errorf("withLog = false: lcosh = %v", a.lcosh)
	}
}
