package experiments

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/capacity"
	"github.com/hopfield-lab/hopfield/figure"
	"github.com/hopfield-lab/hopfield/theory"
)

// The dense associative memory experiments (dense-capacity here,
// dense-exponential and dense-letters in their files): a network whose
// energy is E = -sum_mu F(xi^mu . s) (Krotov and Hopfield 2016; Demircigil
// et al. 2017) holds far more patterns than the classic Hebbian 0.14 N.

func init() {
	Register(&Experiment{
		Name:  "dense-capacity",
		Title: "Dense memory: capacity grows as N^(n-1)",
		Description: `A dense associative memory replaces the Hopfield energy -1/2 sum_mu (xi^mu . s)^2 ` +
			`by -sum_mu F(xi^mu . s) with F(x) = x^n. The steeper F, the more a pattern's own overlap ` +
			`N outweighs the small overlaps of all the others, and the more patterns fit: Krotov and ` +
			`Hopfield (2016) showed that the capacity grows as N^(n-1). n = 2 is the classic network ` +
			`(about 0.14 N patterns). Here P random patterns are stored and a few of them are checked: ` +
			`is the pattern a fixed point, every neuron's field having the pattern's sign? The curves ` +
			`are the fraction of patterns that pass, against P on a logarithmic axis, for n = 2, 3 and 4; ` +
			`each step in n moves the curve about N/(2n-1) times further right. The dashed curves are the ` +
			`Gaussian one-step theory (each bit fails with probability Phi(-1/sqrt((2n-3)!! (P-1)/N^(n-1)))), ` +
			`the gray lines the error-free capacity N^(n-1)/(2 (2n-3)!! ln N). The second panel repeats ` +
			`n = 3 at N/2, N and 2N against P divided by that capacity: the curves fall on each other.`,
		Order: 20,
		Params: []Param{
			{Name: "N", Kind: Int, Default: 100, Min: 20, Max: 1000, Help: "neurons (the scaling panel adds N/2 and 2N)"},
			{Name: "n_max", Kind: Int, Default: 4, Min: 2, Max: 5, Help: "largest power n of F(x) = x^n: curves for n = 2 .. n_max"},
			{Name: "trials", Kind: Int, Default: 10, Min: 1, Max: 10000, Help: "networks per point"},
			{Name: "probes", Kind: Int, Default: 10, Min: 1, Max: 1000, Help: "stored patterns checked per network"},
			{Name: "P_max", Kind: Int, Default: 30000, Min: 10, Max: 200000, Help: "most patterns stored; points above it are left out"},
		},
		Run: runDenseCapacity,
	})
}

// denseCapacityScaleN is the power whose capacity the scaling panel draws
// at N/2, N and 2N: the first beyond the classic network.
const denseCapacityScaleN = 3

// denseCurve is one curve of dense-capacity: the fraction of stored
// patterns that are fixed points against P, for F(x) = x^n and N neurons,
// as package capacity measures it.
type denseCurve struct {
	n, N int
	ps   []int
	rows []capacity.Row // [point]: the Fixed row of each P, by ascending P
}

// cell is the capacity cell of the curve at P stored patterns.
func (c *denseCurve) cell(pp int) capacity.Cell {
	return capacity.Cell{Rule: hopfield.DenseAM, Energy: hopfield.Energy{Kind: hopfield.Poly, Power: c.n}, N: c.N, P: pp}
}

// theory is capacity's one-step theory of the fraction of fixed points at
// P stored patterns (see capacity.Theory; a zero field is a failure, so
// the tie rule does not enter).
func (c *denseCurve) theory(pp int) float64 {
	return capacity.Theory(c.cell(pp), capacity.Fixed, hopfield.TieKeep)
}

// kErrorFree is the Krotov-Hopfield error-free capacity of the curve.
func (c *denseCurve) kErrorFree() float64 { return theory.DenseErrorFreeCapacity(c.N, c.n) }

func runDenseCapacity(ctx context.Context, p Values, seed uint64) (*Result, error) {
	n, nMax, pMax := p.Int("N"), p.Int("n_max"), p.Int("P_max")
	var curves []*denseCurve
	truncated := false
	add := func(power, neurons int) {
		ps, cut := denseLoads(theory.DenseErrorFreeCapacity(neurons, power), pMax)
		truncated = truncated || cut
		if len(ps) > 0 {
			curves = append(curves, &denseCurve{n: power, N: neurons, ps: ps})
		}
	}
	for power := 2; power <= nMax; power++ {
		add(power, n)
	}
	// The scaling panel: N/2 and 2N next to the main panel's N.
	add(denseCapacityScaleN, n/2)
	if nMax < denseCapacityScaleN {
		add(denseCapacityScaleN, n)
	}
	add(denseCapacityScaleN, 2*n)
	if len(curves) == 0 || curves[0].N != n {
		return nil, paramErrorf("P_max", "parameter P_max: %d leaves no point to simulate at N = %d", pMax, n)
	}
	if err := denseMeasureCurves(ctx, curves, p.Int("trials"), p.Int("probes"), seed); err != nil {
		return nil, err
	}
	res := denseCapacityResult(curves, n, p.Int("trials"), p.Int("probes"))
	if truncated {
		res.Summary += fmt.Sprintf("Points above P_max = %d were left out.\n", pMax)
	}
	return res, nil
}

