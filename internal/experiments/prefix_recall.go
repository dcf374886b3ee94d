package experiments

import (
	"context"
	"fmt"
	"strings"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/figure"
	"github.com/hopfield-lab/hopfield/patterns"
)

// The notebook's sections 3 and 7 have one shape: store one or two random
// patterns, cue with the first fraction of xi1 and the rest random (one
// pattern) or from xi2 (two), run K random asynchronous updates, and watch
// the error against xi1 fall.

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
		Order:  3,
		Params: prefixParams("fraction of the cue copied from xi (the rest is random)"),
		Run:    prefixRecall(1),
	})
	Register(&Experiment{
		Name:  "two-patterns",
		Title: "Two stored patterns: which one is recalled?",
		Description: `The network now stores two random patterns, xi1 and xi2, with ` +
			`T_ij = xi1_i xi1_j + xi2_i xi2_j. The cue is a mixture: its first 75% comes from xi1 and the ` +
			`rest from xi2. Random asynchronous updates pull the state into the basin of the pattern it ` +
			`resembles most, so the network settles on xi1 and forgets the part of xi2 it was shown. ` +
			`The error is measured against xi1; the overlap curves show m1 rising to 1 while m2 falls ` +
			`to the small overlap two random patterns have by chance.`,
		Order:  7,
		Params: prefixParams("fraction of the cue copied from xi1 (the rest comes from xi2)"),
		Run:    prefixRecall(2),
	})
}

// prefixParams are the notebook's N, K and the cue's fraction.
func prefixParams(fractionHelp string) []Param {
	return []Param{
		{Name: "N", Kind: Int, Default: 100, Min: 2, Max: 2000, Help: "number of neurons"},
		{Name: "K", Kind: Int, Default: 1000, Min: 1, Max: 200000, Help: "number of single-neuron updates"},
		{Name: "fraction", Kind: Float, Default: 0.75, Min: 0, Max: 1, Help: fractionHelp},
	}
}

// prefixRecall is the experiment with one or two stored patterns.
func prefixRecall(stored int) func(ctx context.Context, p Values, seed uint64) (*Result, error) {
	return func(ctx context.Context, p Values, seed uint64) (*Result, error) {
		return runPrefixRecall(ctx, p, seed, stored)
	}
}

func runPrefixRecall(ctx context.Context, p Values, seed uint64, stored int) (*Result, error) {
	n, k, frac := p.Int("N"), p.Int("K"), p.Float("fraction")
	rng := seeded(seed)
	xi1, err := patterns.Random(rng, 1, n, 0.5)
	if err != nil {
		return nil, err
	}
	// The rest of the cue: a random pattern, or the second stored one.
	fill, err := patterns.Random(rng, 1, n, 0.5)
	if err != nil {
		return nil, err
	}
	xs := [][]int8{xi1.Data, fill.Data}[:stored]
	cue, err := patterns.KeepPrefix(nil, xi1.Data, frac, fill.Data)
	if err != nil {
		return nil, err
	}
	net, err := hopfield.Learn(hopfield.Config{Rule: hopfield.Hebbian}, xs...)
	if err != nil {
		return nil, err
	}
	tr, err := traceAsync(ctx, net, cue, xi1.Data, k, dynamicsSource(rng))
	if err != nil {
		return nil, err
	}
	kept, _ := patterns.NotebookCount(frac, n)
	r := prefixRun{tr: tr, k: k, kept: kept, cue: cue, xs: xs}
	if stored == 1 {
		return r.onePattern(), nil
	}
	return r.twoPatterns(), nil
}

// prefixRun is a run of one of the two experiments.
type prefixRun struct {
	tr      *trace
	k, kept int
	cue     []int8
	xs      [][]int8 // the stored patterns
}

func (r prefixRun) final() []int8 { return r.tr.result.State }

// recallFigure stacks the stem plots of the cue, the stored patterns and
// the final state over the error curve; xi names the stored patterns.
func (r prefixRun) recallFigure(xi []string, cueTitle, caption string, height float64) *figure.Figure {
	type stem struct {
		s, ref []int8
		title  string
		color  string
	}
	stems := []stem{{r.cue, r.xs[0], cueTitle, "C0"}}
	for mu, x := range r.xs {
		stems = append(stems, stem{x, nil, "Stored pattern " + xi[mu], "C7"})
	}
	stems = append(stems, stem{r.final(), r.xs[0], fmt.Sprintf("Final state after K = %d updates (%d neurons differ from %s)",
		r.k, hopfield.Hamming(r.final(), r.xs[0]), xi[0]), "C0"})
	f := &figure.Figure{Name: "recall", Caption: caption, Width: 8, Height: height}
	for i, s := range stems {
		xl := ""
		if i == len(stems)-1 {
			xl = "Neuron i"
		}
		f.Panels = append(f.Panels, stemPanel(s.s, s.ref, s.title, xl, s.color))
	}
	errTitle := "Error Σ|Sᵢ − " + xi[0] + "ᵢ| over time"
	f.Panels = append(f.Panels, r.tr.curvePanel(r.k, errTitle+r.tr.stopTitle(r.k), "Error", &figure.Ref{At: 0}, figure.Series{Y: r.tr.errors}))
	return f
}

