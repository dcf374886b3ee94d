package figure

import (
	"math"
)

// Matrix is a validated, rectangular grid of finite values: a raster of
// neuron states over time, a weight matrix or a pattern seen as an image.
// Row 0 is drawn at the top. A Matrix is read-only once built.
type Matrix struct {
	rows, cols int
	data       [][]float64 // data[i] has length cols
}

// NewMatrix validates a row-major grid (non-empty, rectangular, finite) and
// wraps it without copying: the caller must not modify rows afterwards.
func NewMatrix(rows [][]float64) (*Matrix, error) {
	if len(rows) == 0 || len(rows[0]) == 0 {
		return nil, errorf("matrix is empty")
	}
	cols := len(rows[0])
	for i, r := range rows {
		if len(r) != cols {
			return nil, errorf("matrix is ragged: row %d has %d values, row 0 has %d", i, len(r), cols)
		}
		for j, v := range r {
			if v-v != 0 { // NaN or ±Inf
				return nil, errorf("matrix value (%d,%d) is %v", i, j, v)
			}
		}
	}
	return &Matrix{rows: len(rows), cols: cols, data: rows}, nil
}

// NewMatrixFlat wraps row-major data of the given shape without copying:
// the caller must not modify data afterwards.
func NewMatrixFlat(data []float64, rows, cols int) (*Matrix, error) {
	if err := checkShape(len(data), rows, cols); err != nil {
		return nil, err
	}
	rs := make([][]float64, rows)
	for i := range rs {
		rs[i] = data[i*cols : (i+1)*cols : (i+1)*cols]
	}
	return NewMatrix(rs)
}

// NewMatrixInt8 converts row-major int8 data (states, patterns) of the given
// shape to a Matrix.
func NewMatrixInt8(data []int8, rows, cols int) (*Matrix, error) {
	if err := checkShape(len(data), rows, cols); err != nil {
		return nil, err
	}
	flat := make([]float64, len(data))
	for i, v := range data {
		flat[i] = float64(v)
	}
	return NewMatrixFlat(flat, rows, cols)
}

// StatesOverTime builds the neuron x time raster of a run: states[t] is the
// network state at time t, and neuron i of it becomes cell (i, t).
func StatesOverTime(states [][]int8) (*Matrix, error) {
	if len(states) == 0 || len(states[0]) == 0 {
		return nil, errorf("no states")
	}
	n := len(states[0])
	rs := make([][]float64, n)
	flat := make([]float64, n*len(states))
	for i := range rs {
		rs[i] = flat[i*len(states) : (i+1)*len(states)]
	}
	for t, s := range states {
		if len(s) != n {
			return nil, errorf("state %d has %d neurons, state 0 has %d", t, len(s), n)
		}
		for i, v := range s {
			rs[i][t] = float64(v)
		}
	}
	return &Matrix{rows: n, cols: len(states), data: rs}, nil
}

func checkShape(n, rows, cols int) error {
	if rows <= 0 || cols <= 0 {
		return errorf("shape %dx%d is not positive", rows, cols)
	}
	if n != rows*cols {
		return errorf("%d values do not fill a %dx%d grid", n, rows, cols)
	}
	return nil
}

// Dims returns the number of rows and columns.
func (m *Matrix) Dims() (rows, cols int) { return m.rows, m.cols }

// At returns the value at row i, column j.
func (m *Matrix) At(i, j int) float64 { return m.data[i][j] }

// Range returns the smallest and largest value.
func (m *Matrix) Range() (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, r := range m.data {
		for _, v := range r {
			if v < lo {
				lo = v
			}
			if v > hi {
				hi = v
			}
		}
	}
	return lo, hi
}

// T returns the transpose.
func (m *Matrix) T() *Matrix {
	flat := make([]float64, m.rows*m.cols)
	rs := make([][]float64, m.cols)
	for j := range rs {
		rs[j] = flat[j*m.rows : (j+1)*m.rows]
		for i := range m.rows {
			rs[j][i] = m.data[i][j]
		}
	}
	return &Matrix{rows: m.cols, cols: m.rows, data: rs}
}

// BlockAverage averages fr x fc blocks of cells: cell (I, J) of the result
// is the mean of rows I*fr .. I*fr+fr-1 and columns J*fc .. J*fc+fc-1 of m.
// Blocks on the bottom and right edges may be partial; they are averaged
// over the cells they do contain. The result has ceil(rows/fr) x
// ceil(cols/fc) cells.
func (m *Matrix) BlockAverage(fr, fc int) (*Matrix, error) {
	if fr < 1 || fc < 1 {
		return nil, errorf("block size %dx%d is not positive", fr, fc)
	}
	if fr == 1 && fc == 1 {
		return m, nil
	}
	or, oc := ceilDiv(m.rows, fr), ceilDiv(m.cols, fc)
	flat := make([]float64, or*oc)
	out := make([][]float64, or)
	for I := range out {
		out[I] = flat[I*oc : (I+1)*oc]
	}
	for i, r := range m.data {
		o := out[i/fr]
		for J := range o {
			var sum float64
			for _, v := range r[J*fc : min(J*fc+fc, m.cols)] {
				sum += v
			}
			o[J] += sum
		}
	}
	for I, o := range out {
		h := min(fr, m.rows-I*fr)
		for J := range o {
			w := min(fc, m.cols-J*fc)
			o[J] /= float64(h * w)
		}
	}
	return &Matrix{rows: or, cols: oc, data: out}, nil
}

// Downsample block-averages m so that it has at most maxRows rows and
// maxCols columns, using the smallest integer block size per axis. It
// returns m itself when it is already small enough.
func (m *Matrix) Downsample(maxRows, maxCols int) (*Matrix, error) {
	if maxRows < 1 || maxCols < 1 {
		return nil, errorf("downsample limit %dx%d is not positive", maxRows, maxCols)
	}
	return m.BlockAverage(ceilDiv(m.rows, maxRows), ceilDiv(m.cols, maxCols))
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }
