package capacity

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/theory"
)

// TemperatureSpec describes the mean overlap of a retrieval state under
// Glauber dynamics against the temperature.
type TemperatureSpec struct {
	N int
	// Alphas and Ps give the loads together: P = round(alpha N) for each
	// alpha, and each P of Ps as it is (P >= 1). A load given twice is
	// run once.
	Alphas []float64
	Ps     []int
	Temps  []float64 // T >= 0, in the convention E[s_i] = tanh(h_i / T)
	Trials int       // independent networks per (load, T)
	// Burn is the number of sweeps discarded while the state settles;
	// Sweeps the number averaged after it. 0 means 50 and 100.
	Burn, Sweeps int
	Seed         uint64
	Workers      int // 0 means GOMAXPROCS; does not change the results
	// MemoryLimit caps the memory of the networks held at once; 0 means
	// hopfield.DefaultMemoryLimit(). Fewer workers run when theirs do not
	// all fit; a network that does not fit alone is an error.
	MemoryLimit int64
	// Progress, if not nil, is called after each run of the dynamics with
	// the number of runs done and the total, from one goroutine at a time.
	Progress func(done, total int)
}

// TemperatureRow is the mean overlap at one load and temperature.
type TemperatureRow struct {
	N, P  int
	Alpha float64 // P/N
	T     float64
	// Mean is the overlap m with the pattern the run started from,
	// averaged over the measured sweeps and the trials; StdErr is taken
	// between trials (NaN for one trial).
	Mean, StdErr float64
	// MaxAbs is the largest |m_mu| over all stored patterns of the overlap
	// averaged over the measured sweeps, averaged over the trials: the
	// order parameter of retrieval of any pattern, which stays high when
	// the state has moved from its pattern to another (or to its reverse)
	// and falls to the noise floor, about sqrt(2 ln(2P) / (N sweeps)),
	// when retrieval melts. MaxAbsErr is its standard error between
	// trials.
	MaxAbs, MaxAbsErr float64
	Trials            int
	// Theory is theory.GlauberOverlap(T), the root of m = tanh(m/T): the
	// law at vanishing load, which finite loads fall below.
	Theory float64
}

