package experiments

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/figure"
	"github.com/hopfield-lab/hopfield/patterns"
)

func init() {
	Register(&Experiment{
		Name:  "letters-5x5",
		Title: "Recalling a letter from a noisy picture",
		Description: `Three 5x5 pictures, a checkerboard, an X and an A, are stored in a network of ` +
			`25 neurons (one per pixel, +1 = black). The X is then shown with 20% of its pixels (5) ` +
			`flipped, and all neurons are updated together until nothing changes. Sometimes the network ` +
			`cleans up the picture and recalls the X exactly; but with the notebook's Hebbian rule this ` +
			`happens for only about 30% of noisy copies. The reason is visible in the pictures: the X ` +
			`is only 4 pixels away from the reversed checkerboard, and a Hebbian network stores every ` +
			`pattern's reverse too, so the memories crowd each other. The second figure shows several ` +
			`noisy cues and what became of them: every failure ends in the same spurious "mixture" state. ` +
			`Try the Storkey or the pseudoinverse learning rule (rule = storkey, rule = pseudoinverse), which cope ` +
			`with correlated patterns (89.2% and 83.5% of all noisy cues), or leaving a neuron whose input is 0 ` +
			`as it is (tie = keep: 65%).`,
		Order: 5,
		Params: []Param{
			{Name: "noise", Kind: Float, Default: 0.2, Min: 0, Max: 1, Help: "fraction of the X's pixels flipped in the cue"},
			{Name: "trials", Kind: Int, Default: 100, Min: 1, Max: 100000, Help: "noisy cues tried for the recall rate (the figures show the first)"},
			{Name: "steps", Kind: Int, Default: 10, Min: 1, Max: 1000, Help: "most synchronous steps per recall"},
			{Name: "tie", Kind: Choice, Default: "plus", Choices: []string{"plus", "minus", "keep"}, Help: "sign(0): plus is this cell's x >= 0 rule, minus is x > 0, keep leaves the neuron"},
			{Name: "rule", Kind: Choice, Default: "hebbian", Choices: []string{"hebbian", "storkey", "pseudoinverse"}, Help: "learning rule"},
		},
		Run: runLetters,
	})
}

// maxEnumeration bounds the flip sets enumerated for the exact recall
// probability (C(25, 5) = 53130 takes about 0.1 s).
const maxEnumeration = 60000

// letterNet stores the notebook's checkerboard, X and A.
func letterNet(rule hopfield.Rule) (*hopfield.Network, []patterns.Pattern, error) {
	stored := []patterns.Pattern{patterns.Checkerboard(5), patterns.X(5), patterns.LetterA()}
	cfg := hopfield.Config{Rule: rule, Unscaled: rule == hopfield.Hebbian}
	net, err := hopfield.Learn(cfg, stored[0].Data, stored[1].Data, stored[2].Data)
	return net, stored, err
}

// recallFrom runs the notebook's loop: synchronous updates until nothing
// changes, at most maxSteps times.
func recallFrom(net *hopfield.Network, cue []int8, maxSteps int, tie hopfield.Tie) (hopfield.Result, error) {
	return net.Run(cue, hopfield.RunOptions{Update: hopfield.Synchronous, Tie: tie, MaxSteps: maxSteps})
}

// exactCache memoizes exactRecall: the network and the enumeration are
// fixed by the rule, the tie rule, the flip count and the step limit, and
// the web lab or a sweep over seeds should not pay for it again.
var exactCache sync.Map // exactKey -> exactValue

type exactKey struct {
	rule         hopfield.Rule
	tie          hopfield.Tie
	flips, steps int
}

type exactValue struct {
	p     float64
	total int
}

