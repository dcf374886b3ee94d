package hopplot

import (
	"image/color"
	"io"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/hopfield-lab/hopfield/figure"
	"github.com/hopfield-lab/hopfield/patterns"
)

// Draw returns a Panel that draws the figure f (see package figure): the
// figure a browser draws from f's JSON, here with gonum/plot. A figure of one
// panel without a title is that panel alone.
func Draw(f *figure.Figure) (Panel, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	panels := make([]Panel, len(f.Panels))
	var plots []*plot.Plot
	for i, p := range f.Panels {
		if p == nil {
			continue
		}
		d, err := drawPanel(p)
		if err != nil {
			return nil, err
		}
		panels[i] = d
		switch pl := d.(type) {
		case *plot.Plot:
			plots = append(plots, pl)
		case *legendBelow:
			plots = append(plots, pl.plot)
		}
	}
	if f.ShareX {
		shareX(plots)
	}
	rows, cols := f.Grid()
	if f.Title == "" && rows*cols == 1 {
		return panels[0], nil
	}
	return NewFigure(f.Title, rows, cols, panels...)
}

// RenderFigure writes the figure f as "png", "svg" or "pdf" at its page
// size.
func RenderFigure(w io.Writer, format string, f *figure.Figure, opts ...SaveOption) error {
	p, err := Draw(f)
	if err != nil {
		return err
	}
	return Render(w, format, inches(f.Width), inches(f.Height), p, opts...)
}

// SaveFigure writes the figure f to path at its page size, in the format
// of the path's extension.
func SaveFigure(path string, f *figure.Figure, opts ...SaveOption) error {
	p, err := Draw(f)
	if err != nil {
		return err
	}
	return Save(path, inches(f.Width), inches(f.Height), p, opts...)
}

func inches(x float64) vg.Length { return vg.Length(x) * vg.Inch }

func drawPanel(p *figure.Panel) (Panel, error) {
	switch {
	case p.Patterns != nil:
		return drawPatterns(p)
	case p.Raster != nil:
		return drawRaster(p)
	case p.Heat != nil:
		return drawHeat(p)
	}
	var pl *plot.Plot
	var leg *legendBox
	var err error
	refs := refLines(p.Refs)
	switch {
	case p.Hist != nil:
		pl, err = histPlot(p.Hist, p.Title, p.XLabel, p.YLabel, colorOr(p.Hist.Color, nil), refs)
	case len(p.Stems) > 0:
		pl, err = stemsPlot(p, refs)
	default:
		pl, leg, err = linePlot(LineOptions{Title: p.Title, XLabel: p.XLabel, YLabel: p.YLabel, Refs: refs, Grid: p.Grid,
			Legend: legendPositions[p.Legend]}, figureSeries(p.Series))
	}
	if err != nil {
		return nil, err
	}
	setAxis(&pl.X, p.X)
	setAxis(&pl.Y, p.Y)
	if leg.shown() && leg.pos == below {
		return &legendBelow{plot: pl, leg: leg}, nil
	}
	return pl, nil
}

// legendPositions maps a figure's legend positions to LegendPositions.
var legendPositions = map[string]LegendPosition{figure.LegendBest: Best, figure.LegendTopRight: TopRight, figure.LegendTopLeft: TopLeft,
	figure.LegendBottomRight: BottomRight, figure.LegendBottomLeft: BottomLeft, figure.LegendBelow: below, figure.LegendNone: NoLegend}

// figureSeries converts a figure's series to LinePlot's.
func figureSeries(ss []figure.Series) []Series {
	series := make([]Series, len(ss))
	for i, s := range ss {
		style := map[string]SeriesStyle{figure.Lines: Lines, "": Lines, figure.Points: Points, figure.LinesPoints: LinesPoints}[s.Style]
		series[i] = Series{Name: s.Name, X: s.X, Y: s.Y, Err: s.Err, Style: style, Color: colorOr(s.Color, nil), Dashed: s.Dashed}
	}
	return series
}

