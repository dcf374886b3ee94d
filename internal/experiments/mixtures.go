package experiments

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/capacity"
	"github.com/hopfield-lab/hopfield/figure"
	"github.com/hopfield-lab/hopfield/theory"
)

// The symmetric mixture of three patterns, sgn(xi1 + xi2 + xi3): its
// overlaps against the temperature at a small load and against the load at
// T = 0, with the alpha = 0 theory (theory package, section 10).

func init() {
	Register(&Experiment{
		Name:  "mixtures",
		Title: "Mixture states: the symmetric mixture of three patterns",
		Description: `Start the network in sgn(xi1 + xi2 + xi3), which agrees with each of the ` +
			`three patterns on 3/4 of the bits: overlap 1/2 with each. At T = 0 and small load it is ` +
			`a fixed point, a spurious memory. Under Glauber dynamics the three overlaps follow the ` +
			`theory's m_3(T) up to T_3 = 0.46; above it the mixture is unstable and the network ` +
			`falls into one of the three patterns (one overlap rises to the pure state's, the others ` +
			`vanish), until everything melts at T = 1. The second panel keeps T = 0 and raises the ` +
			`load: the crosstalk of the other patterns destroys the mixture.`,
		Order: 16,
		Params: []Param{
			{Name: "N", Kind: Int, Default: 1000, Min: 100, Max: 100000, Help: "neurons"},
			{Name: "P", Kind: Int, Default: 3, Min: 3, Max: 10000, Help: "patterns stored for the temperature scan (the mixture is of the first three)"},
			{Name: "trials", Kind: Int, Default: 8, Min: 1, Max: 10000, Help: "networks per point"},
			{Name: "T_max", Kind: Float, Default: 1.1, Min: 0.05, Max: 5, Help: "largest temperature"},
			{Name: "T_step", Kind: Float, Default: 0.05, Min: 0.01, Max: 1, Help: "step of the temperature"},
			{Name: "burn", Kind: Int, Default: 100, Min: 1, Max: 100000, Help: "sweeps discarded before measuring"},
			{Name: "sweeps", Kind: Int, Default: 100, Min: 1, Max: 100000, Help: "sweeps averaged"},
			{Name: "alpha_max", Kind: Float, Default: 0.1, Min: 0.001, Max: 1, Help: "largest load of the T = 0 scan"},
			{Name: "alpha_step", Kind: Float, Default: 0.005, Min: 0.001, Max: 1, Help: "step of the load of the T = 0 scan"},
		},
		Run: runMixtures,
	})
}

// mixtureJob is one run from the mixture: a network of p patterns at
// temperature T, its patterns and dynamics drawn from its own seeds (the
// network's shared by the temperatures of one trial).
type mixtureJob struct {
	p          int
	T          float64
	net, dyn   uint64
	burn, keep int // sweeps discarded and averaged (T > 0)
}

// mixtureOut is what a run measured: its overlaps with the three patterns
// of the mixture, largest first (averaged over the kept sweeps), and where
// it ended (capacity.Classify of its final overlaps with every pattern).
type mixtureOut struct {
	m     [3]float64
	state capacity.State
}

