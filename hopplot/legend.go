package hopplot

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
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

// below puts the legend under the plot, outside the data area, its
// entries in as many columns as fit: figure.LegendBelow. A plot cannot
// draw outside its data area, so only the panels that Draw makes of a
// figure's panels (legendBelow, heatPanel) use it.
const below = NoLegend + 1

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
	// legendColGap separates the columns of a legend below a plot, and
	// legendAbove the legend from the plot over it.
	legendColGap = vg.Length(14)
	legendAbove  = vg.Length(8)
)

func legendTextStyle() text.Style {
	sty := textStyle(sansFont, LegendSize)
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YCenter
	return sty
}

// shown says whether the legend has anything to draw.
func (l *legendBox) shown() bool { return l != nil && l.pos != NoLegend && len(l.entries) > 0 }

// entryWidth is the width of the widest entry: thumbnail and name.
func (l *legendBox) entryWidth() vg.Length {
	sty := legendTextStyle()
	var tw vg.Length
	for _, e := range l.entries {
		tw = max(tw, sty.Width(e.name))
	}
	return legendThumb + legendGap + tw
}

// size is the size of the legend box with its entries in cols columns,
// filled column by column.
func (l *legendBox) size(cols int) vg.Point {
	rows := (len(l.entries) + cols - 1) / cols
	return vg.Point{
		X: 2*legendPad + vg.Length(cols)*l.entryWidth() + vg.Length(cols-1)*legendColGap,
		Y: 2*legendPad + LegendSize*1.5*vg.Length(rows),
	}
}

// columns is the number of columns that fit a legend below a plot into
// width w, balanced so that no column is much shorter than the others.
func (l *legendBox) columns(w vg.Length) int {
	n, cols := len(l.entries), 1
	for cols < n && l.size(cols+1).X <= w {
		cols++
	}
	rows := (n + cols - 1) / cols
	return (n + rows - 1) / rows
}

// belowRoom is the height a legend below a plot takes, the gap over it
// included, when the data area is w wide (0 when it is not below).
func (l *legendBox) belowRoom(w vg.Length) vg.Length {
	if !l.shown() || l.pos != below {
		return 0
	}
	return legendAbove + l.size(l.columns(w)).Y
}

// drawBelow draws a legend below a plot: centred under the data area dc,
// its bottom at the bottom of c, kept inside c.
func (l *legendBox) drawBelow(c draw.Canvas, dc vg.Rectangle) {
	cols := l.columns(dc.Max.X - dc.Min.X)
	sz := l.size(cols)
	x0 := (dc.Min.X+dc.Max.X)/2 - sz.X/2
	x0 = max(min(x0, c.Max.X-sz.X), c.Min.X)
	l.drawBox(c, vg.Rectangle{Min: vg.Point{X: x0, Y: c.Min.Y}, Max: vg.Point{X: x0 + sz.X, Y: c.Min.Y + sz.Y}}, cols)
}

func (l *legendBox) Plot(c draw.Canvas, p *plot.Plot) {
	if !l.shown() || l.pos == below {
		return
	}
	sz := l.size(1)
	l.drawBox(c, l.place(c, p, sz.X, sz.Y), 1)
}

// drawBox draws the legend into box, its entries in cols columns.
func (l *legendBox) drawBox(c draw.Canvas, box vg.Rectangle, cols int) {
	sty := legendTextStyle()
	rowH := LegendSize * 1.5
	rows := (len(l.entries) + cols - 1) / cols
	pts := rectPath(box)
	c.FillPolygon(color.NRGBA{R: 255, G: 255, B: 255, A: 230}, pts[:4])
	c.StrokeLines(draw.LineStyle{Color: color.Gray{Y: 170}, Width: vg.Points(0.6)}, pts)
	for i, e := range l.entries {
		top := box.Max.Y - legendPad - rowH*vg.Length(i%rows)
		left := box.Min.X + legendPad + vg.Length(i/rows)*(l.entryWidth()+legendColGap)
		tc := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: left, Y: top - rowH + 2},
			Max: vg.Point{X: left + legendThumb, Y: top - 2},
		}}
		for _, t := range e.thumbs {
			t.Thumbnail(&tc)
		}
		c.FillText(sty, vg.Point{X: left + legendThumb + legendGap, Y: top - rowH/2}, e.name)
	}
}

// legendBelow is a plot with its legend under it, outside the data area.
type legendBelow struct {
	plot *plot.Plot
	leg  *legendBox
}

// plotCanvas is the part of c the plot takes: all but the legend's room.
func (b *legendBelow) plotCanvas(c draw.Canvas) draw.Canvas {
	dc := b.plot.DataCanvas(c)
	c.Min.Y += b.leg.belowRoom(dc.Max.X - dc.Min.X)
	return c
}

// DataCanvas returns the data area of the plot drawn into c, as
// plot.Plot's does, so that figures align it with their other plots.
func (b *legendBelow) DataCanvas(c draw.Canvas) draw.Canvas {
	return b.plot.DataCanvas(b.plotCanvas(c))
}

// Draw implements Panel.
func (b *legendBelow) Draw(c draw.Canvas) {
	pc := b.plotCanvas(c)
	b.plot.Draw(pc)
	b.leg.drawBelow(c, b.plot.DataCanvas(pc).Rectangle)
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
