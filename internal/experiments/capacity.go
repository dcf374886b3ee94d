package experiments

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/capacity"
	"github.com/hopfield-lab/hopfield/figure"
	"github.com/hopfield-lab/hopfield/theory"
)

// The capacity experiments: how many patterns a network holds, measured
// with package capacity and drawn with the theory of package theory.

func init() {
	loadParams := func(lo, hi, step float64) []Param {
		return []Param{
			{Name: "alpha_min", Kind: Float, Default: lo, Min: 0.0001, Max: 1, Help: "smallest load alpha = P/N"},
			{Name: "alpha_max", Kind: Float, Default: hi, Min: 0.0001, Max: 1, Help: "largest load"},
			{Name: "alpha_step", Kind: Float, Default: step, Min: 0.0001, Max: 1, Help: "step between loads"},
		}
	}
	Register(&Experiment{
		Name:  "capacity",
		Title: "Capacity: Hebbian, Storkey and pseudo-inverse rules against load",
		Description: `Store P random patterns in N neurons and start the dynamics at each stored ` +
			`pattern: does the network stay there? Up to the load alpha_c = P/N = 0.138 of ` +
			`Amit, Gutfreund and Sompolinsky a Hebbian network stays near its patterns (overlap ` +
			`0.97 or more, a few wrong bits); beyond it the patterns are lost. The dashed curve is ` +
			`their theory for an infinite network; a finite network shows a smooth crossover around ` +
			`it. Few patterns are exact fixed points even well below alpha_c. The Storkey rule ` +
			`and the pseudo-inverse rule hold many more: every pattern stays a fixed point.`,
		Order: 10,
		Params: append([]Param{
			{Name: "N", Kind: Int, Default: 1000, Min: 50, Max: 1000000, Help: "neurons (above 2000 only the pattern-form rules run)"},
			{Name: "trials", Kind: Int, Default: 20, Min: 1, Max: 10000, Help: "networks per load"},
			{Name: "probes", Kind: Int, Default: 10, Min: 1, Max: 1000, Help: "stored patterns probed per network"},
			{Name: "memory_gb", Kind: Float, Default: 4.0, Min: 0.1, Max: 1024, Help: "memory budget in GiB; loads that need more are left out"},
		}, loadParams(0.05, 0.2, 0.01)...),
		Run: runCapacity,
	})
	Register(&Experiment{
		Name:  "one-step-error",
		Title: "One-step error: measured against the large-N and exact laws",
		Description: `Start a Hebbian network at a stored pattern and update every neuron once: a ` +
			`bit flips when the crosstalk of the other P-1 patterns outweighs the pattern's own ` +
			`signal. For large N the crosstalk is Gaussian and the error is Phi(-1/sqrt(alpha)); ` +
			`for a given N and P it is exactly a binomial tail. The points are measurements with ` +
			`their standard errors, for N = 100 and N = 1000.`,
		Order: 11,
		Params: append([]Param{
			{Name: "trials", Kind: Int, Default: 100, Min: 2, Max: 100000, Help: "networks per load"},
		}, loadParams(0.05, 0.4, 0.025)...),
		Run: runOneStepError,
	})
	Register(&Experiment{
		Name:  "basins",
		Title: "Basins of attraction: exact recall against cue noise",
		Description: `Flip a fraction of a stored pattern's bits and let the network run: how often ` +
			`does it come back to the pattern exactly? The curves are the probability of exact ` +
			`recall against the noise, for a few loads and the three learning rules. The wider ` +
			`the plateau near 1, the larger the basin of attraction.`,
		Order: 12,
		Params: []Param{
			{Name: "N", Kind: Int, Default: 500, Min: 20, Max: 5000, Help: "neurons"},
			{Name: "trials", Kind: Int, Default: 20, Min: 2, Max: 10000, Help: "networks per point"},
			{Name: "noise_max", Kind: Float, Default: 0.5, Min: 0.01, Max: 1, Help: "largest fraction of flipped bits"},
			{Name: "noise_step", Kind: Float, Default: 0.025, Min: 0.001, Max: 1, Help: "step of the noise"},
		},
		Run: runBasins,
	})
	Register(&Experiment{
		Name:  "spurious",
		Title: "Spurious states: where the dynamics end from random starts",
		Description: `Start a Hebbian network in a random state and let it settle. Where does it ` +
			`end? In a stored pattern, in its reverse (-xi is as stable as xi), in a mixture of ` +
			`three patterns (sign(xi1 + xi2 + xi3), with overlap 1/2 with each), or in another ` +
			`state: a spin-glass state unrelated to any pattern. At low load most runs find a ` +
			`pattern, its reverse or a mixture; as the load grows the spin-glass states take over.`,
		Order: 13,
		Params: append([]Param{
			{Name: "N", Kind: Int, Default: 500, Min: 20, Max: 100000, Help: "neurons"},
			{Name: "trials", Kind: Int, Default: 20, Min: 2, Max: 10000, Help: "networks per load"},
			{Name: "starts", Kind: Int, Default: 50, Min: 1, Max: 100000, Help: "random starts per network"},
		}, loadParams(0.01, 0.1, 0.01)...),
		Run: runSpurious,
	})
	Register(&Experiment{
		Name:  "temperature",
		Title: "Temperature: retrieval under Glauber dynamics",
		Description: `At temperature T a neuron takes +1 with probability 1/(1 + exp(-2h/T)) ` +
			`instead of following the sign of its field h. The network still remembers, but ` +
			`less well: the overlap with the pattern drops as T grows. With a single pattern ` +
			`it follows m = tanh(m/T), the dashed curve, and vanishes at T = 1. With more ` +
			`patterns the crosstalk adds to the thermal noise and retrieval melts sooner, near ` +
			`the temperature T_M(P/N) of the replica-symmetric theory. The lower panel shows the ` +
			`largest overlap with any stored pattern, which tells a melted memory from one that ` +
			`has moved to another pattern.`,
		Order: 14,
		Params: []Param{
			{Name: "N", Kind: Int, Default: 1000, Min: 20, Max: 100000, Help: "neurons"},
			{Name: "P1", Kind: Int, Default: 1, Min: 0, Max: 100000, Help: "patterns stored for the first curve (0: no curve)"},
			{Name: "P2", Kind: Int, Default: 20, Min: 0, Max: 100000, Help: "patterns for the second curve (0: none)"},
			{Name: "P3", Kind: Int, Default: 50, Min: 0, Max: 100000, Help: "patterns for the third curve (0: none)"},
			{Name: "P4", Kind: Int, Default: 100, Min: 0, Max: 100000, Help: "patterns for the fourth curve (0: none)"},
			{Name: "trials", Kind: Int, Default: 8, Min: 2, Max: 10000, Help: "runs per point"},
			{Name: "T_max", Kind: Float, Default: 1.2, Min: 0.05, Max: 5, Help: "largest temperature"},
			{Name: "T_step", Kind: Float, Default: 0.05, Min: 0.01, Max: 1, Help: "step of the temperature"},
			{Name: "burn", Kind: Int, Default: 50, Min: 1, Max: 100000, Help: "sweeps discarded before measuring"},
			{Name: "sweeps", Kind: Int, Default: 100, Min: 1, Max: 100000, Help: "sweeps averaged"},
		},
		Run: runTemperature,
	})
}