// runMixtureJob stores j.p random patterns of n neurons and runs Glauber
// dynamics from sgn(xi1 + xi2 + xi3) (never 0: a sum of three +-1).
func runMixtureJob(ctx context.Context, n int, j mixtureJob) (mixtureOut, error) {
	stored := denseRandomPatterns(seeded(j.net), j.p, n)
	net, err := hopfield.Learn(hopfield.Config{Rule: hopfield.Hebbian}, stored...)
	if err != nil {
		return mixtureOut{}, err
	}
	mix := make([]int8, n)
	for i := range mix {
		if int(stored[0][i])+int(stored[1][i])+int(stored[2][i]) > 0 {
			mix[i] = 1
		} else {
			mix[i] = -1
		}
	}
	var sums [3]float64
	var last []float64
	kept := 0
	res, err := net.Run(mix, hopfield.RunOptions{
		Update: hopfield.Glauber, Temperature: j.T, MaxSteps: j.burn + j.keep, Source: hopfield.NewSource(j.dyn),
		Observe: func(e *hopfield.Event) error {
			last = e.Overlaps(last)
			if e.Step > j.burn {
				for mu := range sums {
					sums[mu] += last[mu]
				}
				kept++
			}
			return ctx.Err()
		},
	})
	if err != nil {
		return mixtureOut{}, err
	}
	if res.End == hopfield.FixedPoint {
		// A fixed point holds for the sweeps that were not run.
		for mu := range sums {
			sums[mu] += float64(j.keep-kept) * last[mu]
		}
	}
	var out mixtureOut
	for mu, s := range sums {
		out.m[mu] = s / float64(j.keep)
	}
	slices.Sort(out.m[:])
	slices.Reverse(out.m[:])
	out.state = capacity.Classify(last)
	return out, nil
}

// mixtureScan is the measurement at the points of one scan: per point, the
// outcome of each trial.
type mixtureScan struct {
	xs   []float64      // temperatures or loads
	outs [][]mixtureOut // [point][trial]
}

// mean returns, at point k, the trials' mean and standard error of the
// r-th largest overlap.
func (s *mixtureScan) mean(k, r int) (m, err float64) {
	xs := make([]float64, len(s.outs[k]))
	for t, o := range s.outs[k] {
		xs[t] = o.m[r]
	}
	return meanAndErr(xs)
}

// fraction returns the fraction of the trials at point k that ended in a
// symmetric 3-mixture.
func (s *mixtureScan) fraction(k int) float64 {
	c := 0
	for _, o := range s.outs[k] {
		if o.state == capacity.Mixture3 {
			c++
		}
	}
	return float64(c) / float64(len(s.outs[k]))
}

// meanAndErr is the mean of xs and its standard error (NaN for one
// value: not measured).
func meanAndErr(xs []float64) (m, err float64) {
	for _, x := range xs {
		m += x
	}
	m /= float64(len(xs))
	if len(xs) < 2 {
		return m, math.NaN()
	}
	var ss float64
	for _, x := range xs {
		ss += (x - m) * (x - m)
	}
	return m, math.Sqrt(ss / float64(len(xs)-1) / float64(len(xs)))
}

// zeroTSweeps bounds the zero-temperature runs, which end at a fixed point
// within a few tens of sweeps; only the final state is measured.
const zeroTSweeps = 500

// mixtureGrid reads the points of the two scans: the temperatures 0,
// T_step, ..., T_max, and the pattern counts of the T = 0 scan: 3 (the
// mixture alone, alpha -> 0), then round(alpha N) for alpha = step,
// 2 step, ..., alpha_max, each once.
func mixtureGrid(p Values) (temps []float64, loads []int, err error) {
	n := p.Int("N")
	switch {
	case p.Int("P") > n:
		return nil, nil, paramErrorf("P", "parameter P: %d patterns exceed N = %d neurons", p.Int("P"), n)
	case p.Float("T_max")/p.Float("T_step") > maxPhaseCells:
		return nil, nil, paramErrorf("T_step", "parameter T_step: %v makes more than %d temperatures", p.Float("T_step"), maxPhaseCells)
	case p.Float("alpha_max")/p.Float("alpha_step") > maxPhaseCells:
		return nil, nil, paramErrorf("alpha_step", "parameter alpha_step: %v makes more than %d loads", p.Float("alpha_step"), maxPhaseCells)
	}
	loads = []int{3}
	for _, a := range grid(p.Float("alpha_max"), p.Float("alpha_step"))[1:] {
		if k := int(math.Round(a * float64(n))); k > loads[len(loads)-1] {
			loads = append(loads, k)
		}
	}
	if loads[len(loads)-1] > n {
		return nil, nil, paramErrorf("alpha_max", "parameter alpha_max: %v stores more patterns than N = %d neurons", p.Float("alpha_max"), n)
	}
	return grid(p.Float("T_max"), p.Float("T_step")), loads, nil
}

