package hopplot

import (
	"reflect"

	"gonum.org/v1/plot"
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
	plots := make([][]*plot.Plot, f.rows)
	aligned := true
	for i := range plots {
		plots[i] = make([]*plot.Plot, f.cols)
		for j := range plots[i] {
			switch p := f.panels[i*f.cols+j].(type) {
			case nil:
			case *plot.Plot:
				plots[i][j] = p
			default:
				aligned = false
			}
		}
	}
	var canvases [][]draw.Canvas
	if aligned {
		canvases = plot.Align(plots, tiles, c)
	}
	for i := range f.rows {
		for j := range f.cols {
			p := f.panels[i*f.cols+j]
			switch {
			case p == nil:
			case aligned:
				p.Draw(canvases[i][j])
			default:
				p.Draw(tiles.At(c, j, i))
			}
		}
	}
}