// exactRecall returns the fraction of all C(N, k) ways of flipping k
// pixels of x from which the network recalls x exactly, or -1 if there are
// more than maxEnumeration of them.
func exactRecall(ctx context.Context, net *hopfield.Network, x []int8, k, maxSteps int, tie hopfield.Tie) (float64, int, error) {
	n := len(x)
	total := 1
	for i := range k {
		total = total * (n - i) / (i + 1)
		if total > maxEnumeration {
			return -1, 0, nil
		}
	}
	s := append([]int8(nil), x...)
	ok, seen := 0, 0
	var walk func(start, left int) error
	walk = func(start, left int) error {
		if left == 0 {
			if seen++; seen%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			r, err := recallFrom(net, s, maxSteps, tie)
			if err != nil {
				return err
			}
			if hopfield.Hamming(r.State, x) == 0 {
				ok++
			}
			return nil
		}
		for i := start; i <= n-left; i++ {
			s[i] = -s[i]
			err := walk(i+1, left-1)
			s[i] = -s[i]
			if err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(0, k); err != nil {
		return 0, 0, err
	}
	return float64(ok) / float64(total), total, nil
}

// letterTrial is one recall of the X from a noisy copy.
type letterTrial struct {
	cue   []int8
	res   hopfield.Result
	wrong int
}

func runLetters(ctx context.Context, p Values, seed uint64) (*Result, error) {
	noise, trials, maxSteps := p.Float("noise"), p.Int("trials"), p.Int("steps")
	tie, err := hopfield.ParseTie(p.String("tie"))
	if err != nil {
		return nil, err
	}
	rule, err := hopfield.ParseRule(p.String("rule"))
	if err != nil {
		return nil, err
	}
	net, stored, err := letterNet(rule)
	if err != nil {
		return nil, err
	}
	x := stored[1].Data
	tl := letterTally{stored: stored, mixture: letterMixture(stored)}
	rng := seeded(seed)
	for t := range trials {
		if t%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		tr, err := letterTrialRun(net, x, noise, maxSteps, tie, rng)
		if err != nil {
			return nil, err
		}
		tl.add(t, tr)
	}
	flips, _ := patterns.Count(noise, len(x))
	key := exactKey{rule, tie, flips, maxSteps}
	ev, ok := exactCache.Load(key)
	if !ok {
		p, total, err := exactRecall(ctx, net, x, flips, maxSteps, tie)
		if err != nil {
			return nil, err
		}
		ev, _ = exactCache.LoadOrStore(key, exactValue{p, total})
	}
	exact := ev.(exactValue)
	first := tl.first
	recalled := 0.0
	if first.wrong == 0 {
		recalled = 1
	}
	return &Result{
		Summary: tl.summary(rule, tie, flips, trials, exact),
		Numbers: map[string]float64{
			"recalled": recalled, "wrong_pixels": float64(first.wrong), "flipped": float64(flips),
			"steps": float64(first.res.Steps), "recall_rate": float64(tl.exact) / float64(trials),
			"exact_recalls": float64(tl.exact), "exact_probability": exact.p,
			"mixture_recalls": float64(tl.mixed),
		},
		Figures: tl.figures(flips, trials),
		Tables: []Table{vectorsTable("pixels", []string{"checkerboard", "X", "A", "noisy", "recalled"},
			stored[0].Data, x, stored[2].Data, first.cue, first.res.State)},
	}, nil
}

// letterMixture is the mixture sign(xi_X - xi_checkerboard + xi_A), the
// spurious state most wrong recalls end in (a sum of three +-1 values is
// never 0).
func letterMixture(stored []patterns.Pattern) []int8 {
	x := stored[1].Data
	mixture := make([]int8, len(x))
	for i := range mixture {
		mixture[i] = -1
		if x[i]-stored[0].Data[i]+stored[2].Data[i] > 0 {
			mixture[i] = 1
		}
	}
	return mixture
}

// letterTally counts the trials' outcomes and keeps the ones shown.
type letterTally struct {
	stored        []patterns.Pattern
	mixture       []int8
	first         letterTrial
	good, bad     []letterTrial
	goodAt, badAt []int
	exact, mixed  int
}

func (tl *letterTally) add(t int, tr letterTrial) {
	if tr.wrong == 0 {
		tl.exact++
	}
	if hopfield.Hamming(tr.res.State, tl.mixture) == 0 {
		tl.mixed++
	}
	if t == 0 {
		tl.first = tr
	}
	// Show both outcomes: the first four exact recalls and the first four
	// failures, whatever the seed.
	if tr.wrong == 0 && len(tl.good) < 4 {
		tl.good, tl.goodAt = append(tl.good, tr), append(tl.goodAt, t+1)
	} else if tr.wrong > 0 && len(tl.bad) < 4 {
		tl.bad, tl.badAt = append(tl.bad, tr), append(tl.badAt, t+1)
	}
}

func (tl *letterTally) figures(flips, trials int) []*figure.Figure {
	stored, first, x := tl.stored, tl.first, tl.stored[1].Data
	recalledTitle := "Recalled: exact"
	if first.wrong > 0 {
		recalledTitle = fmt.Sprintf("Recalled: %d pixels wrong", first.wrong)
	}
	cells := patterns.FormatCells
	grid := &figure.Patterns{Shape: [2]int{5, 5}, Columns: 3, Items: []figure.Item{
		{Title: "Stored: checkerboard", Cells: cells(stored[0].Data)},
		{Title: "Stored: X", Cells: cells(x)},
		{Title: "Stored: A", Cells: cells(stored[2].Data)},
		{Title: "True input", Cells: cells(x)},
		{Title: fmt.Sprintf("Noisy input (%d flipped)", flips), Cells: cells(first.cue)},
		{Title: recalledTitle, Cells: cells(first.res.State)},
	}}
	shown := append(tl.good, tl.bad...)
	at := append(tl.goodAt, tl.badAt...)
	trialsGrid := &figure.Patterns{Shape: [2]int{5, 5}, Columns: len(shown), KeepColumns: true}
	for i, tr := range shown {
		trialsGrid.Items = append(trialsGrid.Items, figure.Item{Title: fmt.Sprintf("Cue %d", at[i]), Cells: cells(tr.cue)})
	}
	for _, tr := range shown {
		title := "exact"
		switch {
		case hopfield.Hamming(tr.res.State, tl.mixture) == 0:
			title = "mixture state"
		case tr.wrong > 0:
			title = fmt.Sprintf("%d wrong", tr.wrong)
		}
		trialsGrid.Items = append(trialsGrid.Items, figure.Item{Title: title, Cells: cells(tr.res.State)})
	}
	trialsTitle := fmt.Sprintf("The X was recalled from %d of %d noisy copies. Each cue over the network's answer", tl.exact, trials)
	return []*figure.Figure{
		{
			Name: "letters", Caption: "The stored pictures; the X, a noisy copy and what the network recalled from it.",
			Width: 7, Height: 5.5, Panels: []*figure.Panel{{Patterns: grid}},
		},
		{
			Name: "trials", Caption: "The first four noisy copies of the X that were recalled and the first four that were not, with what the network made of each.",
			Width: 12, Height: 3.8, Panels: []*figure.Panel{{Title: trialsTitle, Patterns: trialsGrid}},
		},
	}
}

func (tl *letterTally) summary(rule hopfield.Rule, tie hopfield.Tie, flips, trials int, exact exactValue) string {
	first, x := tl.first, tl.stored[1].Data
	rev := make([]int8, len(x))
	for i, v := range tl.stored[0].Data {
		rev[i] = -v
	}
	var sum strings.Builder
	fmt.Fprintf(&sum, "Stored checkerboard, X and A (5x5, %v rule, tie %v); cue: the X with %d of 25 pixels flipped.\n", rule, tie, flips)
	if first.wrong == 0 {
		fmt.Fprintf(&sum, "First cue: recalled the X exactly after %s (%v).\n", count(first.res.Steps, "synchronous step"), first.res.End)
	} else {
		fmt.Fprintf(&sum, "First cue: the recall ended %d pixels away from the X after %s (%v).\n", first.wrong, count(first.res.Steps, "step"), first.res.End)
	}
	fmt.Fprintf(&sum, "Over %d noisy cues the X was recalled exactly %d times (%.0f%%).\n", trials, tl.exact, 100*float64(tl.exact)/float64(trials))
	if exact.p >= 0 {
		fmt.Fprintf(&sum, "Exactly: %.1f%% of all %d ways to flip %d pixels lead back to the X.\n", 100*exact.p, exact.total, flips)
	}
	fmt.Fprintf(&sum, "The X is %d pixels from the reversed checkerboard, which the network stores too.\n", hopfield.Hamming(x, rev))
	fmt.Fprintf(&sum, "%d of the %d cues ended in the spurious mixture state sign(X - checkerboard + A).\n", tl.mixed, trials)
	return sum.String()
}

func letterTrialRun(net *hopfield.Network, x []int8, noise float64, maxSteps int, tie hopfield.Tie, rng *rand.Rand) (letterTrial, error) {
	cue, err := patterns.FlipExact(nil, x, noise, rng)
	if err != nil {
		return letterTrial{}, &ParamError{Param: "noise", Err: fmt.Errorf("parameter noise: %w", err)}
	}
	res, err := recallFrom(net, cue, maxSteps, tie)
	if err != nil {
		return letterTrial{}, err
	}
	return letterTrial{cue: cue, res: res, wrong: hopfield.Hamming(res.State, x)}, nil
}
