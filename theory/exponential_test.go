package theory

import (
	"math"
	"strconv"
	"testing"
)

func TestDemircigilRate(t *testing.T) {
	// Demircigil et al. (2017): alpha(rho) = I(1-2 rho)/2, checked at
	// rho = 0.1 against 0.1840 (research note Q3, four decimals: tolerance
	// 5e-5), at rho = 0 against ln(2)/2 (I(1) = ln 2) and at rho = 1/2
	// (no capacity).
	tests := []struct {
		rho, want, tol float64
	}{
		{0.1, 0.1840, 5e-5},
		{0, math.Ln2 / 2, 1e-16},
		{0.5, 0, 0},
		{0.25, (1.5*math.Log(1.5) + 0.5*math.Log(0.5)) / 4, 1e-16}, // direct formula
	}
	for _, tc := range tests {
		t.Run(strconv.FormatFloat(tc.rho, 'g', -1, 64), func(t *testing.T) {
			if got := DemircigilRate(tc.rho); math.Abs(got-tc.want) > tc.tol {
				t.Errorf("DemircigilRate(%v) = %.17g, want %.17g", tc.rho, got, tc.want)
			}
		})
	}
	// Near rho = 1/2, I(x) = x^2/2 + x^4/12 + x^6/30 + ...; the direct
	// formula would lose 1e-11 relative to cancellation at x = 1e-5, the
	// atanh form keeps a few ulps (1e-14 allowed). The series
	// cut after x^4 is good to x^6/30 relative ~ 1e-31 at x = 1e-5. x is
	// taken as 1 - 2 rho, which is exact in float64 for rho in [1/4, 1/2].
	rho := 0.5 - 5e-6
	x := 1 - 2*rho
	if got, want := DemircigilRate(rho), (x*x/2+x*x*x*x/12)/2; relErr(got, want) > 1e-14 {
		t.Errorf("rate at x = %g: %.17g, series %.17g", x, got, want)
	}
	// Both forms agree where they switch (x = 1/2, rho = 1/4): the direct
	// formula has no cancellation there.
	if a, b := cramerBinary(math.Nextafter(0.5, 0)), ((1.5)*math.Log(1.5)+0.5*math.Log(0.5))/2; relErr(a, b) > 1e-14 {
		t.Errorf("I(1/2-) = %.17g, direct %.17g", a, b)
	}
	prev := math.Inf(1)
	for rho := 0.0; rho <= 0.5; rho += 0.01 {
		r := DemircigilRate(rho)
		if !(r <= prev) {
			t.Errorf("rate not decreasing at rho = %v", rho)
		}
		prev = r
	}
	for _, rho := range []float64{-0.1, 0.6, math.NaN()} {
		if !math.IsNaN(DemircigilRate(rho)) {
			t.Errorf("DemircigilRate(%v) is not NaN", rho)
		}
	}
}

func TestDemircigilCapacity(t *testing.T) {
	// exp(N alpha(0.1)): 361 at N = 32 and 1574 at N = 40 (research note
	// Q3, printed as integers: within 0.5).
	tests := []struct {
		N    int
		want float64
	}{{32, 361}, {40, 1574}}
	for _, tc := range tests {
		t.Run(strconv.Itoa(tc.N), func(t *testing.T) {
			if got := DemircigilCapacity(tc.N, 0.1); math.Abs(got-tc.want) > 0.5 {
				t.Errorf("DemircigilCapacity(%d, 0.1) = %.3f, want %v", tc.N, got, tc.want)
			}
		})
	}
	// rho = 0: 2^(N/2) patterns.
	if got := DemircigilCapacity(64, 0); relErr(got, math.Exp2(32)) > 1e-14 {
		t.Errorf("DemircigilCapacity(64, 0) = %v, want 2^32", got)
	}
	if !math.IsNaN(DemircigilCapacity(0, 0.1)) || !math.IsNaN(DemircigilCapacity(10, 0.7)) {
		t.Error("invalid argument did not give NaN")
	}
}
