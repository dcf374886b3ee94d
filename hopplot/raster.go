package hopplot

import (
	"image"
	"image/color"
	imgdraw "image/draw"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/hopfield-lab/hopfield/figure"
)

// DefaultMaxCells is the default limit on cells drawn per side of a Raster;
// larger grids are block-averaged down to it.
const DefaultMaxCells = figure.DefaultMaxCells

// Resolution limits of the bitmap a Raster draws: vector outputs (svg, pdf)
// get a bitmap at vectorImageDPI, bitmaps never exceed maxImagePixels a side.
const (
	vectorImageDPI = 200
	maxImagePixels = 4096
)

// RasterOptions control how a Raster maps values to colours.
type RasterOptions struct {
	// Colormap maps values to colours; the zero value is InkMap.
	Colormap Colormap
	// Min and Max are the values mapped to the two ends of the colormap.
	// When both are zero the range of the values drawn is used (block
	// averages when downsampled), made symmetric around 0 for DivergingMap.
	Min, Max float64
	// MaxCells limits the cells drawn per side; bigger grids are
	// block-averaged first. Zero means DefaultMaxCells.
	MaxCells int
	// CellBorders draws thin lines between cells (only when the grid is
	// drawn without downsampling).
	CellBorders bool
}

// Raster is a plot.Plotter drawing a Matrix as a grid of crisp cells. Cell
// (i, j) is centred on x = j, y = i (extent -0.5 .. cols-0.5), as with
// matplotlib's imshow; use an inverted Y axis (RasterPlot does) to have row
// 0 at the top. The image is flipped to follow the axes' directions.
type Raster struct {
	grid       *Matrix // after downsampling
	rows, cols int     // of the original matrix
	fr, fc     int     // block size of the downsampling
	lo, hi     float64
	cmap       Colormap
	borders    bool

	// BorderStyle is the style of the cell borders.
	BorderStyle draw.LineStyle
}

// NewRaster validates the options and downsamples m as needed.
func NewRaster(m *Matrix, opts RasterOptions) (*Raster, error) {
	if m == nil {
		return nil, errorf("raster: nil matrix")
	}
	if !opts.Colormap.valid() {
		return nil, errorf("raster: unknown colormap %d", opts.Colormap)
	}
	if opts.MaxCells < 0 {
		return nil, errorf("raster: MaxCells %d is negative", opts.MaxCells)
	}
	if err := checkFinite("raster range", []float64{opts.Min, opts.Max}); err != nil {
		return nil, err
	}
	if opts.Min != 0 || opts.Max != 0 {
		if !(opts.Min < opts.Max) {
			return nil, errorf("raster: value range [%v, %v] is empty", opts.Min, opts.Max)
		}
	}
	maxCells := opts.MaxCells
	if maxCells == 0 {
		maxCells = DefaultMaxCells
	}
	rows, cols := m.Dims()
	fr, fc := (rows+maxCells-1)/maxCells, (cols+maxCells-1)/maxCells
	g, err := m.BlockAverage(fr, fc)
	if err != nil {
		return nil, err
	}
	return newRasterGrid(g, rows, cols, fr, fc, opts), nil
}

// newRasterGrid is a Raster of an original rows x cols grid, drawn as the
// block means g of fr x fc blocks.
func newRasterGrid(g *Matrix, rows, cols, fr, fc int, opts RasterOptions) *Raster {
	lo, hi := opts.Min, opts.Max
	if lo == 0 && hi == 0 {
		lo, hi = g.Range()
		if opts.Colormap == DivergingMap {
			a := math.Max(math.Abs(lo), math.Abs(hi))
			lo, hi = -a, a
		}
		if lo == hi {
			lo, hi = lo-1, hi+1
		}
	}
	return &Raster{
		grid: g, rows: rows, cols: cols, fr: fr, fc: fc,
		lo: lo, hi: hi, cmap: opts.Colormap, borders: opts.CellBorders,
		BorderStyle: draw.LineStyle{Color: color.Gray{Y: 150}, Width: vg.Points(0.5)},
	}
}

