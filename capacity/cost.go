package capacity

import (
	"fmt"
	"math"
	"time"

	"github.com/hopfield-lab/hopfield"
)

// Limits of a sweep. Run and Spec.Estimate refuse a spec beyond them before
// anything is allocated.
const (
	// MaxTrials bounds Spec.Trials. A million networks per cell already
	// make the standard error a thousand times smaller than the spread
	// between networks.
	MaxTrials = 1_000_000
	// MaxCells bounds the grid: rules x sizes x loads x noise levels.
	MaxCells = 100_000
	// MaxWorkers bounds Spec.Workers.
	MaxWorkers = 4096
)

// OpTime is the time that Cost.CPUTime assumes for one operation: about
// what one synaptic term of a field takes in the pattern form (an
// asynchronous sweep of N neurons with P patterns takes about N P
// nanoseconds; see the package documentation).
const OpTime = time.Nanosecond

// EstimatedSweeps is the length of a run of the dynamics that Estimate
// assumes. From a stored pattern below capacity a run takes one or two
// sweeps; past capacity or from a noisy cue, the state drifts for 10 to 20.
const EstimatedSweeps = 10

// Cost is what a sweep (its shard) takes, as Spec.Estimate predicts it
// before the sweep runs.
type Cost struct {
	Grid     int   // cells in the whole grid
	Cells    int   // cells in the shard
	Networks int64 // networks measured: trials x cells
	// Probes is the number of probed patterns in all; a network of a cell
	// probes min(Spec.Probes, P) of its patterns, from MinProbes to
	// MaxProbes over the cells.
	Probes               int64
	MinProbes, MaxProbes int
	// Ops is a rough count of the operations: learning, the fields of
	// Fixed and OneStep, EstimatedSweeps sweeps per run of Overlap and
	// Recall, and an allowance for the work per network and per probe.
	// It is good to a factor of a few: the length of the runs depends on
	// the load.
	Ops float64
	// Memory is the peak memory: the networks held at once, the workers'
	// buffers and the statistics.
	Memory int64
	// OneAtATime reports whether the networks are built one at a time (the
	// networks of all workers do not fit side by side).
	OneAtATime bool
}

// CPUTime is Ops at OpTime each: the CPU time the sweep takes, roughly.
func (c Cost) CPUTime() time.Duration {
	d := c.Ops * float64(OpTime)
	if d >= math.MaxInt64 {
		return math.MaxInt64
	}
	return time.Duration(d)
}

// Estimate predicts what Run will take for the spec's shard, without
// running it. It returns the errors Run would return before starting: an
// invalid spec, a grid or a number of trials beyond the limits, a network
// or a sweep that does not fit in MemoryLimit.
func (s Spec) Estimate() (Cost, error) {
	s, err := s.normalize()
	if err != nil {
		return Cost{}, err
	}
	all, err := s.cells()
	if err != nil {
		return Cost{}, err
	}
	cells := s.shardCells(all)
	mem, err := s.checkMemory(cells)
	if err != nil {
		return Cost{}, err
	}
	c := Cost{Grid: len(all), Cells: len(cells), Memory: mem.peak, OneAtATime: !mem.sideBySide, MinProbes: math.MaxInt}
	if len(cells) == 0 {
		c.MinProbes = 0
	}
	trials := float64(s.Trials)
	maxP := map[[2]int]int{} // largest P of each (rule, N), for the rules that grow their weights
	for _, cell := range cells {
		k := min(s.Probes, cell.P)
		c.MinProbes, c.MaxProbes = min(c.MinProbes, k), max(c.MaxProbes, k)
		c.Networks += int64(s.Trials)
		c.Probes += int64(s.Trials) * int64(k)
		n, p := float64(cell.N), float64(cell.P)
		sweep := n * p // one sweep, or all the fields, in the pattern form
		if !patternForm(cell.Rule, cell.N, cell.P) {
			sweep = n * n
		}
		var probe float64 = probeOverhead + 10*n // copies of the pattern and the cue
		perNetwork := 0.0
		for _, m := range s.Measures {
			switch {
			case m.perNetwork():
				// At worst (every pattern stable) the fields of all P.
				perNetwork += p * sweep
			case m.runs():
				probe += float64(min(EstimatedSweeps, s.MaxSweeps))*sweep + n*p
			default:
				probe += sweep
			}
		}
		c.Ops += trials * (networkOverhead + perNetwork + float64(k)*probe)
		switch {
		case cell.Rule == hopfield.Storkey || (cell.Rule == hopfield.Hebbian && !patternForm(cell.Rule, cell.N, cell.P)):
			// Dense weights grow with the patterns added: N^2 per pattern.
			key := [2]int{int(cell.Rule), cell.N}
			maxP[key] = max(maxP[key], cell.P)
		case cell.Rule == hopfield.Hebbian || cell.Rule == hopfield.DenseAM:
			c.Ops += trials * 4 * n * p
		default: // the pseudo-inverse: overlaps and U (N P^2 each), and the P x P inverse
			c.Ops += trials * (2*n*p*p + p*p*p)
		}
	}
	for key, p := range maxP {
		n := float64(key[1])
		c.Ops += trials * n * n * float64(p)
	}
	return c, nil
}

// The work of a network and of a probe besides the arithmetic (allocation,
// scheduling, drawing the random numbers), in operations.
const (
	networkOverhead = 20_000
	probeOverhead   = 2_000
)

