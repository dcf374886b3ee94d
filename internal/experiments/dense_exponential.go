package experiments

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/capacity"
	"github.com/hopfield-lab/hopfield/figure"
	"github.com/hopfield-lab/hopfield/patterns"
	"github.com/hopfield-lab/hopfield/theory"
)

func init() {
	Register(&Experiment{
		Name:  "dense-exponential",
		Title: "Dense memory: exponential capacity",
		Description: `With F(x) = exp(x) the energy -sum_mu F(xi^mu . s) is dominated by the pattern ` +
			`nearest the state, and a network of N neurons can hold a number of patterns exponential in ` +
			`N (Demircigil et al. 2017): 32 neurons recall tens of thousands of patterns, where the classic ` +
			`Hebbian network holds a handful. Each cue is a stored pattern with 10% of its bits flipped; the ` +
			`network runs to a fixed point, and the curves are the fraction of cues that came back to their ` +
			`pattern exactly, against the number of stored patterns on a logarithmic axis, for the dense ` +
			`memory and for the classic network of the same size. The dashed red line is Demircigil's bound ` +
			`exp(N I(1-2 rho)/2), up to which recall becomes certain as N grows (rho the fraction of flipped ` +
			`bits); a finite network does much better. Its failures end at another stored pattern that lay ` +
			`nearly as close to the cue. The energy lse is the logarithm of exp's, so it makes the same ` +
			`decisions without overflow; a larger beta (lse:2) sharpens it.`,
		Order: 21,
		Params: []Param{
			{Name: "N", Kind: Int, Default: 32, Min: 8, Max: 64, Help: "neurons"},
			{Name: "noise", Kind: Float, Default: 0.1, Min: 0, Max: 0.5, Help: "fraction rho of the bits flipped in a cue (round(rho N) bits)"},
			{Name: "P_min", Kind: Int, Default: 2, Min: 1, Max: 1 << 22, Help: "fewest stored patterns; P doubles from here"},
			{Name: "P_max", Kind: Int, Default: 65536, Min: 1, Max: 1 << 22, Help: "most stored patterns (the classic network stops at 2N)"},
			{Name: "trials", Kind: Int, Default: 10, Min: 1, Max: 10000, Help: "networks per point"},
			{Name: "probes", Kind: Int, Default: 10, Min: 1, Max: 1000, Help: "noisy cues per network"},
			{Name: "update", Kind: Choice, Default: "async", Choices: []string{"async", "permutation", "sequential", "sync"}, Help: "schedule: async draws a random neuron per update, permutation sweeps in random order, sync updates all at once"},
			{Name: "energy", Kind: Choice, Default: "lse", Choices: []string{"lse", "exp", "lse:0.5", "lse:2", "lse:4"}, Help: "interaction function: lse = log of exp's energy, :beta its inverse temperature"},
		},
		Run: runDenseExponential,
	})
}

// expCurve is one curve of dense-exponential: a learning rule and its
// outcomes by number of patterns and network.
type expCurve struct {
	name string
	cfg  hopfield.Config
	ps   []int
	out  [][]expOutcome // [point][trial]
}

// expOutcome counts what became of the cues of one network.
type expOutcome struct {
	exact, other, unconverged, updates int
}

// expSettings are the parameters every network of a run shares.
type expSettings struct {
	n, probes int
	noise     float64
	update    hopfield.Update
}

func runDenseExponential(ctx context.Context, p Values, seed uint64) (*Result, error) {
	set := expSettings{n: p.Int("N"), probes: p.Int("probes"), noise: p.Float("noise")}
	energy, err := hopfield.ParseEnergy(p.String("energy"))
	if err != nil {
		return nil, paramErrorf("energy", "parameter energy: %v", err)
	}
	if set.update, err = hopfield.ParseUpdate(p.String("update")); err != nil {
		return nil, paramErrorf("update", "parameter update: %v", err)
	}
	lo, hi := p.Int("P_min"), p.Int("P_max")
	if hi < lo {
		return nil, paramErrorf("P_max", "parameter P_max: %d is below P_min = %d", hi, lo)
	}
	flips, err := patterns.Count(set.noise, set.n)
	if err != nil {
		return nil, paramErrorf("noise", "parameter noise: %v", err)
	}
	curves := []*expCurve{
		{name: "dense memory, " + energy.String(), cfg: hopfield.Config{Rule: hopfield.DenseAM, Energy: energy}, ps: doublings(lo, hi)},
		// The classic network has lost every pattern well before 2N.
		{name: "classic Hebbian", ps: doublings(lo, min(hi, 2*set.n))},
	}
	if len(curves[1].ps) == 0 {
		curves = curves[:1]
	}
	if err := expMeasure(ctx, curves, set, p.Int("trials"), seed); err != nil {
		return nil, err
	}
	return expResult(curves, set, flips, p.Int("trials")), nil
}

// doublings returns lo, 2 lo, 4 lo, ... up to hi.
func doublings(lo, hi int) []int {
	var out []int
	for v := lo; v <= hi; v *= 2 {
		out = append(out, v)
	}
	return out
}

