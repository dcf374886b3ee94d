package capacity

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/patterns"
)

// Run measures every cell of the spec's shard and returns one row per cell
// and measure, in grid order. The result depends only on the spec's
// settings that String prints: not on Workers, MemoryLimit, or how the grid
// is sharded. It stops early with ctx's error when ctx is cancelled.
func Run(ctx context.Context, spec Spec) (*Table, error) {
	s, err := spec.normalize()
	if err != nil {
		return nil, err
	}
	all, err := s.cells()
	if err != nil {
		return nil, err
	}
	var cells []Cell
	for _, c := range all {
		if s.Shard.Holds(c.Index) {
			cells = append(cells, c)
		}
	}
	r := &runner{spec: s, cells: cells, out: make([][]trialOut, len(cells))}
	for i, c := range cells {
		r.out[i] = make([]trialOut, s.Trials)
		r.total += s.Trials * min(s.Probes, c.P)
	}
	if err := r.run(ctx); err != nil {
		return nil, err
	}
	t := &Table{Spec: s.String(), Cells: len(all), Shard: s.Shard}
	for i, c := range cells {
		t.Rows = append(t.Rows, r.rows(c, r.out[i])...)
	}
	return t, nil
}

// trialOut is what one network of a cell gave.
type trialOut struct {
	values [][]float64 // [measure][probe], measures in spec order
	sweeps int         // summed over the runs of the dynamics
	limits int         // runs that hit MaxSweeps
}

type runner struct {
	spec  Spec
	cells []Cell       // the shard's cells, in grid order
	out   [][]trialOut // [cell][trial]

	mu    sync.Mutex
	done  int
	total int
}

func (r *runner) workers() int {
	if r.spec.Workers > 0 {
		return r.spec.Workers
	}
	return maxProcs()
}

func maxProcs() int { return runtime.GOMAXPROCS(0) }

func (r *runner) probeDone() {
	if r.spec.Progress == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.done++
	r.spec.Progress(r.done, r.total)
}

// run picks one of two schedules with identical results. When a network of
// every worker fits in memory, each worker takes a chain (one trial of one
// rule, N and noise) and grows its network through the chain's loads, so
// the Storkey rule's O(N^2) cost per pattern is paid once per trial, not
// once per cell. Otherwise (N = 100,000 and up) one network is built at a
// time and its probes are shared among the workers.
func (r *runner) run(ctx context.Context) error {
	limit := r.spec.MemoryLimit
	if limit <= 0 {
		limit = hopfield.DefaultMemoryLimit()
	}
	var largest int64
	for _, c := range r.cells {
		need := NetworkBytes(c.Rule, c.N, c.P)
		if need > limit {
			return fmt.Errorf("%v network with N = %d, P = %d needs about %s, over the memory limit of %s",
				c.Rule, c.N, c.P, hopfield.FormatBytes(need), hopfield.FormatBytes(limit))
		}
		largest = max(largest, need)
	}
	workers := r.workers()
	// Growing a network holds the old and the new one for a moment.
	if int64(workers)*2*largest <= limit {
		return r.runChains(ctx, workers)
	}
	return r.runOneAtATime(ctx, workers)
}

// NetworkBytes estimates the memory that Run needs to build and hold a
// network of the rule with N neurons and P patterns, in the form Auto
// picks: the weights (see hopfield.Config) plus the copies of the patterns
// made while it is built (Run's and the network's own). For the Hebbian
// rule in pattern form that is 4 N P bytes.
func NetworkBytes(rule hopfield.Rule, n, p int) int64 {
	np, nn := int64(n)*int64(p), int64(n)*int64(n)
	pattern := 2*p <= n
	switch rule {
	case hopfield.Hebbian:
		if pattern {
			return 4 * np
		}
		if np < 1<<24 {
			return 2*np + 4*nn
		}
		return 2*np + 8*nn
	case hopfield.Storkey:
		return 2*np + 8*nn
	}
	need := 12*np + 8*int64(p)*int64(p)
	if !pattern {
		need += 8 * nn
	}
	return need
}

