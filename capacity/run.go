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
//
// Run checks the sweep against its limits before it allocates anything
// large: the grid size and the trials (MaxCells, MaxTrials), and the memory
// of the networks held at once and of the statistics against MemoryLimit
// (see [Spec.Estimate]). Its own memory does not grow with the number of
// trials: each trial's samples are folded into the statistics as soon as
// the trial ends.
func Run(ctx context.Context, spec Spec) (*Table, error) {
	s, err := spec.normalize()
	if err != nil {
		return nil, err
	}
	all, err := s.cells()
	if err != nil {
		return nil, err
	}
	cells := s.shardCells(all)
	plan, err := s.checkMemory(cells)
	if err != nil {
		return nil, err
	}
	r := &runner{spec: s, cells: cells, plan: plan, acc: make([][]*accumulator, len(cells)), runs: make([]runCounts, len(cells))}
	for i, c := range cells {
		r.acc[i] = make([]*accumulator, len(s.Measures))
		for m, measure := range s.Measures {
			r.acc[i][m] = newAccumulator(measure.denominator(c.N))
		}
		r.total += s.Trials * min(s.Probes, c.P)
	}
	if err := r.run(ctx); err != nil {
		return nil, err
	}
	t := &Table{Spec: s.String(), Cells: len(all), Shard: s.Shard, Version: TableVersion}
	for i, c := range cells {
		t.Rows = append(t.Rows, r.rows(i, c)...)
	}
	return t, nil
}

// trialOut is what one network of a cell gave, before it is folded into
// the cell's statistics.
type trialOut struct {
	// values[m][k] is the numerator of the sample of measure m at probe k
	// (see accumulator); a per-network measure has one sample.
	values  [][]int64
	limited []bool // [probe]: the run hit MaxSweeps
	sweeps  int    // summed over the runs of the dynamics
	limits  int    // runs that hit MaxSweeps
}

// runCounts sums the trials' run lengths of one cell.
type runCounts struct{ sweeps, limits, runs int }

type runner struct {
	spec  Spec
	cells []Cell // the shard's cells, in grid order
	plan  memoryPlan

	mu    sync.Mutex
	acc   [][]*accumulator // [cell][measure]
	runs  []runCounts      // [cell]
	done  int
	total int
}

// record folds one trial of cell ci into its statistics, leaving out the
// samples of runs that did not converge unless the spec keeps them.
func (r *runner) record(ci int, out trialOut) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for m, a := range r.acc[ci] {
		ks := out.values[m]
		if r.spec.Measures[m].runs() && !r.spec.IncludeUnconverged && out.limits > 0 {
			var kept []int64
			for k, v := range ks {
				if !out.limited[k] {
					kept = append(kept, v)
				}
			}
			ks = kept
		}
		a.addTrial(ks)
	}
	rc := &r.runs[ci]
	rc.sweeps += out.sweeps
	rc.limits += out.limits
	rc.runs += len(out.limited)
}

func (r *runner) workers() int { return r.spec.workers() }

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

// run follows one of two schedules with identical results (see
// Spec.checkMemory). When a network of every worker fits in memory, each
// worker takes a chain (one trial of one rule and N) and grows its network
// through the chain's loads, so the Storkey rule's O(N^2) cost per pattern
// is paid once per trial, not once per cell. Otherwise (N = 100,000 and up)
// one network is built at a time and its probes are shared among the
// workers.
func (r *runner) run(ctx context.Context) error {
	if r.plan.sideBySide {
		return r.runChains(ctx, r.workers())
	}
	return r.runOneAtATime(ctx, r.workers())
}

// chain is one trial of one (rule, N): its cells, by ascending P (noise
// levels at the same P probe the same network).
type chain struct {
	trial int
	cells []int // indices into runner.cells
}

// groups returns the shard's cells grouped by (rule, N), each group by
// ascending P.
func (r *runner) groups() [][]int {
	index := map[[2]int]int{}
	var out [][]int
	for i, c := range r.cells {
		k := [2]int{int(c.Rule), c.N}
		g, ok := index[k]
		if !ok {
			g = len(out)
			index[k] = g
			out = append(out, nil)
		}
		out[g] = append(out[g], i)
	}
	for _, idx := range out {
		slices.SortStableFunc(idx, func(a, b int) int { return r.cells[a].P - r.cells[b].P })
	}
	return out
}