// patternForm reports whether the engine holds a network of the rule in
// the pattern form (hopfield.AutoForm): Hebbian and pseudo-inverse with
// 2P <= N, and every dense associative memory.
func patternForm(rule hopfield.Rule, n, p int) bool {
	return rule == hopfield.DenseAM || rule != hopfield.Storkey && 2*p <= n
}

// NetworkBytes estimates the memory that Run needs to build and hold a
// network of the rule with N neurons and P patterns, in the form the
// engine picks (hopfield.AutoForm): Run's patterns while they are learned
// (N P bytes), the network's own set of them (bit-packed and by neuron,
// 1.125 N P bytes), and the weights with what it takes to compute them.
// For the Hebbian rule in the pattern form that is about 2.25 N P bytes,
// of which 1.25 N P stay once the network is built.
func NetworkBytes(rule hopfield.Rule, n, p int) int64 {
	nf, pf := float64(n), float64(p)
	np := nf * pf
	need := np + 1.125*np + 24*pf + 64<<10 // and the slice headers, and small change
	switch rule {
	case hopfield.Hebbian:
		switch {
		case patternForm(rule, n, p):
			need += np/8 + 4*nf // the pattern form's neuron codes and diagonal
		case p <= 127:
			need += nf*8*math.Ceil(nf/8) + 8*nf + 2*np // int8 weights, and the patterns as bit masks
		case np < 1<<24:
			need += 4*nf*nf + 4*np // float32 weights, and the patterns as floats
		default:
			need += 8*nf*nf + 8*np
		}
	case hopfield.Storkey:
		need += 8*nf*nf + 16*np // the weights, and two vectors of N floats per pattern added
	case hopfield.DenseAM:
		need += np/8 + 24*pf // the neuron codes, and the overlaps and their D values
	default:
		// U (N x P), the diagonal, and the P x P overlap matrix with its
		// factor, inverse and copy while they are computed.
		need += 8*np + 8*nf + 32*pf*pf
		if !patternForm(rule, n, p) {
			need += 8*nf*nf + 9*np // W, computed from the patterns as floats
		}
	}
	return byteCount(need)
}

// probeBytes is the memory of one worker's probe: the fields, the pattern
// and the cue, and the state and scratch of a run.
func probeBytes(n, p int) int64 { return byteCount(32*float64(n) + 16*float64(p)) }

// statsBytes bounds the memory of the statistics of the cells: a histogram
// of at most min(samples, values) entries per cell and measure, where a
// measure over N takes N+1 values (2N+1 for the signed overlap), a 0/1
// measure 2, and the flips of a run up to N per sweep.
func (s Spec) statsBytes(cells []Cell) int64 {
	var b float64
	for _, c := range cells {
		n := float64(c.N)
		for _, m := range s.Measures {
			samples := float64(s.Trials) * float64(min(s.Probes, c.P))
			values := 2.0
			switch m {
			case OneStep, Overlap:
				values = n + 1
			case Signed:
				values = 2*n + 1
			case Flips:
				values = float64(s.MaxSweeps)*n + 1
			case AllFixed:
				samples = float64(s.Trials)
			}
			b += 256 + 48*math.Min(samples, values)
		}
	}
	return byteCount(b)
}

// byteCount rounds a byte count up, saturating far below overflow.
func byteCount(x float64) int64 {
	if x >= 1<<62 {
		return 1 << 62
	}
	return int64(math.Ceil(x))
}

// memoryPlan is how Run lays out its memory.
type memoryPlan struct {
	sideBySide bool  // every worker grows its own network
	peak       int64 // bytes
}

// checkMemory decides the schedule of Run and returns an error if the
// sweep does not fit in the memory limit: a network that does not fit
// alone, or the statistics of too large a sweep. The workers build
// networks side by side when all of theirs fit, twice over (growing a
// network holds the old and the new one for a moment); otherwise one
// network at a time.
func (s Spec) checkMemory(cells []Cell) (memoryPlan, error) {
	limit := s.MemoryLimit
	if limit <= 0 {
		limit = hopfield.DefaultMemoryLimit()
	}
	workers := int64(s.workers())
	var largest, buffers int64
	for _, c := range cells {
		need := NetworkBytes(c.Rule, c.N, c.P)
		if need > limit {
			return memoryPlan{}, fmt.Errorf("%v network with N = %d, P = %d needs about %s, over the memory limit of %s",
				c.Rule, c.N, c.P, hopfield.FormatBytes(need), hopfield.FormatBytes(limit))
		}
		largest = max(largest, need)
		buffers = max(buffers, probeBytes(c.N, c.P))
	}
	stats := s.statsBytes(cells)
	plan := memoryPlan{sideBySide: true, peak: workers*(2*largest+buffers) + stats}
	if plan.peak > limit {
		plan = memoryPlan{peak: largest + workers*buffers + stats}
	}
	if plan.peak > limit {
		return plan, fmt.Errorf("the sweep needs about %s (%s of it for the statistics of %d cells), over the memory limit of %s",
			hopfield.FormatBytes(plan.peak), hopfield.FormatBytes(stats), len(cells), hopfield.FormatBytes(limit))
	}
	return plan, nil
}

// workers is the number of goroutines of Run.
func (s Spec) workers() int {
	if s.Workers > 0 {
		return s.Workers
	}
	return maxProcs()
}

// shardCells returns the cells of the shard, in grid order.
func (s Spec) shardCells(all []Cell) []Cell {
	var cells []Cell
	for _, c := range all {
		if s.Shard.Holds(c.Index) {
			cells = append(cells, c)
		}
	}
	return cells
}