// Dims returns the size of the original matrix (data coordinates).
func (r *Raster) Dims() (rows, cols int) { return r.rows, r.cols }

// Block returns the block size of the downsampling (1, 1 when none).
func (r *Raster) Block() (rows, cols int) { return r.fr, r.fc }

// Grid returns the matrix actually drawn (block-averaged when downsampled).
func (r *Raster) Grid() *Matrix { return r.grid }

// Range returns the values mapped to the ends of the colormap.
func (r *Raster) Range() (lo, hi float64) { return r.lo, r.hi }

// Color returns the colour of value v.
func (r *Raster) Color(v float64) color.RGBA { return r.cmap.At((v - r.lo) / (r.hi - r.lo)) }

// DataRange implements plot.DataRanger.
func (r *Raster) DataRange() (xmin, xmax, ymin, ymax float64) {
	return -0.5, float64(r.cols) - 0.5, -0.5, float64(r.rows) - 0.5
}

// Plot implements plot.Plotter.
func (r *Raster) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	x0, x1 := trX(-0.5), trX(float64(r.cols)-0.5)
	y0, y1 := trY(-0.5), trY(float64(r.rows)-0.5)
	r.drawAt(c, x0, x1, y0, y1)
}

// drawAt draws the cells into the device rectangle whose column 0 edge is
// at x0, last column edge at x1, row 0 edge at y0 and last row edge at y1.
func (r *Raster) drawAt(c draw.Canvas, x0, x1, y0, y1 vg.Length) {
	rect := vg.Rectangle{
		Min: vg.Point{X: min(x0, x1), Y: min(y0, y1)},
		Max: vg.Point{X: max(x0, x1), Y: max(y0, y1)},
	}
	size := rect.Size()
	if size.X <= 0 || size.Y <= 0 {
		return
	}
	dpi := imageDPI(c.Canvas)
	pw := clampPixels(size.X.Dots(dpi))
	ph := clampPixels(size.Y.Dots(dpi))
	// Image rows run top-down; vg's Y axis runs bottom-up. Row 0 belongs at
	// the top of the image when its edge y0 is the higher one.
	img := r.paint(pw, ph, x0 > x1, y0 < y1)
	c.DrawImage(rect, img)

	if r.borders && r.fr == 1 && r.fc == 1 {
		var lines [][]vg.Point
		for j := 0; j <= r.cols; j++ {
			x := x0 + (x1-x0)*vg.Length(j)/vg.Length(r.cols)
			lines = append(lines, []vg.Point{{X: x, Y: rect.Min.Y}, {X: x, Y: rect.Max.Y}})
		}
		for i := 0; i <= r.rows; i++ {
			y := y0 + (y1-y0)*vg.Length(i)/vg.Length(r.rows)
			lines = append(lines, []vg.Point{{X: rect.Min.X, Y: y}, {X: rect.Max.X, Y: y}})
		}
		c.StrokeLines(r.BorderStyle, lines...)
	}
}

// paint renders the grid to a pw x ph bitmap by nearest-cell sampling, so
// cells stay crisp. Each pixel centre is mapped back to a cell of the
// original matrix and from there to its block, which keeps partial edge
// blocks at their true size.
func (r *Raster) paint(pw, ph int, flipX, flipY bool) *image.RGBA {
	g := r.grid
	gr, gc := g.Dims()
	colour := make([][]color.RGBA, gr)
	for i := range colour {
		colour[i] = make([]color.RGBA, gc)
		for j := range colour[i] {
			colour[i][j] = r.Color(g.At(i, j))
		}
	}
	colOf := sampleIndex(pw, r.cols, r.fc, flipX)
	rowOf := sampleIndex(ph, r.rows, r.fr, flipY)
	img := image.NewRGBA(image.Rect(0, 0, pw, ph))
	for py, bi := range rowOf {
		line := img.Pix[py*img.Stride : py*img.Stride+4*pw]
		if py > 0 && rowOf[py-1] == bi {
			copy(line, img.Pix[(py-1)*img.Stride:(py-1)*img.Stride+4*pw])
			continue
		}
		for px, bj := range colOf {
			k := colour[bi][bj]
			line[4*px], line[4*px+1], line[4*px+2], line[4*px+3] = k.R, k.G, k.B, k.A
		}
	}
	return img
}

