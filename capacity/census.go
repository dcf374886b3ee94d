package capacity

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/hopfield-lab/hopfield"
)

// State is the kind of state where the dynamics end.
type State int

const (
	// Retrieved is a stored pattern: overlap above RetrievalOverlap with it.
	Retrieved State = iota
	// Reversed is the reverse of a stored pattern, -xi, as stable as xi.
	Reversed
	// Mixture3 is a symmetric mixture of three patterns,
	// sign(+-xi^a +- xi^b +- xi^c): overlap about 1/2 with each of the three
	// and small with the others.
	Mixture3
	// Other is anything else: a spin-glass state, a mixture of five or more
	// patterns, or an asymmetric mixture.
	Other
	numStates
)

var stateNames = []string{"pattern", "reversed", "mixture3", "other"}

func (s State) String() string {
	if s >= 0 && s < numStates {
		return stateNames[s]
	}
	return fmt.Sprintf("State(%d)", int(s))
}

// States lists the kinds of states, in the order of CensusRow.Count.
func States() []State { return []State{Retrieved, Reversed, Mixture3, Other} }

// Thresholds of Classify. A retrieval state has |m| >= 0.97 up to the AGS
// capacity. In the symmetric 3-mixture each component's overlap is 1/2 plus
// a fluctuation of standard deviation sqrt(3/(4N)), 0.039 at N = 500, so
// [0.38, 0.62] holds it to 3 standard deviations there (and better for
// larger N); a 5-mixture has 3/8 with five patterns. The overlap with an
// unrelated pattern is of order 1/sqrt(N), 0.045 at N = 500: 0.25 is more
// than five standard deviations away.
const (
	RetrievalOverlap = 0.8
	MixtureLow       = 0.38
	MixtureHigh      = 0.62
	Unrelated        = 0.25
)

// Classify says what kind of state has overlaps ms with the stored
// patterns: Retrieved or Reversed if its nearest pattern ([hopfield.Nearest])
// has |m| at least RetrievalOverlap (by its sign); Mixture3 if the three
// largest |m| lie in [MixtureLow, MixtureHigh] and the fourth is below
// Unrelated; Other otherwise.
func Classify(ms []float64) State {
	best := hopfield.Nearest(ms)
	if best < 0 {
		return Other
	}
	if math.Abs(ms[best]) >= RetrievalOverlap {
		if ms[best] > 0 {
			return Retrieved
		}
		return Reversed
	}
	abs := make([]float64, len(ms))
	for mu, m := range ms {
		abs[mu] = math.Abs(m)
	}
	slices.Sort(abs)
	slices.Reverse(abs)
	if len(abs) >= 3 && abs[0] <= MixtureHigh && abs[2] >= MixtureLow && (len(abs) == 3 || abs[3] < Unrelated) {
		return Mixture3
	}
	return Other
}

// CensusSpec describes a census of the states reached from random starts.
type CensusSpec struct {
	Rule   hopfield.Rule
	N      int
	Alphas []float64
	// Trials is the number of networks per load, Starts the number of
	// random initial states run on each.
	Trials, Starts int
	MaxSweeps      int // 0 means DefaultMaxSweeps
	Seed           uint64
	Workers        int // 0 means GOMAXPROCS; does not change the results
}

// CensusRow is the census at one load.
type CensusRow struct {
	N, P  int
	Alpha float64 // P/N
	Runs  int
	// Count and Fraction are indexed by State; FractionErr is the standard
	// error of Fraction between networks.
	Count       [numStates]int
	Fraction    [numStates]float64
	FractionErr [numStates]float64
	// MixtureOverlap is the mean over the 3-mixtures found of their three
	// largest |m| (1/2 in theory). Its standard error is taken between the
	// networks that have mixtures, since one network often reaches the same
	// mixture from several starts (NaN if fewer than two have).
	MixtureOverlap, MixtureOverlapErr float64
	Unconverged                       int
}