// chain is one trial of one (rule, N): its cells, by ascending P (noise
// levels at the same P probe the same network).
type chain struct {
	trial int
	cells []int // indices into runner.cells
}

func (r *runner) chains() []chain {
	groups := map[[2]int][]int{}
	var keys [][2]int
	for i, c := range r.cells {
		k := [2]int{int(c.Rule), c.N}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], i)
	}
	var out []chain
	for _, k := range keys {
		idx := groups[k]
		slices.SortStableFunc(idx, func(a, b int) int { return r.cells[a].P - r.cells[b].P })
		for t := range r.spec.Trials {
			out = append(out, chain{trial: t, cells: idx})
		}
	}
	return out
}

func (r *runner) runChains(ctx context.Context, workers int) error {
	chains := r.chains()
	jobs := make(chan chain)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pr := newProber(r.spec)
			for ch := range jobs {
				if errs[w] == nil {
					errs[w] = r.runChain(ctx, pr, ch)
				}
			}
		}()
	}
	for _, ch := range chains {
		if ctx.Err() != nil {
			break
		}
		jobs <- ch
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	return firstError(errs)
}

func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func (r *runner) runChain(ctx context.Context, pr *prober, ch chain) error {
	first := r.cells[ch.cells[0]]
	seed := trialSeed(r.spec.Seed, first.N, ch.trial)
	stream := newPatternStream(seed, first.N)
	net, err := hopfield.New(first.N, hopfield.Config{Rule: first.Rule, MemoryLimit: r.spec.MemoryLimit})
	if err != nil {
		return err
	}
	for _, ci := range ch.cells {
		c := r.cells[ci]
		if c.P > net.P() {
			if err := net.Store(stream.next(c.P - net.P())...); err != nil {
				return fmt.Errorf("%v, N = %d, P = %d: %w", c.Rule, c.N, c.P, err)
			}
		}
		out := newTrialOut(len(r.spec.Measures), min(r.spec.Probes, c.P))
		for k, mu := range r.probes(seed, c) {
			if err := ctx.Err(); err != nil {
				return err
			}
			pr.probe(net, mu, c, seed, k, &out)
			r.probeDone()
		}
		r.out[ci][ch.trial] = out
	}
	return nil
}

func newTrialOut(measures, probes int) trialOut {
	out := trialOut{values: make([][]float64, measures)}
	for m := range out.values {
		out.values[m] = make([]float64, probes)
	}
	return out
}

// probes returns the stored patterns probed in one trial of cell c.
func (r *runner) probes(seed uint64, c Cell) []int {
	return chooseProbes(rng(seed, streamProbes, uint64(c.P)), c.P, min(r.spec.Probes, c.P))
}

// runOneAtATime builds each network from scratch, alone in memory, and
// shares its probes among the workers.
func (r *runner) runOneAtATime(ctx context.Context, workers int) error {
	probers := make([]*prober, workers)
	for w := range probers {
		probers[w] = newProber(r.spec)
	}
	for ci, c := range r.cells {
		for t := range r.spec.Trials {
			seed := trialSeed(r.spec.Seed, c.N, t)
			net, err := hopfield.Learn(hopfield.Config{Rule: c.Rule, MemoryLimit: r.spec.MemoryLimit}, newPatternStream(seed, c.N).next(c.P)...)
			if err != nil {
				return fmt.Errorf("%v, N = %d, P = %d: %w", c.Rule, c.N, c.P, err)
			}
			mus := r.probes(seed, c)
			parts := make([]trialOut, workers)
			var wg sync.WaitGroup
			for w := range workers {
				parts[w] = newTrialOut(len(r.spec.Measures), len(mus))
				wg.Add(1)
				go func() {
					defer wg.Done()
					for k := w; k < len(mus); k += workers {
						if ctx.Err() != nil {
							return
						}
						probers[w].probe(net, mus[k], c, seed, k, &parts[w])
						r.probeDone()
					}
				}()
			}
			wg.Wait()
			if err := ctx.Err(); err != nil {
				return err
			}
			out := newTrialOut(len(r.spec.Measures), len(mus))
			for w, part := range parts {
				for k := w; k < len(mus); k += workers {
					for m := range out.values {
						out.values[m][k] = part.values[m][k]
					}
				}
				out.sweeps += part.sweeps
				out.limits += part.limits
			}
			r.out[ci][t] = out
			// Hand the network's memory back (it is dead now) before the
			// next one is built, so that the peak is one network, not two.
			debug.FreeOSMemory()
		}
	}
	return nil
}

