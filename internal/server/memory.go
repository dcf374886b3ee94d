package server

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hopfield-lab/hopfield"
)

// Cells are written as text, one character per neuron in row-major order:
// '#' ink (+1), '.' background (-1), '?' unknown (0), the text form of
// package patterns without the line breaks. A 100x100 grid is 10 kB.
const (
	cellInk        = '#'
	cellBackground = '.'
	cellUnknown    = '?'
)

// parseCells reads n cells; unknown ones are allowed only in a cue.
func parseCells(what, cells string, n int, allowUnknown bool) ([]int8, error) {
	if len(cells) != n {
		return nil, badf("%s has %d cells, want %d (rows*cols)", what, len(cells), n)
	}
	s := make([]int8, n)
	for i := range len(cells) {
		switch cells[i] {
		case cellInk:
			s[i] = hopfield.Plus
		case cellBackground:
			s[i] = hopfield.Minus
		case cellUnknown:
			if !allowUnknown {
				return nil, badf("%s: cell %d is unknown ('?'); stored patterns must be fully drawn", what, i)
			}
			s[i] = hopfield.Unknown
		default:
			return nil, badf("%s: cell %d is %q, want '#', '.' or '?'", what, i, cells[i])
		}
	}
	return s, nil
}

// formatCells writes a state in the cell text form.
func formatCells(s []int8) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, v := range s {
		switch v {
		case hopfield.Plus:
			b.WriteByte(cellInk)
		case hopfield.Minus:
			b.WriteByte(cellBackground)
		default:
			b.WriteByte(cellUnknown)
		}
	}
	return b.String()
}

// checkShape validates a grid's shape against the server's limit.
func (s *Server) checkShape(rows, cols int) error {
	if rows < 1 || cols < 1 {
		return badf("grid %dx%d: rows and cols must be at least 1", rows, cols)
	}
	if rows > s.opts.MaxNeurons || cols > s.opts.MaxNeurons || rows*cols > s.opts.MaxNeurons {
		return badf("grid %dx%d has more than the server's maximum of %d neurons", rows, cols, s.opts.MaxNeurons)
	}
	return nil
}

// maxNameBytes bounds a pattern's name.
const maxNameBytes = 100

// patternJSON is a stored pattern as the page sends it.
type patternJSON struct {
	Name  string `json:"name"`
	Cells string `json:"cells"`
}

// memoryRequest is a memory: the grid shape, the stored patterns in order,
// and the learning rule. Every request that needs a network carries one;
// the server keeps nothing between requests.
type memoryRequest struct {
	Rows     int           `json:"rows"`
	Cols     int           `json:"cols"`
	Rule     string        `json:"rule"`
	Patterns []patternJSON `json:"patterns"`
}

// memory is a validated memoryRequest.
type memory struct {
	rows, cols int
	rule       hopfield.Rule
	names      []string
	patterns   [][]int8
}

func (s *Server) parseMemory(m memoryRequest) (*memory, error) {
	if err := s.checkShape(m.Rows, m.Cols); err != nil {
		return nil, err
	}
	rule := hopfield.Hebbian
	if m.Rule != "" {
		var err error
		if rule, err = hopfield.ParseRule(m.Rule); err != nil {
			return nil, userError(err)
		}
	}
	switch {
	case len(m.Patterns) == 0:
		return nil, badf("the memory is empty: store at least one pattern")
	case len(m.Patterns) > s.opts.MaxPatterns:
		return nil, badf("%d patterns stored, above the server's maximum of %d", len(m.Patterns), s.opts.MaxPatterns)
	}
	mem := &memory{rows: m.Rows, cols: m.Cols, rule: rule}
	n := m.Rows * m.Cols
	for i, p := range m.Patterns {
		name := p.Name
		if name == "" {
			name = fmt.Sprintf("pattern %d", i+1)
		}
		if len(name) > maxNameBytes {
			return nil, badf("pattern %d: name longer than %d bytes", i+1, maxNameBytes)
		}
		x, err := parseCells(fmt.Sprintf("pattern %d (%s)", i+1, name), p.Cells, n, false)
		if err != nil {
			return nil, err
		}
		mem.names = append(mem.names, name)
		mem.patterns = append(mem.patterns, x)
	}
	return mem, nil
}

// network learns the memory with the server's memory limit.
func (s *Server) network(mem *memory) (*hopfield.Network, error) {
	net, err := hopfield.Learn(hopfield.Config{Rule: mem.rule, MemoryLimit: s.opts.MaxWeightBytes}, mem.patterns...)
	var me *hopfield.MemoryError
	if errors.As(err, &me) {
		return nil, badf("the %v rule needs %s for %s, over this server's limit of %s: use a smaller grid or the Hebbian rule",
			mem.rule, hopfield.FormatBytes(me.Need), me.What, hopfield.FormatBytes(me.Limit))
	}
	return net, userError(err)
}
