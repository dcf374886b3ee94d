package figure

import "github.com/hopfield-lab/hopfield/patterns"

// DefaultMaxCells is the number of cells a side a raster is drawn with
// when not told otherwise: larger grids are averaged in blocks, so that a
// 10,000 x 10,000 weight matrix draws quickly into a small file.
const DefaultMaxCells = 200

// NewRaster returns a raster of m with the given colormap (Ink if ""),
// averaged in blocks so that it has at most maxCells cells a side (0:
// DefaultMaxCells): the smallest integer block per axis.
func NewRaster(m *Matrix, colormap string, maxCells int) *Raster {
	if maxCells <= 0 {
		maxCells = DefaultMaxCells
	}
	rows, cols := m.Dims()
	fr, fc := ceilDiv(rows, maxCells), ceilDiv(cols, maxCells)
	g, _ := m.BlockAverage(fr, fc) // fr, fc >= 1
	gr, gc := g.Dims()
	r := &Raster{Extent: [2]int{rows, cols}, Block: [2]int{fr, fc}, Shape: [2]int{gr, gc}, Values: make([]float64, 0, gr*gc), Colormap: colormap}
	for i := range gr {
		for j := range gc {
			r.Values = append(r.Values, g.At(i, j))
		}
	}
	return r
}

// Grid returns the values drawn, as a Matrix.
func (r *Raster) Grid() (*Matrix, error) { return NewMatrixFlat(r.Values, r.Shape[0], r.Shape[1]) }

// NewPatterns returns a grid of the patterns ps, which share their shape,
// titled by their names.
func NewPatterns(ps ...patterns.Pattern) *Patterns {
	g := &Patterns{}
	for _, p := range ps {
		g.Shape = [2]int{p.Rows, p.Cols}
		g.Items = append(g.Items, Item{Title: p.Name, Cells: patterns.FormatCells(p.Data)})
	}
	return g
}
