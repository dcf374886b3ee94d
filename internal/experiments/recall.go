package experiments

import (
	"context"
	"fmt"
	"math/rand/v2"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/figure"
)

// trace records an asynchronous run one update at a time: the notebook's
// error curve sum_i |S_i - xi_i| against a target, the overlap with every
// stored pattern and the energy, at t = 0 (the cue) .. K.
type trace struct {
	errors   []float64
	overlaps [][]float64 // overlaps[mu][t]
	energy   []float64
	ran      int // updates actually run (the run stops early at a fixed point)
	result   hopfield.Result
}

// traceAsync runs net from cue with random asynchronous updates for k
// single-neuron updates, or until a fixed point, with the notebook's tie
// rule (x > 0, else -1), and pads the curves to k+1 points.
func traceAsync(ctx context.Context, net *hopfield.Network, cue, target []int8, k int, src rand.Source) (*trace, error) {
	tr := &trace{overlaps: make([][]float64, net.P())}
	ht := hopfield.Trace{Target: target}
	res, err := net.Run(cue, hopfield.RunOptions{
		Update: hopfield.Asynchronous, Tie: hopfield.TieMinus,
		MaxUpdates: k, MaxSteps: k, Source: src, EveryUpdate: true,
		Observe: func(e *hopfield.Event) error {
			if e.Updates%256 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			return ht.Observe(e)
		},
	})
	if err != nil {
		return nil, err
	}
	for _, p := range ht.Points {
		tr.errors = append(tr.errors, float64(p.Error))
		tr.energy = append(tr.energy, p.Energy)
		for mu, v := range p.Overlaps {
			tr.overlaps[mu] = append(tr.overlaps[mu], v)
		}
	}
	tr.result = res
	tr.ran = len(tr.errors) - 1
	tr.errors = padTo(tr.errors, k+1)
	tr.energy = padTo(tr.energy, k+1)
	for mu := range tr.overlaps {
		tr.overlaps[mu] = padTo(tr.overlaps[mu], k+1)
	}
	return tr, nil
}

// firstZero returns the first t with xs[t] == 0, or -1.
func firstZero(xs []float64) int {
	for t, v := range xs {
		if v == 0 {
			return t
		}
	}
	return -1
}

// stopTitle is a suffix for the title of a curve plot that explains the
// dashed line curvePlot draws where a run stopped early.
func (tr *trace) stopTitle(k int) string {
	if tr.result.End == hopfield.FixedPoint && tr.ran < k {
		return " (dashed: the run stopped, at a fixed point)"
	}
	return ""
}

// stoppedNote says whether the curves were padded.
func (tr *trace) stoppedNote(k int) string {
	if tr.result.End == hopfield.FixedPoint && tr.ran < k {
		return fmt.Sprintf("The run reached a fixed point and stopped after %d updates; the curves repeat its values up to K = %d.\n", tr.ran, k)
	}
	return fmt.Sprintf("The run did all K = %d updates.\n", k)
}

// stemPanel is a stem plot of a +-1 state over neurons, with the neurons
// that differ from ref (if not nil) drawn in red: the notebook's
// plt.stem(S); plt.grid().
func stemPanel(s, ref []int8, title, xlabel, color string) *figure.Panel {
	ok, bad := figure.Stems{Color: color}, figure.Stems{Color: "red"}
	for i, v := range s {
		g := &ok
		if ref != nil && v != ref[i] {
			g = &bad
		}
		g.X, g.Y = append(g.X, float64(i)), append(g.Y, float64(v))
	}
	x := figure.Range(-1, float64(len(s)))
	x.Integer = true
	y := figure.Range(-1.3, 1.3)
	y.Ticks = []figure.Tick{{Value: -1, Label: "-1"}, {Value: 0, Label: "0"}, {Value: 1, Label: "+1"}}
	return &figure.Panel{Title: title, XLabel: xlabel, YLabel: "Sᵢ", Grid: true, X: x, Y: y, Stems: []figure.Stems{ok, bad}}
}

// curvePanel is curves over update time with a reference line at ref and,
// when the run stopped early, a dashed line where it stopped.
func (tr *trace) curvePanel(k int, title, ylabel string, ref *figure.Ref, series ...figure.Series) *figure.Panel {
	p := &figure.Panel{Title: title, XLabel: "Update (one random neuron each)", YLabel: ylabel, Grid: true,
		Legend: figure.LegendTopRight, Series: series, X: figure.Range(0, float64(k))}
	if ref != nil {
		p.Refs = append(p.Refs, *ref)
	}
	if tr.result.End == hopfield.FixedPoint && tr.ran < k {
		p.Refs = append(p.Refs, figure.Ref{At: float64(tr.ran), Vertical: true, Style: figure.RefGray})
	}
	return p
}

// curvesTable is the table of the traced curves.
func curvesTable(tr *trace) Table {
	t := Table{Name: "curves", Columns: []string{"update", "error", "energy"}}
	for mu := range tr.overlaps {
		t.Columns = append(t.Columns, fmt.Sprintf("overlap_%d", mu+1))
	}
	for i := range tr.errors {
		row := []float64{float64(i), tr.errors[i], tr.energy[i]}
		for mu := range tr.overlaps {
			row = append(row, tr.overlaps[mu][i])
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// vectorsTable holds named state vectors as columns, one row per neuron.
func vectorsTable(name string, names []string, vs ...[]int8) Table {
	t := Table{Name: name, Columns: append([]string{"neuron"}, names...)}
	for i := range vs[0] {
		row := []float64{float64(i)}
		for _, v := range vs {
			row = append(row, float64(v[i]))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}