// loads reads alpha_min, alpha_max and alpha_step.
func loads(p Values) ([]float64, error) {
	lo, hi, step := p.Float("alpha_min"), p.Float("alpha_max"), p.Float("alpha_step")
	if hi < lo {
		return nil, paramErrorf("alpha_max", "parameter alpha_max: %v is below alpha_min = %v", hi, lo)
	}
	if (hi-lo)/step > 1000 {
		return nil, paramErrorf("alpha_step", "parameter alpha_step: %v makes more than 1000 loads", step)
	}
	return capacity.ParseList(fmt.Sprintf("%v:%v:%v", lo, hi, step))
}

// grid returns 0, step, ..., hi (hi included when it is on the grid).
func grid(hi, step float64) []float64 {
	xs, _ := capacity.ParseList(fmt.Sprintf("0:%v:%v", hi, step))
	return xs
}

// capacityError turns an error of package capacity about the grid into a
// parameter error, which the CLI reports as bad input.
func capacityError(param string, err error) error {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err // a stop is not a bad parameter
	}
	return paramErrorf(param, "%v", err)
}

func gib(x float64) int64 { return int64(x * (1 << 30)) }

func runCapacity(ctx context.Context, p Values, seed uint64) (*Result, error) {
	n, budget := p.Int("N"), gib(p.Float("memory_gb"))
	alphas, err := loads(p)
	if err != nil {
		return nil, err
	}
	var notes []string
	// Loads whose Hebbian network would not fit the budget are left out.
	var kept []float64
	for _, a := range alphas {
		if capacity.NetworkBytes(hopfield.Hebbian, n, int(math.Round(a*float64(n)))) <= budget {
			kept = append(kept, a)
		}
	}
	if len(kept) == 0 {
		return nil, paramErrorf("memory_gb", "parameter memory_gb: no load fits in %g GiB at N = %d", p.Float("memory_gb"), n)
	}
	if len(kept) < len(alphas) {
		notes = append(notes, fmt.Sprintf("%d loads above alpha = %g left out: their networks need more than memory_gb = %g GiB.",
			len(alphas)-len(kept), kept[len(kept)-1], p.Float("memory_gb")))
	}
	rules, ruleNotes := capacityRules(n, int(math.Round(kept[len(kept)-1]*float64(n))), budget)
	notes = append(notes, ruleNotes...)
	spec := capacity.Spec{Rules: rules, Ns: []int{n}, Alphas: kept, Measures: []capacity.Measure{capacity.Fixed, capacity.Overlap},
		Trials: p.Int("trials"), Probes: p.Int("probes"), Seed: seed, MemoryLimit: budget, Progress: Progress(ctx)}
	table, err := capacity.Run(ctx, spec)
	if err != nil {
		return nil, capacityError("alpha_min", err)
	}
	ps, err := figure.Capacity(table)
	if err != nil {
		return nil, err
	}
	fig := &figure.Figure{
		Name:    "capacity",
		Caption: "Mean overlap after the dynamics from a stored pattern and fraction of patterns that are fixed points, against the load, with the AGS theory (dashed).",
		Title:   fmt.Sprintf("N = %d: %s, %s probed patterns each, per point", n, networks(spec.Trials), probesPerNetwork(table)),
		Width:   8, Height: 10, Panels: []*figure.Panel{ps[1], ps[0]},
	}
	summary, numbers := capacitySummary(spec, table, notes)
	return &Result{
		Summary: summary,
		Numbers: numbers,
		Figures: []*figure.Figure{fig},
		Tables:  []Table{sweepTable("sweep", table)},
	}, nil
}

