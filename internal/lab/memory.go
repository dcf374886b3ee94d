package lab

import (
	"errors"
	"fmt"
	"math"
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
	// Energy is the dense rule's interaction function, as
	// hopfield.ParseEnergy reads it; empty means DefaultEnergy.
	Energy string `json:"energy,omitempty"`
	// Random adds that many random patterns after Patterns, drawn by
	// patterns.RandomSet from RandomSeed: memories past the capacity
	// without sending them.
	Random     int    `json:"random,omitempty"`
	RandomSeed uint64 `json:"random_seed,omitempty"`
}

// DefaultEnergy is the dense rule's interaction function when a request
// names none: the smallest power past the classic network's.
const DefaultEnergy = "poly:3"

// memory is a validated MemoryRequest.
type memory struct {
	rows, cols int
	rule       hopfield.Rule
	energy     hopfield.Energy
	names      []string
	patterns   [][]int8
	drawn      int // patterns before the random ones
	// continuous: the rule is "softmax", the continuous network of
	// SoftmaxRequest, which has no hopfield.Rule and no run of its own.
	continuous bool
}

// ruleSoftmax names the continuous network in a memory's rule, for links
// and the page.
const ruleSoftmax = "softmax"

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
	if m.Rule != "" && m.Rule != ruleSoftmax {
		var err error
		if rule, err = hopfield.ParseRule(m.Rule); err != nil {
			return nil, Errorf("unknown rule %q (want %s)", m.Rule, strings.Join(ruleNames(), ", "))
		}
	}
	switch {
	case len(m.Patterns) == 0 && m.Random == 0:
		return nil, Errorf("the memory is empty: store at least one pattern")
	case len(m.Patterns) > l.MaxPatterns:
		return nil, Errorf("%d patterns stored, above the %s's maximum of %d", len(m.Patterns), l.host(), l.MaxPatterns)
	}
	mem := &memory{rows: m.Rows, cols: m.Cols, rule: rule, continuous: m.Rule == ruleSoftmax}
	var err error
	if mem.energy, err = parseEnergy(rule, m.Energy); err != nil {
		return nil, err
	}
	n := m.Rows * m.Cols
	if err := checkEnergyRange(mem.energy, n); err != nil {
		return nil, err
	}
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
	mem.drawn = len(mem.patterns)
	return mem, l.addRandom(mem, m.Random, m.RandomSeed)
}

func parseEnergy(rule hopfield.Rule, name string) (hopfield.Energy, error) {
	switch {
	case rule != hopfield.DenseAM && name != "":
		return hopfield.Energy{}, Errorf("energy %q is for the dense rule, not %v", name, rule)
	case rule != hopfield.DenseAM:
		return hopfield.Energy{}, nil
	case name == "":
		name = DefaultEnergy
	}
	e, err := hopfield.ParseEnergy(name)
	return e, userError(err)
}

// checkEnergyRange refuses an exponential energy the page could not plot:
// -exp(beta M) leaves float64's range once beta N > 709.
func checkEnergyRange(e hopfield.Energy, n int) error {
	if e.Kind == hopfield.Exp && e.Beta*float64(n) > 700 {
		return Errorf("energy %v on %d neurons reaches exp(%.0f), beyond float64's range: use lse, which makes the same moves with a finite energy", e, n, e.Beta*float64(n))
	}
	return nil
}

// addRandom appends count random patterns drawn from seed, within the
// limits: at most MaxRandom, and count N bytes within MaxWeightBytes
// before any is drawn.
func (l Limits) addRandom(mem *memory, count int, seed uint64) error {
	n := mem.rows * mem.cols
	switch {
	case count == 0:
		return nil
	case count < 0 || count > l.MaxRandom:
		return Errorf("random %d: want 0 to %d random patterns", count, l.MaxRandom)
	case seed > MaxSeed:
		return Errorf("random_seed %d: want 0 to %d (2^53-1)", seed, uint64(MaxSeed))
	case int64(count)*int64(n) > l.MaxWeightBytes:
		return Errorf("%d random patterns of %d neurons need %s, over this %s's limit of %s: use fewer or a smaller grid",
			count, n, hopfield.FormatBytes(int64(count)*int64(n)), l.host(), hopfield.FormatBytes(l.MaxWeightBytes))
	}
	ps, err := patterns.RandomSet(hopfield.NewSource(seed), count, mem.rows, mem.cols, 0.5)
	if err != nil {
		return userError(err)
	}
	for _, p := range ps {
		mem.names = append(mem.names, p.Name)
		mem.patterns = append(mem.patterns, p.Data)
	}
	return nil
}

// network learns the memory within the weight limit.
func (l Limits) network(mem *memory) (*hopfield.Network, error) {
	if mem.continuous {
		return nil, Errorf("rule softmax is the continuous network: it runs by the softmax call and has no weight matrix")
	}
	net, err := hopfield.Learn(hopfield.Config{Rule: mem.rule, Energy: mem.energy, MemoryLimit: l.MaxWeightBytes}, mem.patterns...)
	var me *hopfield.MemoryError
	if errors.As(err, &me) {
		return nil, Errorf("the %v rule needs %s for %s, over this %s's limit of %s: use a smaller grid or the Hebbian rule",
			mem.rule, hopfield.FormatBytes(me.Need), me.What, l.host(), hopfield.FormatBytes(me.Limit))
	}
	return net, userError(err)
}

// split returns the overlaps with the drawn patterns and the largest
// overlap with the random ones, which the lines leave out: a memory may
// hold a hundred thousand.
func (mem *memory) split(overlaps []float64) ([]float64, float64) {
	var top float64
	for _, m := range overlaps[mem.drawn:] {
		if math.Abs(m) > math.Abs(top) {
			top = m
		}
	}
	return overlaps[:mem.drawn], top
}

// ruleName is the memory's rule as the page names it.
func (mem *memory) ruleName() string {
	if mem.continuous {
		return ruleSoftmax
	}
	return mem.rule.String()
}

// energyName is the dense rule's F, or "" for the other rules.
func (mem *memory) energyName() string {
	if mem.rule != hopfield.DenseAM {
		return ""
	}
	return mem.energy.String()
}
