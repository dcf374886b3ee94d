package experiments

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/hopfield-lab/hopfield/capacity"
	"github.com/hopfield-lab/hopfield/figure"
	"github.com/hopfield-lab/hopfield/theory"
)

// The phase diagram of the Hebbian network at T > 0: the overlap measured
// under Glauber dynamics on a grid of load and temperature, under the lines
// of the replica-symmetric theory (theory package, section 9).

func init() {
	Register(&Experiment{
		Name:  "phase-diagram",
		Title: "Phase diagram: retrieval against load and temperature",
		Description: `Start Glauber dynamics at a stored pattern, for many loads alpha = P/N and ` +
			`temperatures T, and measure the overlap m with the pattern: the colour of each cell. ` +
			`The lines are the replica-symmetric theory of Amit, Gutfreund and Sompolinsky: below ` +
			`T_M retrieval states exist, below T_c they are the lowest states of all, and below ` +
			`T_g = 1 + sqrt(alpha) the spin glass exists (above it the network is a paramagnet, ` +
			`m = 0). A finite network keeps its pattern a little beyond T_M, and at low T beyond ` +
			`alpha_c = 0.138. The first column stores one pattern: the alpha -> 0 limit. The ` +
			`second panel cuts the diagram at three loads, with the theory's m.`,
		Order: 15,
		Params: []Param{
			{Name: "N", Kind: Int, Default: 500, Min: 50, Max: 100000, Help: "neurons"},
			{Name: "alpha_max", Kind: Float, Default: 0.2, Min: 0.001, Max: 1, Help: "largest load alpha = P/N"},
			{Name: "alpha_step", Kind: Float, Default: 0.01, Min: 0.001, Max: 1, Help: "step of the load; the first column stores one pattern (alpha -> 0)"},
			{Name: "T_max", Kind: Float, Default: 1.6, Min: 0.05, Max: 5, Help: "largest temperature"},
			{Name: "T_step", Kind: Float, Default: 0.1, Min: 0.01, Max: 1, Help: "step of the temperature"},
			{Name: "trials", Kind: Int, Default: 2, Min: 1, Max: 10000, Help: "networks per cell"},
			{Name: "burn", Kind: Int, Default: 30, Min: 1, Max: 100000, Help: "sweeps discarded before measuring"},
			{Name: "sweeps", Kind: Int, Default: 30, Min: 1, Max: 100000, Help: "sweeps averaged"},
		},
		Run: runPhaseDiagram,
	})
}

// maxPhaseCells bounds each side of the grid: beyond it a heat map shows
// no more and a run takes minutes.
const maxPhaseCells = 200

// phaseGrid is the measured grid: the loads (as pattern counts, the first
// being 1: alpha -> 0) and the temperatures.
type phaseGrid struct {
	n     int
	ps    []int
	temps []float64
}

// alpha is the load of column j for the theory: 0 for one pattern, which
// has no crosstalk at all (the theory's alpha N - 1 other patterns), P/N
// otherwise.
func (g phaseGrid) alpha(j int) float64 {
	if g.ps[j] == 1 {
		return 0
	}
	return float64(g.ps[j]) / float64(g.n)
}

// newPhaseGrid reads the grid parameters: loads step, 2 step, ...,
// alpha_max (as P = round(alpha N), repeats dropped) after P = 1, and
// temperatures 0, T_step, ..., T_max.
func newPhaseGrid(p Values) (phaseGrid, error) {
	g := phaseGrid{n: p.Int("N")}
	if p.Float("alpha_max")/p.Float("alpha_step") > maxPhaseCells {
		return g, paramErrorf("alpha_step", "parameter alpha_step: %v makes more than %d loads", p.Float("alpha_step"), maxPhaseCells)
	}
	if p.Float("T_max")/p.Float("T_step") > maxPhaseCells {
		return g, paramErrorf("T_step", "parameter T_step: %v makes more than %d temperatures", p.Float("T_step"), maxPhaseCells)
	}
	g.ps = []int{1}
	for _, a := range grid(p.Float("alpha_max"), p.Float("alpha_step"))[1:] {
		if k := int(math.Round(a * float64(g.n))); k > g.ps[len(g.ps)-1] {
			g.ps = append(g.ps, k)
		}
	}
	if g.ps[len(g.ps)-1] > g.n {
		return g, paramErrorf("alpha_max", "parameter alpha_max: %v stores more patterns than N = %d neurons", p.Float("alpha_max"), g.n)
	}
	g.temps = grid(p.Float("T_max"), p.Float("T_step"))
	return g, nil
}

