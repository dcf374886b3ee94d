package capacity

import (
	"math"
	"math/big"
	"slices"
)

// Stats summarises the samples of one cell and measure. Samples are grouped
// by trial (one network each); samples of the same network are correlated,
// so the standard error is taken between the networks, which are
// independent.
type Stats struct {
	Trials  int // independent networks that gave at least one sample
	Samples int // samples in all
	Mean    float64
	// StdErr is the standard error of Mean between networks: the standard
	// deviation of the trial means over sqrt(Trials) when every network
	// gave the same number of samples, and in general the cluster-robust
	// (ratio estimator) form of it, which weighs each network by its
	// samples. NaN for fewer than two networks.
	StdErr float64
	// Quantiles of the samples (type 7, linear interpolation, as numpy's
	// default): minimum, 5 %, 10 %, 25 %, median, 75 %, 90 %, 95 %,
	// maximum. All are NaN (as are Mean and StdErr) without samples.
	Min, Q05, Q10, Q25, Median, Q75, Q90, Q95, Max float64
}

// accumulator reduces the samples of one cell and measure trial by trial,
// in memory that does not grow with the number of trials. Every sample is
// an integer k over a fixed denominator (1 for the 0/1 measures and the
// flips, N for the error rate and the overlaps), so
//
//   - a histogram of k gives the quantiles exactly: it has at most
//     min(samples, number of values) entries;
//   - exact integer sums give the mean, and the sums of squares and
//     products of the trial sums K_t and sample counts n_t give the
//     variance between trials, with or without equal counts (runs left out
//     because they did not converge make the counts differ).
//
// Integer sums do not depend on the order in which the trials arrive, so
// the Stats are the same for any schedule.
type accumulator struct {
	denom   int64
	counts  map[int64]int64 // k -> samples
	trials  int
	samples int64
	sum     big.Int // sum of K_t: of k over all samples
	sumSq   big.Int // sum of K_t^2
	sumKN   big.Int // sum of K_t n_t
	sumN2   big.Int // sum of n_t^2
}

func newAccumulator(denom int) *accumulator {
	return &accumulator{denom: int64(denom), counts: map[int64]int64{}}
}

// addTrial adds the samples of one trial; a trial without samples (all
// its runs left out) adds nothing.
func (a *accumulator) addTrial(ks []int64) {
	if len(ks) == 0 {
		return
	}
	var t int64
	for _, k := range ks {
		a.counts[k]++
		t += k
	}
	n := int64(len(ks))
	a.trials++
	a.samples += n
	var bt, tmp big.Int
	bt.SetInt64(t)
	a.sum.Add(&a.sum, &bt)
	a.sumSq.Add(&a.sumSq, tmp.Mul(&bt, &bt))
	a.sumKN.Add(&a.sumKN, tmp.Mul(&bt, big.NewInt(n)))
	a.sumN2.Add(&a.sumN2, tmp.SetInt64(n*n))
}

// stats returns the summary of the samples added.
func (a *accumulator) stats() Stats {
	st := Stats{Trials: a.trials, Samples: int(a.samples)}
	nan := math.NaN()
	if a.samples == 0 {
		st.Mean, st.StdErr = nan, nan
		st.Min, st.Q05, st.Q10, st.Q25, st.Median, st.Q75, st.Q90, st.Q95, st.Max = nan, nan, nan, nan, nan, nan, nan, nan, nan
		return st
	}
	st.Mean = ratio(&a.sum, big.NewInt(a.samples*a.denom))
	st.StdErr = a.stdErr()
	keys := make([]int64, 0, len(a.counts))
	for k := range a.counts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	q := func(pct int64) float64 { return a.quantile(keys, pct) }
	st.Min, st.Q05, st.Q10, st.Q25, st.Median = q(0), q(5), q(10), q(25), q(50)
	st.Q75, st.Q90, st.Q95, st.Max = q(75), q(90), q(95), q(100)
	return st
}

// stdErr is the standard error of the mean m = S_K / S_n between trials,
// by the ratio estimator's variance
//
//	T/(T-1) sum_t (K_t - m n_t)^2 / (S_n d)^2,
//
// which with equal n_t is the variance of the trial means over T. The sum
// is (S_n^2 sum K^2 - 2 S_K S_n sum K n + S_K^2 sum n^2) / S_n^2, an exact
// integer numerator, so the only rounding is the final one.
func (a *accumulator) stdErr() float64 {
	t := int64(a.trials)
	if t < 2 {
		return math.NaN()
	}
	sn := big.NewInt(a.samples)
	var num, x, y big.Int
	num.Mul(x.Mul(sn, sn), &a.sumSq)
	num.Sub(&num, x.Mul(x.Mul(big.NewInt(2), &a.sum), y.Mul(sn, &a.sumKN)))
	num.Add(&num, x.Mul(x.Mul(&a.sum, &a.sum), &a.sumN2))
	num.Mul(&num, big.NewInt(t))
	var den big.Int
	den.Mul(x.Mul(sn, sn), y.Mul(sn, sn))
	den.Mul(&den, x.SetInt64(a.denom*a.denom))
	den.Mul(&den, y.SetInt64(t-1))
	return math.Sqrt(ratio(&num, &den))
}

// quantile is the type 7 quantile (Hyndman & Fan: linear interpolation
// between order statistics) of the samples at pct percent, read from the
// histogram. The position h = pct (n-1) / 100 and the interpolation are
// done in integers, with one rounding at the end, so that a quantile that
// is a short decimal (0.0045) prints as one.
func (a *accumulator) quantile(keys []int64, pct int64) float64 {
	num := pct * (a.samples - 1)
	lo, rem := num/100, num%100
	k0 := a.orderStat(keys, lo)
	if rem == 0 {
		return float64(k0) / float64(a.denom)
	}
	k1 := a.orderStat(keys, lo+1)
	return float64(100*k0+rem*(k1-k0)) / float64(100*a.denom)
}

// orderStat returns the numerator of the i-th smallest sample, from 0.
func (a *accumulator) orderStat(keys []int64, i int64) int64 {
	for _, k := range keys {
		if i < a.counts[k] {
			return k
		}
		i -= a.counts[k]
	}
	return keys[len(keys)-1]
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
