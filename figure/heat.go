package figure

import "slices"

// HeatMap is a grid of values over a panel's data coordinates: a quantity
// measured on a grid of two parameters, such as the overlap of a retrieval
// state over load and temperature. It is drawn under the panel's series
// and reference lines, which share its coordinates, with a colour bar
// beside the panel. The panel's Grid is not drawn: the cells would hide it.
//
// Cell (i, j) spans [X[j], X[j+1]] along x and [Y[i], Y[i+1]] along y and
// has the value Values[i*(len(X)-1)+j]. Rows run up the y axis, row 0 at
// the bottom, as on any plot (a [Raster] is a picture and puts row 0 at
// the top). Edges increase strictly; cells need not be equal, so a column
// at a limit (alpha -> 0) may be half as wide as the others. Without Min
// and Max on the panel's axes the plot spans the cells exactly.
type HeatMap struct {
	X      []float64 `json:"x"`      // column edges, one more than the columns
	Y      []float64 `json:"y"`      // row edges, one more than the rows
	Values []float64 `json:"values"` // row-major, row 0 at the bottom
	// Colormap is one of the raster colormaps; "" is Viridis.
	Colormap string `json:"colormap,omitempty"`
	// Min and Max are the values at the two ends of the colormap; both 0
	// means the range of Values.
	Min float64 `json:"min,omitempty"`
	Max float64 `json:"max,omitempty"`
	// Label names the values beside the colour bar ("overlap m").
	Label string `json:"label,omitempty"`
}

// Dims returns the number of rows and columns of cells.
func (h *HeatMap) Dims() (rows, cols int) { return len(h.Y) - 1, len(h.X) - 1 }

// Range returns the values at the two ends of the colormap: Min and Max,
// or the range of Values (widened by 1 each way when they are all equal).
func (h *HeatMap) Range() (lo, hi float64) {
	lo, hi = h.Min, h.Max
	if lo == 0 && hi == 0 && len(h.Values) > 0 {
		lo, hi = slices.Min(h.Values), slices.Max(h.Values)
		if h.Colormap == Diverging {
			a := max(-lo, hi, lo, -hi)
			lo, hi = -a, a
		}
		if lo == hi {
			lo, hi = lo-1, hi+1
		}
	}
	return lo, hi
}

// Validate reports the first thing wrong with the heat map.
func (h *HeatMap) Validate() error {
	rows, cols := h.Dims()
	switch {
	case !slices.Contains(colormaps, h.Colormap) && h.Colormap != "":
		return errorf("heat map: unknown colormap %q", h.Colormap)
	case rows < 1 || cols < 1:
		return errorf("heat map: %d x edges and %d y edges do not make a cell", len(h.X), len(h.Y))
	case len(h.Values) != rows*cols:
		return errorf("heat map: %d values do not fill %d rows x %d columns", len(h.Values), rows, cols)
	}
	for _, e := range []struct {
		what  string
		edges []float64
	}{{"heat map x edges", h.X}, {"heat map y edges", h.Y}} {
		if err := checkFinite(e.what, e.edges); err != nil {
			return err
		}
		for i := 1; i < len(e.edges); i++ {
			if !(e.edges[i] > e.edges[i-1]) {
				return errorf("%s: edge %d (%v) is not above edge %d (%v)", e.what, i, e.edges[i], i-1, e.edges[i-1])
			}
		}
	}
	if err := checkFinite("heat map values", h.Values); err != nil {
		return err
	}
	if err := checkFinite("heat map range", []float64{h.Min, h.Max}); err != nil {
		return err
	}
	if (h.Min != 0 || h.Max != 0) && !(h.Min < h.Max) {
		return errorf("heat map: value range [%v, %v] is empty", h.Min, h.Max)
	}
	return nil
}

// Cell returns the row and column of the cell holding the point (x, y),
// and false when the point is outside the grid. A point on an inner edge
// belongs to the cell above (or right of) it. Renderers paint with it.
func (h *HeatMap) Cell(x, y float64) (row, col int, ok bool) {
	row, col = edgeIndex(h.Y, y), edgeIndex(h.X, x)
	return row, col, row >= 0 && col >= 0
}

// edgeIndex is the cell of v along edges, or -1 outside them.
func edgeIndex(edges []float64, v float64) int {
	if len(edges) < 2 || !(v >= edges[0]) || !(v <= edges[len(edges)-1]) {
		return -1
	}
	// BinarySearch gives the first edge >= v: v lies in the cell below
	// it, unless it is that edge exactly.
	i, exact := slices.BinarySearch(edges, v)
	if exact {
		return min(i, len(edges)-2)
	}
	return i - 1
}