func runPhaseDiagram(ctx context.Context, p Values, seed uint64) (*Result, error) {
	g, err := newPhaseGrid(p)
	if err != nil {
		return nil, err
	}
	spec := capacity.TemperatureSpec{N: g.n, Ps: g.ps, Temps: g.temps, Trials: p.Int("trials"),
		Burn: p.Int("burn"), Sweeps: p.Int("sweeps"), Seed: seed, Progress: Progress(ctx)}
	rows, err := capacity.Temperature(ctx, spec)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err() // stopped, not a bad grid
		}
		return nil, capacityError("N", err)
	}
	// rows run by load, then temperature: cell (i, j) is rows[j*len(temps)+i].
	cell := func(i, j int) capacity.TemperatureRow { return rows[j*len(g.temps)+i] }
	cuts, err := phaseCuts(ctx, g)
	if err != nil {
		return nil, err
	}
	alphaM := make([]float64, len(g.temps)) // alpha_M(T) of each row
	for i, T := range g.temps {
		alphaM[i] = theory.RetrievalLoad(T)
	}
	res := &Result{Numbers: map[string]float64{}}
	res.Tables = phaseTables(g, cell, alphaM, cuts)
	res.Summary = phaseSummary(g, spec, cell, alphaM, cuts, res.Numbers)
	res.Figures = []*figure.Figure{phaseFigure(g, cell, cuts)}
	return res, nil
}

// retrieves says whether the theory has a retrieval state at load alpha
// and temperature T, given alpha_M(T): below T = 1 at alpha = 0, and up to
// alpha_M(T) (included) otherwise.
func retrieves(alpha, T, alphaM float64) bool {
	if alpha == 0 {
		return T < 1
	}
	return alpha <= alphaM
}

