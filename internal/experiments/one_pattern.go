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
		Name:  "one-pattern",
		Title: "Recall of one stored pattern",
		Description: `A network of N = +-1 neurons stores one random pattern xi with the Hebbian rule ` +
			`T_ij = xi_i xi_j. It starts from a cue whose first 75% copies xi and whose rest is random, ` +
			`so about one neuron in eight is wrong (red stems). Then, K times, a random neuron takes the ` +
			`sign of its input sum_j T_ij S_j. Each wrong neuron that is picked is corrected, so the error ` +
			`sum_i |S_i - xi_i| falls in steps of 2 to zero: the pattern is recalled. The overlap ` +
			`m = (1/N) sum_i xi_i S_i climbs to 1 while the energy only goes down.`,
		Order: 3,
		Params: []Param{
			{Name: "N", Kind: Int, Default: 100, Min: 2, Max: 2000, Help: "number of neurons"},
			{Name: "K", Kind: Int, Default: 1000, Min: 1, Max: 200000, Help: "number of single-neuron updates"},
			{Name: "fraction", Kind: Float, Default: 0.75, Min: 0, Max: 1, Help: "fraction of the cue copied from xi (the rest is random)"},
		},
		Run: runOnePattern,
	})
}

func runOnePattern(ctx context.Context, p Values, seed uint64) (*Result, error) {
	n, k, frac := p.Int("N"), p.Int("K"), p.Float("fraction")
	rng := seeded(seed)
	xi, err := patterns.Random(rng, 1, n, 0.5)
	if err != nil {
		return nil, err
	}
	fill, err := patterns.Random(rng, 1, n, 0.5)
	if err != nil {
		return nil, err
	}
	cue, err := patterns.KeepPrefix(make([]int8, n), xi.Data, frac, fill.Data)
	if err != nil {
		return nil, err
	}
	net, err := hopfield.Learn(hopfield.Config{Rule: hopfield.Hebbian}, xi.Data)
	if err != nil {
		return nil, err
	}
	tr, err := traceAsync(ctx, net, cue, xi.Data, k, dynamicsSource(rng))
	if err != nil {
		return nil, err
	}
	final := tr.result.State

	kept, _ := patterns.NotebookCount(frac, n)
	stemCue, err := stemState(cue, xi.Data, fmt.Sprintf("Cue S(0): first %d neurons copied from ξ, the rest random (red: differs from ξ)", kept), "", plots.Blue)
	if err != nil {
		return nil, err
	}
	stemXi, err := stemState(xi.Data, nil, "Stored pattern ξ", "", plots.Gray)
	if err != nil {
		return nil, err
	}
	stemFinal, err := stemState(final, xi.Data, fmt.Sprintf("Final state after K = %d updates (%d neurons differ from ξ)", k, hopfield.Hamming(final, xi.Data)), "Neuron i", plots.Blue)
	if err != nil {
		return nil, err
	}
	errPlot, err := curvePlot(tr, k, "Error Σ|Sᵢ − ξᵢ| over time"+tr.stopTitle(k), "Error", plots.HLine(0), plots.Series{Y: tr.errors})
	if err != nil {
		return nil, err
	}
	recallFig, err := plots.Stack("", stemCue, stemXi, stemFinal, errPlot)
	if err != nil {
		return nil, err
	}
	ovPlot, err := curvePlot(tr, k, "Overlap m = (1/N) Σ ξᵢ Sᵢ", "Overlap m", plots.HLine(1), plots.Series{Y: tr.overlaps[0]})
	if err != nil {
		return nil, err
	}
	enPlot, err := curvePlot(tr, k, "Energy E = −½ Σ T_ij S_i S_j: it never increases", "Energy E", nil, plots.Series{Y: tr.energy, Color: plots.Purple})
	if err != nil {
		return nil, err
	}
	dynFig, err := plots.Stack("", ovPlot, enPlot)
	if err != nil {
		return nil, err
	}

	zero := firstZero(tr.errors)
	var sum strings.Builder
	fmt.Fprintf(&sum, "N = %d, one stored pattern; the cue copies its first %d neurons and has %d wrong (error %g).\n", n, kept, hopfield.Hamming(cue, xi.Data), tr.errors[0])
	switch {
	case zero >= 0:
		fmt.Fprintf(&sum, "The error reached 0 at update %d: the pattern was recalled (overlap %.2f).\n", zero, tr.overlaps[0][k])
	case tr.overlaps[0][k] == -1:
		fmt.Fprintf(&sum, "The network ended at the reverse pattern -xi (overlap -1, error %g), which the Hebbian rule stores together with xi.\n", tr.errors[k])
	default:
		fmt.Fprintf(&sum, "The error did not reach 0 within K = %d updates (final error %g, overlap %.2f).\n", k, tr.errors[k], tr.overlaps[0][k])
	}
	sum.WriteString(tr.stoppedNote(k))

	return &Result{
		Summary: sum.String(),
		Numbers: map[string]float64{
			"initial_error": tr.errors[0], "final_error": tr.errors[k], "first_zero_error": float64(zero),
			"final_overlap": tr.overlaps[0][k], "initial_energy": tr.energy[0], "final_energy": tr.energy[k],
			"updates_run": float64(tr.ran),
		},
		Figures: []Figure{
			{Name: "recall", Caption: "Cue, stored pattern, final state and the error over time.", Width: 8 * vg.Inch, Height: 10 * vg.Inch, Panel: recallFig},
			{Name: "dynamics", Caption: "Overlap with the stored pattern and energy over time.", Width: 8 * vg.Inch, Height: 6 * vg.Inch, Panel: dynFig},
		},
		Tables: []Table{
			vectorsTable("states", []string{"cue", "xi", "final"}, cue, xi.Data, final),
			curvesTable(tr),
		},
	}, nil
}
