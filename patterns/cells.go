package patterns

import (
	"fmt"
	"strings"

	"github.com/hopfield-lab/hopfield"
)

// The cell alphabet: one character per neuron, '#' ink (+1), '.' background
// (-1), '?' unknown (0). The text form ([ReadText]) is rows of cells; the web
// lab sends a grid as one string of cells in row-major order.
const (
	CellInk        = '#'
	CellBackground = '.'
	CellUnknown    = '?'
)

// cellChar is the cell of a neuron value ('!' for a value that is none).
func cellChar(v int8) byte {
	switch v {
	case hopfield.Plus:
		return CellInk
	case hopfield.Minus:
		return CellBackground
	case hopfield.Unknown:
		return CellUnknown
	}
	return '!'
}

// cellValue is the neuron value of a cell.
func cellValue(c byte) (int8, bool) {
	switch c {
	case CellInk:
		return hopfield.Plus, true
	case CellBackground:
		return hopfield.Minus, true
	case CellUnknown:
		return hopfield.Unknown, true
	}
	return 0, false
}

// FormatCells writes a state as a string of cells, one per neuron.
func FormatCells(s []int8) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, v := range s {
		b.WriteByte(cellChar(v))
	}
	return b.String()
}

// ParseCells reads a string of n cells. Unknown cells ('?') are an error
// unless allowUnknown is set: stored patterns must be fully drawn, cues need
// not be. Errors say which cell and what was expected.
func ParseCells(cells string, n int, allowUnknown bool) ([]int8, error) {
	if len(cells) != n {
		return nil, fmt.Errorf("has %d cells, want %d (rows*cols)", len(cells), n)
	}
	s := make([]int8, n)
	for i := range len(cells) {
		v, ok := cellValue(cells[i])
		switch {
		case !ok:
			return nil, fmt.Errorf("cell %d is %q, want '#', '.' or '?'", i, cells[i])
		case v == hopfield.Unknown && !allowUnknown:
			return nil, fmt.Errorf("cell %d is unknown ('?'); stored patterns must be fully drawn", i)
		}
		s[i] = v
	}
	return s, nil
}
