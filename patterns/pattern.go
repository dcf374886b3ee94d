package patterns

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hopfield-lab/hopfield"
)

// Pattern is a bipolar pattern with its 2-D shape, row-major: +1, -1, or 0
// for unknown. Data[r*Cols+c] is the neuron at row r, column c.
type Pattern struct {
	Name       string
	Rows, Cols int // a plain vector has Rows = 1, Cols = N
	Data       []int8
}

// New returns a rows x cols pattern of background (-1) neurons. It panics if
// rows or cols is less than 1.
func New(name string, rows, cols int) Pattern {
	if rows < 1 || cols < 1 {
		panic(fmt.Sprintf("patterns: New: shape %dx%d: want at least 1x1", rows, cols))
	}
	p := Pattern{Name: name, Rows: rows, Cols: cols, Data: make([]int8, rows*cols)}
	for i := range p.Data {
		p.Data[i] = hopfield.Minus
	}
	return p
}

// FromVector returns a 1 x len(v) pattern holding a copy of v. It returns an
// error if v is empty or holds a value other than -1, 0 or +1.
func FromVector(name string, v []int8) (Pattern, error) {
	p := Pattern{Name: name, Rows: 1, Cols: len(v), Data: append([]int8(nil), v...)}
	return p, p.Validate()
}

// FromMatrix returns the pattern whose rows are m (copied). It returns an
// error if m is empty, ragged, or holds a value other than -1, 0 or +1.
func FromMatrix(name string, m [][]int8) (Pattern, error) {
	if len(m) == 0 || len(m[0]) == 0 {
		return Pattern{}, errors.New("empty matrix")
	}
	p := Pattern{Name: name, Rows: len(m), Cols: len(m[0]), Data: make([]int8, 0, len(m)*len(m[0]))}
	for r, row := range m {
		if len(row) != p.Cols {
			return Pattern{}, fmt.Errorf("row %d has %d values, row 0 has %d", r, len(row), p.Cols)
		}
		p.Data = append(p.Data, row...)
	}
	return p, p.Validate()
}

// FromZeroOne returns the rows x cols pattern whose 0/1 values are bits
// (row-major), converted to -1/+1 with [hopfield.FromZeroOne]. It returns an
// error if the length is not rows*cols or a value is not 0 or 1.
func FromZeroOne(name string, rows, cols int, bits []int8) (Pattern, error) {
	if rows < 1 || cols < 1 || rows*cols != len(bits) {
		return Pattern{}, fmt.Errorf("%d values do not fill a %dx%d pattern", len(bits), rows, cols)
	}
	data, err := hopfield.FromZeroOne(nil, bits)
	if err != nil {
		return Pattern{}, err
	}
	return Pattern{Name: name, Rows: rows, Cols: cols, Data: data}, nil
}

// N returns the number of neurons, Rows*Cols.
func (p Pattern) N() int { return len(p.Data) }

// Clone returns a deep copy of p.
func (p Pattern) Clone() Pattern {
	p.Data = append([]int8(nil), p.Data...)
	return p
}

// At returns the neuron at row r, column c. It panics if (r, c) is outside p.
func (p Pattern) At(r, c int) int8 {
	p.check(r, c)
	return p.Data[r*p.Cols+c]
}

// Set sets the neuron at row r, column c. It panics if (r, c) is outside p.
func (p Pattern) Set(r, c int, v int8) {
	p.check(r, c)
	p.Data[r*p.Cols+c] = v
}

func (p Pattern) check(r, c int) {
	if r < 0 || r >= p.Rows || c < 0 || c >= p.Cols {
		panic(fmt.Sprintf("patterns: index (%d, %d) outside %dx%d pattern", r, c, p.Rows, p.Cols))
	}
}

// Shape returns the shape as "RowsxCols", e.g. "5x5" or "1x100".
func (p Pattern) Shape() string { return fmt.Sprintf("%dx%d", p.Rows, p.Cols) }

// Vector returns a copy of p reshaped to 1 x N, as the notebook's
// to_vector (mat.reshape(-1)).
func (p Pattern) Vector() Pattern {
	q := p.Clone()
	q.Rows, q.Cols = 1, len(q.Data)
	return q
}

