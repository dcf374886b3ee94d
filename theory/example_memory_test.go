package theory_test

import (
	"fmt"

	"github.com/hopfield-lab/hopfield/theory"
)

func ExampleDenseCapacityAlpha() {
	// Capacity K_max = alpha_n N^(n-1) of a dense memory with energy x^n at
	// a one-step error of 0.5 %, exact Gaussian tail and the paper's form.
	for n := 2; n <= 4; n++ {
		fmt.Printf("n = %d: alpha_n = %.4f (paper %.4f), error-free K at N = 100: %.1f\n",
			n, theory.DenseCapacityAlpha(n, 0.005), theory.DenseCapacityAlphaPaper(n, 0.005),
			theory.DenseErrorFreeCapacity(100, n))
	}
	// Output:
	// n = 2: alpha_n = 0.1507 (paper 0.1463), error-free K at N = 100: 10.9
	// n = 3: alpha_n = 0.0502 (paper 0.0488), error-free K at N = 100: 361.9
	// n = 4: alpha_n = 0.0100 (paper 0.0098), error-free K at N = 100: 7238.2
}

func ExampleRamsauerStorage() {
	// The two examples of Ramsauer et al. (2020), Theorem 3.
	for _, tc := range []struct {
		K float64
		d int
	}{{3, 20}, {1, 75}} {
		c, n, ok := theory.RamsauerStorage(1, tc.K, tc.d, 0.001)
		fmt.Printf("K = %v, d = %d: c = %.4f, N >= %.2f, %v\n", tc.K, tc.d, c, n, ok)
	}
	// Output:
	// K = 3, d = 20: c = 3.1546, N >= 7.41, true
	// K = 1, d = 75: c = 1.3719, N >= 10.97, true
}

func ExampleRSOverlap() {
	// Retrieval overlap at load 0.1 as the temperature rises; the state
	// disappears at T_M = 0.3154, with m still 0.95 just below.
	for _, T := range []float64{0, 0.1, 0.2, 0.3, 0.35} {
		fmt.Printf("T = %.2f: m = %.4f\n", T, theory.RSOverlap(0.1, T))
	}
	// Output:
	// T = 0.00: m = 0.9980
	// T = 0.10: m = 0.9968
	// T = 0.20: m = 0.9891
	// T = 0.30: m = 0.9530
	// T = 0.35: m = 0.0000
}

func ExampleRetrievalLoad() {
	for _, T := range []float64{0, 0.2, 0.5, 0.9} {
		fmt.Printf("alpha_M(%.1f) = %.4f\n", T, theory.RetrievalLoad(T))
	}
	a, T := theory.RetrievalLoadMax()
	fmt.Printf("largest: %.5f at T = %.3f\n", a, T)
	fmt.Printf("global minimum up to alpha = %.4f at T = 0\n", theory.GlobalMinimumLoad(0))
	// Output:
	// alpha_M(0.0) = 0.1379
	// alpha_M(0.2) = 0.1226
	// alpha_M(0.5) = 0.0588
	// alpha_M(0.9) = 0.0026
	// largest: 0.13819 at T = 0.023
	// global minimum up to alpha = 0.0519 at T = 0
}

func ExampleMixtureStabilityTemperature() {
	for s := 1; s <= 5; s++ {
		fmt.Printf("s = %d: m(T=0) = %.4f, stable below T = %.4f\n",
			s, theory.MixtureOverlap(s, 0), theory.MixtureStabilityTemperature(s))
	}
	// Output:
	// s = 1: m(T=0) = 1.0000, stable below T = 1.0000
	// s = 2: m(T=0) = 0.5000, stable below T = 0.0000
	// s = 3: m(T=0) = 0.5000, stable below T = 0.4598
	// s = 4: m(T=0) = 0.3750, stable below T = 0.0000
	// s = 5: m(T=0) = 0.3750, stable below T = 0.3847
}