// denseJob is one unit of work of a sweep: one network, its setup drawn
// from its own seed, so results do not depend on which goroutine runs it.
type denseJob struct {
	curve, point, trial int
	seed                uint64
}

// denseRandomPatterns draws p unbiased random patterns of n neurons.
func denseRandomPatterns(rng *rand.Rand, p, n int) [][]int8 {
	out := make([][]int8, p)
	for mu := range out {
		x, _ := patterns.Random(rng, 1, n, 0.5) // cannot fail: n >= 1, bias 0.5
		out[mu] = x.Data
	}
	return out
}

// denseParallel calls do(0), ..., do(jobs-1) on up to GOMAXPROCS goroutines.
// It stops handing out jobs at the first error or when ctx is cancelled,
// returning that error, and reports each finished job to the progress
// callback of ctx. Jobs write only their own results, so the outcome does
// not depend on the schedule.
func denseParallel(ctx context.Context, jobs int, do func(j int) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	progress := Progress(ctx)
	var (
		mu         sync.Mutex
		next, done int
		wg         sync.WaitGroup
	)
	take := func() int {
		mu.Lock()
		defer mu.Unlock()
		if ctx.Err() != nil || next == jobs {
			return -1
		}
		next++
		return next - 1
	}
	finish := func() {
		mu.Lock()
		defer mu.Unlock()
		done++
		if progress != nil {
			progress(done, jobs)
		}
	}
	for range min(runtime.GOMAXPROCS(0), jobs) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := take(); j >= 0; j = take() {
				if err := do(j); err != nil {
					cancel(err)
					return
				}
				finish()
			}
		}()
	}
	wg.Wait()
	return context.Cause(ctx)
}

// expMeasure runs trials networks per point of every curve, each from its
// own seed drawn here in a fixed order.
func expMeasure(ctx context.Context, curves []*expCurve, set expSettings, trials int, seed uint64) error {
	rng := seeded(seed)
	var jobs []denseJob
	for ci, c := range curves {
		c.out = make([][]expOutcome, len(c.ps))
		for k := range c.ps {
			c.out[k] = make([]expOutcome, trials)
			for t := range trials {
				jobs = append(jobs, denseJob{ci, k, t, rng.Uint64()})
			}
		}
	}
	return denseParallel(ctx, len(jobs), func(j int) error {
		job := jobs[j]
		c := curves[job.curve]
		o, err := expRecall(c.cfg, c.ps[job.point], set, job.seed)
		c.out[job.point][job.trial] = o
		return err
	})
}

// expRecall stores pp random patterns and recalls probes of them, in turn,
// from noisy cues, running the dynamics to a fixed point. The setup and
// the dynamics draw from separate streams.
func expRecall(cfg hopfield.Config, pp int, set expSettings, seed uint64) (expOutcome, error) {
	rng := seeded(seed)
	dyn := dynamicsSource(rng)
	stored := denseRandomPatterns(rng, pp, set.n)
	net, err := hopfield.Learn(cfg, stored...)
	if err != nil {
		return expOutcome{}, err
	}
	var o expOutcome
	for q := range set.probes {
		mu := q % pp
		cue, err := patterns.FlipExact(nil, stored[mu], set.noise, rng)
		if err != nil {
			return expOutcome{}, err
		}
		r, err := net.Run(cue, hopfield.RunOptions{Update: set.update, Source: dyn})
		if err != nil {
			return expOutcome{}, err
		}
		o.updates += r.Updates
		switch m := net.Match(r.State); {
		case r.End != hopfield.FixedPoint:
			o.unconverged++
		case m.Exact && m.Pattern == mu:
			o.exact++
		case m.Exact:
			o.other++
		}
	}
	return o, nil
}

// expPoint sums the outcomes of one P over its networks.
type expPoint struct {
	p, cues                            int
	frac, stderr                       float64
	exact, other, unconverged, updates int
}

func (c *expCurve) points(probes int) []expPoint {
	var pts []expPoint
	for k, row := range c.out {
		pt := expPoint{p: c.ps[k], cues: probes * len(row)}
		// Each cue is a sample, 1 if it came back exactly, grouped by
		// network as package capacity groups its probes.
		samples := make([][]int64, len(row))
		for t, o := range row {
			samples[t] = make([]int64, probes)
			for q := range o.exact {
				samples[t][q] = 1
			}
			pt.exact, pt.other = pt.exact+o.exact, pt.other+o.other
			pt.unconverged, pt.updates = pt.unconverged+o.unconverged, pt.updates+o.updates
		}
		st := capacity.Summarize(samples, 1)
		pt.frac, pt.stderr = st.Mean, st.StdErr
		pts = append(pts, pt)
	}
	return pts
}