// capacityRules returns the rules the capacity experiment runs at N = n
// with up to pMax patterns in budget bytes, and a note for each rule left
// out.
func capacityRules(n, pMax int, budget int64) ([]hopfield.Rule, []string) {
	rules := []hopfield.Rule{hopfield.Hebbian}
	var notes []string
	// Storkey networks are dense (8 N^2 bytes) and learn in O(N^2) per
	// pattern; the pseudo-inverse learns in O(N P^2).
	if n <= 2000 {
		rules = append(rules, hopfield.Storkey)
	} else {
		notes = append(notes, fmt.Sprintf("Storkey rule left out at N = %d: its dense weights need %s and learn in O(N^2) per pattern.",
			n, hopfield.FormatBytes(8*int64(n)*int64(n))))
	}
	if float64(n)*float64(pMax)*float64(pMax) <= 2e11 && capacity.NetworkBytes(hopfield.PseudoInverse, n, pMax) <= budget && pMax <= n {
		rules = append(rules, hopfield.PseudoInverse)
	} else {
		notes = append(notes, fmt.Sprintf("Pseudo-inverse rule left out at N = %d: it learns in O(N P^2) and needs %s.",
			n, hopfield.FormatBytes(capacity.NetworkBytes(hopfield.PseudoInverse, n, pMax))))
	}
	return rules, notes
}

// capacitySummary describes the capacity sweep spec with its results
// table, ending with the notes, and returns its key numbers.
func capacitySummary(spec capacity.Spec, table *capacity.Table, notes []string) (string, map[string]float64) {
	numbers := map[string]float64{"alpha_c": theory.AGSCriticalLoad()}
	var sum strings.Builder
	fmt.Fprintf(&sum, "N = %d, loads %g to %g, %s x %s probes per point; AGS alpha_c = %.4f.\n",
		spec.Ns[0], spec.Alphas[0], spec.Alphas[len(spec.Alphas)-1], networks(spec.Trials), probesPerNetwork(table), theory.AGSCriticalLoad())
	over := func(r hopfield.Rule) []capacity.Row { return rowsOf(table, r, capacity.Overlap) }
	hebb := over(hopfield.Hebbian)
	// last: the largest load up to which every mean is at least 0.95.
	last, first := math.NaN(), math.NaN()
	for _, r := range hebb {
		if r.Mean < 0.95 {
			break
		}
		last = r.Alpha()
	}
	for _, r := range hebb {
		if r.Mean < 0.75 {
			first = r.Alpha()
			break
		}
	}
	if !math.IsNaN(last) {
		numbers["hebbian_last_load_above_0.95"] = last
		fmt.Fprintf(&sum, "Hebbian: mean overlap at least 0.95 up to alpha = %g", last)
	}
	if !math.IsNaN(first) {
		numbers["hebbian_first_load_below_0.75"] = first
		fmt.Fprintf(&sum, ", below 0.75 from alpha = %g", first)
	}
	sum.WriteString(".\n")
	for _, rule := range spec.Rules[1:] {
		gap := math.Inf(1)
		for i, r := range over(rule) {
			if r.Alpha() > 0.15 {
				gap = math.Min(gap, r.Mean-hebb[i].Mean)
			}
		}
		if !math.IsInf(gap, 0) {
			numbers[rule.String()+"_min_gap_above_0.15"] = gap
			fmt.Fprintf(&sum, "%s: overlap above the Hebbian one by at least %.3f at every load above 0.15.\n", rule, gap)
		}
	}
	for _, note := range notes {
		sum.WriteString(note + "\n")
	}
	return sum.String(), numbers
}

