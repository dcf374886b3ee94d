package experiments

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/figure"
)

func init() {
	Register(&Experiment{
		Name:  "random-network",
		Title: "A random network of binary neurons",
		Description: `The notebook's first cell: N neurons that are either off (0) or on (1), ` +
			`coupled by random weights T_ij drawn uniformly from [0, 1). At each of K time steps one ` +
			`neuron, picked at random, looks at its input sum_j T_ij S_j and turns on if it exceeds the ` +
			`threshold U, off otherwise. The raster shows every neuron (row) at every time step (column), ` +
			`black for on. With positive weights and U = 0 any active neighbour switches a neuron on, so ` +
			`the network fills up and freezes: the simplest example of dynamics settling into a fixed point.`,
		Order: 1,
		Params: []Param{
			{Name: "N", Kind: Int, Default: 20, Min: 1, Max: 500, Help: "number of neurons"},
			{Name: "K", Kind: Int, Default: 200, Min: 1, Max: 20000, Help: "number of single-neuron updates"},
			{Name: "U", Kind: Float, Default: 0.0, Min: -1000, Max: 1000, Help: "threshold U of every neuron"},
		},
		Run: runRandomNetwork,
	})
}

func runRandomNetwork(ctx context.Context, p Values, seed uint64) (*Result, error) {
	n, k, u := p.Int("N"), p.Int("K"), p.Float("U")
	rng := seeded(seed)
	// The notebook draws S[:,0] before Tij; so do we.
	start := make([]int8, n)
	for i := range start {
		start[i] = int8(rng.IntN(2))
	}
	w := mat.NewDense(n, n, nil)
	for i := range n {
		for j := range n {
			w.Set(i, j, rng.Float64())
		}
	}
	states, lastChange, end, err := runBinaryNetwork(ctx, w, u, start, k, rng)
	if err != nil {
		return nil, err
	}
	ran := len(states) - 1
	states = padTo(states, k+1)

	active := make([]float64, len(states))
	for t, s := range states {
		for _, v := range s {
			active[t] += float64(v)
		}
	}

	var sum strings.Builder
	fmt.Fprintf(&sum, "%d binary neurons, weights T_ij uniform in [0, 1), threshold U = %g, K = %d asynchronous updates.\n", n, u, k)
	fmt.Fprintf(&sum, "Active neurons: %v at the start, %v at the end; the last change was at update %d.\n", active[0], active[len(active)-1], lastChange)
	fixed := 0.0
	if end == hopfield.FixedPoint {
		fixed = 1
		fmt.Fprintf(&sum, "The run reached a fixed point and stopped after %d updates; the raster repeats the final state up to K = %d.\n", ran, k)
	} else {
		fmt.Fprintf(&sum, "The run did all %d updates (%v).\n", k, end)
	}
	return &Result{
		Summary: sum.String(),
		Numbers: map[string]float64{
			"active_start": active[0], "active_end": active[len(active)-1],
			"last_change": float64(lastChange), "updates_run": float64(ran), "fixed_point": fixed,
		},
		Figures: []*figure.Figure{randomNetworkFigure(states, active, n, k, ran, end == hopfield.FixedPoint)},
		Tables:  []Table{statesTable("states", "t", states), weightsTable(w)},
	}, nil
}

// runBinaryNetwork runs K asynchronous updates of binary neurons with
// weights w and threshold u from start, the notebook's "> U, else 0". It
// returns the state after every update, the update of the last change and
// how the run ended.
func runBinaryNetwork(ctx context.Context, w *mat.Dense, u float64, start []int8, k int, rng *rand.Rand) ([][]int8, int, hopfield.End, error) {
	theta := make([]float64, len(start))
	for i := range theta {
		theta[i] = u
	}
	net, err := hopfield.NewFromWeights(w, hopfield.WeightOptions{Thresholds: theta, Neurons: hopfield.Binary})
	if err != nil {
		return nil, 0, 0, err
	}
	states := [][]int8{}
	lastChange := 0
	res, err := net.Run(start, hopfield.RunOptions{
		Update:      hopfield.Asynchronous,
		Tie:         hopfield.TieMinus, // the notebook's "> U, else 0"
		MaxUpdates:  k,
		MaxSteps:    k, // sweeps; MaxUpdates stops first
		Source:      dynamicsSource(rng),
		EveryUpdate: true,
		Observe: func(e *hopfield.Event) error {
			if e.Neuron >= 0 && len(states) > 0 && e.State[e.Neuron] != states[len(states)-1][e.Neuron] {
				lastChange = e.Updates
			}
			states = append(states, append([]int8(nil), e.State...))
			return ctx.Err()
		},
	})
	if err != nil {
		return nil, 0, 0, err
	}
	return states, lastChange, res.End, nil
}

// randomNetworkFigure draws the states of n neurons over K updates (ran of
// them run, to a fixed point if fixed) and the number of active neurons.
func randomNetworkFigure(states [][]int8, active []float64, n, k, ran int, fixed bool) *figure.Figure {
	states01, _ := figure.StatesOverTime(states) // one state of N neurons per step
	raster := figure.NewRaster(states01, figure.Ink, 1024)
	raster.Min, raster.Max, raster.CellBorders = 0, 1, n <= 40 && k <= 100
	rp := &figure.Panel{
		Title:  fmt.Sprintf("States of %d random binary neurons (black = on)", n),
		XLabel: "Time step (one random neuron updated per step)", YLabel: "Neuron",
		Raster: raster,
	}
	lp := &figure.Panel{
		Title: "Number of active neurons", XLabel: "Time step", YLabel: "Active neurons", Grid: true,
		Legend: figure.LegendNone, Series: []figure.Series{{Y: active}},
		X: figure.Range(-0.5, float64(k)+0.5), Y: figure.Range(0, float64(n)),
	}
	if fixed && ran < k {
		lp.Title = fmt.Sprintf("Number of active neurons (fixed point: the run stopped at step %d)", ran)
		lp.Refs = []figure.Ref{{At: float64(ran), Vertical: true}}
	}
	return &figure.Figure{
		Name:    "raster",
		Caption: "Neuron states over time (black = 1) and the number of active neurons.",
		Width:   10, Height: 6, Panels: []*figure.Panel{rp, lp},
	}
}

// weightsTable is the table of the weights T_ij: row i, columns T_i0, ...
func weightsTable(w *mat.Dense) Table {
	n, _ := w.Dims()
	t := Table{Name: "weights", Columns: make([]string, n)}
	for j := range n {
		t.Columns[j] = fmt.Sprintf("T_i%d", j)
	}
	for i := range n {
		t.Rows = append(t.Rows, mat.Row(nil, i, w))
	}
	return t
}
