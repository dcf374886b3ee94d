package figure

import (
	"math"
	"testing"
)

func TestHistogramBins(t *testing.T) {
	// Sums of 100 products of +-1 are even: bins must hold whole lattice
	// points, an odd number of them, one bin centred on 0.
	samples := []float64{-12, -6, -4, -2, 0, 0, 2, 2, 4, 8, 14, -20}
	pmf := binomialSumPMF(100)
	edges := binEdges(-30, 30, 0, latticeOf(pmf.Values), 10, 0, len(samples))
	w := edges[1] - edges[0]
	if k := w / 2; k != math.Trunc(k) || int(k)%2 != 1 {
		t.Errorf("bin width %v is not an odd number of lattice steps", w)
	}
	c := binOf(edges, 0)
	if mid := (edges[c] + edges[c+1]) / 2; mid != 0 {
		t.Errorf("bin holding 0 is centred on %v", mid)
	}
	if edges[0] > -30 || edges[len(edges)-1] < 30 {
		t.Errorf("edges %v do not cover [-30, 30]", edges)
	}
	if l := latticeOf(samples); l.step != 2 {
		t.Errorf("lattice step %v, want 2", l.step)
	}
	if l := latticeOf([]float64{0.5, 1.5, 3.5}); l.step != 1 {
		t.Errorf("lattice step %v, want 1", l.step)
	}
	if l := latticeOf([]float64{0.1, 0.25, 0.33}); l.step != 0 {
		t.Errorf("irregular values got lattice %v", l)
	}
	if _, err := NewHist(samples, HistOptions{PMF: pmf}); err != nil {
		t.Fatal(err)
	}
	if _, err := NewHist([]float64{3, 3, 3}, HistOptions{}); err != nil {
		t.Errorf("constant samples: %v", err)
	}
	if _, err := NewHist([]float64{0.5, 0.25, 0.125}, HistOptions{BinWidth: 0.1}); err != nil {
		t.Errorf("explicit width: %v", err)
	}
}

func binomialSumPMF(n int) *PMF {
	// sum of n products of independent random +-1: 2k - n, k ~ Bin(n, 1/2)
	pmf := &PMF{}
	for k := 0; k <= n; k++ {
		lg, _ := math.Lgamma(float64(n + 1))
		l1, _ := math.Lgamma(float64(k + 1))
		l2, _ := math.Lgamma(float64(n - k + 1))
		pmf.Values = append(pmf.Values, float64(2*k-n))
		pmf.Probs = append(pmf.Probs, math.Exp(lg-l1-l2-float64(n)*math.Ln2))
	}
	return pmf
}