// networks writes "1 network" or "20 networks".
func networks(n int) string {
	if n == 1 {
		return "1 network"
	}
	return fmt.Sprintf("%d networks", n)
}

// probesPerNetwork says how many patterns each network of the table
// probed: the spec's probes, or P where P is smaller ("5 to 10").
func probesPerNetwork(t *capacity.Table) string {
	lo, hi := math.MaxInt, 0
	for _, r := range t.Rows {
		k := r.Samples / r.Trials
		lo, hi = min(lo, k), max(hi, k)
	}
	if lo == hi {
		return fmt.Sprint(hi)
	}
	return fmt.Sprintf("%d to %d", lo, hi)
}

func rowsOf(t *capacity.Table, rule hopfield.Rule, m capacity.Measure) []capacity.Row {
	var out []capacity.Row
	for _, r := range t.Rows {
		if r.Rule == rule && r.Measure == m {
			out = append(out, r)
		}
	}
	return out
}

// sweepTable flattens a capacity table, with the rule and the measure by
// name (hebbian, fixed): their integer codes changed when rules were
// added, and a name means the same in every version. The tables written
// before held codes: rule 1 hebbian, 2 storkey, 3 pseudoinverse; measure 1
// fixed, 2 overlap, 3 recall, 4 onestep.
func sweepTable(name string, t *capacity.Table) Table {
	out := Table{Name: name, Columns: []string{"rule", "N", "P", "alpha", "noise", "measure", "trials", "samples",
		"mean", "stderr", "q05", "q10", "median", "q90", "q95", "theory"}}
	var rules, measures []string
	nan := math.NaN()
	for _, r := range t.Rows {
		out.Rows = append(out.Rows, []float64{nan, float64(r.N), float64(r.P), r.Alpha(), r.Noise, nan,
			float64(r.Trials), float64(r.Samples), r.Mean, r.StdErr, r.Q05, r.Q10, r.Median, r.Q90, r.Q95, r.Theory})
		rules, measures = append(rules, r.Rule.String()), append(measures, r.Measure.String())
	}
	out.AddText("rule", rules)
	out.AddText("measure", measures)
	return out
}

func runOneStepError(ctx context.Context, p Values, seed uint64) (*Result, error) {
	alphas, err := loads(p)
	if err != nil {
		return nil, err
	}
	spec := capacity.Spec{Rules: []hopfield.Rule{hopfield.Hebbian}, Ns: []int{100, 1000}, Alphas: alphas,
		Measures: []capacity.Measure{capacity.OneStep}, Trials: p.Int("trials"), Seed: seed, Progress: Progress(ctx)}
	table, err := capacity.Run(ctx, spec)
	if err != nil {
		return nil, capacityError("alpha_min", err)
	}
	ps, err := figure.Capacity(table)
	if err != nil {
		return nil, err
	}
	var sum strings.Builder
	fmt.Fprintf(&sum, "%s x %s probes per point. z = (measured - exact law) / standard error:\n", networks(spec.Trials), probesPerNetwork(table))
	maxZ := 0.0
	for _, r := range table.Rows {
		z := 0.0
		if r.StdErr > 0 {
			z = (r.Mean - r.Theory) / r.StdErr
		}
		maxZ = math.Max(maxZ, math.Abs(z))
		fmt.Fprintf(&sum, "  N = %4d, P = %3d (alpha = %.3f): %s, exact %s, large-N %s, z = %+.1f\n",
			r.N, r.P, r.Alpha(), formatRate(r.Mean, r.StdErr, r.Samples*r.N), formatProbability(r.Theory),
			formatProbability(theory.OneStepErrorLargeN(r.Alpha())), z)
	}
	fmt.Fprintf(&sum, "Largest |z| = %.1f (a correct measurement rarely gives more than 4).\n", maxZ)
	return &Result{
		Summary: sum.String(),
		Numbers: map[string]float64{"max_abs_z": maxZ},
		Figures: []*figure.Figure{{Name: "one-step-error", Caption: "Measured one-step bit error rate with the large-N law and the exact finite-N laws.", Panels: ps}},
		Tables:  []Table{sweepTable("one-step-error", table)},
	}, nil
}