// denseLoads returns the numbers of patterns of a curve: the round numbers
// 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten between K/4 and
// 2.5 K, K the error-free capacity, where the fraction of fixed points
// falls from 1 to about 0.1 (the half point is near 1.5 K). Loads above
// pMax are left out, and cut says so.
func denseLoads(k float64, pMax int) (ps []int, cut bool) {
	for dec := 1.0; dec <= 2.5*k; dec *= 10 {
		for _, m := range []float64{1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8} {
			v := int(math.Round(m * dec))
			switch {
			case float64(v) < k/4 || float64(v) > 2.5*k || len(ps) > 0 && v <= ps[len(ps)-1]:
			case v > pMax:
				cut = true
			default:
				ps = append(ps, v)
			}
		}
	}
	return ps, cut
}

// denseMeasureCurves fills the curves' rows with one capacity sweep per
// curve: trials networks of P random patterns per point, of which probes
// (at most P) are checked. A pattern is a fixed point if every field has
// its sign; a zero field is a failure, whatever the tie rule. Each sweep
// has its own seed, drawn here in a fixed order; the progress reported is
// the probes done over all the sweeps.
func denseMeasureCurves(ctx context.Context, curves []*denseCurve, trials, probes int, seed uint64) error {
	rng := seeded(seed)
	specs := make([]capacity.Spec, len(curves))
	work := make([]int, len(curves)) // probes of each sweep, as capacity.Run counts them
	total := 0
	for i, c := range curves {
		specs[i] = capacity.Spec{Rules: []hopfield.Rule{hopfield.DenseAM}, Energy: c.cell(0).Energy, Ns: []int{c.N}, Ps: c.ps,
			Measures: []capacity.Measure{capacity.Fixed}, Trials: trials, Probes: probes, Seed: rng.Uint64()}
		for _, pp := range c.ps {
			work[i] += trials * min(probes, pp)
		}
		total += work[i]
	}
	progress, done := Progress(ctx), 0
	for i, c := range curves {
		if progress != nil {
			base := done
			specs[i].Progress = func(d, _ int) { progress(base+d, total) }
		}
		t, err := capacity.Run(ctx, specs[i])
		if err != nil {
			return capacityError("P_max", err)
		}
		c.rows = t.Rows
		done += work[i]
	}
	return nil
}

// denseTheoryHalf is the P at which the one-step theory of the fraction of
// fixed points (1 - p)^N is 1/2: the bit error p = 1 - 2^(-1/N), reached
// at the reduced load DenseCapacityAlpha.
func denseTheoryHalf(n, power int) float64 {
	pErr := -math.Expm1(-math.Ln2 / float64(n))
	return theory.DenseCapacityAlpha(power, pErr)*math.Pow(float64(n), float64(power-1)) + 1
}

// denseCrossing returns the x at which ys falls through level, interpolated
// linearly in log x, or NaN if it never does.
func denseCrossing(xs, ys []float64, level float64) float64 {
	for k := 1; k < len(xs); k++ {
		if ys[k-1] >= level && ys[k] < level {
			t := (ys[k-1] - level) / (ys[k-1] - ys[k])
			return math.Exp(math.Log(xs[k-1]) + t*(math.Log(xs[k])-math.Log(xs[k-1])))
		}
	}
	return math.NaN()
}

// denseLogAxis returns an x axis for values already mapped by log10 over
// [lo, hi]: labelled ticks at the powers of ten (and at 2, 3 and 5 times
// them when the range spans less than two decades), unlabelled ones at the
// other integer multiples, as a logarithmic axis draws them.
func denseLogAxis(lo, hi float64) figure.Axis {
	few := math.Log10(hi/lo) < 2
	var ticks []figure.Tick
	for d := math.Floor(math.Log10(lo)); d <= math.Ceil(math.Log10(hi)); d++ {
		for m := 1; m <= 9; m++ {
			// m / 10^-d is the float nearest to 0.3, m * 10^d is not.
			v := float64(m) * math.Pow(10, d)
			if d < 0 {
				v = float64(m) / math.Pow(10, -d)
			}
			if v < lo*0.999 || v > hi*1.001 {
				continue
			}
			label := ""
			if m == 1 || few && (m == 2 || m == 3 || m == 5) {
				label = strconv.FormatFloat(v, 'f', -1, 64)
			}
			ticks = append(ticks, figure.Tick{Value: math.Log10(v), Label: label})
		}
	}
	a := figure.Range(math.Log10(lo), math.Log10(hi))
	a.Ticks = ticks
	return a
}