// prober measures one stored pattern; each worker has its own buffers.
type prober struct {
	spec   Spec
	fields []float64
	cue    []int8
}

func newProber(s Spec) *prober { return &prober{spec: s} }

// probe records every measure for stored pattern mu, the k-th probe of the
// trial with the given seed, into out.values[.][k].
func (pr *prober) probe(net *hopfield.Network, mu int, c Cell, seed uint64, k int, out *trialOut) {
	xi := net.Pattern(mu)
	n := len(xi)
	var flips int
	needFields, needRun := false, false
	for _, m := range pr.spec.Measures {
		needFields = needFields || !m.runs()
		needRun = needRun || m.runs()
	}
	if needFields {
		if len(pr.fields) != n {
			pr.fields = make([]float64, n)
		}
		net.Fields(pr.fields, xi)
		// The thresholds are zero and ties keep their value, so bit i
		// flips exactly when its aligned field is negative.
		for i, h := range pr.fields {
			if h*float64(xi[i]) < 0 {
				flips++
			}
		}
	}
	var final []int8
	if needRun {
		if len(pr.cue) != n {
			pr.cue = make([]int8, n)
		}
		copy(pr.cue, xi)
		if c.Noise > 0 {
			// Cannot fail: the noise was checked to be in [0, 1].
			patterns.FlipExact(pr.cue, xi, c.Noise, rng(probeSeed(seed, c.P, c.Noise, k), streamCue))
		}
		res, err := net.Run(pr.cue, hopfield.RunOptions{
			Update:   hopfield.Permutation,
			MaxSteps: pr.spec.MaxSweeps,
			Source:   hopfield.NewSource(mix(probeSeed(seed, c.P, c.Noise, k), streamDynamics)),
		})
		if err != nil {
			panic("capacity: " + err.Error()) // the options are ours and valid
		}
		final = res.State
		out.sweeps += res.Steps
		if res.End == hopfield.StepLimit {
			out.limits++
		}
	}
	for m, measure := range pr.spec.Measures {
		var v float64
		switch measure {
		case Fixed:
			v = b2f(flips == 0)
		case OneStep:
			v = float64(flips) / float64(n)
		case Overlap:
			v = hopfield.Overlap(final, xi)
			if v < 0 {
				// The reversed pattern is as stable as the pattern itself.
				v = -v
			}
		case Recall:
			v = b2f(hopfield.Hamming(final, xi) == 0)
		}
		out.values[m][k] = v
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// rows summarises one cell's trials, one row per measure.
func (r *runner) rows(c Cell, trials []trialOut) []Row {
	var rows []Row
	for m, measure := range r.spec.Measures {
		samples := make([][]float64, len(trials))
		sweeps, limits, runs := 0, 0, 0
		for t, out := range trials {
			samples[t] = out.values[m]
			sweeps += out.sweeps
			limits += out.limits
			runs += len(out.values[m])
		}
		row := Row{Cell: c, Measure: measure, Stats: summarize(samples), Theory: Theory(c, measure)}
		row.MeanSweeps = nan()
		if measure.runs() {
			row.Unconverged = limits
			row.MeanSweeps = float64(sweeps) / float64(runs)
		}
		rows = append(rows, row)
	}
	return rows
}