// basinLoads are the loads of the basins experiment: well below, near and
// at the Hebbian capacity.
var basinLoads = []float64{0.05, 0.1, 0.138}

func runBasins(ctx context.Context, p Values, seed uint64) (*Result, error) {
	n := p.Int("N")
	noises := grid(p.Float("noise_max"), p.Float("noise_step"))
	// The classic rules: the dense memory's basins are the dense
	// experiments' subject, at loads far past these.
	rules := []hopfield.Rule{hopfield.Hebbian, hopfield.Storkey, hopfield.PseudoInverse}
	spec := capacity.Spec{Rules: rules, Ns: []int{n}, Alphas: basinLoads, Noises: noises,
		Measures: []capacity.Measure{capacity.Recall}, Trials: p.Int("trials"), Seed: seed, Progress: Progress(ctx)}
	table, err := capacity.Run(ctx, spec)
	if err != nil {
		return nil, capacityError("N", err)
	}
	var panels []*figure.Panel
	numbers := map[string]float64{}
	var sum strings.Builder
	fmt.Fprintf(&sum, "N = %d, %s x %s probes per point. Noise at which exact recall falls below 1/2:\n", n, networks(spec.Trials), probesPerNetwork(table))
	for _, rule := range rules {
		var series []figure.Series
		for i, a := range basinLoads {
			s := figure.Series{Name: fmt.Sprintf("α = %g", a), Style: figure.LinesPoints, Color: figure.Cycle(i)}
			half := math.NaN()
			for _, r := range rowsOf(table, rule, capacity.Recall) {
				if r.P != int(math.Round(a*float64(n))) {
					continue
				}
				s.X, s.Y, s.Err = append(s.X, r.Noise), append(s.Y, r.Mean), append(s.Err, r.StdErr)
				if r.Mean < 0.5 && math.IsNaN(half) {
					half = r.Noise
				}
			}
			s.Err = errorBars(s.Err)
			series = append(series, s)
			if !math.IsNaN(half) {
				numbers[fmt.Sprintf("%s_half_recall_noise_alpha_%g", rule, a)] = half
			}
			fmt.Fprintf(&sum, "  %-13s alpha = %-5g %s\n", rule, a, describeHalf(half))
		}
		// The Hebbian curves start below 1, so their bottom left is taken.
		legend := figure.LegendBottomLeft
		if rule == hopfield.Hebbian {
			legend = figure.LegendTopRight
		}
		panels = append(panels, &figure.Panel{Title: rule.String() + " rule", XLabel: "cue noise (fraction of bits flipped)",
			YLabel: "exact-recall rate", Grid: true, Legend: legend, Series: series, Y: figure.Range(0, 1.02)})
	}
	return &Result{
		Summary: sum.String(),
		Numbers: numbers,
		Figures: []*figure.Figure{{Name: "basins", Caption: "Probability that the dynamics end exactly at the stored pattern, against the fraction of flipped bits in the cue.",
			Title: fmt.Sprintf("Exact recall against cue noise, N = %d", n), Width: 8, Height: 12, Panels: panels}},
		Tables: []Table{sweepTable("basins", table)},
	}, nil
}

func describeHalf(x float64) string {
	if math.IsNaN(x) {
		return "never below 1/2"
	}
	return fmt.Sprintf("at noise %g", x)
}

// formatRate writes a measured rate with its standard error so that it
// says something at any size: to five decimals, in scientific notation
// below 10^-3, and as a bound when nothing of trials events happened
// (below 3/trials: the one-sided 95 % bound of the rule of three).
func formatRate(mean, stdErr float64, trials int) string {
	switch {
	case mean == 0 && trials > 0:
		return fmt.Sprintf("0 in %d (< %.1e)", trials, 3/float64(trials))
	case mean < 1e-3:
		return fmt.Sprintf("%.2e ± %.1e", mean, stdErr)
	}
	return fmt.Sprintf("%.5f ± %.5f", mean, stdErr)
}

