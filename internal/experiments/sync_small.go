package experiments

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/figure"
)

// smallPattern is the notebook's 5-neuron pattern csi.
var smallPattern = []int8{1, -1, -1, 1, 1}

func init() {
	Register(&Experiment{
		Name:  "sync-small",
		Title: "Five neurons, synchronous updates",
		Description: `The smallest network that still remembers something: five +-1 neurons store ` +
			`the pattern xi = [+1, -1, -1, +1, +1] with W = xi xi^T (zero diagonal). Starting from a ` +
			`random state, every neuron is updated at once, S(t+1) = sign(W S(t)), for T steps. The ` +
			`grid shows the state (column) at each time step, black for +1. Whatever the start, the ` +
			`network lands on xi or on its reverse -xi: a Hebbian network stores every pattern ` +
			`together with its mirror image. Which one you get depends on whether the start agrees with ` +
			`xi on more than half of the neurons, except when a neuron's input is exactly 0: the ` +
			`notebook's sign(0) = -1 then decides, and can tip a start that agrees on 3 of 5 neurons to ` +
			`-xi (try tie = keep, which leaves such a neuron as it is).`,
		Order: 4,
		Params: []Param{
			{Name: "T", Kind: Int, Default: 10, Min: 1, Max: 1000, Help: "number of time steps shown, the start included"},
			{Name: "tie", Kind: Choice, Default: "minus", Choices: []string{"minus", "plus", "keep"}, Help: "sign(0): minus is the notebook's x > 0 rule here, plus is x >= 0, keep leaves the neuron"},
		},
		Run: runSyncSmall,
	})
}

func runSyncSmall(ctx context.Context, p Values, seed uint64) (*Result, error) {
	steps := p.Int("T")
	tie, err := hopfield.ParseTie(p.String("tie"))
	if err != nil {
		return nil, err
	}
	n := len(smallPattern)
	rng := seeded(seed)
	start := make([]int8, n)
	for i := range start {
		start[i] = int8(2*rng.IntN(2) - 1)
	}
	net, err := hopfield.Learn(hopfield.Config{Rule: hopfield.Hebbian, Unscaled: true}, smallPattern)
	if err != nil {
		return nil, err
	}
	var states [][]int8
	res, err := net.Run(start, hopfield.RunOptions{
		Update: hopfield.Synchronous, Tie: tie, MaxSteps: max(steps-1, 1),
		Observe: func(e *hopfield.Event) error {
			if e.Step == 0 || e.Flips > 0 {
				states = append(states, slices.Clone(e.State))
			}
			return ctx.Err()
		},
	})
	if err != nil {
		return nil, err
	}
	ran := len(states) - 1
	if steps == 1 {
		states = states[:1]
	}
	states = padTo(states, steps)
	final := states[len(states)-1]
	reverse := make([]int8, n)
	for i, v := range smallPattern {
		reverse[i] = -v
	}
	outcome, what, shown := 0.0, "neither the pattern nor its reverse", "neither ξ nor −ξ"
	switch {
	case slices.Equal(final, smallPattern):
		outcome, what, shown = 1, "the pattern xi", "the pattern ξ"
	case slices.Equal(final, reverse):
		outcome, what, shown = -1, "the reverse -xi", "the reverse −ξ"
	}
	title := "Synchronous updates from a random start: ends at " + shown
	if res.End == hopfield.FixedPoint && ran < steps-1 {
		title = fmt.Sprintf("Synchronous updates: %s is reached at t = %d and kept", shown, ran)
	}
	correct := n - hopfield.Hamming(start, smallPattern)

	m, _ := figure.StatesOverTime(states) // T states of 5 neurons
	raster := figure.NewRaster(m, figure.Ink, 1024)
	raster.Min, raster.Max, raster.CellBorders, raster.SquareCells = -1, 1, true, true
	rp := &figure.Panel{
		Title:  title,
		XLabel: "Time step t (black = +1, white = −1)", YLabel: "Neuron i (stored value ξᵢ)",
		Raster: raster,
	}
	for i, v := range smallPattern {
		rp.Y.Ticks = append(rp.Y.Ticks, figure.Tick{Value: float64(i), Label: fmt.Sprintf("%d (%+d)", i, v)})
	}

	var sum strings.Builder
	fmt.Fprintf(&sum, "Pattern xi = %v; random start %v agrees with it on %d of %d neurons.\n", smallPattern, start, correct, n)
	switch res.End {
	case hopfield.FixedPoint:
		fmt.Fprintf(&sum, "After %s the state stopped changing at %v: %s.\n", count(ran, "synchronous step"), final, what)
	case hopfield.Cycle:
		fmt.Fprintf(&sum, "The state fell into a 2-cycle after %d steps; at t = %d it is %v: %s.\n", ran, steps-1, final, what)
	default:
		fmt.Fprintf(&sum, "After %d steps the state is %v: %s.\n", ran, final, what)
	}
	if ran < steps-1 {
		fmt.Fprintf(&sum, "The grid repeats the last state up to T = %d.\n", steps)
	}
	return &Result{
		Summary: sum.String(),
		Numbers: map[string]float64{
			"outcome": outcome, "correct_start": float64(correct), "steps_run": float64(ran),
		},
		Figures: []*figure.Figure{{
			Name: "states", Caption: "The five neurons (rows) over time (columns), black = +1.",
			Width: 8, Height: 4.5, Panels: []*figure.Panel{rp},
		}},
		Tables: []Table{statesTable("states", "t", states)},
	}, nil
}
