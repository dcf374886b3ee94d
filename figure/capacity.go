package figure

import (
	"fmt"
	"maps"
	"math"
	"slices"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/capacity"
	"github.com/hopfield-lab/hopfield/theory"
)

// Labels of the measures on a plot's y axis.
var measureLabels = map[capacity.Measure]string{
	capacity.Fixed:    "fraction of patterns that are fixed points",
	capacity.Overlap:  "final overlap |m| with the pattern",
	capacity.Recall:   "exact-recall rate",
	capacity.OneStep:  "one-step bit error rate",
	capacity.Signed:   "final overlap m with the pattern",
	capacity.Success:  "success rate P(m ≥ threshold)",
	capacity.AllFixed: "networks with every pattern fixed",
	capacity.Flips:    "neuron flips per run",
}

// Capacity draws a capacity table, one panel per measure: the measurements (mean ±
// standard error) against the load, or against the noise when the load does
// not vary, one series per rule, N and the other parameter; with the theory
// curves of the Hebbian rule over them, dashed: the AGS retrieval overlap
// and the large-N one-step error law in black (they hold for an infinite
// network), and the exact one-step error law and the independent-bits
// estimate of the fixed-point fraction for each N in the colour of the
// Hebbian measurement at that N.
func Capacity(t *capacity.Table) ([]*Panel, error) {
	if len(t.Rows) == 0 {
		return nil, errorf("capacity: empty table: nothing to plot")
	}
	var out []*Panel
	var measures []capacity.Measure
	for _, r := range t.Rows {
		if !slices.Contains(measures, r.Measure) {
			measures = append(measures, r.Measure)
		}
	}
	for _, m := range measures {
		out = append(out, capacityPanel(t, m))
	}
	return out, nil
}

// seriesKey groups the rows drawn as one curve.
type seriesKey struct {
	rule   hopfield.Rule
	energy hopfield.Energy
	n      int
	other  float64 // noise when x is the load, load when x is the noise
}

func capacityPanel(t *capacity.Table, m capacity.Measure) *Panel {
	var rows []capacity.Row
	alphas, noises, ns, rules := map[float64]bool{}, map[float64]bool{}, map[int]bool{}, map[hopfield.Rule]bool{}
	for _, r := range t.Rows {
		if r.Measure == m {
			rows = append(rows, r)
			alphas[r.Alpha()], noises[r.Noise], ns[r.N], rules[r.Rule] = true, true, true, true
		}
	}
	byLoad := len(alphas) > 1 || len(noises) == 1
	var keys []seriesKey
	groups := map[seriesKey][]capacity.Row{}
	for _, r := range rows {
		k := seriesKey{r.Rule, r.Energy, r.N, r.Alpha()}
		if byLoad {
			k.other = r.Noise
		}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], r)
	}
	var series []Series
	// The Hebbian theory of size N is drawn dashed in the colour of the
	// Hebbian measurement at N, which it describes.
	hebbColor := map[int]string{}
	xmin, xmax := math.Inf(1), math.Inf(-1)
	for i, k := range keys {
		g := groups[k]
		col := measuredColor(i)
		if _, ok := hebbColor[k.n]; k.rule == hopfield.Hebbian && !ok {
			hebbColor[k.n] = col
		}
		s := Series{Name: seriesName(k, byLoad, len(rules) > 1, len(ns) > 1, len(noises) > 1, len(alphas) > 1),
			Style: LinesPoints, Color: col}
		for _, r := range g {
			x := r.Noise
			if byLoad {
				x = r.Alpha()
			}
			xmin, xmax = math.Min(xmin, x), math.Max(xmax, x)
			s.X, s.Y = append(s.X, x), append(s.Y, r.Mean)
			e := r.StdErr
			if math.IsNaN(e) {
				e = 0
			}
			s.Err = append(s.Err, e)
		}
		series = append(series, s)
	}
	// Rules often coincide (Storkey and pseudo-inverse both at 1): shift
	// the series apart by a fraction of a percent of the axis, as a
	// "dodged" plot does, so that none hides another.
	if len(series) > 1 {
		width := 0.006 * (xmax - xmin)
		for i := range series {
			dx := (float64(i) - float64(len(series)-1)/2) * width
			for j := range series[i].X {
				series[i].X[j] += dx
			}
		}
	}
	p := &Panel{Title: measureTitle(m, byLoad), YLabel: measureLabels[m], Grid: true, Legend: legendFor(m)}
	p.XLabel = "cue noise (fraction of bits flipped)"
	if byLoad {
		p.XLabel = "load α = P/N"
		if rules[hopfield.Hebbian] {
			series = append(series, theoryCurves(m, hebbColor, xmin, xmax)...)
		}
		series = append(series, denseTheory(keys, groups)...)
		if m == capacity.Overlap && xmin <= theory.AGSCriticalLoad() && theory.AGSCriticalLoad() <= xmax {
			p.Refs = append(p.Refs, Ref{At: theory.AGSCriticalLoad(), Vertical: true})
		}
	}
	p.Series = series
	if m != capacity.OneStep && m != capacity.Flips {
		// Rates and overlaps; a signed overlap may reach down to -1.
		p.Y.Include = []float64{0, 1.02}
	}
	return p
}

