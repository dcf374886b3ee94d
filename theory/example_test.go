package theory_test

import (
	"fmt"

	"github.com/hopfield-lab/hopfield/theory"
)

func ExampleAGSCriticalLoad() {
	fmt.Printf("alpha_c = %.4f, m(alpha_c) = %.3f\n", theory.AGSCriticalLoad(), theory.AGSCriticalOverlap())
	// Output: alpha_c = 0.1379, m(alpha_c) = 0.967
}

func ExampleAGSRetrieval() {
	for _, alpha := range []float64{0.05, 0.1, 0.13, 0.14} {
		m, ok := theory.AGSRetrieval(alpha)
		fmt.Printf("alpha = %.2f: m = %.4f, retrieval %v\n", alpha, m, ok)
	}
	// Output:
	// alpha = 0.05: m = 1.0000, retrieval true
	// alpha = 0.10: m = 0.9980, retrieval true
	// alpha = 0.13: m = 0.9872, retrieval true
	// alpha = 0.14: m = 0.0000, retrieval false
}

func ExampleAGSRetrievalCurve() {
	alphas := []float64{0, 0.1, 0.2}
	fmt.Printf("%.3f\n", theory.AGSRetrievalCurve(alphas))
	// Output: [1.000 0.998 0.000]
}

func ExampleOneStepErrorLargeN() {
	fmt.Printf("P_error(0.138) = %.4f\n", theory.OneStepErrorLargeN(0.138))
	fmt.Printf("alpha for P_error = 0.01: %.3f\n", theory.OneStepErrorLargeNInv(0.01))
	// Output:
	// P_error(0.138) = 0.0036
	// alpha for P_error = 0.01: 0.185
}

func ExampleOneStepErrorExact() {
	// A small network: N = 100 neurons, P = 14 patterns (alpha = 0.14).
	for _, tie := range []theory.Tie{theory.TieKeep, theory.TiePlus} {
		fmt.Printf("tie %-4v: %.5f\n", tie, theory.OneStepErrorExact(100, 14, tie))
	}
	fmt.Printf("large N  : %.5f\n", theory.OneStepErrorLargeN(0.14))
	// Output:
	// tie keep: 0.00265
	// tie +1  : 0.00289
	// large N  : 0.00376
}

func ExampleMcElieceAll() {
	N := 1000
	fmt.Printf("all exact     %6.1f\n", theory.McElieceAll(N))
	fmt.Printf("each exact    %6.1f\n", theory.McElieceEach(N))
	fmt.Printf("Storkey       %6.1f\n", theory.StorkeyCapacity(N))
	fmt.Printf("pseudoinverse %6.1f\n", theory.PseudoInverseCapacity(N))
	// Output:
	// all exact       36.2
	// each exact      72.4
	// Storkey        269.0
	// pseudoinverse 1000.0
}

func ExampleGlauberOverlap() {
	for _, T := range []float64{0, 0.5, 0.9, 1} {
		fmt.Printf("T = %.1f: m = %.4f\n", T, theory.GlauberOverlap(T))
	}
	// Output:
	// T = 0.0: m = 1.0000
	// T = 0.5: m = 0.9575
	// T = 0.9: m = 0.5254
	// T = 1.0: m = 0.0000
}

func ExampleCrosstalkPMF() {
	// Overlap of a 4-bit pattern with a vector sharing 1 of its bits.
	values, probs := theory.CrosstalkPMF(4, 1)
	for i, v := range values {
		fmt.Printf("%+d: %.3f\n", v, probs[i])
	}
	fmt.Println("mean", theory.CrosstalkMean(4, 1), "variance", theory.CrosstalkVariance(4, 1))
	// Output:
	// -2: 0.125
	// +0: 0.375
	// +2: 0.375
	// +4: 0.125
	// mean 1 variance 3
}
