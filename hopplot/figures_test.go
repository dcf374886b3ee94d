package hopplot

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/plot/vg"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/figure"
	"github.com/hopfield-lab/hopfield/patterns"
)

func rng() *rand.Rand { return rand.New(rand.NewPCG(1, 2)) }

func randomPattern(r *rand.Rand, n int) []int8 {
	p := make([]int8, n)
	for i := range p {
		p[i] = int8(2*r.IntN(2) - 1)
	}
	return p
}

func toFloats(v []int8) []float64 {
	f := make([]float64, len(v))
	for i, s := range v {
		f[i] = float64(s)
	}
	return f
}

// hebbian returns W = sum_mu xi xi^T with a zero diagonal.
func hebbian(n int, pats ...[]int8) [][]float64 {
	w := make([][]float64, n)
	for i := range w {
		w[i] = make([]float64, n)
		for _, p := range pats {
			for j := range w[i] {
				if i != j {
					w[i][j] += float64(p[i]) * float64(p[j])
				}
			}
		}
	}
	return w
}

// asyncRun updates random neurons of s under w, recording every state.
func asyncRun(r *rand.Rand, w [][]float64, s []int8, steps int) [][]int8 {
	s = append([]int8(nil), s...)
	hist := [][]int8{append([]int8(nil), s...)}
	for range steps - 1 {
		i := r.IntN(len(s))
		var h float64
		for j, v := range s {
			h += w[i][j] * float64(v)
		}
		if h > 0 {
			s[i] = 1
		} else {
			s[i] = -1
		}
		hist = append(hist, append([]int8(nil), s...))
	}
	return hist
}

// Small patterns of the notebook (5x5, +1 ink).
var (
	patChecker = grid5(func(i, j int) bool { return (i+j)%2 == 1 })
	patX       = grid5(func(i, j int) bool { return i == j || i+j == 4 })
	patA       = grid5(func(i, j int) bool {
		switch i {
		case 0:
			return j == 2
		case 1:
			return j == 1 || j == 3
		case 2:
			return true
		}
		return j == 0 || j == 4
	})
)

func grid5(on func(i, j int) bool) []int8 {
	p := make([]int8, 25)
	for i := range 5 {
		for j := range 5 {
			p[5*i+j] = -1
			if on(i, j) {
				p[5*i+j] = 1
			}
		}
	}
	return p
}

// letters draws the notebook's 100x100 "B U" picture.
func letters() []int8 {
	m := make([]int8, 100*100)
	for i := range m {
		m[i] = -1
	}
	set := func(r0, r1, c0, c1 int) {
		for i := r0; i < r1; i++ {
			for j := c0; j < c1; j++ {
				m[100*i+j] = 1
			}
		}
	}
	set(0, 100, 5, 15)
	set(0, 10, 5, 35)
	set(0, 50, 30, 40)
	set(40, 50, 5, 35)
	set(50, 60, 5, 35)
	set(50, 100, 30, 40)
	set(90, 100, 5, 35)
	set(0, 90, 60, 70)
	set(0, 90, 85, 95)
	set(90, 100, 60, 95)
	return m
}

func TestGoldenStatesRaster(t *testing.T) {
	r := rng()
	const n = 20
	xi := randomPattern(r, n)
	w := hebbian(n, xi)
	hist := asyncRun(r, w, randomPattern(r, n), 200)
	states, err := figure.States(hist, "Neuron states over time (black = +1)")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Draw(&figure.Figure{Name: "states", Panels: []*figure.Panel{states}})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "raster_states", 0, 0, p)
}