func stemsPlot(p *figure.Panel, refs []*RefLine) (*plot.Plot, error) {
	pl := NewPlot(p.Title, p.XLabel, p.YLabel)
	if p.Grid {
		addGrid(pl)
	}
	var stems []plotter.XYs // each stem, from 0 to its head: what labels avoid
	for _, g := range p.Stems {
		if len(g.X) == 0 {
			continue
		}
		st, err := NewStem(g.X, g.Y)
		if err != nil {
			return nil, err
		}
		st.SetColor(colorOr(g.Color, Blue))
		pl.Add(st)
		for _, pt := range st.XYs {
			stems = append(stems, plotter.XYs{{X: pt.X, Y: st.Baseline}, pt})
		}
	}
	for _, r := range refs {
		r.avoid = stems
		pl.Add(r)
	}
	return pl, nil
}

func drawRaster(p *figure.Panel) (Panel, error) {
	r := p.Raster
	g, err := r.Grid()
	if err != nil {
		return nil, err
	}
	opts := RasterOptions{Colormap: colormapOf(r.Colormap), Min: r.Min, Max: r.Max, CellBorders: r.CellBorders}
	rp := rasterPanel(newRasterGrid(g, r.Extent[0], r.Extent[1], r.Block[0], r.Block[1], opts), RasterPlotOptions{
		Title: p.Title, XLabel: p.XLabel, YLabel: p.YLabel, Raster: opts,
		ColorBar: r.ColorBar, SquareCells: r.SquareCells, HideAxes: r.HideAxes,
	})
	setAxis(&rp.Plot.X, p.X)
	setAxis(&rp.Plot.Y, p.Y)
	if !r.ColorBar && !r.SquareCells {
		return rp.Plot, nil // a plain plot lines up with the others of its figure
	}
	return rp, nil
}

func drawPatterns(p *figure.Panel) (Panel, error) {
	g := p.Patterns
	items := make([]Pattern, len(g.Items))
	for i, it := range g.Items {
		data, err := patterns.ParseCells(it.Cells, g.Shape[0]*g.Shape[1], true)
		if err != nil {
			return nil, errorf("pattern %d (%q): %v", i, it.Title, err)
		}
		items[i] = Pattern{Title: it.Title, Data: data}
	}
	return NewPatternGrid(g.Shape[0], g.Shape[1], items, PatternGridOptions{
		Title: p.Title, Columns: g.Columns, TitlesBelow: g.TitlesBelow, NoBorders: g.NoBorders,
	})
}

// setAxis applies a figure's axis settings to a plot's axis.
func setAxis(a *plot.Axis, s figure.Axis) {
	for _, v := range s.Include {
		a.Min, a.Max = math.Min(a.Min, v), math.Max(a.Max, v)
	}
	if s.Min != nil {
		a.Min = *s.Min
	}
	if s.Max != nil {
		a.Max = *s.Max
	}
	switch {
	case len(s.Ticks) > 0:
		ticks := make(plot.ConstantTicks, len(s.Ticks))
		for i, t := range s.Ticks {
			ticks[i] = plot.Tick{Value: t.Value, Label: t.Label}
		}
		a.Tick.Marker = ticks
	case s.Integer:
		a.Tick.Marker = integerTicks{}
	}
}

// shareX sets every plot's x range to the union of their ranges.
func shareX(plots []*plot.Plot) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range plots {
		lo, hi = math.Min(lo, p.X.Min), math.Max(hi, p.X.Max)
	}
	for _, p := range plots {
		p.X.Min, p.X.Max = lo, hi
	}
}

func refLines(refs []figure.Ref) []*RefLine {
	out := make([]*RefLine, len(refs))
	for i, r := range refs {
		l := HLine(r.At)
		if r.Vertical {
			l = VLine(r.At)
		}
		l.Label = r.Label
		switch r.Style {
		case figure.RefGray:
			l.LineStyle.Color = Gray
		case figure.RefDottedRed:
			l.LineStyle = DottedRed()
		}
		out[i] = l
	}
	return out
}

// colorOr is the colour named c, or def for "".
func colorOr(c string, def color.Color) color.Color {
	v, ok := figure.Colors[c]
	if !ok {
		return def
	}
	return rgb(v)
}

// integerTicks keeps the default ticks that fall on integers (neuron
// indices), labelled without decimals.
type integerTicks struct{}

func (integerTicks) Ticks(lo, hi float64) []plot.Tick {
	var out []plot.Tick
	for _, t := range (plot.DefaultTicks{}).Ticks(lo, hi) {
		if t.Value == math.Trunc(t.Value) {
			if t.Label != "" {
				t.Label = strconv.FormatFloat(t.Value, 'f', 0, 64)
			}
			out = append(out, t)
		}
	}
	return out
}