func runMixtures(ctx context.Context, p Values, seed uint64) (*Result, error) {
	n, trials := p.Int("N"), p.Int("trials")
	temps, loadPs, err := mixtureGrid(p)
	if err != nil {
		return nil, err
	}
	rng := seeded(seed)
	var jobs []mixtureJob
	for range trials {
		net := rng.Uint64() // one network per trial for every temperature
		for _, T := range temps {
			jobs = append(jobs, mixtureJob{p: p.Int("P"), T: T, net: net, dyn: rng.Uint64(), burn: p.Int("burn"), keep: p.Int("sweeps")})
		}
	}
	for _, pp := range loadPs {
		for range trials {
			jobs = append(jobs, mixtureJob{p: pp, net: rng.Uint64(), dyn: rng.Uint64(), burn: zeroTSweeps - 1, keep: 1})
		}
	}
	outs := make([]mixtureOut, len(jobs))
	err = denseParallel(ctx, len(jobs), func(k int) error {
		var err error
		outs[k], err = runMixtureJob(ctx, n, jobs[k])
		return err
	})
	if err != nil {
		return nil, err
	}
	// Jobs run trial by trial for the temperatures, load by load after.
	byT := mixtureScan{xs: temps, outs: make([][]mixtureOut, len(temps))}
	for k := range trials * len(temps) {
		i := k % len(temps)
		byT.outs[i] = append(byT.outs[i], outs[k])
	}
	byLoad := mixtureScan{outs: make([][]mixtureOut, len(loadPs))}
	for i, pp := range loadPs {
		byLoad.xs = append(byLoad.xs, float64(pp)/float64(n))
		byLoad.outs[i] = outs[trials*len(temps)+i*trials : trials*len(temps)+(i+1)*trials]
	}
	res := &Result{Numbers: map[string]float64{}}
	res.Summary = mixtureSummary(n, p.Int("P"), trials, &byT, &byLoad, res.Numbers)
	res.Figures = []*figure.Figure{mixtureFigure(n, p.Int("P"), &byT, &byLoad)}
	res.Tables = []Table{mixtureTable("mixture-temperature", "T", &byT), mixtureTable("mixture-load", "alpha", &byLoad)}
	return res, nil
}

// mixtureTable lists a scan: the overlaps with the mixture's three
// patterns, largest first, with standard errors, and the fraction of runs
// ending in a symmetric 3-mixture.
func mixtureTable(name, x string, s *mixtureScan) Table {
	t := Table{Name: name, Columns: []string{x, "m_largest", "err_largest", "m_middle", "err_middle", "m_smallest", "err_smallest", "fraction_mixture3"}}
	for k, v := range s.xs {
		row := []float64{v}
		for r := range 3 {
			m, e := s.mean(k, r)
			row = append(row, m, e)
		}
		t.Rows = append(t.Rows, append(row, s.fraction(k)))
	}
	return t
}

// mixtureSplit is the gap between the largest and the smallest of the
// three overlaps beyond which the mixture counts as broken. At a symmetric
// mixture each overlap is 1/2 give or take sqrt(3/(4N)) (0.03 at
// N = 1000: the three typically span 0.07); at a pure state the gap is
// m_1(T), 0.5 or more below T = 0.9.
const mixtureSplit = 0.3

// meanOverlap is the mean of the three overlaps at point k.
func (s *mixtureScan) meanOverlap(k int) float64 {
	var sum float64
	for r := range 3 {
		m, _ := s.mean(k, r)
		sum += m
	}
	return sum / 3
}