// log10s maps xs to log10 for a denseLogAxis.
func log10s(xs []float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = math.Log10(x)
	}
	return out
}

// denseGeom returns k points from lo to hi in geometric progression.
func denseGeom(lo, hi float64, k int) []float64 {
	out := make([]float64, k)
	for i := range out {
		out[i] = lo * math.Pow(hi/lo, float64(i)/float64(k-1))
	}
	return out
}

// denseCurveStats are a curve's measured fractions and the theory.
type denseCurveStats struct {
	ps, frac, stderr, theory []float64
	half, theoryHalf         float64
}

func (c *denseCurve) stats() denseCurveStats {
	var s denseCurveStats
	for _, r := range c.rows {
		s.ps, s.frac, s.stderr = append(s.ps, float64(r.P)), append(s.frac, r.Mean), append(s.stderr, r.StdErr)
		s.theory = append(s.theory, r.Theory)
	}
	s.half, s.theoryHalf = denseCrossing(s.ps, s.frac, 0.5), denseTheoryHalf(c.N, c.n)
	return s
}

// series draws the curve against x = P / scale: the measurement with error
// bars and the theory, dashed in the same colour, on a finer grid of
// integer P (denseTheoryKey names the theory curves in the legend).
func (c *denseCurve) series(name, color string, scale float64) []figure.Series {
	s := c.stats()
	xs := make([]float64, len(s.ps))
	for k, pp := range s.ps {
		xs[k] = pp / scale
	}
	meas := figure.Series{Name: name, X: log10s(xs), Y: s.frac, Err: errorBars(s.stderr), Style: figure.LinesPoints, Color: color}
	var tx, ty []float64
	for _, v := range denseGeom(s.ps[0]/1.2, s.ps[len(s.ps)-1]*1.2, 80) {
		pp := max(1, int(math.Round(v)))
		if len(tx) > 0 && float64(pp)/scale <= tx[len(tx)-1] {
			continue
		}
		tx, ty = append(tx, float64(pp)/scale), append(ty, c.theory(pp))
	}
	th := figure.Series{X: log10s(tx), Y: ty, Dashed: true, Color: color}
	return []figure.Series{meas, th}
}

// denseCapacityResult writes the summary, numbers, figure and table.
func denseCapacityResult(curves []*denseCurve, n, trials, probes int) *Result {
	numbers := map[string]float64{}
	var sum strings.Builder
	fmt.Fprintf(&sum, "F(x) = x^n, %s x up to %d stored patterns checked per point. A pattern counts as stored if every field "+
		"has its sign (a zero field is a failure).\n", networks(trials), probes)
	table := Table{Name: "fixed-points", Columns: []string{"n", "N", "P", "trials", "probes", "fraction", "stderr", "theory", "K_error_free"}}
	var main, scale []*denseCurve
	for _, c := range curves {
		if c.N == n {
			main = append(main, c)
		}
		if c.n == denseCapacityScaleN {
			i, _ := slices.BinarySearchFunc(scale, c.N, func(a *denseCurve, n int) int { return a.N - n })
			scale = slices.Insert(scale, i, c)
		}
		for _, r := range c.rows {
			table.Rows = append(table.Rows, []float64{float64(c.n), float64(c.N), float64(r.P), float64(r.Trials), float64(r.Samples / r.Trials),
				r.Mean, r.StdErr, r.Theory, c.kErrorFree()})
		}
	}
	for _, c := range main {
		s := c.stats()
		key := fmt.Sprintf("n%d_N%d", c.n, c.N)
		numbers["K_error_free_"+key] = c.kErrorFree()
		numbers["theory_half_P_"+key] = s.theoryHalf
		fmt.Fprintf(&sum, "N = %d, n = %d: P = %g to %g; half of the patterns are fixed points at P = %s (theory %.0f); "+
			"error-free capacity N^(n-1)/(2 (2n-3)!! ln N) = %.1f.\n", c.N, c.n, s.ps[0], s.ps[len(s.ps)-1], describeHalfP(s.half), s.theoryHalf, c.kErrorFree())
		if !math.IsNaN(s.half) {
			numbers["half_P_"+key] = s.half
		}
	}
	for k := 1; k < len(main); k++ {
		a, b := main[k-1].stats(), main[k].stats()
		if !math.IsNaN(a.half) && !math.IsNaN(b.half) {
			fmt.Fprintf(&sum, "From n = %d to %d the half point moves %.1f times further (theory %.1f; the error-free capacity grows N/(2n-1) = %.1f times).\n",
				main[k-1].n, main[k].n, b.half/a.half, b.theoryHalf/a.theoryHalf, float64(n)/float64(2*main[k-1].n-1))
		}
	}
	if len(scale) > 1 {
		sum.WriteString("Scaling, n = 3: half point / error-free capacity =")
		for i, c := range scale {
			st := c.stats()
			fmt.Fprintf(&sum, " %s (theory %.2f) at N = %d", describeHalfP(st.half/c.kErrorFree()), st.theoryHalf/c.kErrorFree(), c.N)
			sum.WriteString([]string{",", "."}[min(1, i/(len(scale)-1))])
		}
		sum.WriteString(" N^2 grows 16 times from N/2 to 2N and the half point with it, as the theory says: the capacity grows as N^2/ln N.\n")
	}
	return &Result{
		Summary: sum.String(),
		Numbers: numbers,
		Figures: []*figure.Figure{denseCapacityFigure(main, scale, n)},
		Tables:  []Table{table},
	}
}