// Census runs asynchronous dynamics from uniformly random states and
// classifies where they end, for each load. Patterns are seeded as in Run,
// by (N, trial); start s of a network by (trial, P, s).
func Census(ctx context.Context, spec CensusSpec) ([]CensusRow, error) {
	if spec.Trials < 1 || spec.Starts < 1 {
		return nil, errors.New("census: trials and starts must be at least 1")
	}
	if spec.MaxSweeps <= 0 {
		spec.MaxSweeps = DefaultMaxSweeps
	}
	grid := Spec{Rules: []hopfield.Rule{spec.Rule}, Ns: []int{spec.N}, Alphas: spec.Alphas, Measures: []Measure{Overlap}, Trials: spec.Trials}
	cells, err := grid.Cells()
	if err != nil {
		return nil, fmt.Errorf("census: %w", err)
	}
	type job struct{ cell, trial int }
	results := make([][]censusResult, len(cells))
	var jobs []job
	for c := range cells {
		results[c] = make([]censusResult, spec.Trials)
		for t := range spec.Trials {
			jobs = append(jobs, job{c, t})
		}
	}
	err = parallel(ctx, spec.Workers, len(jobs), func(k int) error {
		c, t := jobs[k].cell, jobs[k].trial
		res, err := censusNetwork(ctx, spec, cells[c], t)
		results[c][t] = res
		return err
	})
	if err != nil {
		return nil, err
	}
	rows := make([]CensusRow, len(cells))
	for ci, c := range cells {
		rows[ci] = censusRow(spec, c, results[ci])
	}
	return rows, nil
}

// censusResult is the census of one network: counts and sums, not one
// entry per start, so that memory does not grow with the starts.
type censusResult struct {
	counts   [numStates]int
	mixtures int     // 3-mixtures found
	mixSum   float64 // sum of their top3Mean, in start order
	limits   int
}

// censusNetwork learns network trial of cell c and runs it from
// spec.Starts random states.
func censusNetwork(ctx context.Context, spec CensusSpec, c Cell, trial int) (censusResult, error) {
	var res censusResult
	seed := trialSeed(spec.Seed, c.N, trial)
	net, err := hopfield.Learn(hopfield.Config{Rule: c.Rule}, newPatternStream(seed, c.N).next(c.P)...)
	if err != nil {
		return res, fmt.Errorf("census: %v, N = %d, P = %d: %w", c.Rule, c.N, c.P, err)
	}
	start := make([]int8, c.N)
	ms := make([]float64, c.P)
	for s := range spec.Starts {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		r := rng(seed, streamStart, uint64(c.P), uint64(s))
		for i := range start {
			start[i] = int8(r.IntN(2))*2 - 1
		}
		out, err := net.Run(start, hopfield.RunOptions{Update: hopfield.Permutation, MaxSteps: spec.MaxSweeps,
			Source:  hopfield.NewSource(mix(seed, streamDynamics, uint64(c.P), uint64(s))),
			Observe: func(*hopfield.Event) error { return ctx.Err() }})
		if err != nil {
			return res, err
		}
		if out.End == hopfield.StepLimit {
			res.limits++
		}
		ms = net.Overlaps(ms, out.State)
		st := Classify(ms)
		res.counts[st]++
		if st == Mixture3 {
			res.mixtures++
			res.mixSum += top3Mean(ms)
		}
	}
	return res, nil
}

// censusRow sums the census of the networks of cell c, one result per
// trial.
func censusRow(spec CensusSpec, c Cell, results []censusResult) CensusRow {
	row := CensusRow{N: c.N, P: c.P, Alpha: c.Alpha(), Runs: spec.Trials * spec.Starts}
	var trialMixtures []float64
	var mixtures int
	var mixSum float64
	for _, res := range results {
		for s, n := range res.counts {
			row.Count[s] += n
		}
		row.Unconverged += res.limits
		if res.mixtures > 0 {
			mixtures += res.mixtures
			mixSum += res.mixSum
			trialMixtures = append(trialMixtures, res.mixSum/float64(res.mixtures))
		}
	}
	fr := make([]float64, spec.Trials)
	for s := range numStates {
		for t, res := range results {
			fr[t] = float64(res.counts[s]) / float64(spec.Starts)
		}
		row.Fraction[s] = float64(row.Count[s]) / float64(row.Runs)
		row.FractionErr[s] = stdErr(fr)
	}
	row.MixtureOverlap, row.MixtureOverlapErr = nan(), nan()
	if mixtures > 0 {
		row.MixtureOverlap = mixSum / float64(mixtures)
		row.MixtureOverlapErr = stdErr(trialMixtures)
	}
	return row
}

// top3Mean is the mean of the three largest |m|.
func top3Mean(ms []float64) float64 {
	abs := make([]float64, len(ms))
	for i, m := range ms {
		abs[i] = math.Abs(m)
	}
	slices.Sort(abs)
	return (abs[len(abs)-1] + abs[len(abs)-2] + abs[len(abs)-3]) / 3
}

// parallel calls f(0), ..., f(n-1) on workers goroutines and returns the
// first error (by index). Each f writes only its own results, so the
// outcome does not depend on the schedule.
func parallel(ctx context.Context, workers, n int, f func(k int) error) error {
	if workers <= 0 {
		workers = maxProcs()
	}
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				errs[k] = f(k)
			}
		}()
	}
	for k := range n {
		if ctx.Err() != nil {
			break
		}
		next <- k
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	return firstError(errs)
}
