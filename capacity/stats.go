package capacity

import (
	"math"
	"slices"
)

// Stats summarises the samples of one cell and measure. Samples are grouped
// by trial (one network each); samples of the same network are correlated,
// so the standard error is taken between the trial means, which are
// independent.
type Stats struct {
	Trials  int // independent networks
	Samples int // probes in all
	Mean    float64
	// StdErr is the standard deviation of the trial means over
	// sqrt(Trials): the standard error of Mean. NaN for one trial.
	StdErr float64
	// Quantiles of the samples (type 7, linear interpolation, as numpy's
	// default): minimum, 5 %, 25 %, median, 75 %, 95 %, maximum.
	Min, Q05, Q25, Median, Q75, Q95, Max float64
}

// summarize computes Stats from samples[t][k], trial t, probe k; every
// trial has the same number of samples.
func summarize(samples [][]float64) Stats {
	st := Stats{Trials: len(samples)}
	var all []float64
	means := make([]float64, len(samples))
	for t, xs := range samples {
		means[t] = mean(xs)
		all = append(all, xs...)
	}
	st.Samples = len(all)
	if st.Samples == 0 {
		nan := math.NaN()
		st.Mean, st.StdErr, st.Min, st.Q05, st.Q25, st.Median, st.Q75, st.Q95, st.Max = nan, nan, nan, nan, nan, nan, nan, nan, nan
		return st
	}
	st.Mean = mean(all)
	st.StdErr = stdErr(means)
	slices.Sort(all)
	st.Min, st.Max = all[0], all[len(all)-1]
	st.Q05, st.Q25, st.Median = quantile(all, 0.05), quantile(all, 0.25), quantile(all, 0.5)
	st.Q75, st.Q95 = quantile(all, 0.75), quantile(all, 0.95)
	return st
}

// mean sums in index order, so the result does not depend on scheduling.
func mean(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// stdErr is the sample standard deviation of xs over sqrt(len(xs)), NaN
// for fewer than two values.
func stdErr(xs []float64) float64 {
	if len(xs) < 2 {
		return math.NaN()
	}
	m := mean(xs)
	var ss float64
	for _, x := range xs {
		ss += (x - m) * (x - m)
	}
	return math.Sqrt(ss / float64(len(xs)-1) / float64(len(xs)))
}

// quantile of sorted xs by linear interpolation between order statistics
// (Hyndman & Fan type 7).
func quantile(sorted []float64, q float64) float64 {
	h := q * float64(len(sorted)-1)
	lo := int(math.Floor(h))
	if lo >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}
