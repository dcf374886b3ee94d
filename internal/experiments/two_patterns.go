package experiments

import (
	"context"
	"fmt"
	"strings"

	"gonum.org/v1/plot/vg"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/internal/plots"
	"github.com/hopfield-lab/hopfield/patterns"
)

func init() {
	Register(&Experiment{
		Name:  "two-patterns",
		Title: "Two stored patterns: which one is recalled?",
		Description: `The network now stores two random patterns, xi1 and xi2, with ` +
			`T_ij = xi1_i xi1_j + xi2_i xi2_j. The cue is a mixture: its first 75% comes from xi1 and the ` +
			`rest from xi2. Random asynchronous updates pull the state into the basin of the pattern it ` +
			`resembles most, so the network settles on xi1 and forgets the part of xi2 it was shown. ` +
			`The error is measured against xi1; the overlap curves show m1 rising to 1 while m2 falls ` +
			`to the small overlap two random patterns have by chance.`,
		Order: 7,
		Params: []Param{
			{Name: "N", Kind: Int, Default: 100, Min: 2, Max: 2000, Help: "number of neurons"},
			{Name: "K", Kind: Int, Default: 1000, Min: 1, Max: 200000, Help: "number of single-neuron updates"},
			{Name: "fraction", Kind: Float, Default: 0.75, Min: 0, Max: 1, Help: "fraction of the cue copied from xi1 (the rest comes from xi2)"},
		},
		Run: runTwoPatterns,
	})
}

func runTwoPatterns(ctx context.Context, p Values, seed uint64) (*Result, error) {
	n, k, frac := p.Int("N"), p.Int("K"), p.Float("fraction")
	rng := seeded(seed)
	xi1, err := patterns.Random(rng, 1, n, 0.5)
	if err != nil {
		return nil, err
	}
	xi2, err := patterns.Random(rng, 1, n, 0.5)
	if err != nil {
		return nil, err
	}
	cue, err := patterns.KeepPrefix(make([]int8, n), xi1.Data, frac, xi2.Data)
	if err != nil {
		return nil, err
	}
	net, err := hopfield.Learn(hopfield.Config{Rule: hopfield.Hebbian}, xi1.Data, xi2.Data)
	if err != nil {
		return nil, err
	}
	tr, err := traceAsync(ctx, net, cue, xi1.Data, k, dynamicsSource(rng))
	if err != nil {
		return nil, err
	}
	final := tr.result.State
	kept, _ := patterns.NotebookCount(frac, n)

	stems := []struct {
		s, ref []int8
		title  string
		col    int
	}{
		{cue, xi1.Data, fmt.Sprintf("Cue S(0): first %d neurons from ξ¹, the rest from ξ² (red: differs from ξ¹)", kept), 0},
		{xi1.Data, nil, "Stored pattern ξ¹", 7},
		{xi2.Data, nil, "Stored pattern ξ²", 7},
		{final, xi1.Data, fmt.Sprintf("Final state after K = %d updates (%d neurons differ from ξ¹)", k, hopfield.Hamming(final, xi1.Data)), 0},
	}
	var panels []plots.Panel
	for i, s := range stems {
		xl := ""
		if i == len(stems)-1 {
			xl = "Neuron i"
		}
		sp, err := stemState(s.s, s.ref, s.title, xl, plots.SeriesColor(s.col))
		if err != nil {
			return nil, err
		}
		panels = append(panels, sp)
	}
	errPlot, err := curvePlot(tr, k, "Error Σ|Sᵢ − ξ¹ᵢ| over time"+tr.stopTitle(k), "Error", plots.HLine(0), plots.Series{Y: tr.errors})
	if err != nil {
		return nil, err
	}
	recallFig, err := plots.Stack("", append(panels, errPlot)...)
	if err != nil {
		return nil, err
	}
	ovPlot, err := curvePlot(tr, k, "Overlaps with the stored patterns", "Overlap m", plots.HLine(0),
		plots.Series{Name: "m¹ (with ξ¹)", Y: tr.overlaps[0]},
		plots.Series{Name: "m² (with ξ²)", Y: tr.overlaps[1]})
	if err != nil {
		return nil, err
	}
	ovPlot.Y.Min, ovPlot.Y.Max = -1, 1.05
	enPlot, err := curvePlot(tr, k, "Energy E = −½ Σ T_ij S_i S_j: it never increases", "Energy E", nil, plots.Series{Y: tr.energy, Color: plots.Purple})
	if err != nil {
		return nil, err
	}
	dynFig, err := plots.Stack("", ovPlot, enPlot)
	if err != nil {
		return nil, err
	}

	d1, d2 := hopfield.Hamming(final, xi1.Data), hopfield.Hamming(final, xi2.Data)
	var sum strings.Builder
	fmt.Fprintf(&sum, "N = %d, two stored patterns (they agree on %d neurons); the cue takes %d neurons from xi1 and %d from xi2 (error %g against xi1).\n",
		n, n-hopfield.Hamming(xi1.Data, xi2.Data), kept, n-kept, tr.errors[0])
	switch {
	case d1 == 0:
		fmt.Fprintf(&sum, "The network recalled xi1: the error reached 0 at update %d (overlaps m1 = %.2f, m2 = %.2f).\n", firstZero(tr.errors), tr.overlaps[0][k], tr.overlaps[1][k])
	case d2 == 0:
		fmt.Fprintf(&sum, "The network recalled xi2, not xi1 (overlaps m1 = %.2f, m2 = %.2f).\n", tr.overlaps[0][k], tr.overlaps[1][k])
	default:
		fmt.Fprintf(&sum, "The network ended %d neurons from xi1 and %d from xi2 (error %g).\n", d1, d2, tr.errors[k])
	}
	sum.WriteString(tr.stoppedNote(k))
	return &Result{
		Summary: sum.String(),
		Numbers: map[string]float64{
			"initial_error": tr.errors[0], "final_error": tr.errors[k], "first_zero_error": float64(firstZero(tr.errors)),
			"final_overlap_1": tr.overlaps[0][k], "final_overlap_2": tr.overlaps[1][k],
			"hamming_1": float64(d1), "hamming_2": float64(d2), "updates_run": float64(tr.ran),
		},
		Figures: []Figure{
			{Name: "recall", Caption: "Cue, both stored patterns, final state and the error against xi1 over time.", Width: 8 * vg.Inch, Height: 12 * vg.Inch, Panel: recallFig},
			{Name: "dynamics", Caption: "Overlaps with both stored patterns and energy over time.", Width: 8 * vg.Inch, Height: 6 * vg.Inch, Panel: dynFig},
		},
		Tables: []Table{
			vectorsTable("states", []string{"cue", "xi1", "xi2", "final"}, cue, xi1.Data, xi2.Data, final),
			curvesTable(tr),
		},
	}, nil
}