// sampleIndex maps each of n pixels to the block holding the cell of an
// axis of cells cells (block size f) under its centre.
func sampleIndex(n, cells, f int, flip bool) []int {
	idx := make([]int, n)
	for p := range idx {
		j := int((float64(p) + 0.5) * float64(cells) / float64(n))
		j = min(max(j, 0), cells-1)
		if flip {
			j = cells - 1 - j
		}
		idx[p] = j / f
	}
	return idx
}

// imageDPI is the resolution at which bitmaps are rendered for canvas c:
// that of the output for bitmap canvases, vectorImageDPI otherwise.
func imageDPI(c vg.Canvas) float64 {
	if b, ok := c.(interface {
		Image() imgdraw.Image
		DPI() float64
	}); ok {
		return b.DPI()
	}
	return vectorImageDPI
}

func clampPixels(d float64) int {
	return min(max(int(math.Round(d)), 1), maxImagePixels)
}

// RasterPlotOptions describe a whole raster figure panel.
type RasterPlotOptions struct {
	Title, XLabel, YLabel string
	Raster                RasterOptions
	// ColorBar adds a vertical colour bar with value ticks on the right.
	ColorBar bool
	// SquareCells keeps cells square (for images and weight matrices);
	// otherwise the raster fills the panel (for neuron x time rasters).
	SquareCells bool
	// HideAxes removes axes and tick labels (for pictures).
	HideAxes bool
}

// RasterPanel is a Panel showing a Raster in a plot, optionally with
// square cells and a colour bar.
type RasterPanel struct {
	// Plot holds the axes, labels and title; it may be adjusted.
	Plot   *plot.Plot
	Raster *Raster
	opts   RasterPlotOptions
}

// RasterPlot builds a RasterPanel with row 0 at the top and integer ticks.
func RasterPlot(m *Matrix, opts RasterPlotOptions) (*RasterPanel, error) {
	r, err := NewRaster(m, opts.Raster)
	if err != nil {
		return nil, err
	}
	return rasterPanel(r, opts), nil
}

// rasterPanel puts r in a plot with row 0 at the top and integer ticks.
func rasterPanel(r *Raster, opts RasterPlotOptions) *RasterPanel {
	p := NewPlot(opts.Title, opts.XLabel, opts.YLabel)
	p.Y.Scale = plot.InvertedScale{Normalizer: plot.LinearScale{}}
	p.X.Padding, p.Y.Padding = 0, 0
	p.X.Tick.Marker, p.Y.Tick.Marker = intTicks{}, intTicks{}
	p.Add(r)
	if opts.HideAxes {
		p.HideAxes()
	}
	return &RasterPanel{Plot: p, Raster: r, opts: opts}
}

// Colour bar geometry.
const (
	barGap   = vg.Length(0.15 * vg.Inch)
	barWidth = vg.Length(0.2 * vg.Inch)
	barTick  = vg.Length(3)
	// barLabelGap separates the tick labels from the bar's label.
	barLabelGap = vg.Length(4)
)

// Draw implements Panel.
func (rp *RasterPanel) Draw(c draw.Canvas) {
	p := rp.Plot
	bar := colorBar{lo: rp.Raster.lo, hi: rp.Raster.hi, cmap: rp.Raster.cmap}
	if rp.opts.ColorBar {
		c.Max.X -= bar.width()
	}
	if rp.opts.SquareCells {
		c = fitAspect(p, c, float64(rp.Raster.cols)/float64(rp.Raster.rows))
	}
	p.Draw(c)
	dc := p.DataCanvas(c)
	c.StrokeLines(frameStyle(), rectPath(dc.Rectangle))
	if rp.opts.ColorBar {
		bar.draw(c, dc.Rectangle)
	}
}

