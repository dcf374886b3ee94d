package theory

import (
	"math"
	"strconv"
	"testing"
)

func TestLambertW0Known(t *testing.T) {
	// Published constants: the omega constant W0(1) = 0.5671432904097838
	// (OEIS A030178, to double precision), W0(e) = 1 and W0(-1/e) = -1. The
	// first two are allowed 2 ulps; the branch point is exact by
	// construction (the float64 nearest to -1/e is treated as -1/e).
	tests := []struct {
		name    string
		x, want float64
		tol     float64
	}{
		{"omega", 1, 0.5671432904097838, 2 * 0x1p-52},
		{"e", math.E, 1, 2 * 0x1p-52},
		{"-1/e", -1 / math.E, -1, 0},
		{"0", 0, 0, 0},
		{"-ln2/2", -math.Ln2 / 2, -math.Ln2, 4 * 0x1p-52}, // -ln2 e^-ln2 = -ln2/2
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := LambertW0(tc.x); relErr(got, tc.want) > tc.tol {
				t.Errorf("LambertW0(%v) = %.17g, want %.17g", tc.x, got, tc.want)
			}
		})
	}
}

func TestLambertW0Inverse(t *testing.T) {
	// W0(w e^w) = w for w >= -1. The argument w e^w is rounded (relative
	// error ~2 eps), and W's relative condition number x W'/W = 1/(1+W) is
	// at most 10 for w >= -0.9, so 1e-14 relative is ample; near the branch
	// point (w = -0.999) the condition number is 1000 and the argument's
	// rounding is amplified by sqrt: 1e-7 there.
	tests := []struct{ w, tol float64 }{
		{-0.999, 1e-7}, {-0.9, 1e-14}, {-0.5, 1e-14}, {-1e-8, 1e-14}, {1e-300, 1e-14},
		{0.3, 1e-14}, {2, 1e-14}, {10, 1e-14}, {100, 1e-14}, {700, 1e-14},
	}
	for _, tc := range tests {
		t.Run(strconv.FormatFloat(tc.w, 'g', -1, 64), func(t *testing.T) {
			x := tc.w * math.Exp(tc.w)
			if got := LambertW0(x); relErr(got, tc.w) > tc.tol {
				t.Errorf("LambertW0(%v) = %.17g, want %.17g", x, got, tc.w)
			}
		})
	}
}

func TestLambertW0Residual(t *testing.T) {
	// w e^w = x over the whole range. An error dw in w changes w e^w by a
	// relative (1 + 1/w) dw, and Halley stops within a few ulps of w, so
	// the relative residual is at most about 8 eps (1 + |w|).
	prev := -1.0
	for x := -1/math.E + 1e-6; x < 1e308; {
		w := LambertW0(x)
		if r := math.Abs(w*math.Exp(w)-x) / math.Abs(x); r > 8*0x1p-52*(1+math.Abs(w)) {
			t.Errorf("x = %g: w = %.17g, relative residual %g", x, w, r)
		}
		if w < prev {
			t.Errorf("x = %g: W0 decreased to %v from %v", x, w, prev)
		}
		prev = w
		switch {
		case x < -0.01:
			x += 0.01
		case x < 0.01:
			x = 0.01
		default:
			x *= 1.7
		}
	}
	// The top of the range goes through w + ln w = ln x.
	w := LambertW0(math.MaxFloat64)
	if r := math.Abs(w+math.Log(w)-math.Log(math.MaxFloat64)) / math.Log(math.MaxFloat64); r > 4*0x1p-52 {
		t.Errorf("W0(MaxFloat64) = %v: w + ln w - ln x = %g relative", w, r)
	}
}

func TestLambertW0BranchPoint(t *testing.T) {
	// Near -1/e, W0 = -1 + p - p^2/3 + 11 p^3/72 - 43 p^4/540 + 769 p^5/17280
	// - ..., p = sqrt(2 (e x + 1)) (Corless et al. 1996). The series is cut
	// after p^4 and allowed the p^5 term; x + 1/e is known to about 1e-17
	// (the rounding of x), which moves p by e 1e-17 / p; and W itself is
	// determined only to about eps |x| W'(x) = eps |x| / (e^W (1+W)) ≈ eps/p
	// (w e^w has a zero derivative at -1), allowed 4 eps/p. All are below
	// 1e-10 for the deltas used.
	for _, delta := range []float64{1e-12, 1e-10, 1e-8, 1e-6} {
		x := -invEHi + delta
		d := (x + invEHi) + invELo
		p := math.Sqrt(2 * math.E * d)
		want := -1 + p - p*p/3 + 11*p*p*p/72 - 43*p*p*p*p/540
		tol := 769.0/17280*math.Pow(p, 5) + math.E*1e-17/p + 4*0x1p-52/p
		if got := LambertW0(x); math.Abs(got-want) > tol {
			t.Errorf("delta = %g: W0 = %.17g, series %.17g (tol %g)", delta, got, want, tol)
		}
	}
}

func TestLambertW0Invalid(t *testing.T) {
	for _, x := range []float64{-1, -0.37, math.Nextafter(-invEHi, -1), math.NaN(), math.Inf(-1)} {
		if got := LambertW0(x); !math.IsNaN(got) {
			t.Errorf("LambertW0(%v) = %v, want NaN", x, got)
		}
	}
	if got := LambertW0(math.Inf(1)); !math.IsInf(got, 1) {
		t.Errorf("LambertW0(+Inf) = %v, want +Inf", got)
	}
}

func TestLambertW0Exp(t *testing.T) {
	// Both branches of lambertW0Exp agree where they meet (the Newton
	// solution of w + ln w = y and Halley on exp(y) each carry a few ulps),
	// and far out the result solves w + ln w = y to rounding.
	for _, y := range []float64{3, 50, 690, 700} {
		if a, b := lambertW0Log(y), LambertW0(math.Exp(y)); relErr(a, b) > 4*0x1p-52 {
			t.Errorf("y = %v: log form %.17g, direct %.17g", y, a, b)
		}
	}
	for _, y := range []float64{800, 1e5, 1e300} {
		w := lambertW0Exp(y)
		if r := math.Abs(w+math.Log(w)-y) / y; r > 4*0x1p-52 {
			t.Errorf("y = %v: w + ln w - y = %g relative", y, r)
		}
	}
}
