package lab

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/patterns"
)

// maxNameBytes bounds a pattern's name.
const maxNameBytes = 100

// PatternJSON is a stored pattern as the page sends it: cells in the
// alphabet of patterns.FormatCells, row-major.
type PatternJSON struct {
	Name  string `json:"name"`
	Cells string `json:"cells"`
}

// MemoryRequest is a memory: the grid shape, the stored patterns in order,
// and the learning rule. Every request that needs a network carries one;
// the lab keeps nothing between requests.
type MemoryRequest struct {
	Rows     int           `json:"rows"`
	Cols     int           `json:"cols"`
	Rule     string        `json:"rule"`
	Patterns []PatternJSON `json:"patterns"`
}

// memory is a validated MemoryRequest.
type memory struct {
	rows, cols int
	rule       hopfield.Rule
	names      []string
	patterns   [][]int8
}

// parseCells reads the cells of what, naming it in errors.
func parseCells(what, cells string, n int, allowUnknown bool) ([]int8, error) {
	s, err := patterns.ParseCells(cells, n, allowUnknown)
	switch {
	case err == nil:
		return s, nil
	case strings.HasPrefix(err.Error(), "has "): // "cue has 2 cells, ..."
		return nil, Errorf("%s %v", what, err)
	}
	return nil, Errorf("%s: %v", what, err)
}

func (l Limits) parseMemory(m MemoryRequest) (*memory, error) {
	if err := l.CheckShape(m.Rows, m.Cols); err != nil {
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
		return nil, Errorf("the memory is empty: store at least one pattern")
	case len(m.Patterns) > l.MaxPatterns:
		return nil, Errorf("%d patterns stored, above the %s's maximum of %d", len(m.Patterns), l.host(), l.MaxPatterns)
	}
	mem := &memory{rows: m.Rows, cols: m.Cols, rule: rule}
	n := m.Rows * m.Cols
	for i, p := range m.Patterns {
		name := p.Name
		if name == "" {
			name = fmt.Sprintf("pattern %d", i+1)
		}
		if len(name) > maxNameBytes {
			return nil, Errorf("pattern %d: name longer than %d bytes", i+1, maxNameBytes)
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

// network learns the memory within the weight limit.
func (l Limits) network(mem *memory) (*hopfield.Network, error) {
	net, err := hopfield.Learn(hopfield.Config{Rule: mem.rule, MemoryLimit: l.MaxWeightBytes}, mem.patterns...)
	var me *hopfield.MemoryError
	if errors.As(err, &me) {
		return nil, Errorf("the %v rule needs %s for %s, over this %s's limit of %s: use a smaller grid or the Hebbian rule",
			mem.rule, hopfield.FormatBytes(me.Need), me.What, l.host(), hopfield.FormatBytes(me.Limit))
	}
	return net, userError(err)
}