// splitT is the first temperature at which the mixture has broken, or NaN.
func (s *mixtureScan) splitT() float64 {
	for k, T := range s.xs {
		hi, _ := s.mean(k, 0)
		lo, _ := s.mean(k, 2)
		if hi-lo > mixtureSplit {
			return T
		}
	}
	return math.NaN()
}

// theoryDevs compares the temperature scan with the theory: below split
// the mean of the three overlaps with m_3(T); past it, where the runs have
// settled in one pattern (the other two overlaps below 0.1) and clear of
// its melting at T = 1, the largest with the pure state's m_1(T).
func (s *mixtureScan) theoryDevs(split float64) (devMix, devPure float64) {
	for k, T := range s.xs {
		hi, _ := s.mean(k, 0)
		mid, _ := s.mean(k, 1)
		switch {
		case !(T >= split): // NaN: never split
			devMix = math.Max(devMix, math.Abs(s.meanOverlap(k)-theory.MixtureOverlap(3, T)))
		case mid < 0.1 && T < 0.9:
			devPure = math.Max(devPure, math.Abs(hi-theory.GlauberOverlap(T)))
		}
	}
	return devMix, devPure
}

// mixtureSummary compares the scans with the alpha = 0 theory and fills
// numbers.
func mixtureSummary(n, p, trials int, byT, byLoad *mixtureScan, numbers map[string]float64) string {
	var sum strings.Builder
	fmt.Fprintf(&sum, "N = %d, %s per point. Temperature scan with P = %d (alpha = %.3g); theory at alpha = 0: m_3(0) = 1/2, T_3 = %.3f.\n",
		n, networks(trials), p, float64(p)/float64(n), theory.MixtureStabilityTemperature(3))
	split := byT.splitT()
	devMix, devPure := byT.theoryDevs(split)
	numbers["T0_mean_overlap"], numbers["max_dev_m3_while_mixed"] = byT.meanOverlap(0), devMix
	fmt.Fprintf(&sum, "At T = %g the mean overlap is %.3f; while the mixture holds, the mean of the three follows m_3(T) within %.3f.\n",
		byT.xs[0], byT.meanOverlap(0), devMix)
	if math.IsNaN(split) {
		sum.WriteString("The mixture never splits within the temperatures run.\n")
	} else {
		numbers["split_T"], numbers["max_dev_pure_after_split"] = split, devPure
		fmt.Fprintf(&sum, "It splits (largest minus smallest overlap above %.1f) from T = %g, below T_3: a finite network escapes over a "+
			"free-energy barrier of N times a height that vanishes at T_3 (the split moves up with N). Where the other two overlaps have "+
			"fallen below 0.1, up to T = 0.9, the largest follows the pure state's m_1(T) within %.3f.\n", mixtureSplit, split, devPure)
	}
	fmt.Fprintf(&sum, "At T = 0, from the mixture: symmetric 3-mixture at the end in %.0f%% of the runs at alpha = %.3g",
		100*byLoad.fraction(0), byLoad.xs[0])
	numbers["T0_mixture_fraction_lowest_load"] = byLoad.fraction(0)
	for k, a := range byLoad.xs {
		if byLoad.fraction(k) < 0.5 {
			numbers["T0_first_load_mixture_below_half"] = a
			fmt.Fprintf(&sum, ", in fewer than half from alpha = %.3g", a)
			break
		}
	}
	sum.WriteString(".\n")
	return sum.String()
}