// describeHalfP writes a crossing point, or says that there was none.
func describeHalfP(x float64) string {
	if math.IsNaN(x) {
		return "(not crossed)"
	}
	if x < 10 {
		return strconv.FormatFloat(x, 'f', 2, 64)
	}
	return strconv.FormatFloat(x, 'f', 0, 64)
}

// denseTheoryKey is the legend's entry for the theory curves of a panel,
// one per colour: a black dashed line that draws nothing (its one point
// is the first theory curve's first).
func denseTheoryKey(series []figure.Series) figure.Series {
	th := series[1]
	return figure.Series{Name: "one-step theory", X: th.X[:1], Y: th.Y[:1], Dashed: true, Color: "black"}
}

func denseCapacityFigure(main, scale []*denseCurve, n int) *figure.Figure {
	var series []figure.Series
	var refs []figure.Ref
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, c := range main {
		series = append(series, c.series(fmt.Sprintf("n = %d", c.n), figure.Cycle(i), 1)...)
		refs = append(refs, figure.Ref{At: math.Log10(c.kErrorFree()), Vertical: true, Style: figure.RefGray})
		lo, hi = math.Min(lo, float64(c.ps[0])/1.3), math.Max(hi, float64(c.ps[len(c.ps)-1])*1.3)
	}
	y := figure.Range(-0.03, 1.03)
	a := &figure.Panel{
		Title:  fmt.Sprintf("F(x) = xⁿ, N = %d: stored patterns that are fixed points", n),
		XLabel: "stored patterns P (log scale); gray: error-free capacity N^{n−1} / (2 (2n−3)!! ln N)", YLabel: "fraction of fixed points",
		X: denseLogAxis(lo, hi), Y: y, Grid: true, Legend: figure.LegendBottomLeft, Series: append(series, denseTheoryKey(series)), Refs: refs,
	}
	panels := []*figure.Panel{a}
	if len(scale) > 1 {
		var ss []figure.Series
		lo, hi = math.Inf(1), math.Inf(-1)
		for i, c := range scale {
			k := c.kErrorFree()
			ss = append(ss, c.series(fmt.Sprintf("N = %d", c.N), figure.Cycle(i+4), k)...)
			lo, hi = math.Min(lo, float64(c.ps[0])/k/1.3), math.Max(hi, float64(c.ps[len(c.ps)-1])/k*1.3)
		}
		panels = append(panels, &figure.Panel{
			Title:  "n = 3 at three sizes: P scaled by the error-free capacity K = N²/(6 ln N)",
			XLabel: "P / K (log scale)", YLabel: "fraction of fixed points",
			X: denseLogAxis(lo, hi), Y: y, Grid: true, Legend: figure.LegendBottomLeft, Series: append(ss, denseTheoryKey(ss)),
			Refs: []figure.Ref{{At: 0, Vertical: true, Style: figure.RefGray}},
		})
	}
	return &figure.Figure{
		Name: "dense-capacity",
		Caption: "Fraction of stored random patterns that are fixed points of a dense associative memory with F(x) = x^n, " +
			"against the number of patterns, with the one-step Gaussian theory (dashed) and the error-free capacity (gray).",
		Width: 8, Height: 4.5 * float64(len(panels)), Panels: panels,
	}
}
