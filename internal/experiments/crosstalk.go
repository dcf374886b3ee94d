package experiments

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/hopfield-lab/hopfield/figure"
	"github.com/hopfield-lab/hopfield/theory"
)

func init() {
	Register(&Experiment{
		Name:  "crosstalk",
		Title: "Crosstalk: how similar are two random patterns?",
		Description: `The term in square brackets of the slides, sum_i xi_i S_i, measures how much a ` +
			`state S looks like a stored pattern xi. For two independent random patterns of N = +-1 ` +
			`values it is a sum of N coin flips: 0 on average, typically +-sqrt(N) (it is exactly ` +
			`2 Binomial(N, 1/2) - N, with variance N). This "crosstalk" is the noise a stored pattern ` +
			`adds to the recall of another. When S copies xi on N_overlap positions the sum moves to ` +
			`N_overlap and its spread shrinks to variance N - N_overlap: the signal that makes recall ` +
			`work. The histograms are K random draws; the black dots are the exact law.`,
		Order: 2,
		Params: []Param{
			{Name: "N", Kind: Int, Default: 100, Min: 1, Max: 100000, Help: "neurons per pattern"},
			{Name: "K", Kind: Int, Default: 100, Min: 2, Max: 1000000, Help: "random pairs (independent patterns)"},
			{Name: "N_overlap", Kind: Int, Default: 50, Min: 0, Max: 100000, Help: "positions where S copies xi (overlapping case)"},
			{Name: "K_overlap", Kind: Int, Default: 50, Min: 2, Max: 1000000, Help: "random pairs (overlapping case)"},
		},
		Run: runCrosstalk,
	})
}

// crosstalkStats are a sample's moments and how far they are from the exact
// law, in standard errors.
type crosstalkStats struct {
	mean, variance      float64 // sample mean and unbiased variance
	exactMean, exactVar float64
	zMean, zVar         float64
	samples             []float64
}

// newCrosstalkStats compares samples with nOverlap + 2 Binomial(M, 1/2) - M,
// M = n - nOverlap. The variance test uses the exact variance of the sample
// variance, (mu4 - sigma^4 (K-3)/(K-1)) / K, with the fourth central moment
// mu4 = 3M^2 - 2M of a sum of M independent +-1 values.
func newCrosstalkStats(samples []float64, n, nOverlap int) crosstalkStats {
	k := float64(len(samples))
	var sum float64
	for _, v := range samples {
		sum += v
	}
	mean := sum / k
	var ss float64
	for _, v := range samples {
		ss += (v - mean) * (v - mean)
	}
	s := crosstalkStats{
		mean: mean, variance: ss / (k - 1), samples: samples,
		exactMean: theory.CrosstalkMean(n, nOverlap), exactVar: theory.CrosstalkVariance(n, nOverlap),
	}
	m := s.exactVar
	mu4 := 3*m*m - 2*m
	varOfVar := (mu4 - m*m*(k-3)/(k-1)) / k
	s.zMean = zscore(s.mean-s.exactMean, math.Sqrt(m/k))
	s.zVar = zscore(s.variance-s.exactVar, math.Sqrt(varOfVar))
	return s
}

// zscore is d/sd, and 0 when both are 0 (a law with no spread, matched).
func zscore(d, sd float64) float64 {
	if sd == 0 {
		if d == 0 {
			return 0
		}
		return math.Copysign(math.MaxFloat64, d)
	}
	return d / sd
}

