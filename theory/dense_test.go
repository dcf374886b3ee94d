package theory

import (
	"math"
	"strconv"
	"testing"
)

func TestDoubleFactorial(t *testing.T) {
	// Exact products (integers below 2^53, so exact in float64).
	tests := []struct {
		k    int
		want float64
	}{
		{-1, 1}, {0, 1}, {1, 1}, {2, 2}, {3, 3}, {4, 8}, {5, 15}, {7, 105},
		{8, 384}, {29, 6190283353629375},
	}
	for _, tc := range tests {
		t.Run(strconv.Itoa(tc.k), func(t *testing.T) {
			if got := DoubleFactorial(tc.k); got != tc.want {
				t.Errorf("%d!! = %v, want %v", tc.k, got, tc.want)
			}
		})
	}
	if !math.IsNaN(DoubleFactorial(-2)) || !math.IsInf(DoubleFactorial(301), 1) || math.IsInf(DoubleFactorial(300), 0) {
		t.Error("wrong value for k = -2, 300 or 301")
	}
}

func TestDenseErrorFreeCapacity(t *testing.T) {
	// Krotov & Hopfield (2016) error-free capacity N^(n-1)/(2 (2n-3)!! ln N)
	// at N = 100, checked to the printed digits (research note Q1: 10.86,
	// 361.9, 7238): tolerance half a unit in the last printed digit.
	tests := []struct {
		n         int
		want, tol float64
	}{
		{2, 10.86, 0.005},
		{3, 361.9, 0.05},
		{4, 7238, 0.5},
	}
	for _, tc := range tests {
		t.Run(strconv.Itoa(tc.n), func(t *testing.T) {
			if got := DenseErrorFreeCapacity(100, tc.n); math.Abs(got-tc.want) > tc.tol {
				t.Errorf("DenseErrorFreeCapacity(100, %d) = %.4f, want %v ± %v", tc.n, got, tc.want, tc.tol)
			}
		})
	}
	// n = 2 is McEliece's N/(2 ln N): the same expression, to rounding.
	for _, N := range []int{2, 10, 1000, 1 << 20} {
		if got, want := DenseErrorFreeCapacity(N, 2), McElieceEach(N); relErr(got, want) > 1e-15 {
			t.Errorf("N = %d: %v, McElieceEach %v", N, got, want)
		}
	}
	for _, v := range []float64{DenseErrorFreeCapacity(1, 3), DenseErrorFreeCapacity(100, 1)} {
		if !math.IsNaN(v) {
			t.Errorf("invalid argument gave %v, want NaN", v)
		}
	}
}

func TestDenseCapacityAlpha(t *testing.T) {
	// Capacities alpha_n = K_max / N^(n-1) at P_error = 0.5 %: the paper's
	// asymptotic form gives the values quoted by Krotov & Hopfield (2016),
	// 0.1463, 0.0488, 0.0098, the exact Gaussian tail 0.1507, 0.0502,
	// 0.0100 (research note Q1). Tolerance: half a unit in the fourth
	// decimal.
	tests := []struct {
		n            int
		exact, paper float64
	}{
		{2, 0.1507, 0.1463},
		{3, 0.0502, 0.0488},
		{4, 0.0100, 0.0098},
	}
	for _, tc := range tests {
		t.Run(strconv.Itoa(tc.n), func(t *testing.T) {
			if got := DenseCapacityAlpha(tc.n, 0.005); math.Abs(got-tc.exact) > 5e-5 {
				t.Errorf("DenseCapacityAlpha = %.5f, want %v", got, tc.exact)
			}
			if got := DenseCapacityAlphaPaper(tc.n, 0.005); math.Abs(got-tc.paper) > 5e-5 {
				t.Errorf("DenseCapacityAlphaPaper = %.5f, want %v", got, tc.paper)
			}
		})
	}
}

