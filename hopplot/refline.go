package hopplot

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
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
	// Label, if set, is written beside the line in its colour: along a
	// horizontal line at the end that the plot's data leave free, beside
	// a vertical one in the corner they leave free.
	Label string

	avoid []plotter.XYs // the data the label keeps clear of
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
	at := trY(r.Value)
	if r.Vertical {
		at = trX(r.Value)
		c.StrokeLines(r.LineStyle, c.ClipLinesX([]vg.Point{{X: at, Y: c.Min.Y}, {X: at, Y: c.Max.Y}})...)
	} else {
		c.StrokeLines(r.LineStyle, c.ClipLinesY([]vg.Point{{X: c.Min.X, Y: at}, {X: c.Max.X, Y: at}})...)
	}
	if r.Label == "" || (r.Vertical && (at < c.Min.X || at > c.Max.X)) || (!r.Vertical && (at < c.Min.Y || at > c.Max.Y)) {
		return
	}
	sty := textStyle(sansFont, TickSize)
	sty.Color = r.LineStyle.Color
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YBottom
	w, h := sty.Width(r.Label), sty.Height(r.Label)
	box := refLabelBox(r.Vertical, at, c.Rectangle, w, h, func(b vg.Rectangle) float64 {
		var n float64
		for _, xys := range r.avoid {
			n += curveHits(xys, b, trX, trY)
		}
		return n
	})
	c.FillText(sty, box.Min, r.Label)
}

// refLabelGap separates a reference line's label from the line and the
// edges of the data area.
const refLabelGap = vg.Length(3)

// refLabelBox places a w x h label beside a reference line at device
// coordinate at in the data area d: above a horizontal line (below it
// when there is no room above) at its right or left end, or right or
// left of a vertical line at its top or bottom; the first place that
// hits least data (hits counts the samples of data in a box) and stays
// in d.
func refLabelBox(vertical bool, at vg.Length, d vg.Rectangle, w, h vg.Length, hits func(vg.Rectangle) float64) vg.Rectangle {
	g := refLabelGap
	var mins []vg.Point
	if vertical {
		for _, y := range []vg.Length{d.Max.Y - g - h, d.Min.Y + g} {
			mins = append(mins, vg.Point{X: at + g, Y: y}, vg.Point{X: at - g - w, Y: y})
		}
	} else {
		for _, y := range []vg.Length{at + g, at - g - h} {
			mins = append(mins, vg.Point{X: d.Max.X - g - w, Y: y}, vg.Point{X: d.Min.X + g, Y: y})
		}
	}
	var best vg.Rectangle
	bestCost := math.Inf(1)
	for i, m := range mins {
		b := vg.Rectangle{Min: m, Max: vg.Point{X: m.X + w, Y: m.Y + h}}
		cost := hits(vg.Rectangle{Min: vg.Point{X: b.Min.X - 2, Y: b.Min.Y - 2}, Max: vg.Point{X: b.Max.X + 2, Y: b.Max.Y + 2}})
		if b.Min.X < d.Min.X || b.Max.X > d.Max.X || b.Min.Y < d.Min.Y || b.Max.Y > d.Max.Y {
			cost += 1e6 // outside: only if nothing else fits
		}
		if i == 0 || cost < bestCost {
			best, bestCost = b, cost
		}
	}
	return best
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