func measureTitle(m capacity.Measure, byLoad bool) string {
	against := "load"
	if !byLoad {
		against = "cue noise"
	}
	switch m {
	case capacity.Fixed:
		return "Stored patterns that are fixed points, against " + against
	case capacity.Overlap:
		return "Retrieval overlap against " + against
	case capacity.Signed:
		return "Signed retrieval overlap against " + against
	case capacity.Recall:
		return "Exact recall against " + against
	case capacity.Success:
		return "Retrieval success against " + against
	case capacity.AllFixed:
		return "Networks holding every pattern, against " + against
	case capacity.Flips:
		return "Length of the runs (flips) against " + against
	}
	return "One-step bit error rate against " + against
}

func legendFor(m capacity.Measure) string {
	if m == capacity.OneStep {
		return LegendTopLeft
	}
	return LegendBottomLeft
}

func seriesName(k seriesKey, byLoad, rules, ns, noises, alphas bool) string {
	name := k.rule.String()
	if k.rule == hopfield.DenseAM {
		name += " " + k.energy.String()
	}
	if ns || !rules {
		name += fmt.Sprintf(", N = %d", k.n)
	}
	switch {
	case byLoad && noises:
		name += fmt.Sprintf(", noise %g", k.other)
	case !byLoad && alphas:
		name += fmt.Sprintf(", α = %g", k.other)
	}
	return name
}

// measuredColor is the colour of the i-th measured series: the colour
// cycle without its gray, which is kept for the theory of an infinite
// network.
func measuredColor(i int) string {
	const gray = 7
	const colors = 9 // the cycle's ten colours but gray
	i %= colors
	if i >= gray {
		i++
	}
	return Cycle(i)
}

// theoryColor draws the laws of an infinite network, which belong to no
// one size: the AGS overlap and the large-N one-step error.
const theoryColor = "black"

// theoryCurves are the Hebbian laws for measure m on [lo, hi], drawn
// dashed: the laws of an infinite network in black, those of a size N in
// the colour of the Hebbian measurement at that N (hebbColor), so that no
// theory curve takes the colour of another rule's data.
func theoryCurves(m capacity.Measure, hebbColor map[int]string, lo, hi float64) []Series {
	const steps = 200
	xs := make([]float64, steps+1)
	for i := range xs {
		xs[i] = lo + (hi-lo)*float64(i)/steps
	}
	ns := slices.Sorted(maps.Keys(hebbColor))
	switch m {
	case capacity.Overlap:
		return []Series{{Name: fmt.Sprintf("hebbian theory, N → ∞ (AGS, α_{c} = %.3f)", theory.AGSCriticalLoad()),
			X: xs, Y: theory.AGSRetrievalCurve(xs), Dashed: true, Color: theoryColor}}
	case capacity.OneStep:
		ys := make([]float64, len(xs))
		for i, a := range xs {
			ys[i] = theory.OneStepErrorLargeN(a)
		}
		out := []Series{{Name: "hebbian theory, N → ∞: Φ(−1/√α)", X: xs, Y: ys, Dashed: true, Color: theoryColor}}
		for _, n := range ns {
			x, y := integerLoads(n, lo, hi, func(p int) float64 { return theory.OneStepErrorExact(n, p, theory.TieKeep) })
			out = append(out, Series{Name: fmt.Sprintf("hebbian theory, exact law, N = %d", n), X: x, Y: y, Dashed: true, Color: hebbColor[n]})
		}
		return out
	case capacity.Fixed:
		var out []Series
		for _, n := range ns {
			x, y := integerLoads(n, lo, hi, func(p int) float64 {
				return capacity.Theory(capacity.Cell{Rule: hopfield.Hebbian, N: n, P: p}, capacity.Fixed, hopfield.TieKeep)
			})
			out = append(out, Series{Name: fmt.Sprintf("hebbian theory (1 − P_{error})^{N}, N = %d", n), X: x, Y: y, Dashed: true, Color: hebbColor[n]})
		}
		return out
	}
	return nil
}

// denseTheory draws the theory of the dense memories' rows (see
// capacity.Theory: the independent-bits laws with the large-N one-step
// error, for F(x) = x^n) at the loads measured, dashed in the colour of
// the measurement it describes.
func denseTheory(keys []seriesKey, groups map[seriesKey][]capacity.Row) []Series {
	var out []Series
	for i, k := range keys {
		if k.rule != hopfield.DenseAM {
			continue
		}
		s := Series{Name: fmt.Sprintf("dense %v theory, N = %d", k.energy, k.n), Dashed: true, Color: measuredColor(i)}
		for _, r := range groups[k] {
			if !math.IsNaN(r.Theory) {
				s.X, s.Y = append(s.X, r.Alpha()), append(s.Y, r.Theory)
			}
		}
		if len(s.X) > 0 {
			out = append(out, s)
		}
	}
	return out
}

// integerLoads evaluates a law of (N, P) at every integer P with P/N in
// [lo, hi] (at most about 400 points).
func integerLoads(n int, lo, hi float64, f func(p int) float64) (xs, ys []float64) {
	p0, p1 := max(1, int(math.Ceil(lo*float64(n)))), int(math.Floor(hi*float64(n)))
	step := max(1, (p1-p0)/400)
	for p := p0; p <= p1; p += step {
		xs, ys = append(xs, float64(p)/float64(n)), append(ys, f(p))
	}
	return xs, ys
}