// Reshape returns a copy of p with shape rows x cols, as the notebook's
// to_matrix (vec.reshape(100, 100)). The row-major order of the neurons is
// kept. It returns an error if rows*cols is not N.
func (p Pattern) Reshape(rows, cols int) (Pattern, error) {
	if rows < 1 || cols < 1 || rows*cols != len(p.Data) {
		return Pattern{}, fmt.Errorf("cannot reshape %d neurons to %dx%d", len(p.Data), rows, cols)
	}
	q := p.Clone()
	q.Rows, q.Cols = rows, cols
	return q, nil
}

// Matrix returns the rows of p as a new [][]int8.
func (p Pattern) Matrix() [][]int8 {
	m := make([][]int8, p.Rows)
	for r := range m {
		m[r] = append([]int8(nil), p.Data[r*p.Cols:(r+1)*p.Cols]...)
	}
	return m
}

// ZeroOne returns the 0/1 form of p (+1 -> 1, -1 -> 0) using
// [hopfield.ToZeroOne]. It returns an error if p holds an unknown (0) neuron,
// which has no binary form.
func (p Pattern) ZeroOne() ([]int8, error) {
	return hopfield.ToZeroOne(nil, p.Data)
}

// Ink returns the number of +1 neurons.
func (p Pattern) Ink() int { return p.count(hopfield.Plus) }

// Unknowns returns the number of unknown (0) neurons.
func (p Pattern) Unknowns() int { return p.count(hopfield.Unknown) }

func (p Pattern) count(v int8) int {
	n := 0
	for _, x := range p.Data {
		if x == v {
			n++
		}
	}
	return n
}

// Equal reports whether p and q have the same shape and neurons. Names are
// not compared.
func (p Pattern) Equal(q Pattern) bool {
	if p.Rows != q.Rows || p.Cols != q.Cols || len(p.Data) != len(q.Data) {
		return false
	}
	for i, v := range p.Data {
		if q.Data[i] != v {
			return false
		}
	}
	return true
}

// Validate returns an error if p has no neurons, if Rows*Cols is not
// len(Data), or if a neuron is not -1, 0 or +1.
func (p Pattern) Validate() error {
	if p.Rows < 1 || p.Cols < 1 {
		return fmt.Errorf("pattern %q: shape %dx%d: want at least 1x1", p.Name, p.Rows, p.Cols)
	}
	if p.Rows*p.Cols != len(p.Data) || len(p.Data)/p.Cols != p.Rows {
		return fmt.Errorf("pattern %q: shape %dx%d does not match its %d neurons", p.Name, p.Rows, p.Cols, len(p.Data))
	}
	for i, v := range p.Data {
		if v < -1 || v > 1 {
			return fmt.Errorf("pattern %q: value %d at row %d, column %d: want -1, 0 or +1", p.Name, v, i/p.Cols, i%p.Cols)
		}
	}
	return nil
}

// String returns p in the text form (see [WriteText]) without its name:
// one line per row, '#' for +1, '.' for -1, '?' for unknown.
func (p Pattern) String() string {
	var b strings.Builder
	b.Grow(len(p.Data) + p.Rows)
	for i, v := range p.Data {
		if i > 0 && p.Cols > 0 && i%p.Cols == 0 {
			b.WriteByte('\n')
		}
		b.WriteByte(cellChar(v))
	}
	return b.String()
}

// sameShape returns an error naming both shapes if ps are not all of the
// same shape.
func sameShape(ps []Pattern) error {
	for i, p := range ps[1:] {
		if p.Rows != ps[0].Rows || p.Cols != ps[0].Cols {
			return fmt.Errorf("pattern %d is %s but pattern 0 is %s", i+1, p.Shape(), ps[0].Shape())
		}
	}
	return nil
}

// validateAll validates every pattern of a non-empty list.
func validateAll(ps []Pattern) error {
	if len(ps) == 0 {
		return errors.New("no patterns")
	}
	for _, p := range ps {
		if err := p.Validate(); err != nil {
			return err
		}
	}
	return nil
}