func (r *runner) runChains(ctx context.Context, workers int) error {
	// The first error stops the other workers and the feed.
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	jobs := make(chan chain)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pr := newProber(r.spec)
			for ch := range jobs {
				if err := r.runChain(ctx, pr, ch); err != nil {
					cancel(err)
					return
				}
			}
		}()
	}
	// The chains are made as they are handed out: there are groups x
	// trials of them, too many to list for a million trials.
feed:
	for _, idx := range r.groups() {
		for t := range r.spec.Trials {
			select {
			case jobs <- chain{trial: t, cells: idx}:
			case <-ctx.Done():
				break feed
			}
		}
	}
	close(jobs)
	wg.Wait()
	return context.Cause(ctx)
}

func (r *runner) runChain(ctx context.Context, pr *prober, ch chain) error {
	first := r.cells[ch.cells[0]]
	seed := trialSeed(r.spec.Seed, first.N, ch.trial)
	stream := newPatternStream(seed, first.N)
	net, err := hopfield.New(first.N, r.spec.config(first))
	if err != nil {
		return err
	}
	for _, ci := range ch.cells {
		c := r.cells[ci]
		if c.P > net.P() {
			// The new patterns are not kept: the network holds its own
			// copy, and the probes read it with net.Pattern.
			if err := net.Store(stream.next(c.P - net.P())...); err != nil {
				return fmt.Errorf("%v, N = %d, P = %d: %w", c.Rule, c.N, c.P, err)
			}
		}
		out := r.newTrialOut(min(r.spec.Probes, c.P))
		pr.perNetwork(net, &out)
		for k, mu := range r.probes(seed, c) {
			if err := ctx.Err(); err != nil {
				return err
			}
			pr.probe(net, mu, c, seed, k, &out)
			r.probeDone()
		}
		r.record(ci, out)
	}
	return nil
}

// newTrialOut makes the buffers of a trial with the given number of
// probes.
func (r *runner) newTrialOut(probes int) trialOut {
	out := trialOut{values: make([][]int64, len(r.spec.Measures)), limited: make([]bool, probes)}
	for m, measure := range r.spec.Measures {
		if measure.perNetwork() {
			out.values[m] = make([]int64, 1)
		} else {
			out.values[m] = make([]int64, probes)
		}
	}
	return out
}

// config is the engine's configuration for the networks of cell c.
func (s Spec) config(c Cell) hopfield.Config {
	return hopfield.Config{Rule: c.Rule, Energy: c.Energy, MemoryLimit: s.MemoryLimit,
		KeepDiagonal: s.KeepDiagonal && c.Rule == hopfield.PseudoInverse}
}

