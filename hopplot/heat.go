package hopplot

import (
	"image"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/hopfield-lab/hopfield/figure"
)

// heatMap is a plot.Plotter drawing a figure.HeatMap: cells between given
// edges in data coordinates, row 0 at the bottom, painted as one bitmap of
// the visible part of the grid (so the cells stay crisp and the output
// small).
type heatMap struct {
	h      *figure.HeatMap
	lo, hi float64
	cmap   Colormap
}

func newHeatMap(h *figure.HeatMap) *heatMap {
	lo, hi := h.Range()
	return &heatMap{h: h, lo: lo, hi: hi, cmap: heatColormap(h.Colormap)}
}

// heatColormap maps a figure colormap name to a Colormap; "" is viridis
// for heat maps, whose values are a quantity rather than ink.
func heatColormap(name string) Colormap {
	if name == "" {
		return ViridisMap
	}
	return colormapOf(name)
}

// colormapOf maps a figure colormap name to a Colormap ("" is ink).
func colormapOf(name string) Colormap {
	return map[string]Colormap{figure.Ink: InkMap, "": InkMap, figure.Gray: GrayMap, figure.Diverging: DivergingMap, figure.Viridis: ViridisMap}[name]
}

// DataRange implements plot.DataRanger: the outer edges of the cells.
func (m *heatMap) DataRange() (xmin, xmax, ymin, ymax float64) {
	x, y := m.h.X, m.h.Y
	return x[0], x[len(x)-1], y[0], y[len(y)-1]
}

// Plot implements plot.Plotter. It paints the part of the grid inside the
// data area at the output's resolution, each pixel the colour of the cell
// under its centre; the cell edges are transformed once, so any monotone
// axis scale works.
func (m *heatMap) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	xs, ys := deviceEdges(m.h.X, trX), deviceEdges(m.h.Y, trY)
	rect := vg.Rectangle{
		Min: vg.Point{X: max(xs[0], c.Min.X), Y: max(ys[0], c.Min.Y)},
		Max: vg.Point{X: min(xs[len(xs)-1], c.Max.X), Y: min(ys[len(ys)-1], c.Max.Y)},
	}
	size := rect.Size()
	if size.X <= 0 || size.Y <= 0 {
		return
	}
	dpi := imageDPI(c.Canvas)
	pw, ph := clampPixels(size.X.Dots(dpi)), clampPixels(size.Y.Dots(dpi))
	cols := make([]int, pw)
	for px := range cols {
		cols[px] = edgeCell(xs, rect.Min.X+size.X*(vg.Length(px)+0.5)/vg.Length(pw))
	}
	img := image.NewRGBA(image.Rect(0, 0, pw, ph))
	_, nc := m.h.Dims()
	for py := range ph {
		// Image rows run top-down, the y axis bottom-up.
		row := edgeCell(ys, rect.Max.Y-size.Y*(vg.Length(py)+0.5)/vg.Length(ph))
		line := img.Pix[py*img.Stride : py*img.Stride+4*pw]
		for px, col := range cols {
			k := m.cmap.At((m.h.Values[row*nc+col] - m.lo) / (m.hi - m.lo))
			line[4*px], line[4*px+1], line[4*px+2], line[4*px+3] = k.R, k.G, k.B, k.A
		}
	}
	c.DrawImage(rect, img)
}

// deviceEdges transforms edges to device coordinates, increasing (an
// inverted axis reverses them; edgeCell then counts from the other end).
func deviceEdges(edges []float64, tr func(float64) vg.Length) []vg.Length {
	out := make([]vg.Length, len(edges))
	for i, e := range edges {
		out[i] = tr(e)
	}
	return out
}

// edgeCell is the cell of device coordinate v along edges in device
// coordinates, clamped to the grid (pixel centres near an outer edge may
// round past it). Edges decrease on an inverted axis.
func edgeCell(edges []vg.Length, v vg.Length) int {
	n := len(edges) - 1
	if edges[0] > edges[n] {
		up := slices.Clone(edges)
		slices.Reverse(up)
		return n - 1 - edgeCell(up, v)
	}
	i, _ := slices.BinarySearch(edges, v)
	return min(max(i-1, 0), n-1)
}

// heatPanel is a plot over a heat map with a colour bar on its right and
// a frame around the data area, like a RasterPanel with a colour bar.
type heatPanel struct {
	plot *plot.Plot
	bar  colorBar
	leg  *legendBox // drawn under the panel when below
}

// Draw implements Panel.
func (hp *heatPanel) Draw(c draw.Canvas) {
	pc := c
	pc.Max.X -= hp.bar.width()
	dc := hp.plot.DataCanvas(pc)
	pc.Min.Y += hp.leg.belowRoom(dc.Max.X - dc.Min.X)
	hp.plot.Draw(pc)
	dc = hp.plot.DataCanvas(pc)
	c.StrokeLines(frameStyle(), rectPath(dc.Rectangle))
	hp.bar.draw(c, dc.Rectangle)
	if hp.leg.shown() && hp.leg.pos == below {
		hp.leg.drawBelow(c, dc.Rectangle)
	}
}

// drawHeat builds the panel of a heat map with the panel's reference lines
// and series over it. The axes span the cells exactly unless the panel's
// axes say otherwise; the grid is not drawn (the cells would hide it).
func drawHeat(p *figure.Panel) (Panel, error) {
	hm := newHeatMap(p.Heat)
	pl := NewPlot(p.Title, p.XLabel, p.YLabel)
	pl.X.Padding, pl.Y.Padding = 0, 0
	pl.Add(hm)
	refs := refLines(p.Refs)
	for _, r := range refs {
		pl.Add(r)
	}
	leg := &legendBox{pos: legendPositions[p.Legend]}
	if err := addSeries(pl, leg, figureSeries(p.Series)); err != nil {
		return nil, err
	}
	for _, r := range refs {
		r.avoid = leg.curves
	}
	pl.Add(leg)
	pl.X.Min, pl.X.Max, pl.Y.Min, pl.Y.Max = hm.DataRange()
	setAxis(&pl.X, p.X)
	setAxis(&pl.Y, p.Y)
	return &heatPanel{plot: pl, bar: colorBar{lo: hm.lo, hi: hm.hi, cmap: hm.cmap, label: p.Heat.Label}, leg: leg}, nil
}
