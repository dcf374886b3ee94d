package capacity

import (
	"math"
	"math/big"
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

// accumulator reduces the samples of one cell and measure trial by trial,
// in memory that does not grow with the number of trials. Every sample is
// an integer k over a fixed denominator (1 for the 0/1 measures, N for the
// error rate and the overlap), so
//
//   - a histogram of k gives the quantiles exactly: it has at most
//     min(samples, N+1) entries;
//   - exact integer sums of k and of the squared trial sums give the mean
//     and the variance of the trial means (every trial has the same number
//     of probes).
//
// Integer sums do not depend on the order in which the trials arrive, so
// the Stats are the same for any schedule.
type accumulator struct {
	denom   int64
	counts  map[int64]int64 // k -> samples
	trials  int
	samples int64
	sum     big.Int // sum of k over all samples
	sumSq   big.Int // sum over trials of (sum of k in the trial)^2
}

func newAccumulator(denom int) *accumulator {
	return &accumulator{denom: int64(denom), counts: map[int64]int64{}}
}

// addTrial adds the samples of one trial.
func (a *accumulator) addTrial(ks []int64) {
	var t int64
	for _, k := range ks {
		a.counts[k]++
		t += k
	}
	a.trials++
	a.samples += int64(len(ks))
	var bt big.Int
	bt.SetInt64(t)
	a.sum.Add(&a.sum, &bt)
	a.sumSq.Add(&a.sumSq, bt.Mul(&bt, &bt))
}

// stats returns the summary of the samples added.
func (a *accumulator) stats() Stats {
	st := Stats{Trials: a.trials, Samples: int(a.samples)}
	if a.samples == 0 {
		nan := math.NaN()
		st.Mean, st.StdErr, st.Min, st.Q05, st.Q25, st.Median, st.Q75, st.Q95, st.Max = nan, nan, nan, nan, nan, nan, nan, nan, nan
		return st
	}
	st.Mean = ratio(&a.sum, big.NewInt(a.samples*a.denom))
	st.StdErr = math.NaN()
	if t := int64(a.trials); t >= 2 {
		// The trial means are K_t / (n d) with n probes per trial, so their
		// variance is (T sum K_t^2 - (sum K_t)^2) / (T (T-1) (n d)^2), with
		// an exact numerator.
		var num, sq big.Int
		num.Mul(&a.sumSq, big.NewInt(t))
		num.Sub(&num, sq.Mul(&a.sum, &a.sum))
		nd := float64(a.samples/t) * float64(a.denom)
		st.StdErr = math.Sqrt(ratio(&num, big.NewInt(t*(t-1)))) / nd / math.Sqrt(float64(t))
	}
	keys := make([]int64, 0, len(a.counts))
	for k := range a.counts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	q := func(p float64) float64 { return a.quantile(keys, p) }
	st.Min, st.Q05, st.Q25, st.Median, st.Q75, st.Q95, st.Max = q(0), q(0.05), q(0.25), q(0.5), q(0.75), q(0.95), q(1)
	return st
}

// quantile is the type 7 quantile (Hyndman & Fan: linear interpolation
// between order statistics) of the samples, read from the histogram.
func (a *accumulator) quantile(keys []int64, p float64) float64 {
	h := p * float64(a.samples-1)
	lo := int64(math.Floor(h))
	x0 := a.orderStat(keys, lo)
	if lo >= a.samples-1 {
		return x0
	}
	return x0 + (h-float64(lo))*(a.orderStat(keys, lo+1)-x0)
}

// orderStat returns the i-th smallest sample, from 0.
func (a *accumulator) orderStat(keys []int64, i int64) float64 {
	for _, k := range keys {
		if i < a.counts[k] {
			return float64(k) / float64(a.denom)
		}
		i -= a.counts[k]
	}
	return float64(keys[len(keys)-1]) / float64(a.denom)
}

// ratio returns a/b rounded to the nearest float64.
func ratio(a, b *big.Int) float64 {
	f, _ := new(big.Rat).SetFrac(a, b).Float64()
	return f
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
