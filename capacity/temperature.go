package capacity

import (
	"context"
	"fmt"
	"math"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/theory"
)

// TemperatureSpec describes the mean overlap of a retrieval state under
// Glauber dynamics against the temperature.
type TemperatureSpec struct {
	N      int
	Alphas []float64 // loads; P = round(alpha N) >= 1
	Temps  []float64 // T >= 0, in the convention E[s_i] = tanh(h_i / T)
	Trials int       // independent networks per (load, T)
	// Burn is the number of sweeps discarded while the state settles;
	// Sweeps the number averaged after it. 0 means 50 and 100.
	Burn, Sweeps int
	Seed         uint64
	Workers      int // 0 means GOMAXPROCS; does not change the results
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
	Trials       int
	// Theory is theory.GlauberOverlap(T), the root of m = tanh(m/T): the
	// law at vanishing load, which finite loads fall below.
	Theory float64
}

// Temperature runs Glauber dynamics from a stored pattern of a Hebbian
// network at each load and temperature and records the time-averaged
// overlap with it. The overlap is signed: above T = 1 it averages to zero,
// as the theory says, instead of to the |m| ~ 1/sqrt(N) of the noise. The
// networks of one trial are the same at every temperature (common random
// numbers), so the curves are smooth in T.
func Temperature(ctx context.Context, spec TemperatureSpec) ([]TemperatureRow, error) {
	if spec.N < 2 || spec.Trials < 1 || spec.Trials > MaxTrials || len(spec.Alphas) == 0 || len(spec.Temps) == 0 {
		return nil, fmt.Errorf("temperature: want N >= 2, 1 to %d trials, and at least one load and temperature", MaxTrials)
	}
	for _, T := range spec.Temps {
		if !(T >= 0) || math.IsInf(T, 0) {
			return nil, fmt.Errorf("temperature: T = %v: want a finite T >= 0", T)
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
		return nil, fmt.Errorf("temperature: %w", err)
	}
	nT := len(spec.Temps)
	means := make([]float64, len(ps)*nT*spec.Trials) // [load][T][trial]
	err = parallel(ctx, spec.Workers, len(means), func(k int) error {
		li, ti, t := k/(nT*spec.Trials), k/spec.Trials%nT, k%spec.Trials
		p, T := ps[li], spec.Temps[ti]
		seed := trialSeed(spec.Seed, spec.N, t)
		net, err := hopfield.Learn(hopfield.Config{Rule: hopfield.Hebbian}, newPatternStream(seed, spec.N).next(p)...)
		if err != nil {
			return err
		}
		xi := net.Pattern(0)
		var sum, last float64
		measured := 0
		res, err := net.Run(xi, hopfield.RunOptions{
			Update: hopfield.Glauber, Temperature: T, MaxSteps: spec.Burn + spec.Sweeps,
			Source: hopfield.NewSource(mix(seed, streamDynamics, uint64(p), math.Float64bits(T))),
			Observe: func(e *hopfield.Event) error {
				last = hopfield.Overlap(e.State, xi)
				if e.Step > spec.Burn {
					sum += last
					measured++
				}
				return ctx.Err()
			},
		})
		if err != nil {
			return err
		}
		if res.End == hopfield.FixedPoint {
			// At T = 0 the run stops at a fixed point, which then holds
			// for the sweeps that were not run.
			sum += float64(spec.Sweeps-measured) * last
		}
		means[k] = sum / float64(spec.Sweeps)
		return nil
	})
	if err != nil {
		return nil, err
	}
	var rows []TemperatureRow
	for li, p := range ps {
		for ti, T := range spec.Temps {
			ms := means[(li*nT+ti)*spec.Trials : (li*nT+ti+1)*spec.Trials]
			rows = append(rows, TemperatureRow{N: spec.N, P: p, Alpha: float64(p) / float64(spec.N), T: T,
				Mean: mean(ms), StdErr: stdErr(ms), Trials: spec.Trials, Theory: theory.GlauberOverlap(T)})
		}
	}
	return rows, nil
}
