package hopplot

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// RefLine is a plot.Plotter drawing a horizontal (y = Value) or vertical
// (x = Value) line across the whole data area, as matplotlib's axhline and
// axvline. Its value is kept inside the axis range.
type RefLine struct {
	Value     float64
	Vertical  bool
	LineStyle draw.LineStyle
}

// HLine returns a dark gray dashed horizontal reference line at y.
func HLine(y float64) *RefLine {
	return &RefLine{Value: y, LineStyle: refStyle()}
}

// VLine returns a dark gray dashed vertical reference line at x.
func VLine(x float64) *RefLine {
	return &RefLine{Value: x, Vertical: true, LineStyle: refStyle()}
}

func refStyle() draw.LineStyle {
	return draw.LineStyle{Color: color.Gray{Y: 60}, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}
}

// DottedRed is the notebook's reference line style (color='red', linestyle=':').
func DottedRed() draw.LineStyle {
	return draw.LineStyle{Color: Red, Width: vg.Points(1.5), Dashes: []vg.Length{vg.Points(1.5), vg.Points(2.5)}}
}

func (r *RefLine) validate() error {
	if math.IsNaN(r.Value) || math.IsInf(r.Value, 0) {
		return errorf("reference line at %v", r.Value)
	}
	return nil
}

// Plot implements plot.Plotter.
func (r *RefLine) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	if r.Vertical {
		x := trX(r.Value)
		c.StrokeLines(r.LineStyle, c.ClipLinesX([]vg.Point{{X: x, Y: c.Min.Y}, {X: x, Y: c.Max.Y}})...)
		return
	}
	y := trY(r.Value)
	c.StrokeLines(r.LineStyle, c.ClipLinesY([]vg.Point{{X: c.Min.X, Y: y}, {X: c.Max.X, Y: y}})...)
}

// DataRange implements plot.DataRanger: only the line's own coordinate.
func (r *RefLine) DataRange() (xmin, xmax, ymin, ymax float64) {
	inf := math.Inf(1)
	if r.Vertical {
		return r.Value, r.Value, inf, -inf
	}
	return inf, -inf, r.Value, r.Value
}

// Thumbnail implements plot.Thumbnailer.
func (r *RefLine) Thumbnail(c *draw.Canvas) {
	y := (c.Min.Y + c.Max.Y) / 2
	c.StrokeLine2(r.LineStyle, c.Min.X, y, c.Max.X, y)
}