// formatFraction writes a fraction of runs to two decimals, but one below
// 0.01 in scientific notation, which 0.00 would hide.
func formatFraction(f float64) string {
	if f > 0 && f < 0.01 {
		return fmt.Sprintf("%.1e", f)
	}
	return fmt.Sprintf("%.2f", f)
}

// formatProbability writes a law's probability to five decimals, or in
// scientific notation below 10^-3.
func formatProbability(p float64) string {
	if p < 1e-3 {
		return fmt.Sprintf("%.2e", p)
	}
	return fmt.Sprintf("%.5f", p)
}

func zeroNaN(x float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	return x
}

func runSpurious(ctx context.Context, p Values, seed uint64) (*Result, error) {
	alphas, err := loads(p)
	if err != nil {
		return nil, err
	}
	spec := capacity.CensusSpec{Rule: hopfield.Hebbian, N: p.Int("N"), Alphas: alphas, Trials: p.Int("trials"), Starts: p.Int("starts"), Seed: seed}
	rows, err := capacity.Census(ctx, spec)
	if err != nil {
		return nil, capacityError("alpha_min", err)
	}
	var series []figure.Series
	names := []string{"stored pattern", "reversed pattern", "mixture of 3", "other (spin glass)"}
	for _, st := range capacity.States() {
		s := figure.Series{Name: names[st], Style: figure.LinesPoints, Color: figure.Cycle(int(st))}
		for _, r := range rows {
			s.X, s.Y, s.Err = append(s.X, r.Alpha), append(s.Y, r.Fraction[st]), append(s.Err, r.FractionErr[st])
		}
		s.Err = errorBars(s.Err)
		series = append(series, s)
	}
	// Half a step of margin, so that the end tick labels are not cut.
	pad := p.Float("alpha_step") / 2
	xr := figure.Range(alphas[0]-pad, alphas[len(alphas)-1]+pad)
	census := &figure.Panel{Title: fmt.Sprintf("Where the dynamics end from random starts (N = %d)", spec.N),
		XLabel: "load α = P/N", YLabel: "fraction of runs", Grid: true, Legend: figure.LegendTopLeft, Series: series,
		X: xr, Y: figure.Range(0, 1.02)}
	mix := figure.Series{Name: "3-mixtures found", Style: figure.Points, Color: figure.Cycle(2)}
	for _, r := range rows {
		if !math.IsNaN(r.MixtureOverlap) {
			mix.X, mix.Y, mix.Err = append(mix.X, r.Alpha), append(mix.Y, r.MixtureOverlap), append(mix.Err, r.MixtureOverlapErr)
		}
	}
	mix.Err = errorBars(mix.Err)
	var mixPanel *figure.Panel
	if len(mix.X) > 0 {
		mixPanel = &figure.Panel{Title: "Overlap of a 3-mixture with each of its patterns",
			XLabel: "load α = P/N", YLabel: "mean |m| of the three", Grid: true, Legend: figure.LegendTopRight,
			Refs: []figure.Ref{{At: 0.5}}, Series: []figure.Series{mix}, X: xr, Y: figure.Range(0.3, 0.7)}
	}
	var sum strings.Builder
	fmt.Fprintf(&sum, "Hebbian, N = %d, %d networks x %d random starts per load:\n", spec.N, spec.Trials, spec.Starts)
	numbers := map[string]float64{}
	t := Table{Name: "census", Columns: []string{"N", "P", "alpha", "runs", "pattern", "pattern_stderr", "reversed", "reversed_stderr",
		"mixture3", "mixture3_stderr", "other", "other_stderr", "mixture_overlap", "mixture_overlap_stderr", "unconverged"}}
	for _, r := range rows {
		fmt.Fprintf(&sum, "  alpha = %-5g pattern %s, reversed %s, mixture3 %s, other %s", r.Alpha,
			formatFraction(r.Fraction[capacity.Retrieved]), formatFraction(r.Fraction[capacity.Reversed]),
			formatFraction(r.Fraction[capacity.Mixture3]), formatFraction(r.Fraction[capacity.Other]))
		switch {
		case !math.IsNaN(r.MixtureOverlapErr):
			fmt.Fprintf(&sum, "; mixtures' overlap %.3f ± %.3f", r.MixtureOverlap, r.MixtureOverlapErr)
		case !math.IsNaN(r.MixtureOverlap):
			fmt.Fprintf(&sum, "; mixtures' overlap %.3f (one network)", r.MixtureOverlap)
		}
		sum.WriteString("\n")
		row := []float64{float64(r.N), float64(r.P), r.Alpha, float64(r.Runs)}
		for _, st := range capacity.States() {
			row = append(row, r.Fraction[st], r.FractionErr[st])
		}
		t.Rows = append(t.Rows, append(row, r.MixtureOverlap, r.MixtureOverlapErr, float64(r.Unconverged)))
	}
	first := rows[0]
	numbers["lowest_load_pattern_or_reverse"] = first.Fraction[capacity.Retrieved] + first.Fraction[capacity.Reversed]
	numbers["lowest_load_mixture3"] = first.Fraction[capacity.Mixture3]
	numbers["highest_load_other"] = rows[len(rows)-1].Fraction[capacity.Other]
	if !math.IsNaN(first.MixtureOverlap) {
		numbers["lowest_load_mixture_overlap"] = first.MixtureOverlap
	}
	return &Result{
		Summary: sum.String(),
		Numbers: numbers,
		Figures: []*figure.Figure{{Name: "spurious", Caption: "Census of the final states from random starts, and the overlap of the 3-mixture states with their patterns (1/2 in theory).",
			Width: 8, Height: 9, Rows: 2, Cols: 1, Panels: []*figure.Panel{census, mixPanel}}},
		Tables: []Table{t},
	}, nil
}

