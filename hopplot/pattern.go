package hopplot

import (
	"image/color"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Pattern is one image of a PatternGrid: bipolar values, row-major, +1 drawn
// as black ink, -1 as white paper and 0 (unknown) as mid-gray.
type Pattern struct {
	Title string
	Data  []int8
}

// PatternGridOptions describe a PatternGrid.
type PatternGridOptions struct {
	// Title is drawn over the whole grid.
	Title string
	// Columns is the number of patterns per row (0: all in one row).
	Columns int
	// TitlesBelow puts each pattern's title under it instead of over it.
	TitlesBelow bool
	// NoBorders turns off the thin cell borders drawn for patterns of at
	// most BorderCells cells a side.
	NoBorders bool
	// MaxCells limits the cells drawn per side (0: DefaultMaxCells).
	MaxCells int
}

// BorderCells is the largest pattern side that gets cell borders.
const BorderCells = 32

// PatternGrid is a Panel showing patterns side by side with square cells and
// a caption each: true / noisy / recalled, or cue, step 1, ..., result.
type PatternGrid struct {
	opts       PatternGridOptions
	rows, cols int
	titles     []string
	rasters    []*Raster
}

// NewPatternGrid validates patterns of rows x cols cells each.
func NewPatternGrid(rows, cols int, patterns []Pattern, opts PatternGridOptions) (*PatternGrid, error) {
	if len(patterns) == 0 {
		return nil, errorf("pattern grid: no patterns")
	}
	if opts.Columns < 0 {
		return nil, errorf("pattern grid: %d columns", opts.Columns)
	}
	g := &PatternGrid{opts: opts, rows: rows, cols: cols}
	for k, p := range patterns {
		for i, v := range p.Data {
			if v < -1 || v > 1 {
				return nil, errorf("pattern %d (%q): value %d at %d is not -1, 0 or +1", k, p.Title, v, i)
			}
		}
		m, err := NewMatrixInt8(p.Data, rows, cols)
		if err != nil {
			return nil, errorf("pattern %d (%q): %v", k, p.Title, err)
		}
		r, err := NewRaster(m, RasterOptions{
			Colormap: InkMap, Min: -1, Max: 1, MaxCells: opts.MaxCells,
			CellBorders: !opts.NoBorders && rows <= BorderCells && cols <= BorderCells,
		})
		if err != nil {
			return nil, err
		}
		g.titles = append(g.titles, p.Title)
		g.rasters = append(g.rasters, r)
	}
	return g, nil
}

// Draw implements Panel.
func (g *PatternGrid) Draw(c draw.Canvas) {
	titleSty := textStyle(boldFont, TitleSize)
	titleSty.YAlign = draw.YTop
	var titleH vg.Length
	if g.opts.Title != "" {
		titleH = titleSty.Height(g.opts.Title) + vg.Points(12)
	}
	n := len(g.rasters)
	nc := g.opts.Columns
	if nc == 0 || nc > n {
		nc = n
	}
	nr := (n + nc - 1) / nc

	label := textStyle(sansFont, LabelSize)
	var labelW, labelH vg.Length
	for _, t := range g.titles {
		if t != "" {
			labelW = max(labelW, label.Width(t))
			labelH = label.Height(t) + vg.Points(6)
		}
	}
	gapX, gapY := vg.Length(0.3*vg.Inch), vg.Length(0.25*vg.Inch)
	W, H := c.Max.X-c.Min.X, c.Max.Y-c.Min.Y-titleH
	cell := min(
		(W-vg.Length(nc-1)*gapX)/vg.Length(nc*g.cols),
		(H-vg.Length(nr-1)*gapY-vg.Length(nr)*labelH)/vg.Length(nr*g.rows),
	)
	if cell <= 0 {
		return
	}
	tileW, tileH := cell*vg.Length(g.cols), cell*vg.Length(g.rows)
	pitchX := max(tileW, labelW) + gapX
	if vg.Length(nc)*pitchX-gapX > W {
		pitchX = (W + gapX) / vg.Length(nc)
	}
	pitchY := tileH + labelH + gapY
	totalW := vg.Length(nc-1)*pitchX + tileW
	totalH := vg.Length(nr)*pitchY - gapY
	left := c.Min.X + (W-totalW)/2
	top := c.Max.Y - (H-totalH)/2 // top of the block: title, then tiles
	if g.opts.Title != "" {
		c.FillText(titleSty, vg.Point{X: c.Center().X, Y: top}, g.opts.Title)
		top -= titleH
	}
	frame := draw.LineStyle{Color: color.Gray{Y: 60}, Width: vg.Points(1)}
	for k, r := range g.rasters {
		x0 := left + vg.Length(k%nc)*pitchX
		y1 := top - vg.Length(k/nc)*pitchY // top of the tile, caption included
		imgTop := y1
		if !g.opts.TitlesBelow {
			imgTop -= labelH
		}
		r.drawAt(c, x0, x0+tileW, imgTop, imgTop-tileH)
		c.StrokeLines(frame, []vg.Point{
			{X: x0, Y: imgTop}, {X: x0 + tileW, Y: imgTop}, {X: x0 + tileW, Y: imgTop - tileH},
			{X: x0, Y: imgTop - tileH}, {X: x0, Y: imgTop},
		})
		if t := g.titles[k]; t != "" {
			sty := label
			pt := vg.Point{X: x0 + tileW/2, Y: imgTop + vg.Points(5)}
			if g.opts.TitlesBelow {
				sty.YAlign = draw.YTop
				pt.Y = imgTop - tileH - vg.Points(5)
			}
			c.FillText(sty, pt, t)
		}
	}
}