func (r prefixRun) dynamicsFigure(overlaps *figure.Panel, caption string) *figure.Figure {
	energy := r.tr.curvePanel(r.k, "Energy E = −½ Σ T_{ij} S_{i} S_{j}: it never increases", "Energy E", nil, figure.Series{Y: r.tr.energy, Color: "purple"})
	return &figure.Figure{Name: "dynamics", Caption: caption, Width: 8, Height: 6, Panels: []*figure.Panel{overlaps, energy}}
}

func (r prefixRun) numbers() map[string]float64 {
	tr, k := r.tr, r.k
	return map[string]float64{
		"initial_error": tr.errors[0], "final_error": tr.errors[k], "first_zero_error": float64(firstZero(tr.errors)),
		"updates_run": float64(tr.ran),
	}
}

func (r prefixRun) onePattern() *Result {
	tr, k, n, xi := r.tr, r.k, len(r.cue), r.xs[0]
	recall := r.recallFigure([]string{"ξ"}, fmt.Sprintf("Cue S(0): first %d neurons copied from ξ, the rest random (red: differs from ξ)", r.kept),
		"Cue, stored pattern, final state and the error over time.", 10)
	overlap := tr.curvePanel(k, "Overlap m = (1/N) Σ ξᵢ Sᵢ", "Overlap m", &figure.Ref{At: 1}, figure.Series{Y: tr.overlaps[0]})
	zero := firstZero(tr.errors)
	var sum strings.Builder
	fmt.Fprintf(&sum, "N = %d, one stored pattern; the cue copies its first %d neurons and has %d wrong (error %g).\n", n, r.kept, hopfield.Hamming(r.cue, xi), tr.errors[0])
	switch {
	case zero >= 0:
		fmt.Fprintf(&sum, "The error reached 0 at update %d: the pattern was recalled (overlap %.2f).\n", zero, tr.overlaps[0][k])
	case tr.overlaps[0][k] == -1:
		fmt.Fprintf(&sum, "The network ended at the reverse pattern -xi (overlap -1, error %g), which the Hebbian rule stores together with xi.\n", tr.errors[k])
	default:
		fmt.Fprintf(&sum, "The error did not reach 0 within K = %d updates (final error %g, overlap %.2f).\n", k, tr.errors[k], tr.overlaps[0][k])
	}
	sum.WriteString(tr.stoppedNote(k))
	numbers := r.numbers()
	numbers["final_overlap"], numbers["initial_energy"], numbers["final_energy"] = tr.overlaps[0][k], tr.energy[0], tr.energy[k]
	return &Result{
		Summary: sum.String(),
		Numbers: numbers,
		Figures: []*figure.Figure{recall, r.dynamicsFigure(overlap, "Overlap with the stored pattern and energy over time.")},
		Tables: []Table{
			vectorsTable("states", []string{"cue", "xi", "final"}, r.cue, xi, r.final()),
			curvesTable(tr),
		},
	}
}

func (r prefixRun) twoPatterns() *Result {
	tr, k, n, xi1, xi2 := r.tr, r.k, len(r.cue), r.xs[0], r.xs[1]
	recall := r.recallFigure([]string{"ξ¹", "ξ²"}, fmt.Sprintf("Cue S(0): first %d neurons from ξ¹, the rest from ξ² (red: differs from ξ¹)", r.kept),
		"Cue, both stored patterns, final state and the error against xi1 over time.", 12)
	overlaps := tr.curvePanel(k, "Overlaps with the stored patterns", "Overlap m", &figure.Ref{At: 0},
		figure.Series{Name: "m¹ (with ξ¹)", Y: tr.overlaps[0]},
		figure.Series{Name: "m² (with ξ²)", Y: tr.overlaps[1]})
	overlaps.Y = figure.Range(-1, 1.05)
	d1, d2 := hopfield.Hamming(r.final(), xi1), hopfield.Hamming(r.final(), xi2)
	var sum strings.Builder
	fmt.Fprintf(&sum, "N = %d, two stored patterns (they agree on %d neurons); the cue takes %d neurons from xi1 and %d from xi2 (error %g against xi1).\n",
		n, n-hopfield.Hamming(xi1, xi2), r.kept, n-r.kept, tr.errors[0])
	switch {
	case d1 == 0:
		fmt.Fprintf(&sum, "The network recalled xi1: the error reached 0 at update %d (overlaps m1 = %.2f, m2 = %.2f).\n", firstZero(tr.errors), tr.overlaps[0][k], tr.overlaps[1][k])
	case d2 == 0:
		fmt.Fprintf(&sum, "The network recalled xi2, not xi1 (overlaps m1 = %.2f, m2 = %.2f).\n", tr.overlaps[0][k], tr.overlaps[1][k])
	default:
		fmt.Fprintf(&sum, "The network ended %d neurons from xi1 and %d from xi2 (error %g).\n", d1, d2, tr.errors[k])
	}
	sum.WriteString(tr.stoppedNote(k))
	numbers := r.numbers()
	numbers["final_overlap_1"], numbers["final_overlap_2"] = tr.overlaps[0][k], tr.overlaps[1][k]
	numbers["hamming_1"], numbers["hamming_2"] = float64(d1), float64(d2)
	return &Result{
		Summary: sum.String(),
		Numbers: numbers,
		Figures: []*figure.Figure{recall, r.dynamicsFigure(overlaps, "Overlaps with both stored patterns and energy over time.")},
		Tables: []Table{
			vectorsTable("states", []string{"cue", "xi1", "xi2", "final"}, r.cue, xi1, xi2, r.final()),
			curvesTable(tr),
		},
	}
}