// temperaturePs reads P1..P4: the pattern counts of the temperature
// experiment's curves, ascending, without zeros and repeats.
func temperaturePs(p Values) ([]int, error) {
	var ps []int
	for _, name := range []string{"P1", "P2", "P3", "P4"} {
		k := p.Int(name)
		if k > p.Int("N") {
			return nil, paramErrorf(name, "parameter %s: %d patterns exceed N = %d neurons", name, k, p.Int("N"))
		}
		if k > 0 {
			ps = append(ps, k)
		}
	}
	if len(ps) == 0 {
		return nil, paramErrorf("P1", "parameters P1 to P4 are all 0: give at least one number of patterns")
	}
	slices.Sort(ps)
	return slices.Compact(ps), nil
}

func runTemperature(ctx context.Context, p Values, seed uint64) (*Result, error) {
	n := p.Int("N")
	ps, err := temperaturePs(p)
	if err != nil {
		return nil, err
	}
	temps := grid(p.Float("T_max"), p.Float("T_step"))
	spec := capacity.TemperatureSpec{N: n, Ps: ps, Temps: temps, Trials: p.Int("trials"),
		Burn: p.Int("burn"), Sweeps: p.Int("sweeps"), Seed: seed, Progress: Progress(ctx)}
	rows, err := capacity.Temperature(ctx, spec)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err() // stopped, not a bad grid
		}
		return nil, capacityError("N", err)
	}
	t := Table{Name: "temperature", Columns: []string{"N", "P", "alpha", "T", "mean_m", "stderr", "max_abs_m", "max_abs_stderr", "tanh_law"}}
	for _, r := range rows {
		// The tanh law is the alpha -> 0 limit: it holds for one pattern
		// (the Curie-Weiss model) and predicts nothing at P > 1.
		law := r.Theory
		if r.P > 1 {
			law = math.NaN()
		}
		t.Rows = append(t.Rows, []float64{float64(r.N), float64(r.P), r.Alpha, r.T, r.Mean, r.StdErr, r.MaxAbs, r.MaxAbsErr, law})
	}
	numbers := map[string]float64{}
	var sum strings.Builder
	fmt.Fprintf(&sum, "N = %d, %d runs per point, %d sweeps averaged after %d.\n", n, spec.Trials, spec.Sweeps, spec.Burn)
	if ps[0] == 1 {
		maxDev := 0.0
		for _, r := range rows {
			if r.P == 1 && r.T < 0.9 {
				maxDev = math.Max(maxDev, math.Abs(r.Mean-r.Theory))
			}
		}
		numbers["max_dev_tanh_one_pattern"] = maxDev
		fmt.Fprintf(&sum, "With one pattern the overlap follows m = tanh(m/T) to within %.3f for T < 0.9 (finite-size and sampling error).\n", maxDev)
	}
	if err := meltingSummary(ctx, &sum, numbers, n, ps, rows); err != nil {
		return nil, err
	}
	return &Result{
		Summary: sum.String(),
		Numbers: numbers,
		Figures: []*figure.Figure{temperatureFigure(n, ps, temps, rows)},
		Tables:  []Table{t},
	}, nil
}

