package hopplot

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Stem is a plot.Plotter drawing a stem plot, as matplotlib's plt.stem: a
// vertical line from the baseline to each (x, y) topped by a marker, over a
// horizontal baseline.
type Stem struct {
	plotter.XYs
	// Baseline is the y value the stems start from.
	Baseline float64
	// LineStyle is the style of the stems.
	LineStyle draw.LineStyle
	// GlyphStyle is the style of the marker heads.
	GlyphStyle draw.GlyphStyle
	// BaselineStyle is the style of the baseline; a nil colour hides it.
	BaselineStyle draw.LineStyle
}

// NewStem returns a stem plotter for the points (x[i], y[i]); a nil x means
// 0, 1, ..., len(y)-1. The stems are blue with filled circle heads.
func NewStem(x, y []float64) (*Stem, error) {
	xys, err := makeXYs("stem", x, y)
	if err != nil {
		return nil, err
	}
	s := &Stem{
		XYs:           xys,
		LineStyle:     draw.LineStyle{Width: vg.Points(1)},
		GlyphStyle:    draw.GlyphStyle{Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}},
		BaselineStyle: draw.LineStyle{Color: color.Gray{Y: 90}, Width: vg.Points(0.75)},
	}
	s.SetColor(Blue)
	return s, nil
}

// SetColor sets the colour of stems and heads.
func (s *Stem) SetColor(c color.Color) {
	s.LineStyle.Color = c
	s.GlyphStyle.Color = c
}

// makeXYs validates and pairs x and y (x nil means indices).
func makeXYs(what string, x, y []float64) (plotter.XYs, error) {
	if len(y) == 0 {
		return nil, errorf("%s: no values", what)
	}
	if x != nil && len(x) != len(y) {
		return nil, errorf("%s: %d x values for %d y values", what, len(x), len(y))
	}
	if err := checkFinite(what+" y", y); err != nil {
		return nil, err
	}
	if err := checkFinite(what+" x", x); err != nil {
		return nil, err
	}
	xys := make(plotter.XYs, len(y))
	for i := range y {
		xys[i].X = float64(i)
		if x != nil {
			xys[i].X = x[i]
		}
		xys[i].Y = y[i]
	}
	return xys, nil
}

// Plot implements plot.Plotter.
func (s *Stem) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	xmin, xmax, _, _ := plotter.XYRange(s.XYs)
	base := trY(s.Baseline)
	if s.BaselineStyle.Color != nil {
		c.StrokeLines(s.BaselineStyle, c.ClipLinesXY([]vg.Point{{X: trX(xmin), Y: base}, {X: trX(xmax), Y: base}})...)
	}
	lines := make([][]vg.Point, 0, len(s.XYs))
	for _, pt := range s.XYs {
		x := trX(pt.X)
		lines = append(lines, []vg.Point{{X: x, Y: base}, {X: x, Y: trY(pt.Y)}})
	}
	c.StrokeLines(s.LineStyle, c.ClipLinesXY(lines...)...)
	for _, pt := range s.XYs {
		q := vg.Point{X: trX(pt.X), Y: trY(pt.Y)}
		if c.Contains(q) {
			c.DrawGlyph(s.GlyphStyle, q)
		}
	}
}

// DataRange implements plot.DataRanger; the baseline is always in range.
func (s *Stem) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax, ymin, ymax = plotter.XYRange(s.XYs)
	return xmin, xmax, math.Min(ymin, s.Baseline), math.Max(ymax, s.Baseline)
}

// GlyphBoxes implements plot.GlyphBoxer so that heads are never clipped.
func (s *Stem) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	bs := make([]plot.GlyphBox, len(s.XYs))
	for i, pt := range s.XYs {
		bs[i].X = p.X.Norm(pt.X)
		bs[i].Y = p.Y.Norm(pt.Y)
		bs[i].Rectangle = s.GlyphStyle.Rectangle()
	}
	return bs
}

// Thumbnail implements plot.Thumbnailer.
func (s *Stem) Thumbnail(c *draw.Canvas) {
	x := (c.Min.X + c.Max.X) / 2
	top := c.Max.Y - s.GlyphStyle.Radius
	c.StrokeLine2(s.LineStyle, x, c.Min.Y, x, top)
	c.DrawGlyph(s.GlyphStyle, vg.Point{X: x, Y: top})
}

// StemOptions describe a stem plot panel.
type StemOptions struct {
	Title, XLabel, YLabel string
	// X are the positions (nil: 0, 1, ...).
	X []float64
	// Color of stems and heads (nil: blue).
	Color color.Color
	// Grid draws light grid lines, as plt.grid().
	Grid bool
}

// StemPlot returns a plot of y as stems, as in the notebook's
// plt.stem(S); plt.title('S original'); plt.grid().
func StemPlot(y []float64, opts StemOptions) (*plot.Plot, error) {
	s, err := NewStem(opts.X, y)
	if err != nil {
		return nil, err
	}
	if opts.Color != nil {
		s.SetColor(opts.Color)
	}
	p := NewPlot(opts.Title, opts.XLabel, opts.YLabel)
	if opts.Grid {
		addGrid(p)
	}
	p.Add(s)
	if allIntegers(y) {
		p.Y.Tick.Marker = intTicks{}
	}
	return p, nil
}

func allIntegers(v []float64) bool {
	for _, x := range v {
		if x != math.Trunc(x) {
			return false
		}
	}
	return true
}

// StemPlotInt8 is StemPlot for a state or pattern vector.
func StemPlotInt8(v []int8, opts StemOptions) (*plot.Plot, error) {
	y := make([]float64, len(v))
	for i, s := range v {
		y[i] = float64(s)
	}
	return StemPlot(y, opts)
}
