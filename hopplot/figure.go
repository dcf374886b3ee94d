package hopplot

import (
	"math"
	"reflect"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// FigureTitleSize is the font size of a Figure's overall title.
const FigureTitleSize = vg.Length(16)

// Figure tiles panels in a grid under an optional overall title, like
// matplotlib's subplots. When every panel is a *plot.Plot their data areas
// are aligned, so stacked plots share their x extent. A Figure is itself a
// Panel, so figures nest.
type Figure struct {
	Title      string
	rows, cols int
	panels     []Panel
	// PadX and PadY separate columns and rows.
	PadX, PadY vg.Length
}

// NewFigure lays out panels row by row in a rows x cols grid. Trailing
// cells may be left out and nil panels leave a cell empty, but at least one
// panel is required.
func NewFigure(title string, rows, cols int, panels ...Panel) (*Figure, error) {
	if rows < 1 || cols < 1 {
		return nil, errorf("figure: grid %dx%d is not positive", rows, cols)
	}
	if len(panels) > rows*cols {
		return nil, errorf("figure: %d panels do not fit a %dx%d grid", len(panels), rows, cols)
	}
	ps := make([]Panel, rows*cols)
	n := 0
	for i, p := range panels {
		if !isNil(p) {
			ps[i] = p
			n++
		}
	}
	if n == 0 {
		return nil, errorf("figure: no panels")
	}
	return &Figure{
		Title: title, rows: rows, cols: cols, panels: ps,
		PadX: 0.3 * vg.Inch, PadY: 0.25 * vg.Inch,
	}, nil
}

// Stack puts panels on top of each other (one column).
func Stack(title string, panels ...Panel) (*Figure, error) {
	return NewFigure(title, max(len(panels), 1), 1, panels...)
}

// Side puts panels side by side (one row).
func Side(title string, panels ...Panel) (*Figure, error) {
	return NewFigure(title, 1, max(len(panels), 1), panels...)
}

func isNil(p Panel) bool {
	if p == nil {
		return true
	}
	v := reflect.ValueOf(p)
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice, reflect.Func:
		return v.IsNil()
	}
	return false
}

// Draw implements Panel.
func (f *Figure) Draw(c draw.Canvas) {
	if f.Title != "" {
		sty := textStyle(boldFont, FigureTitleSize)
		sty.YAlign = draw.YTop
		c.FillText(sty, vg.Point{X: c.Center().X, Y: c.Max.Y}, f.Title)
		c.Max.Y -= sty.Height(f.Title) + vg.Points(10)
	}
	tiles := draw.Tiles{Rows: f.rows, Cols: f.cols, PadX: f.PadX, PadY: f.PadY}
	plots := make([][]aligned, f.rows)
	all := true
	for i := range plots {
		plots[i] = make([]aligned, f.cols)
		for j := range plots[i] {
			switch p := f.panels[i*f.cols+j].(type) {
			case nil:
			case aligned:
				plots[i][j] = p
			default:
				all = false
			}
		}
	}
	var canvases [][]draw.Canvas
	if all {
		canvases = align(plots, tiles, c)
	}
	for i := range f.rows {
		for j := range f.cols {
			p := f.panels[i*f.cols+j]
			switch {
			case p == nil:
			case all:
				p.Draw(canvases[i][j])
			default:
				p.Draw(tiles.At(c, j, i))
			}
		}
	}
}

// aligned is a panel whose data area a figure aligns with its
// neighbours': a *plot.Plot, or a plot with its legend below.
type aligned interface {
	Panel
	DataCanvas(c draw.Canvas) draw.Canvas
}

// align is gonum's plot.Align for aligned panels: it returns the canvases
// in which every panel's data area has the same size, and the data areas
// of a column (a row) share their left and right (top and bottom) edges.
func align(plots [][]aligned, t draw.Tiles, dc draw.Canvas) [][]draw.Canvas {
	o := make([][]draw.Canvas, len(plots))
	for j := range t.Rows {
		o[j] = make([]draw.Canvas, t.Cols)
		for i := range t.Cols {
			o[j][i] = t.At(dc, i, j)
		}
	}
	type posNeg struct{ p, n float64 }
	xSpacing, ySpacing := make([]posNeg, t.Cols), make([]posNeg, t.Rows)
	for j, row := range plots {
		for i, p := range row {
			if p == nil {
				continue
			}
			c := o[j][i]
			dataC := p.DataCanvas(c)
			xSpacing[i].n = math.Max(float64(dataC.Min.X-c.Min.X), xSpacing[i].n)
			xSpacing[i].p = math.Max(float64(c.Max.X-dataC.Max.X), xSpacing[i].p)
			ySpacing[j].n = math.Max(float64(dataC.Min.Y-c.Min.Y), ySpacing[j].n)
			ySpacing[j].p = math.Max(float64(c.Max.Y-dataC.Max.Y), ySpacing[j].p)
		}
	}
	var xTotal, yTotal float64
	for _, s := range xSpacing {
		xTotal += s.n + s.p
	}
	xTotal += float64(t.PadX)*float64(len(xSpacing)-1) + float64(t.PadLeft+t.PadRight)
	for _, s := range ySpacing {
		yTotal += s.n + s.p
	}
	yTotal += float64(t.PadY)*float64(len(ySpacing)-1) + float64(t.PadTop+t.PadBottom)
	avgWidth := vg.Length((float64(dc.Max.X-dc.Min.X) - xTotal) / float64(t.Cols))
	avgHeight := vg.Length((float64(dc.Max.Y-dc.Min.Y) - yTotal) / float64(t.Rows))
	moveVertical := make([]vg.Length, t.Cols)
	for j := t.Rows - 1; j >= 0; j-- {
		var moveHorizontal vg.Length
		for i, p := range plots[j] {
			c := o[j][i]
			if p != nil {
				dataC := p.DataCanvas(c)
				c = draw.Crop(c,
					vg.Length(xSpacing[i].n)-(dataC.Min.X-c.Min.X),
					c.Max.X-dataC.Max.X-vg.Length(xSpacing[i].p),
					vg.Length(ySpacing[j].n)-(dataC.Min.Y-c.Min.Y),
					c.Max.Y-dataC.Max.Y-vg.Length(ySpacing[j].p),
				)
			}
			var width, height vg.Length
			if p == nil {
				width = c.Max.X - c.Min.X - vg.Length(xSpacing[i].p+xSpacing[i].n)
				height = c.Max.Y - c.Min.Y - vg.Length(ySpacing[j].p+ySpacing[j].n)
			} else {
				dataC := p.DataCanvas(c)
				width = dataC.Max.X - dataC.Min.X
				height = dataC.Max.Y - dataC.Min.Y
			}
			o[j][i] = draw.Crop(c, moveHorizontal, moveHorizontal+avgWidth-width, moveVertical[i], moveVertical[i]+avgHeight-height)
			moveHorizontal += avgWidth - width
			moveVertical[i] += avgHeight - height
		}
	}
	return o
}
