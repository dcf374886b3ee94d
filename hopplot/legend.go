package hopplot

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// LegendPosition places a legend box inside the data area.
type LegendPosition int

const (
	// Best puts the legend in the corner where it hides the least data.
	Best LegendPosition = iota
	TopRight
	TopLeft
	BottomRight
	BottomLeft
	// NoLegend hides the legend.
	NoLegend
)

func (l LegendPosition) valid() bool { return l >= Best && l <= NoLegend }

type legendEntry struct {
	name   string
	thumbs []plot.Thumbnailer
}

// legendBox is a plot.Plotter drawing a framed legend on a white box in a
// corner of the data area (gonum's own legend has no background, so lines
// run through its text). Add it last. With Best it avoids the data it was
// told about: curves (dense point sets) and bars (rectangles).
type legendBox struct {
	pos     LegendPosition
	entries []legendEntry
	curves  []plotter.XYs
	bars    []dataRect
}

// dataRect is a rectangle in data coordinates.
type dataRect struct{ x0, x1, y0, y1 float64 }

func (l *legendBox) add(name string, thumbs ...plot.Thumbnailer) {
	if name != "" {
		l.entries = append(l.entries, legendEntry{name, thumbs})
	}
}

const (
	legendPad   = vg.Length(5)
	legendInset = vg.Length(6)
	legendThumb = vg.Length(22)
	legendGap   = vg.Length(5)
)

func (l *legendBox) Plot(c draw.Canvas, p *plot.Plot) {
	if l.pos == NoLegend || len(l.entries) == 0 {
		return
	}
	sty := textStyle(sansFont, LegendSize)
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YCenter
	rowH := LegendSize * 1.5
	var tw vg.Length
	for _, e := range l.entries {
		tw = max(tw, sty.Width(e.name))
	}
	w := legendPad + legendThumb + legendGap + tw + legendPad
	h := legendPad + rowH*vg.Length(len(l.entries)) + legendPad
	box := l.place(c, p, w, h)
	pts := rectPath(box)
	c.FillPolygon(color.NRGBA{R: 255, G: 255, B: 255, A: 230}, pts[:4])
	c.StrokeLines(draw.LineStyle{Color: color.Gray{Y: 170}, Width: vg.Points(0.6)}, pts)
	for i, e := range l.entries {
		top := box.Max.Y - legendPad - rowH*vg.Length(i)
		tc := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: box.Min.X + legendPad, Y: top - rowH + 2},
			Max: vg.Point{X: box.Min.X + legendPad + legendThumb, Y: top - 2},
		}}
		for _, t := range e.thumbs {
			t.Thumbnail(&tc)
		}
		c.FillText(sty, vg.Point{X: box.Min.X + legendPad + legendThumb + legendGap, Y: top - rowH/2}, e.name)
	}
}

// place returns the legend rectangle for the requested corner or, for Best,
// the first corner (top right, top left, bottom right, bottom left) that
// covers the least data.
func (l *legendBox) place(c draw.Canvas, p *plot.Plot, w, h vg.Length) vg.Rectangle {
	at := func(pos LegendPosition) vg.Rectangle {
		x0, y1 := c.Max.X-legendInset-w, c.Max.Y-legendInset
		switch pos {
		case TopLeft:
			x0 = c.Min.X + legendInset
		case BottomLeft:
			x0, y1 = c.Min.X+legendInset, c.Min.Y+legendInset+h
		case BottomRight:
			y1 = c.Min.Y + legendInset + h
		}
		return vg.Rectangle{Min: vg.Point{X: x0, Y: y1 - h}, Max: vg.Point{X: x0 + w, Y: y1}}
	}
	if l.pos != Best {
		return at(l.pos)
	}
	trX, trY := p.Transforms(&c)
	best, bestCost := at(TopRight), math.Inf(1)
	for _, pos := range []LegendPosition{TopRight, TopLeft, BottomRight, BottomLeft} {
		r := at(pos)
		// Grow the box a little so that data hugging it counts too.
		r.Min.X, r.Min.Y, r.Max.X, r.Max.Y = r.Min.X-4, r.Min.Y-4, r.Max.X+4, r.Max.Y+4
		var cost float64
		for _, xys := range l.curves {
			cost += curveHits(xys, r, trX, trY)
		}
		for _, b := range l.bars {
			ov := overlap(r, vg.Rectangle{
				Min: vg.Point{X: trX(b.x0), Y: trY(b.y0)},
				Max: vg.Point{X: trX(b.x1), Y: trY(b.y1)},
			})
			cost += 100 * ov / float64(w*h)
		}
		if cost < bestCost {
			best, bestCost = at(pos), cost
		}
	}
	return best
}

// curveHits counts points along the polyline xys, sampled every 2 points
// of length, that fall inside r.
func curveHits(xys plotter.XYs, r vg.Rectangle, trX, trY func(float64) vg.Length) float64 {
	in := func(x, y vg.Length) bool { return x >= r.Min.X && x <= r.Max.X && y >= r.Min.Y && y <= r.Max.Y }
	var n float64
	for i, pt := range xys {
		x, y := trX(pt.X), trY(pt.Y)
		if in(x, y) {
			n++
		}
		if i+1 == len(xys) {
			break
		}
		x1, y1 := trX(xys[i+1].X), trY(xys[i+1].Y)
		steps := int(math.Min(200, math.Hypot(float64(x1-x), float64(y1-y))/2))
		for s := 1; s < steps; s++ {
			f := vg.Length(float64(s) / float64(steps))
			if in(x+f*(x1-x), y+f*(y1-y)) {
				n++
			}
		}
	}
	return n
}

func overlap(a, b vg.Rectangle) float64 {
	b.Min.X, b.Max.X = min(b.Min.X, b.Max.X), max(b.Min.X, b.Max.X)
	b.Min.Y, b.Max.Y = min(b.Min.Y, b.Max.Y), max(b.Min.Y, b.Max.Y)
	w := min(a.Max.X, b.Max.X) - max(a.Min.X, b.Min.X)
	h := min(a.Max.Y, b.Max.Y) - max(a.Min.Y, b.Min.Y)
	if w <= 0 || h <= 0 {
		return 0
	}
	return float64(w * h)
}
