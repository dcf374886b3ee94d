package experiments

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/figure"
	"github.com/hopfield-lab/hopfield/patterns"
)

func init() {
	Register(&Experiment{
		Name:  "dense-letters",
		Title: "Dense memory: classic against dense on the alphabet",
		Description: `All 26 letters A to Z, drawn at 10x10 pixels, are stored in a network of 100 neurons: ` +
			`26 patterns, far beyond the 0.14 N = 14 that the classic Hebbian rule holds for random patterns; ` +
			`and letters are not random but alike, mostly the same white background. Each letter is then ` +
			`shown with 10% of its pixels flipped and the network runs asynchronously to a fixed point, once ` +
			`with the classic rule and once as a dense associative memory, from the same cue and in the same ` +
			`neuron order. The figure shows the stored letters, the cues and what each network recalled: the ` +
			`classic network turns nearly every letter into one and the same mixture state, the dense one ` +
			`with the exponential energy (lse) ` +
			`gives nearly all of them back. Two letters agree on about 87 of their 100 pixels, so the energy must ` +
			`be steep to tell them apart: try energy = poly:3, F(x) = x^3, which fails here as the classic rule ` +
			`does although it holds hundreds of random patterns, and energy = poly:20, which succeeds.`,
		Order: 22,
		Params: []Param{
			{Name: "noise", Kind: Float, Default: 0.1, Min: 0, Max: 0.5, Help: "fraction of a letter's pixels flipped in its cue"},
			{Name: "energy", Kind: Choice, Default: "lse", Choices: []string{"lse", "lse:0.5", "lse:0.25", "exp", "poly:2", "poly:3", "poly:4", "poly:10", "poly:20", "rpoly:3", "rpoly:20"},
				Help: "interaction function F of the dense memory: poly:n is x^n, rpoly:n its rectified form, lse the log of exp's"},
			{Name: "trials", Kind: Int, Default: 20, Min: 1, Max: 10000, Help: "noisy cues per letter for the recall rates (the figure shows the first)"},
		},
		Run: runDenseLetters,
	})
}

// lettersSize is the side of the letters' pictures: 10x10 = 100 neurons.
const lettersSize = 10

// letterRule is one of the two networks of dense-letters, with what it
// made of every cue.
type letterRule struct {
	name   string
	net    *hopfield.Network
	first  [][]int8 // [letter]: the state recalled from its first cue
	exact  []int    // [letter]: cues recalled exactly
	stable int      // letters that are fixed points
}

func runDenseLetters(ctx context.Context, p Values, seed uint64) (*Result, error) {
	noise, trials := p.Float("noise"), p.Int("trials")
	energy, err := hopfield.ParseEnergy(p.String("energy"))
	if err != nil {
		return nil, paramErrorf("energy", "parameter energy: %v", err)
	}
	letters, err := alphabetLetters()
	if err != nil {
		return nil, err
	}
	data := make([][]int8, len(letters))
	for i, l := range letters {
		data[i] = l.Data
	}
	rules := []*letterRule{{name: "classic Hebbian network"}, {name: "dense memory (" + energy.String() + ")"}}
	cfgs := []hopfield.Config{{Rule: hopfield.Hebbian}, {Rule: hopfield.DenseAM, Energy: energy}}
	for i, r := range rules {
		if r.net, err = hopfield.Learn(cfgs[i], data...); err != nil {
			return nil, err
		}
		r.first, r.exact = make([][]int8, len(data)), make([]int, len(data))
		r.stable = lettersStable(r.net, data)
	}
	cues, err := lettersRecall(ctx, rules, data, noise, trials, seed)
	if err != nil {
		return nil, err
	}
	return lettersResult(rules, letters, cues, noise, trials), nil
}