// Temperature runs Glauber dynamics from a stored pattern of a Hebbian
// network at each load and temperature and records the time-averaged
// overlaps with every pattern. The overlap is signed: above T = 1 it
// averages to zero, as the theory says, instead of to the |m| ~ 1/sqrt(N)
// of the noise. The networks of one trial are the same at every
// temperature (common random numbers), so the curves are smooth in T.
func Temperature(ctx context.Context, spec TemperatureSpec) ([]TemperatureRow, error) {
	spec, ps, err := spec.normalize()
	if err != nil {
		return nil, err
	}
	if spec.Workers, err = spec.fit(ps[len(ps)-1]); err != nil {
		return nil, err
	}
	nT := len(spec.Temps)
	runs := make([]temperatureRun, len(ps)*nT*spec.Trials) // [load][T][trial]
	var mu sync.Mutex
	done := 0
	err = parallel(ctx, spec.Workers, len(runs), func(k int) error {
		li, ti, t := k/(nT*spec.Trials), k/spec.Trials%nT, k%spec.Trials
		r, err := spec.run(ctx, ps[li], spec.Temps[ti], t)
		if err != nil {
			return err
		}
		runs[k] = r
		if spec.Progress != nil {
			mu.Lock()
			done++
			spec.Progress(done, len(runs))
			mu.Unlock()
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var rows []TemperatureRow
	for li, p := range ps {
		for ti, T := range spec.Temps {
			cell := runs[(li*nT+ti)*spec.Trials : (li*nT+ti+1)*spec.Trials]
			ms, maxes := make([]float64, len(cell)), make([]float64, len(cell))
			for i, r := range cell {
				ms[i], maxes[i] = r.mean, r.maxAbs
			}
			rows = append(rows, TemperatureRow{N: spec.N, P: p, Alpha: float64(p) / float64(spec.N), T: T,
				Mean: mean(ms), StdErr: stdErr(ms), MaxAbs: mean(maxes), MaxAbsErr: stdErr(maxes),
				Trials: spec.Trials, Theory: theory.GlauberOverlap(T)})
		}
	}
	return rows, nil
}

// normalize checks the spec, fills in the default sweeps and returns the
// loads as pattern counts, ascending and without repeats.
func (spec TemperatureSpec) normalize() (TemperatureSpec, []int, error) {
	if spec.N < 2 || spec.Trials < 1 || spec.Trials > MaxTrials || len(spec.Alphas)+len(spec.Ps) == 0 || len(spec.Temps) == 0 {
		return spec, nil, fmt.Errorf("temperature: want N >= 2, 1 to %d trials, and at least one load and temperature", MaxTrials)
	}
	for _, T := range spec.Temps {
		if !(T >= 0) || math.IsInf(T, 0) {
			return spec, nil, fmt.Errorf("temperature: T = %v: want a finite T >= 0", T)
		}
	}
	if spec.Burn <= 0 {
		spec.Burn = 50
	}
	if spec.Sweeps <= 0 {
		spec.Sweeps = 100
	}
	ps, err := loads(spec.N, spec.Alphas)
	if err != nil {
		return spec, nil, fmt.Errorf("temperature: %w", err)
	}
	for _, p := range spec.Ps {
		if p < 1 {
			return spec, nil, fmt.Errorf("temperature: P = %d: want at least one pattern", p)
		}
		ps = append(ps, p)
	}
	slices.Sort(ps)
	return spec, slices.Compact(ps), nil
}

// fit returns how many workers' networks of up to pmax patterns fit in the
// memory limit side by side, each with the patterns it learns from.
func (spec TemperatureSpec) fit(pmax int) (int, error) {
	limit := spec.MemoryLimit
	if limit <= 0 {
		limit = hopfield.DefaultMemoryLimit()
	}
	per := NetworkBytes(hopfield.Hebbian, spec.N, pmax) + int64(spec.N)*int64(pmax)
	if per > limit {
		return 0, fmt.Errorf("temperature: a Hebbian network with N = %d, P = %d needs about %s, over the memory limit of %s",
			spec.N, pmax, hopfield.FormatBytes(per), hopfield.FormatBytes(limit))
	}
	w := spec.Workers
	if w <= 0 {
		w = maxProcs()
	}
	return int(min(int64(w), limit/per)), nil
}

// temperatureRun is what one run measured: the time-averaged overlap with
// its starting pattern and the largest |time-averaged overlap| with any.
type temperatureRun struct{ mean, maxAbs float64 }

// run runs trial t's network of p patterns at temperature T from its first
// pattern.
func (spec TemperatureSpec) run(ctx context.Context, p int, T float64, t int) (temperatureRun, error) {
	seed := trialSeed(spec.Seed, spec.N, t)
	net, err := hopfield.Learn(hopfield.Config{Rule: hopfield.Hebbian}, newPatternStream(seed, spec.N).next(p)...)
	if err != nil {
		return temperatureRun{}, err
	}
	sums := make([]float64, p) // of m_mu over the measured sweeps
	var last []float64
	measured := 0
	res, err := net.Run(net.Pattern(0), hopfield.RunOptions{
		Update: hopfield.Glauber, Temperature: T, MaxSteps: spec.Burn + spec.Sweeps,
		Source: hopfield.NewSource(mix(seed, streamDynamics, uint64(p), math.Float64bits(T))),
		Observe: func(e *hopfield.Event) error {
			last = e.Overlaps(last)
			if e.Step > spec.Burn {
				for mu, m := range last {
					sums[mu] += m
				}
				measured++
			}
			return ctx.Err()
		},
	})
	if err != nil {
		return temperatureRun{}, err
	}
	if res.End == hopfield.FixedPoint {
		// At T = 0 the run stops at a fixed point, which then holds for
		// the sweeps that were not run.
		for mu, m := range last {
			sums[mu] += float64(spec.Sweeps-measured) * m
		}
	}
	out := temperatureRun{mean: sums[0] / float64(spec.Sweeps)}
	for _, s := range sums {
		out.maxAbs = math.Max(out.maxAbs, math.Abs(s)/float64(spec.Sweeps))
	}
	return out, nil
}