func TestGoldenWeightsSmall(t *testing.T) {
	m, err := NewMatrix(hebbian(25, patChecker, patX, patA))
	if err != nil {
		t.Fatal(err)
	}
	p, err := RasterPlot(m, RasterPlotOptions{
		Title: "Weights of three 5x5 patterns", XLabel: "Neuron j", YLabel: "Neuron i",
		Raster:   RasterOptions{Colormap: DivergingMap, CellBorders: true},
		ColorBar: true, SquareCells: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "raster_weights_small", 0, 0, p)
}

// weightsPlot draws a weight matrix with RasterPlot in the style of
// figure.Weights: diverging colours centred on 0, square cells, a colour
// bar.
func weightsPlot(m *Matrix, title string) (*RasterPanel, error) {
	return RasterPlot(m, RasterPlotOptions{
		Title: title, XLabel: "Neuron j", YLabel: "Neuron i",
		Raster:   RasterOptions{Colormap: DivergingMap},
		ColorBar: true, SquareCells: true,
	})
}

func TestGoldenWeightsLarge(t *testing.T) {
	// A 2000x2000 Hebbian matrix of two structured patterns, drawn as at
	// most DefaultMaxCells blocks a side.
	const n = 2000
	a, b := make([]int8, n), make([]int8, n)
	for i := range a {
		a[i], b[i] = -1, -1
		if (i/250)%2 == 0 {
			a[i] = 1
		}
		if i < 700 {
			b[i] = 1
		}
	}
	m, err := NewMatrix(hebbian(n, a, b))
	if err != nil {
		t.Fatal(err)
	}
	p, err := weightsPlot(m, "Weights, 2000 neurons (10x10 block averages)")
	if err != nil {
		t.Fatal(err)
	}
	if fr, fc := p.Raster.Block(); fr != 10 || fc != 10 {
		t.Errorf("block %dx%d, want 10x10", fr, fc)
	}
	checkGolden(t, "raster_weights_large", 0, 0, p)
}

func TestGoldenStem(t *testing.T) {
	p, err := StemPlotInt8(randomPattern(rng(), 100), StemOptions{
		Title: "Stored pattern xi1", XLabel: "Neuron", YLabel: "State", Grid: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "stem", 0, 0, p)
}

// The notebook's 4-row figure: cue, stored pattern, final state, error.
func TestGoldenFigureStack(t *testing.T) {
	r := rng()
	const n = 100
	xi := randomPattern(r, n)
	cue := append([]int8(nil), xi[:75]...)
	cue = append(cue, randomPattern(r, 25)...)
	hist := asyncRun(r, hebbian(n, xi), cue, 1000)
	errs := make([]float64, len(hist))
	for k, s := range hist {
		for i := range s {
			errs[k] += math.Abs(float64(s[i] - xi[i]))
		}
	}
	opts := StemOptions{Grid: true, YLabel: "State"}
	opts.Title = "S original"
	p1, err := StemPlotInt8(cue, opts)
	if err != nil {
		t.Fatal(err)
	}
	opts.Title = "xi1"
	p2, _ := StemPlotInt8(xi, opts)
	opts.Title, opts.Color, opts.XLabel = "S final", Red, "Neuron"
	p3, _ := StemPlotInt8(hist[len(hist)-1], opts)
	p4, err := LinePlot(LineOptions{
		Title: "Error sum |S - xi1|", XLabel: "Update", YLabel: "Error",
		Refs: []*RefLine{HLine(0)}, Grid: true, Legend: NoLegend,
	}, Series{Y: errs})
	if err != nil {
		t.Fatal(err)
	}
	f, err := Stack("Recall of one stored pattern (N = 100)", p1, p2, p3, p4)
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "figure_stack", 8*vg.Inch, 10*vg.Inch, f)
}

func binomialSumPMF(n int) *PMF {
	// sum of n products of independent random +-1: 2k - n, k ~ Bin(n, 1/2)
	pmf := &PMF{}
	for k := 0; k <= n; k++ {
		lg, _ := math.Lgamma(float64(n + 1))
		l1, _ := math.Lgamma(float64(k + 1))
		l2, _ := math.Lgamma(float64(n - k + 1))
		pmf.Values = append(pmf.Values, float64(2*k-n))
		pmf.Probs = append(pmf.Probs, math.Exp(lg-l1-l2-float64(n)*math.Ln2))
	}
	return pmf
}

func TestGoldenHistPMF(t *testing.T) {
	r := rng()
	const n, k = 100, 100
	samples := make([]float64, k)
	for s := range samples {
		a, b := randomPattern(r, n), randomPattern(r, n)
		for i := range a {
			samples[s] += float64(a[i] * b[i])
		}
	}
	p, err := Histogram(samples, HistOptions{
		Title:  "Crosstalk of two random patterns (N = 100, 100 draws)",
		XLabel: "Term in square brackets  sum_i xi_i S_i",
		PMF:    binomialSumPMF(n), RefX: []float64{0},
	})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "hist_pmf", 0, 0, p)
}

func TestGoldenHistDensity(t *testing.T) {
	r := rng()
	samples := make([]float64, 500)
	for i := range samples {
		samples[i] = 50 + 10*r.NormFloat64()
	}
	p, err := Histogram(samples, HistOptions{
		Title: "Overlap term with 50 shared neurons", XLabel: "Term in square brackets",
		Density: func(x float64) float64 {
			return math.Exp(-(x-50)*(x-50)/200) / (10 * math.Sqrt(2*math.Pi))
		},
		OverlayName: "normal approximation", RefX: []float64{0},
	})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "hist_density", 0, 0, p)
}

func TestGoldenLinesOverlap(t *testing.T) {
	r := rng()
	const n = 200
	pats := [][]int8{randomPattern(r, n), randomPattern(r, n), randomPattern(r, n)}
	cue := append([]int8(nil), pats[0]...)
	for i := range 70 {
		cue[i] = pats[1][i]
	}
	hist := asyncRun(r, hebbian(n, pats...), cue, 1500)
	var series []Series
	for mu, p := range pats {
		m := make([]float64, len(hist))
		for k, s := range hist {
			for i := range s {
				m[k] += float64(s[i]*p[i]) / n
			}
		}
		series = append(series, Series{Name: "overlap with pattern " + itoa(int64(mu+1)), Y: m})
	}
	p, err := LinePlot(LineOptions{
		Title: "Overlap with each stored pattern", XLabel: "Update", YLabel: "Overlap m",
		Refs: []*RefLine{HLine(0)}, Grid: true,
	}, series...)
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "lines_overlap", 0, 0, p)
}