// phaseTables returns the measured grid, with the theory's alpha_M(T) and
// verdict for each cell, and the theory's cuts.
func phaseTables(g phaseGrid, cell func(i, j int) capacity.TemperatureRow, alphaM []float64, cuts []phaseCut) []Table {
	t := Table{Name: "phase", Columns: []string{"N", "P", "alpha", "T", "mean_m", "stderr", "max_abs_m", "alpha_M_at_T", "retrieval_in_theory"}}
	for j := range g.ps {
		for i := range g.temps {
			r := cell(i, j)
			t.Rows = append(t.Rows, []float64{float64(r.N), float64(r.P), r.Alpha, r.T, r.Mean, r.StdErr, r.MaxAbs, alphaM[i],
				b2f(retrieves(g.alpha(j), r.T, alphaM[i]))})
		}
	}
	c := Table{Name: "rs-cuts", Columns: []string{"P", "alpha", "T", "m_rs"}}
	for _, cut := range cuts {
		for k, T := range cut.theoryT {
			c.Rows = append(c.Rows, []float64{float64(g.ps[cut.col]), g.alpha(cut.col), T, cut.theoryM[k]})
		}
	}
	return []Table{t, c}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// phaseSummary says how often the measurement agrees with the theory's
// verdict (m > 1/2 where retrieval states exist), where a finite network
// departs from it, and lists the cuts; it fills numbers.
func phaseSummary(g phaseGrid, spec capacity.TemperatureSpec, cell func(i, j int) capacity.TemperatureRow, alphaM []float64, cuts []phaseCut, numbers map[string]float64) string {
	var sum strings.Builder
	fmt.Fprintf(&sum, "N = %d, %d loads (P = 1 to %d) x %d temperatures, %s per cell, %d sweeps averaged after %d.\n",
		g.n, len(g.ps), g.ps[len(g.ps)-1], len(g.temps), networks(spec.Trials), spec.Sweeps, spec.Burn)
	// Cells where measurement and theory disagree, by which way.
	beyond, short, lastT0 := 0, 0, math.NaN()
	for j := range g.ps {
		for i, T := range g.temps {
			switch m, th := cell(i, j).Mean > 0.5, retrieves(g.alpha(j), T, alphaM[i]); {
			case m && !th:
				beyond++
			case !m && th:
				short++
			}
		}
		// Row 0 is T = 0; the pattern holds there up to a load.
		if cell(0, j).Mean > 0.9 && (j == 0 || lastT0 == g.alpha(j-1)) {
			lastT0 = g.alpha(j)
		}
	}
	cells := len(g.ps) * len(g.temps)
	frac := 1 - float64(beyond+short)/float64(cells)
	numbers["agreement_with_T_M"] = frac
	numbers["cells_retrieving_beyond_T_M"], numbers["cells_lost_below_T_M"] = float64(beyond), float64(short)
	fmt.Fprintf(&sum, "In %.0f%% of the cells the overlap is above 1/2 exactly where the replica-symmetric theory has a retrieval state "+
		"(below T_M). In %d cells the finite network keeps its pattern where the theory has none (typically next to T_M, and at low T beyond "+
		"alpha_c); in %d it has lost it where the theory has one.\n", 100*frac, beyond, short)
	if !math.IsNaN(lastT0) {
		numbers["largest_load_retrieving_at_T0"] = lastT0
		fmt.Fprintf(&sum, "At T = 0 the overlap stays above 0.9 up to alpha = %.3g (theory: alpha_c = %.4f at N -> inf).\n", lastT0, theory.AGSCriticalLoad())
	}
	writeCuts(&sum, g, cell, cuts, spec.Trials > 1)
	return sum.String()
}

// writeCuts lists the measured overlap beside the theory's at the loads of
// the cuts, with its standard error when there is one (errs: more than
// one network per cell).
func writeCuts(sum *strings.Builder, g phaseGrid, cell func(i, j int) capacity.TemperatureRow, cuts []phaseCut, errs bool) {
	what, width := "Measured m", 14
	if errs {
		what, width = "Measured m (± standard error)", 22
	}
	fmt.Fprintf(sum, "%s and the theory's m_RS at the loads of the cuts:\n     T", what)
	for _, cut := range cuts {
		fmt.Fprintf(sum, "  %-*s", width, cut.name)
	}
	sum.WriteString("\n")
	for i, T := range g.temps {
		fmt.Fprintf(sum, "  %4.2f", T)
		for _, cut := range cuts {
			r := cell(i, cut.col)
			if errs {
				fmt.Fprintf(sum, "  %6.3f ± %5.3f / %5.3f", r.Mean, zeroNaN(r.StdErr), cut.gridM[i])
			} else {
				fmt.Fprintf(sum, "  %6.3f / %5.3f", r.Mean, cut.gridM[i])
			}
		}
		sum.WriteString("\n")
	}
}

// phaseCut is the theory at the load of one column of the grid.
type phaseCut struct {
	col   int
	name  string
	tM    float64   // T_M(alpha): no retrieval state above it
	gridM []float64 // m_RS at the grid's temperatures
	// theoryT and theoryM are the curve m_RS(T) to draw, with its jump to
	// 0 at T_M.
	theoryT, theoryM []float64
}

// cutLoads are the loads the second panel cuts the diagram at, besides
// alpha -> 0: where retrieval melts at moderate and at low temperature.
var cutLoads = []float64{0.05, 0.1}

// phaseCuts computes the theory at alpha -> 0 and at the grid's columns
// nearest cutLoads (those within the grid, each once).
func phaseCuts(ctx context.Context, g phaseGrid) ([]phaseCut, error) {
	cols := []int{0}
	for _, a := range cutLoads {
		j := nearestColumn(g, a)
		if j > cols[len(cols)-1] && math.Abs(g.alpha(j)-a) <= a/4 {
			cols = append(cols, j)
		}
	}
	var cuts []phaseCut
	for _, j := range cols {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		cuts = append(cuts, newPhaseCut(g, j))
	}
	return cuts, nil
}

func nearestColumn(g phaseGrid, alpha float64) int {
	best := 0
	for j := range g.ps {
		if math.Abs(g.alpha(j)-alpha) < math.Abs(g.alpha(best)-alpha) {
			best = j
		}
	}
	return best
}

// newPhaseCut evaluates m_RS at column j's load. Below T_M the curve has
// the grid's temperatures and more towards T_M, where m_RS falls with a
// square-root singularity before it jumps to 0 (for alpha > 0; at alpha = 0
// the fall to 0 at T = 1 is continuous). Each m_RS costs some 5 ms.
func newPhaseCut(g phaseGrid, j int) phaseCut {
	alpha := g.alpha(j)
	c := phaseCut{col: j, name: fmt.Sprintf("α = %.3g (P = %d)", alpha, g.ps[j]), tM: theory.RetrievalTemperature(alpha)}
	if alpha == 0 {
		c.name = "α → 0 (P = 1)"
	}
	c.gridM = make([]float64, len(g.temps))
	for i, T := range g.temps {
		if T < c.tM {
			c.gridM[i] = theory.RSOverlap(alpha, T)
		}
		if T < c.tM || alpha == 0 {
			c.theoryT, c.theoryM = append(c.theoryT, T), append(c.theoryM, c.gridM[i])
		}
	}
	if alpha == 0 {
		fine := grid(g.temps[len(g.temps)-1], g.temps[len(g.temps)-1]/300)
		c.theoryT, c.theoryM = fine, theory.GlauberOverlapCurve(fine)
		return c
	}
	last := 0.0
	if len(c.theoryT) > 0 {
		last = c.theoryT[len(c.theoryT)-1]
	}
	for _, f := range []float64{0.3, 0.1, 0.03, 0.01, 0.001} {
		if T := c.tM * (1 - f); T > last {
			c.theoryT, c.theoryM = append(c.theoryT, T), append(c.theoryM, theory.RSOverlap(alpha, T))
		}
	}
	c.theoryT, c.theoryM = append(c.theoryT, c.tM, math.Max(c.tM, g.temps[len(g.temps)-1])), append(c.theoryM, 0, 0)
	return c
}

// phaseFigure draws the measured overlap as a heat map under the lines of
// the theory, beside the cuts.
func phaseFigure(g phaseGrid, cell func(i, j int) capacity.TemperatureRow, cuts []phaseCut) *figure.Figure {
	alphas := make([]float64, len(g.ps))
	for j := range g.ps {
		alphas[j] = float64(g.ps[j]) / float64(g.n)
	}
	alphas[0] = 0 // drawn at the limit it stands for
	h := &figure.HeatMap{X: cellEdges(alphas), Y: cellEdges(g.temps), Min: 0, Max: 1, Label: "overlap m with the pattern"}
	for i := range g.temps {
		for j := range g.ps {
			h.Values = append(h.Values, cell(i, j).Mean)
		}
	}
	// The cells fill the data area: the legend goes under it.
	heat := &figure.Panel{Title: fmt.Sprintf("Overlap after Glauber dynamics, N = %d", g.n),
		XLabel: "load α = P/N", YLabel: "temperature T", Heat: h, Legend: figure.LegendBelow,
		Series: phaseLines(h.X[len(h.X)-1])}
	for _, c := range cuts[1:] {
		heat.Refs = append(heat.Refs, figure.Ref{At: alphas[c.col], Vertical: true, Style: figure.RefGray})
	}
	// The overlap's range is the data's (a finite network's overlap
	// strays below 0 in the paramagnet), 0 and 1 included.
	side := &figure.Panel{Title: "Cuts at fixed load", XLabel: "temperature T", YLabel: "overlap m",
		Grid: true, Y: figure.Axis{Include: []float64{0, 1}}}
	for k, c := range cuts {
		meas := figure.Series{Name: c.name, Style: figure.LinesPoints, Color: figure.Cycle(k)}
		for i, T := range g.temps {
			r := cell(i, c.col)
			meas.X, meas.Y, meas.Err = append(meas.X, T), append(meas.Y, r.Mean), append(meas.Err, r.StdErr)
		}
		meas.Err = errorBars(meas.Err)
		th := figure.Series{X: c.theoryT, Y: c.theoryM, Dashed: true, Color: figure.Cycle(k)}
		side.Series = append(side.Series, meas, th)
	}
	// A legend entry for the theory curves of every colour.
	side.Series = append(side.Series, figure.Series{Name: "replica-symmetric theory", X: cuts[0].theoryT[:1], Y: cuts[0].theoryM[:1], Dashed: true, Color: "black"})
	return &figure.Figure{Name: "phase-diagram", Width: 8, Height: 10, Rows: 2, Panels: []*figure.Panel{heat, side},
		Caption: "Overlap with the starting pattern under Glauber dynamics over load and temperature, with the replica-symmetric lines T_g, T_M and T_c; and cuts at three loads with the theory's overlap (dashed)."}
}

// cellEdges returns the edges of cells centred on the increasing centres:
// halfway between neighbours, the first cell starting at its centre (a
// limit: alpha -> 0, T = 0) and the last reaching as far beyond its
// centre as it reaches back.
func cellEdges(centres []float64) []float64 {
	n := len(centres)
	edges := make([]float64, n+1)
	edges[0] = centres[0]
	for k := 1; k < n; k++ {
		edges[k] = (centres[k-1] + centres[k]) / 2
	}
	if n == 1 {
		edges[1] = centres[0] + 1 // one cell: any width shows it
	} else {
		edges[n] = centres[n-1] + (centres[n-1] - edges[n-1])
	}
	return edges
}

// phaseLines are the lines of the replica-symmetric phase diagram, as
// curves (alpha, T) up to load alphaMax: T_g = 1 + sqrt(alpha) over alpha,
// T_M and T_c over T from the table phaseLineTable, which keeps their
// reentrance at low T and their square-root start at alpha = 0.
func phaseLines(alphaMax float64) []figure.Series {
	// Pink stands out on viridis' dark purple, where T_g runs, and is
	// none of the colours of the cuts.
	tg := figure.Series{Name: "T_{g}: spin glass below", Color: "C6", Dashed: true}
	for k := range 101 {
		a := alphaMax * float64(k) / 100
		tg.X, tg.Y = append(tg.X, a), append(tg.Y, theory.SpinGlassTemperature(a))
	}
	tm := figure.Series{Name: "T_{M}: retrieval states exist below", Color: "red"}
	tc := figure.Series{Name: "T_{c}: retrieval globally stable below", Color: "black", Dashed: true}
	for _, l := range phaseLineTable {
		tm.X, tm.Y = append(tm.X, l.alphaM), append(tm.Y, l.T)
		tc.X, tc.Y = append(tc.X, l.alphaC), append(tc.Y, l.T)
	}
	return []figure.Series{tg, tm, tc}
}