// crosstalkSamples draws k values of sum_i xi_i S_i, with S copying the
// first nOverlap values of xi, as the notebook does (S[0:N_overlap] =
// xi[0:N_overlap]).
func crosstalkSamples(ctx context.Context, rng *rand.Rand, n, nOverlap, k int) ([]float64, error) {
	out := make([]float64, k)
	// Check for cancellation every ~2^24 neurons drawn, whatever N is.
	chunk := max(1, (1<<24)/n)
	for lo := 0; lo < k; lo += chunk {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := crosstalkDraws(out[lo:min(lo+chunk, k)], rng, n, nOverlap); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func runCrosstalk(ctx context.Context, p Values, seed uint64) (*Result, error) {
	n, k, nOv, kOv := p.Int("N"), p.Int("K"), p.Int("N_overlap"), p.Int("K_overlap")
	if nOv > n {
		return nil, paramErrorf("N_overlap", "parameter N_overlap: %d is more than N = %d", nOv, n)
	}
	rng := seeded(seed)
	indep, err := crosstalkSamples(ctx, rng, n, 0, k)
	if err != nil {
		return nil, err
	}
	over, err := crosstalkSamples(ctx, rng, n, nOv, kOv)
	if err != nil {
		return nil, err
	}
	a, b := newCrosstalkStats(indep, n, 0), newCrosstalkStats(over, n, nOv)

	hist := func(s crosstalkStats, nOverlap int, title string, color int) (*figure.Panel, error) {
		vs, ps := theory.CrosstalkPMF(n, nOverlap)
		pmf := &figure.PMF{Values: make([]float64, len(vs)), Probs: ps}
		for i, v := range vs {
			pmf.Values[i] = float64(v)
		}
		h, err := figure.NewHist(s.samples, figure.HistOptions{
			PMF:         pmf,
			OverlayName: fmt.Sprintf("exact law: mean %g, variance %g", s.exactMean, s.exactVar),
		})
		if err != nil {
			return nil, err
		}
		h.Color = figure.Cycle(color)
		return &figure.Panel{Title: title, XLabel: "Σ ξᵢ Sᵢ (the term in square brackets)", Hist: h,
			Refs: []figure.Ref{{At: 0, Vertical: true, Style: figure.RefDottedRed}}}, nil
	}
	ha, err := hist(a, 0, fmt.Sprintf("Independent patterns (N = %d, K = %d)", n, k), 0)
	if err != nil {
		return nil, err
	}
	hb, err := hist(b, nOv, fmt.Sprintf("S copies ξ on %d of %d neurons (K = %d)", nOv, n, kOv), 1)
	if err != nil {
		return nil, err
	}

	var sum strings.Builder
	line := func(what string, s crosstalkStats, k int) {
		fmt.Fprintf(&sum, "%s: %d samples, mean %.3g (exact %g, z = %.2f), variance %.4g (exact %g, z = %.2f).\n",
			what, k, s.mean, s.exactMean, s.zMean, s.variance, s.exactVar, s.zVar)
	}
	line(fmt.Sprintf("Independent patterns, N = %d", n), a, k)
	line(fmt.Sprintf("S copies xi on N_overlap = %d", nOv), b, kOv)
	fmt.Fprintf(&sum, "z is the distance from the exact law in standard errors; a sample of that law almost never gives |z| >= 4.\n")

	table := func(name string, xs []float64) Table {
		t := Table{Name: name, Columns: []string{"trial", "sum_xi_S"}, Rows: make([][]float64, len(xs))}
		cells := make([]float64, 2*len(xs))
		for i, v := range xs {
			t.Rows[i] = cells[2*i : 2*i+2 : 2*i+2]
			t.Rows[i][0], t.Rows[i][1] = float64(i), v
		}
		return t
	}
	return &Result{
		Summary: sum.String(),
		Numbers: map[string]float64{
			"mean": a.mean, "variance": a.variance, "z_mean": a.zMean, "z_variance": a.zVar,
			"exact_mean": a.exactMean, "exact_variance": a.exactVar,
			"overlap_mean": b.mean, "overlap_variance": b.variance, "overlap_z_mean": b.zMean, "overlap_z_variance": b.zVar,
			"overlap_exact_mean": b.exactMean, "overlap_exact_variance": b.exactVar,
		},
		// Both histograms share the x range, so that the shift of the mean shows.
		Figures: []*figure.Figure{{
			Name:    "histograms",
			Caption: "Histograms of sum_i xi_i S_i with the exact law drawn over them.",
			Width:   8, Height: 8, ShareX: true, Panels: []*figure.Panel{ha, hb},
		}},
		Tables: []Table{table("independent", indep), table("overlapping", over)},
	}, nil
}