// mixtureFigure draws the temperature scan with the theory beside the
// zero-temperature scan against the load.
func mixtureFigure(n, p int, byT, byLoad *mixtureScan) *figure.Figure {
	t3 := theory.MixtureStabilityTemperature(3)
	tMax := byT.xs[len(byT.xs)-1]
	// The curves leave no corner free for six entries: the legend goes
	// under the panel, and the overlap's range is the data's.
	byTPanel := &figure.Panel{Title: fmt.Sprintf("From sgn(ξ¹+ξ²+ξ³) under Glauber dynamics, N = %d, P = %d", n, p),
		XLabel: "temperature T", YLabel: "overlap (time average)", Grid: true, Legend: figure.LegendBelow,
		Series: append(byT.series(), mixtureTheory(tMax)...), Y: figure.Axis{Include: []float64{0, 1}}}
	if t3 < tMax {
		byTPanel.Refs = []figure.Ref{{At: t3, Vertical: true, Style: figure.RefDottedRed}}
	}
	frac := figure.Series{Name: "fraction still a 3-mixture", Style: figure.LinesPoints, Color: figure.Cycle(3), Dashed: true}
	for k, a := range byLoad.xs {
		frac.X, frac.Y = append(frac.X, a), append(frac.Y, byLoad.fraction(k))
	}
	byLoadPanel := &figure.Panel{Title: fmt.Sprintf("At T = 0 against the load, N = %d", n), XLabel: "load α = P/N", YLabel: "final overlap, fraction of runs",
		Grid: true, Series: append(byLoad.series(), frac), Refs: []figure.Ref{{At: 0.5, Style: figure.RefGray, Label: "mixture: 1/2"}},
		Y: figure.Axis{Include: []float64{0, 1}}}
	return &figure.Figure{Name: "mixtures", Width: 8, Height: 10, Rows: 2, Panels: []*figure.Panel{byTPanel, byLoadPanel},
		Caption: "Overlaps with the three patterns of the mixture sgn(xi1+xi2+xi3), largest first: against the temperature with the alpha = 0 theory (m_3 solid where stable, dashed beyond T_3 (dotted); the pure state's m_1 gray), and at T = 0 against the load, with the fraction of runs still ending in a symmetric 3-mixture."}
}

// series returns the scan's three overlaps, largest first, with their
// standard errors.
func (s *mixtureScan) series() []figure.Series {
	var out []figure.Series
	for r, name := range []string{"largest", "middle", "smallest"} {
		ser := figure.Series{Name: name + " overlap", Style: figure.LinesPoints, Color: figure.Cycle(r)}
		for k, x := range s.xs {
			m, e := s.mean(k, r)
			ser.X, ser.Y, ser.Err = append(ser.X, x), append(ser.Y, m), append(ser.Err, e)
		}
		ser.Err = errorBars(ser.Err)
		out = append(out, ser)
	}
	return out
}

// mixtureTheory returns the alpha = 0 curves up to tMax: the mixture's
// m_3(T), solid where it is stable and dashed beyond T_3, and the pure
// state's m_1(T).
func mixtureTheory(tMax float64) []figure.Series {
	t3 := theory.MixtureStabilityTemperature(3)
	stable := figure.Series{Name: fmt.Sprintf("m_{3}(T), stable below T_{3} = %.2f (dotted)", t3), Color: "black"}
	unstable := figure.Series{Name: "m_{3}(T), unstable", Color: "black", Dashed: true}
	// Both curves hold T_3, where m_3 is continuous.
	ts := grid(math.Min(1, tMax), math.Min(1, tMax)/200)
	if t3 < ts[len(ts)-1] {
		ts = append(ts, t3)
		slices.Sort(ts)
	}
	for _, T := range ts {
		m := theory.MixtureOverlap(3, T)
		if T <= t3 {
			stable.X, stable.Y = append(stable.X, T), append(stable.Y, m)
		}
		if T >= t3 {
			unstable.X, unstable.Y = append(unstable.X, T), append(unstable.Y, m)
		}
	}
	fine := grid(tMax, tMax/300)
	pure := figure.Series{Name: "m_{1}(T): one pattern", X: fine, Y: theory.GlauberOverlapCurve(fine), Color: "gray", Dashed: true}
	if len(unstable.X) < 2 { // T_max below T_3: nothing unstable to draw
		return []figure.Series{stable, pure}
	}
	return []figure.Series{stable, unstable, pure}
}