func TestDenseCapacityAlphaInverse(t *testing.T) {
	// The capacities solve their error laws: with u = (2n-3)!! alpha,
	// Phi(-1/sqrt(u)) = p and sqrt(u/(2 pi)) exp(-1/(2u)) = p. erfc, the
	// normal quantile, exp and Lambert W are each good to a few ulps; the
	// condition numbers (d ln p / d ln u = 1/(2u) + 1/2 < 30 here) bring
	// that to below 1e-12.
	for _, n := range []int{2, 3, 5} {
		for _, p := range []float64{1e-10, 1e-4, 0.005, 0.1} {
			w := denseWeight(n)
			u := w * DenseCapacityAlpha(n, p)
			if got := OneStepErrorLargeN(u); relErr(got, p) > 1e-12 {
				t.Errorf("n = %d, p = %v: exact tail at alpha_n = %v", n, p, got)
			}
			u = w * DenseCapacityAlphaPaper(n, p)
			if got := math.Sqrt(u/(2*math.Pi)) * math.Exp(-1/(2*u)); relErr(got, p) > 1e-12 {
				t.Errorf("n = %d, p = %v: paper form at alpha_n = %v", n, p, got)
			}
		}
	}
	// p below 1e-154 needs W0(exp(y)) with y > 709.
	if a := DenseCapacityAlphaPaper(2, 1e-300); !(a > 0 && a < 0.002) {
		t.Errorf("DenseCapacityAlphaPaper(2, 1e-300) = %v", a)
	}
	for _, v := range []float64{
		DenseCapacityAlpha(1, 0.01), DenseCapacityAlpha(2, -0.1), DenseCapacityAlpha(2, 0.6),
		DenseCapacityAlphaPaper(1, 0.01), DenseCapacityAlphaPaper(2, 0.7), DenseCapacityAlphaPaper(2, math.NaN()),
	} {
		if !math.IsNaN(v) {
			t.Errorf("invalid argument gave %v, want NaN", v)
		}
	}
	if DenseCapacityAlpha(3, 0) != 0 || DenseCapacityAlphaPaper(3, 0) != 0 || !math.IsInf(DenseCapacityAlpha(3, 0.5), 1) {
		t.Error("wrong end points")
	}
}

func TestDenseOneStepError(t *testing.T) {
	// n = 2 is the Hopfield network's large-N law at alpha = K/N (same
	// expression, to rounding).
	for _, tc := range [][2]int{{1000, 138}, {100, 14}, {50, 1}} {
		got := DenseOneStepError(tc[0], tc[1], 2)
		want := OneStepErrorLargeN(float64(tc[1]) / float64(tc[0]))
		if relErr(got, want) > 1e-15 {
			t.Errorf("N = %d, K = %d: %v, OneStepErrorLargeN %v", tc[0], tc[1], got, want)
		}
	}
	// The paper's form is phi(x)/x, the exact tail Phi(-x) times
	// 1/(1 - 1/x^2 + 3/x^4 - ...) = 1 + 1/x^2 - 2/x^4 + 10/x^6 - ...; the
	// ratio must follow that expansion, to the size of the next term.
	tests := []struct{ N, K, n int }{{100, 5, 2}, {100, 200, 3}, {30, 1, 4}, {1000, 10, 2}}
	for _, tc := range tests {
		t.Run(strconv.Itoa(tc.N)+"/"+strconv.Itoa(tc.K)+"/"+strconv.Itoa(tc.n), func(t *testing.T) {
			x2 := 1 / denseLoad(tc.N, tc.K, tc.n)
			ratio := DenseOneStepErrorPaper(tc.N, tc.K, tc.n) / DenseOneStepError(tc.N, tc.K, tc.n)
			if want := 1 + 1/x2 - 2/(x2*x2); math.Abs(ratio-want) > 10/(x2*x2*x2) {
				t.Errorf("x^2 = %.4g: ratio %.10f, expansion %.10f", x2, ratio, want)
			}
		})
	}
	// More patterns, more errors; higher n, fewer (at the same K and N).
	if !(DenseOneStepError(100, 300, 3) < DenseOneStepError(100, 400, 3) &&
		DenseOneStepError(100, 400, 4) < DenseOneStepError(100, 400, 3)) {
		t.Error("not monotone in K or n")
	}
	for _, v := range []float64{DenseOneStepError(0, 1, 2), DenseOneStepError(10, 0, 2), DenseOneStepError(10, 1, 1), DenseOneStepErrorPaper(10, -1, 3)} {
		if !math.IsNaN(v) {
			t.Errorf("invalid argument gave %v, want NaN", v)
		}
	}
}