// probes returns the stored patterns probed in one trial of cell c.
func (r *runner) probes(seed uint64, c Cell) []int {
	// The Storkey rule treats patterns by their order, so probing the
	// first k would be biased: probe k chosen at random.
	return patterns.Choose(rng(seed, streamProbes, uint64(c.P)), c.P, min(r.spec.Probes, c.P))
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
			// The patterns are garbage once learned: the network keeps its
			// own compact copy (see hopfield.Network.Pattern).
			net, err := hopfield.Learn(r.spec.config(c), newPatternStream(seed, c.N).next(c.P)...)
			if err != nil {
				return fmt.Errorf("%v, N = %d, P = %d: %w", c.Rule, c.N, c.P, err)
			}
			mus := r.probes(seed, c)
			parts := make([]trialOut, workers)
			var wg sync.WaitGroup
			for w := range workers {
				parts[w] = r.newTrialOut(len(mus))
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
			out := r.newTrialOut(len(mus))
			for w, part := range parts {
				for k := w; k < len(mus); k += workers {
					out.limited[k] = part.limited[k]
					for m, measure := range r.spec.Measures {
						if !measure.perNetwork() {
							out.values[m][k] = part.values[m][k]
						}
					}
				}
				out.sweeps += part.sweeps
				out.limits += part.limits
			}
			probers[0].perNetwork(net, &out)
			r.record(ci, out)
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

// probe records every per-probe measure for stored pattern mu, the k-th
// probe of the trial with the given seed, into out.values[.][k], as the
// numerator of the sample over Measure.denominator.
func (pr *prober) probe(net *hopfield.Network, mu int, c Cell, seed uint64, k int, out *trialOut) {
	xi := net.Pattern(mu)
	n := len(xi)
	var unstable, flips int
	needFields, needRun := false, false
	for _, m := range pr.spec.Measures {
		needFields = needFields || m == Fixed || m == OneStep
		needRun = needRun || m.runs()
	}
	if needFields {
		unstable, flips = pr.fieldCounts(net, xi)
	}
	var wrong int // bits of the final state that differ from xi
	var res hopfield.Result
	if needRun {
		res = pr.run(net, xi, c, seed, k)
		wrong = hopfield.Hamming(res.State, xi)
		out.sweeps += res.Steps
		if res.End == hopfield.StepLimit {
			out.limits++
			out.limited[k] = true
		}
	}
	for m, measure := range pr.spec.Measures {
		var v int
		switch measure {
		case Fixed:
			v = b2i(unstable == 0)
		case OneStep:
			v = flips
		case Overlap:
			// |xi . s| = |N - 2 wrong|: the reversed pattern is as stable
			// as the pattern itself.
			v = abs(n - 2*wrong)
		case Signed:
			v = n - 2*wrong
		case Recall:
			v = b2i(wrong == 0)
		case Success:
			v = b2i(float64(n-2*wrong) >= pr.spec.Threshold*float64(n))
		case Flips:
			v = res.Flips
		default: // per network
			continue
		}
		out.values[m][k] = int64(v)
	}
}

// fieldCounts counts the bits of stored pattern xi whose field is not
// strictly aligned with them (Fixed's failures) and those that flip when
// updated once under the tie rule (OneStep's). The thresholds are zero.
func (pr *prober) fieldCounts(net *hopfield.Network, xi []int8) (unstable, flips int) {
	pr.fields = net.Fields(pr.fields, xi)
	for i, h := range pr.fields {
		switch a := h * float64(xi[i]); {
		case a < 0:
			unstable++
			flips++
		case a == 0:
			unstable++
			if pr.spec.Tie == hopfield.TiePlus && xi[i] < 0 || pr.spec.Tie == hopfield.TieMinus && xi[i] > 0 {
				flips++
			}
		}
	}
	return unstable, flips
}

// run runs the dynamics of the k-th probe from stored pattern xi, or from a
// cue with the cell's noise.
func (pr *prober) run(net *hopfield.Network, xi []int8, c Cell, seed uint64, k int) hopfield.Result {
	if len(pr.cue) != len(xi) {
		pr.cue = make([]int8, len(xi))
	}
	copy(pr.cue, xi)
	if c.Noise > 0 {
		// Cannot fail: the noise was checked to be in [0, 1].
		patterns.FlipExact(pr.cue, xi, c.Noise, rng(probeSeed(seed, c.P, c.Noise, k), streamCue))
	}
	res, err := net.Run(pr.cue, hopfield.RunOptions{
		Update:   hopfield.Permutation,
		Tie:      pr.spec.Tie,
		MaxSteps: pr.spec.MaxSweeps,
		Source:   hopfield.NewSource(mix(probeSeed(seed, c.P, c.Noise, k), streamDynamics)),
	})
	if err != nil {
		panic("capacity: " + err.Error()) // the options are ours and valid
	}
	return res
}

// perNetwork records the per-network measures of a trial's network: for
// AllFixed, whether every stored pattern is strictly stable. It stops at
// the first pattern that is not, so only a network that holds all its
// patterns costs P field computations.
func (pr *prober) perNetwork(net *hopfield.Network, out *trialOut) {
	for m, measure := range pr.spec.Measures {
		if measure != AllFixed {
			continue
		}
		all := 1
		for mu := range net.P() {
			if u, _ := pr.fieldCounts(net, net.Pattern(mu)); u > 0 {
				all = 0
				break
			}
		}
		out.values[m][0] = int64(all)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// rows summarises cell ci's trials, one row per measure.
func (r *runner) rows(ci int, c Cell) []Row {
	var rows []Row
	rc := r.runs[ci]
	for m, measure := range r.spec.Measures {
		row := Row{Cell: c, Measure: measure, Stats: r.acc[ci][m].stats(), Theory: Theory(c, measure, r.spec.Tie)}
		row.MeanSweeps = nan()
		if measure.runs() {
			row.Unconverged = rc.limits
			row.MeanSweeps = float64(rc.sweeps) / float64(rc.runs)
		}
		rows = append(rows, row)
	}
	return rows
}

func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
