package figure

import (
	"fmt"
	"strconv"

	"github.com/hopfield-lab/hopfield"
)

// Weights is the picture of a network's weight matrix: diverging colours
// centred on 0, square cells, a colour bar. A matrix larger than blocks a
// side is drawn as the means of blocks x blocks tiles, computed without
// forming the N x N matrix ([hopfield.Network.WeightBlocks]), so the 10^8
// weights of a 10,000-neuron network draw in milliseconds; the axes are
// labelled in neurons. It returns an error for a network without a weight
// matrix.
func Weights(net *hopfield.Network, blocks int, title string) (*Panel, error) {
	if !net.HasWeights() {
		return nil, errorf("weights: a %v network has no weight matrix", net.Rule())
	}
	m, err := NewMatrix(net.WeightBlocks(blocks))
	if err != nil {
		return nil, err
	}
	r := NewRaster(m, Diverging, 0)
	r.ColorBar, r.SquareCells = true, true
	p := &Panel{Title: title, XLabel: "Neuron j", YLabel: "Neuron i", Raster: r}
	if b, _ := m.Dims(); b < net.N() {
		// Block k starts at neuron k N / b: label a quarter of the axis.
		for k := 0; k <= 4; k++ {
			p.X.Ticks = append(p.X.Ticks, Tick{Value: float64(k*b)/4 - 0.5, Label: strconv.Itoa(k * net.N() / 4)})
		}
		p.Y.Ticks = p.X.Ticks
	}
	return p, nil
}

// States is the neuron x time raster of a run: states[t] is the state at
// time t, neuron i of it cell (i, t); +1 black, -1 white, 0 gray.
func States(states [][]int8, title string) (*Panel, error) {
	m, err := StatesOverTime(states)
	if err != nil {
		return nil, err
	}
	r := NewRaster(m, Ink, 0)
	r.Min, r.Max = -1, 1
	return &Panel{Title: title, XLabel: "Time step", YLabel: "Neuron", Raster: r}, nil
}

// Trace is the figure of a recorded run: the overlap with every stored
// pattern (named by names, if given) and the energy, against the step or
// the update (for a trace of single-neuron events).
func Trace(name string, tr *hopfield.Trace, names ...string) (*Figure, error) {
	if len(tr.Points) == 0 {
		return nil, errorf("trace: no points")
	}
	xlabel, x := "Step", func(p hopfield.TracePoint) float64 { return float64(p.Step) }
	if tr.Points[len(tr.Points)-1].Neuron >= 0 {
		xlabel, x = "Update", func(p hopfield.TracePoint) float64 { return float64(p.Updates) }
	}
	ov := &Panel{Title: "Overlap with each stored pattern", XLabel: xlabel, YLabel: "Overlap m", Grid: true,
		Y: Axis{Include: []float64{-1, 1}}, Refs: []Ref{{At: 0}}}
	en := &Panel{Title: "Energy", XLabel: xlabel, YLabel: "Energy E", Grid: true, Legend: LegendNone}
	energy := Series{Color: "purple"}
	for mu := range tr.Points[0].Overlaps {
		s := Series{Name: fmt.Sprintf("pattern %d", mu)}
		if mu < len(names) {
			s.Name = names[mu]
		}
		for _, p := range tr.Points {
			s.X, s.Y = append(s.X, x(p)), append(s.Y, p.Overlaps[mu])
		}
		ov.Series = append(ov.Series, s)
	}
	for _, p := range tr.Points {
		energy.X, energy.Y = append(energy.X, x(p)), append(energy.Y, p.Energy)
	}
	en.Series = []Series{energy}
	f := &Figure{Name: name, Caption: "Overlaps and energy over the run.", Width: 8, Height: 6, Panels: []*Panel{ov, en}}
	if tr.SkipEnergy {
		f.Panels, f.Height = f.Panels[:1], 4
	}
	return f, f.Validate()
}