func TestGoldenLinesCapacity(t *testing.T) {
	r := rng()
	var alpha, mean, se, ax, theory []float64
	for k := 1; k <= 10; k++ {
		a := 0.03 * float64(k)
		// a smooth made-up "measured" curve with noise around the theory
		th := 0.5 * (1 + math.Erf((a-0.14)/0.04))
		alpha = append(alpha, a)
		mean = append(mean, math.Min(1, math.Max(0, th+0.03*r.NormFloat64())))
		se = append(se, 0.02+0.03*th*(1-th))
	}
	for k := 0; k <= 100; k++ {
		a := 0.02 + 0.29*float64(k)/100
		ax = append(ax, a)
		theory = append(theory, 0.5*(1+math.Erf((a-0.14)/0.04)))
	}
	p, err := LinePlot(LineOptions{
		Title: "Recall failures against load", XLabel: "Load α = P / N", YLabel: "Fraction of failed recalls",
		Refs: []*RefLine{VLine(0.138)}, Grid: true,
	},
		Series{Name: "theory", X: ax, Y: theory, Dashed: true, Color: Gray},
		Series{Name: "simulation (mean ± s.e.)", X: alpha, Y: mean, Err: se, Style: LinesPoints, Color: Blue},
	)
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "lines_capacity", 0, 0, p)
}

func TestGoldenPatterns5x5(t *testing.T) {
	noisy := append([]int8(nil), patX...)
	noisy[1], noisy[7], noisy[13] = -noisy[1], -noisy[7], 0
	g, err := NewPatternGrid(5, 5, []Pattern{
		{Title: "True input", Data: patX},
		{Title: "Noisy input", Data: noisy},
		{Title: "Recalled", Data: patX},
	}, PatternGridOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "patterns_5x5", 8*vg.Inch, 3.5*vg.Inch, g)
}

func TestGoldenPatterns100(t *testing.T) {
	r := rng()
	bu := letters()
	cue := append([]int8(nil), bu...)
	for i := range cue {
		if r.IntN(5) == 0 {
			cue[i] = -cue[i]
		}
		if i >= 5000 {
			cue[i] = 0
		}
	}
	step := append([]int8(nil), bu...)
	for i := range step {
		if i >= 5000 && r.IntN(4) == 0 {
			step[i] = -step[i]
		}
	}
	g, err := NewPatternGrid(100, 100, []Pattern{
		{Title: "Cue (bottom half unknown)", Data: cue},
		{Title: "Step 1", Data: step},
		{Title: "Result", Data: bu},
	}, PatternGridOptions{Title: "Recall of the 'B U' picture", TitlesBelow: true})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "patterns_100", 0, 0, g)
}

func TestGoldenFigureSide(t *testing.T) {
	m, err := NewMatrixInt8(patA, 5, 5)
	if err != nil {
		t.Fatal(err)
	}
	img, err := RasterPlot(m, RasterPlotOptions{
		Title: "Pattern 'A'", Raster: RasterOptions{Min: -1, Max: 1, CellBorders: true},
		SquareCells: true, HideAxes: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	w, err := NewMatrix(hebbian(25, patA))
	if err != nil {
		t.Fatal(err)
	}
	wp, err := weightsPlot(w, "Its weights")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Side("One stored pattern", img, wp)
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "figure_side", 0, 0, f)
}

// The figures of package figure, drawn: a recall's trace, the weights of
// the notebook's pictures, a gallery of patterns.
func TestGoldenFigures(t *testing.T) {
	bu, bc := patterns.BU(), patterns.BC()
	net, err := hopfield.Learn(hopfield.Config{}, bu.Data, bc.Data)
	if err != nil {
		t.Fatal(err)
	}
	cue, _ := patterns.FlipExact(nil, bc.Data, 0.3, hopfield.NewSource(1))
	var tr hopfield.Trace
	if _, err := net.Run(cue, hopfield.RunOptions{Update: hopfield.Asynchronous, Source: hopfield.NewSource(2), Observe: tr.Observe}); err != nil {
		t.Fatal(err)
	}
	trace, err := figure.Trace("trace", &tr, "BU", "BC")
	if err != nil {
		t.Fatal(err)
	}
	weights, err := figure.Weights(net, 100, "W for BU and BC")
	if err != nil {
		t.Fatal(err)
	}
	gallery := &figure.Figure{Name: "gallery", Title: "Stored", Panels: []*figure.Panel{{Patterns: figure.NewPatterns(bu, bc)}}}
	for _, f := range []*figure.Figure{trace, {Name: "weights", Panels: []*figure.Panel{weights}}, gallery} {
		p, err := Draw(f)
		if err != nil {
			t.Fatal(err)
		}
		checkGolden(t, "figure_"+f.Name, 7*vg.Inch, 5*vg.Inch, p)
	}
}