// meltingSummary reports, for each number of patterns, the temperature at
// which the largest |m| falls below 1/2, beside the replica-symmetric
// T_M(P/N) above which no retrieval state exists.
func meltingSummary(ctx context.Context, sum *strings.Builder, numbers map[string]float64, n int, ps []int, rows []capacity.TemperatureRow) error {
	sum.WriteString("Retrieval melts (largest |m| over the patterns falls below 1/2) at:\n")
	for _, pp := range ps {
		if err := ctx.Err(); err != nil {
			return err
		}
		var ts, ms []float64
		for _, r := range rows {
			if r.P == pp {
				ts, ms = append(ts, r.T), append(ms, r.MaxAbs)
			}
		}
		alpha := float64(pp) / float64(n)
		tM := theory.RetrievalTemperature(alpha)
		numbers[fmt.Sprintf("T_M_P%d", pp)] = tM
		melt := crossing(ts, ms, 0.5)
		if math.IsNaN(melt) {
			fmt.Fprintf(sum, "  P = %d (alpha = %.4g): not within the temperatures run; RS theory T_M = %.3f\n", pp, alpha, tM)
			continue
		}
		numbers[fmt.Sprintf("melting_T_P%d", pp)] = melt
		fmt.Fprintf(sum, "  P = %d (alpha = %.4g): T = %.3f; RS theory T_M = %.3f\n", pp, alpha, melt, tM)
	}
	if ps[0] == 1 {
		// At alpha -> 0 the overlap falls continuously, so 1/2 is reached
		// below T_M: where 1/2 = tanh(1/(2T)).
		fmt.Fprintf(sum, "  (for one pattern the fall is continuous: m = 1/2 at T = %.3f by the tanh law)\n", 0.5/math.Atanh(0.5))
	}
	return nil
}

// crossing returns where ys first falls below level, interpolating
// linearly between xs, or NaN if it never does or starts below it.
func crossing(xs, ys []float64, level float64) float64 {
	for i := 1; i < len(ys); i++ {
		if ys[i-1] >= level && ys[i] < level {
			return xs[i-1] + (xs[i]-xs[i-1])*(ys[i-1]-level)/(ys[i-1]-ys[i])
		}
	}
	return math.NaN()
}

// temperatureFigure draws the overlap with the starting pattern (with the
// alpha -> 0 law) over the largest |m| over all patterns, one curve per P.
func temperatureFigure(n int, ps []int, temps []float64, rows []capacity.TemperatureRow) *figure.Figure {
	var start, best []figure.Series
	for i, pp := range ps {
		name := fmt.Sprintf("α = %.4g (P = %d)", float64(pp)/float64(n), pp)
		s := figure.Series{Name: name, Style: figure.LinesPoints, Color: figure.Cycle(i)}
		b := s
		for _, r := range rows {
			if r.P == pp {
				s.X, s.Y, s.Err = append(s.X, r.T), append(s.Y, r.Mean), append(s.Err, r.StdErr)
				b.X, b.Y, b.Err = append(b.X, r.T), append(b.Y, r.MaxAbs), append(b.Err, r.MaxAbsErr)
			}
		}
		s.Err, b.Err = errorBars(s.Err), errorBars(b.Err)
		start, best = append(start, s), append(best, b)
	}
	tMax := temps[len(temps)-1]
	fine := grid(tMax, tMax/300)
	tanh := figure.Series{Name: "m = tanh(m/T), α → 0", X: fine, Y: theory.GlauberOverlapCurve(fine), Dashed: true, Color: figure.Cycle(7)}
	yr := figure.Axis{Include: []float64{0}}
	yr.Max = &[]float64{1.02}[0]
	top := &figure.Panel{Title: fmt.Sprintf("Glauber dynamics from a stored pattern, N = %d", n),
		YLabel: "mean overlap m with it", Grid: true, Legend: figure.LegendBottomLeft,
		Refs: []figure.Ref{{At: 1, Vertical: true}}, Series: append(start, tanh), Y: yr}
	bottom := &figure.Panel{Title: "Largest overlap with any stored pattern",
		XLabel: "temperature T", YLabel: "max over μ of |m_{μ}|", Grid: true, Legend: figure.LegendBottomLeft,
		Refs: []figure.Ref{{At: 1, Vertical: true}}, Series: append(best, tanh), Y: yr}
	return &figure.Figure{Name: "temperature", Width: 8, Height: 9, ShareX: true, Panels: []*figure.Panel{top, bottom},
		Caption: "Overlap with the starting pattern (top) and largest |overlap| with any stored pattern (bottom), both averaged over time, against the temperature under Glauber dynamics, with the alpha -> 0 law m = tanh(m/T) (dashed)."}
}