func expResult(curves []*expCurve, set expSettings, flips, trials int) *Result {
	n := set.n
	bound, noiseless := theory.DemircigilCapacity(n, set.noise), theory.DemircigilCapacity(n, 0)
	numbers := map[string]float64{"demircigil_bound_P": bound, "noiseless_bound_P": noiseless, "flipped": float64(flips)}
	table := Table{Name: "recall", Columns: []string{"curve", "N", "P", "cues", "recalled", "stderr", "other_pattern", "unconverged", "mean_updates"}}
	var sum strings.Builder
	fmt.Fprintf(&sum, "N = %d, cues with %d of %d bits flipped (rho = %g), %v dynamics to a fixed point; %s x %d cues per point.\n",
		n, flips, n, set.noise, set.update, networks(trials), set.probes)
	fmt.Fprintf(&sum, "Demircigil's bound exp(N I(1-2 rho)/2) = %.0f patterns (rho = 0: 2^(N/2) = %.0f).\n", bound, noiseless)
	unconverged := 0
	for ci, c := range curves {
		fmt.Fprintf(&sum, "%s:\n", c.name)
		pts := c.points(set.probes)
		xs, ys := make([]float64, len(pts)), make([]float64, len(pts))
		for k, pt := range pts {
			xs[k], ys[k] = float64(pt.p), pt.frac
			fmt.Fprintf(&sum, "  P = %6d: recalled %.3f", pt.p, pt.frac)
			if !math.IsNaN(pt.stderr) {
				fmt.Fprintf(&sum, " ± %.3f", pt.stderr)
			}
			fmt.Fprintf(&sum, " of %d cues", pt.cues)
			if pt.other > 0 {
				fmt.Fprintf(&sum, "; %d ended at another stored pattern", pt.other)
			}
			sum.WriteString(".\n")
			unconverged += pt.unconverged
			table.Rows = append(table.Rows, []float64{float64(ci), float64(n), float64(pt.p), float64(pt.cues), pt.frac, zeroNaN(pt.stderr),
				float64(pt.other), float64(pt.unconverged), float64(pt.updates) / float64(pt.cues)})
		}
		key := []string{"dense", "classic"}[ci]
		for k, pt := range pts {
			numbers[fmt.Sprintf("%s_recalled_P%d", key, pt.p)] = ys[k]
		}
		if half := denseCrossing(xs, ys, 0.5); !math.IsNaN(half) {
			numbers[key+"_half_P"] = half
			fmt.Fprintf(&sum, "  Half of the cues are recalled at P = %.0f = %.3g N", half, half/float64(n))
			if ci == 0 {
				fmt.Fprintf(&sum, ", %.3g times the bound", half/bound)
			}
			sum.WriteString(".\n")
		}
	}
	if unconverged > 0 {
		fmt.Fprintf(&sum, "%d runs ended at the step limit (%d steps or sweeps) or a 2-cycle.\n", unconverged, hopfield.DefaultMaxSteps)
	}
	return &Result{
		Summary: sum.String(),
		Numbers: numbers,
		Figures: []*figure.Figure{expFigure(curves, set, bound)},
		Tables:  []Table{table},
	}
}

func expFigure(curves []*expCurve, set expSettings, bound float64) *figure.Figure {
	lo, hi := math.Inf(1), math.Inf(-1)
	var series []figure.Series
	for ci, c := range curves {
		var xs, ys, es []float64
		for _, pt := range c.points(set.probes) {
			xs, ys, es = append(xs, float64(pt.p)), append(ys, pt.frac), append(es, pt.stderr)
		}
		if len(xs) == 0 {
			continue
		}
		lo, hi = math.Min(lo, xs[0]/1.5), math.Max(hi, xs[len(xs)-1]*1.5)
		series = append(series, figure.Series{Name: c.name, X: log10s(xs), Y: ys, Err: errorBars(es), Style: figure.LinesPoints, Color: figure.Cycle(ci)})
	}
	// The bound as a vertical line with a name in the legend, when it
	// falls inside the range of P.
	if bound >= lo && bound <= hi {
		x := math.Log10(bound)
		series = append(series, figure.Series{Name: fmt.Sprintf("Demircigil bound, ρ = %g: P = %.0f", set.noise, bound),
			X: []float64{x, x}, Y: []float64{0, 1}, Dashed: true, Color: "red"})
	}
	pl := &figure.Panel{
		Title:  fmt.Sprintf("N = %d neurons: recall from %.0f%% flipped bits", set.n, 100*set.noise),
		XLabel: "stored patterns P (log scale)", YLabel: "fraction of cues recalled exactly",
		X: denseLogAxis(lo, hi), Y: figure.Range(-0.03, 1.03), Grid: true, Legend: figure.LegendBottomRight, Series: series,
	}
	return &figure.Figure{
		Name: "dense-exponential",
		Caption: "Fraction of noisy cues recalled exactly by a dense associative memory with an exponential energy and by the " +
			"classic Hebbian network of the same size, against the number of stored patterns, with Demircigil's asymptotic bound.",
		Width: 8, Height: 5, Panels: []*figure.Panel{pl},
	}
}