func frameStyle() draw.LineStyle { return draw.LineStyle{Color: color.Black, Width: vg.Points(0.75)} }

// colorBar is a vertical colour scale right of a data area: the colormap
// from lo (bottom) to hi (top), value ticks, and a label when there is one.
type colorBar struct {
	lo, hi float64
	cmap   Colormap
	label  string
}

func (b colorBar) ticks() []plot.Tick { return niceTicks{target: 6}.Ticks(b.lo, b.hi) }

func barTickStyle() text.Style {
	sty := textStyle(sansFont, TickSize)
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YCenter
	return sty
}

// barLabelStyle reads upwards, as a y axis label does, with its top
// towards the bar.
func barLabelStyle() text.Style {
	sty := textStyle(sansFont, LabelSize)
	sty.Rotation = math.Pi / 2
	sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
	return sty
}

// tickWidth is the width of the widest tick label.
func (b colorBar) tickWidth() vg.Length {
	sty := barTickStyle()
	var w vg.Length
	for _, t := range b.ticks() {
		w = max(w, sty.Width(t.Label))
	}
	return w
}

// width is the room the bar takes right of the data area.
func (b colorBar) width() vg.Length {
	w := barGap + barWidth + barTick + 2 + b.tickWidth() + 2
	if b.label != "" {
		w += barLabelGap + barLabelStyle().Height(b.label)
	}
	return w
}

// draw draws the bar beside the data area dc.
func (b colorBar) draw(c draw.Canvas, dc vg.Rectangle) {
	x0 := dc.Max.X + barGap
	levels := make([]float64, 256)
	for i := range levels {
		levels[i] = b.hi - (float64(i)+0.5)/256*(b.hi-b.lo)
	}
	grid, _ := NewMatrixFlat(levels, 256, 1) // finite: lo and hi are
	img := &Raster{grid: grid, rows: 256, cols: 1, fr: 1, fc: 1, lo: b.lo, hi: b.hi, cmap: b.cmap}
	img.drawAt(c, x0, x0+barWidth, dc.Max.Y, dc.Min.Y)
	frame := frameStyle()
	c.StrokeLines(frame, rectPath(vg.Rectangle{
		Min: vg.Point{X: x0, Y: dc.Min.Y}, Max: vg.Point{X: x0 + barWidth, Y: dc.Max.Y}}))
	span := b.hi - b.lo
	tickStyle := barTickStyle()
	for _, t := range b.ticks() {
		y := dc.Min.Y + (dc.Max.Y-dc.Min.Y)*vg.Length((t.Value-b.lo)/span)
		c.StrokeLine2(frame, x0+barWidth, y, x0+barWidth+barTick, y)
		c.FillText(tickStyle, vg.Point{X: x0 + barWidth + barTick + 2, Y: y}, t.Label)
	}
	if b.label != "" {
		x := x0 + barWidth + barTick + 2 + b.tickWidth() + 2 + barLabelGap
		c.FillText(barLabelStyle(), vg.Point{X: x, Y: (dc.Min.Y + dc.Max.Y) / 2}, b.label)
	}
}

// fitAspect shrinks c so that the data area of p has width/height equal to
// ratio, centring it horizontally and keeping it at the top (so titles of
// panels side by side stay aligned).
func fitAspect(p *plot.Plot, c draw.Canvas, ratio float64) draw.Canvas {
	for range 2 { // axis sizes barely depend on the canvas; two passes settle
		dc := p.DataCanvas(c)
		w, h := float64(dc.Max.X-dc.Min.X), float64(dc.Max.Y-dc.Min.Y)
		if w <= 0 || h <= 0 {
			return c
		}
		if w/h > ratio {
			d := vg.Length(w-h*ratio) / 2
			c.Min.X += d
			c.Max.X -= d
		} else {
			c.Min.Y += vg.Length(h - w/ratio)
		}
	}
	return c
}

// rectPath is the closed outline of r.
func rectPath(r vg.Rectangle) []vg.Point {
	return []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}, r.Min}
}