// alphabetLetters returns A to Z of the built-in font at lettersSize.
func alphabetLetters() ([]patterns.Pattern, error) {
	var out []patterns.Pattern
	for ch := 'A'; ch <= 'Z'; ch++ {
		l, err := patterns.Letter(ch, lettersSize)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, nil
}

// lettersStable counts the stored letters that are fixed points: every
// field has the letter's sign. A zero field is a failure: a letter counts
// only if it is a fixed point when a tie sets the neuron to +1 and when it
// sets it to -1.
func lettersStable(net *hopfield.Network, data [][]int8) int {
	count := 0
	for _, x := range data {
		if net.IsFixedPoint(x, hopfield.TiePlus) && net.IsFixedPoint(x, hopfield.TieMinus) {
			count++
		}
	}
	return count
}

// lettersRecall recalls every letter from trials noisy cues with both
// networks: the same cue and the same draws of the neuron order for each,
// so that they differ only by the rule. It returns the first cue of each
// letter.
func lettersRecall(ctx context.Context, rules []*letterRule, data [][]int8, noise float64, trials int, seed uint64) ([][]int8, error) {
	rng := seeded(seed)
	// The neuron orders come from their own stream, so that the cues (whose
	// draws depend on the noise) never shift them.
	orders := seeded(rng.Uint64())
	firstCues := make([][]int8, len(data))
	progress := Progress(ctx)
	for t := range trials {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for li, x := range data {
			cue, err := patterns.FlipExact(nil, x, noise, rng)
			if err != nil {
				return nil, paramErrorf("noise", "parameter noise: %v", err)
			}
			if t == 0 {
				firstCues[li] = cue
			}
			dynSeed := orders.Uint64()
			for _, r := range rules {
				res, err := r.net.Run(cue, hopfield.RunOptions{Update: hopfield.Asynchronous, Source: hopfield.NewSource(dynSeed)})
				if err != nil {
					return nil, err
				}
				if hopfield.Hamming(res.State, x) == 0 {
					r.exact[li]++
				}
				if t == 0 {
					r.first[li] = res.State
				}
			}
		}
		if progress != nil {
			progress(t+1, trials)
		}
	}
	return firstCues, nil
}

// lettersOutcome names what a recall of letter li ended at: the letter
// itself, another letter (or its reverse), or a state some pixels away.
func lettersOutcome(net *hopfield.Network, letters []patterns.Pattern, li int, s []int8) string {
	name := func(i int) string { return strings.TrimPrefix(letters[i].Name, "alphabet:") }
	m := net.Match(s)
	switch {
	case m.Exact && m.Pattern == li:
		return name(li)
	case m.Exact:
		return name(li) + " → " + name(m.Pattern)
	case m.Reversed:
		return name(li) + " → -" + name(m.Pattern)
	}
	return fmt.Sprintf("%s: %d off", name(li), hopfield.Hamming(s, letters[li].Data))
}

func lettersResult(rules []*letterRule, letters []patterns.Pattern, cues [][]int8, noise float64, trials int) *Result {
	n, pp := len(letters[0].Data), len(letters)
	flips, _ := patterns.Count(noise, n) // checked by FlipExact
	numbers := map[string]float64{"flipped": float64(flips)}
	var sum strings.Builder
	fmt.Fprintf(&sum, "Stored the %d letters A-Z at %dx%d: N = %d, P = %d = %.2f N (the classic rule holds about 0.14 N). "+
		"Cues: %d of %d pixels flipped; asynchronous dynamics to a fixed point.\n", pp, lettersSize, lettersSize, n, pp, float64(pp)/float64(n), flips, n)
	mean, most := lettersOverlaps(letters)
	numbers["mean_overlap"], numbers["max_overlap"] = mean, most
	fmt.Fprintf(&sum, "Two letters agree on many pixels: overlap m = (xi . xi')/N %.2f on average, up to %.2f; random patterns "+
		"have |m| about %.2f.\n", mean, most, math.Sqrt(2/math.Pi/float64(n)))
	table := Table{Name: "letters", Columns: []string{"letter", "classic_exact", "dense_exact", "cues"}}
	for li := range letters {
		table.Rows = append(table.Rows, []float64{float64(li), float64(rules[0].exact[li]), float64(rules[1].exact[li]), float64(trials)})
	}
	for i, r := range rules {
		key := []string{"classic", "dense"}[i]
		firstOK, total := 0, 0
		for li, s := range r.first {
			if hopfield.Hamming(s, letters[li].Data) == 0 {
				firstOK++
			}
			total += r.exact[li]
		}
		rate := float64(total) / float64(trials*pp)
		numbers[key+"_letters_recalled"] = float64(firstOK)
		numbers[key+"_recall_rate"] = rate
		numbers[key+"_fixed_letters"] = float64(r.stable)
		ends := map[string]bool{}
		for _, s := range r.first {
			ends[patterns.FormatCells(s)] = true
		}
		fmt.Fprintf(&sum, "%s: recalled %d of %d letters exactly from their first cue, ending in %s; "+
			"%.1f%% of all %d cues; %d of the %d letters are fixed points.\n", r.name, firstOK, pp, distinctStates(len(ends)), 100*rate, trials*pp, r.stable, pp)
	}
	return &Result{
		Summary: sum.String(),
		Numbers: numbers,
		Figures: []*figure.Figure{lettersFigure(rules, letters, cues, flips)},
		Tables:  []Table{table},
	}
}

// distinctStates writes "1 state" or "5 distinct states".
func distinctStates(k int) string {
	if k == 1 {
		return "1 state"
	}
	return fmt.Sprintf("%d distinct states", k)
}

// lettersOverlaps returns the mean and the largest overlap between two
// different letters.
func lettersOverlaps(letters []patterns.Pattern) (mean, most float64) {
	pairs := 0
	for a := range letters {
		for b := a + 1; b < len(letters); b++ {
			dot := 0
			for i, v := range letters[a].Data {
				dot += int(v) * int(letters[b].Data[i])
			}
			m := float64(dot) / float64(len(letters[a].Data))
			mean += m
			most = max(most, m)
			pairs++
		}
	}
	return mean / float64(pairs), most
}

func lettersFigure(rules []*letterRule, letters []patterns.Pattern, cues [][]int8, flips int) *figure.Figure {
	grid := func(title string, items []figure.Item) *figure.Panel {
		return &figure.Panel{Title: title, Patterns: &figure.Patterns{Shape: [2]int{lettersSize, lettersSize}, Columns: 13, Items: items}}
	}
	var stored, noisy []figure.Item
	for li, l := range letters {
		name := strings.TrimPrefix(l.Name, "alphabet:")
		stored = append(stored, figure.Item{Title: name, Cells: patterns.FormatCells(l.Data)})
		noisy = append(noisy, figure.Item{Title: name, Cells: patterns.FormatCells(cues[li])})
	}
	panels := []*figure.Panel{
		grid("Stored letters", stored),
		grid(fmt.Sprintf("Cues: %d pixels of 100 flipped", flips), noisy),
	}
	for _, r := range rules {
		var items []figure.Item
		ok := 0
		for li, s := range r.first {
			items = append(items, figure.Item{Title: lettersOutcome(r.net, letters, li, s), Cells: patterns.FormatCells(s)})
			if hopfield.Hamming(s, letters[li].Data) == 0 {
				ok++
			}
		}
		panels = append(panels, grid(fmt.Sprintf("Recalled by the %s: %d of %d letters exact", r.name, ok, len(letters)), items))
	}
	return &figure.Figure{
		Name: "letters",
		Caption: "The 26 stored letters, a noisy cue of each, and what the classic Hebbian network and the dense associative " +
			"memory recalled from it (a title X → Y: the cue of X ended at the letter Y).",
		Width: 12, Height: 12, Panels: panels,
	}
}
