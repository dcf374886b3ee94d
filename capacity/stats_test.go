package capacity

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// direct computes Stats the obvious way, from all the samples at once.
func direct(samples [][]float64) Stats {
	var all, means []float64
	for _, xs := range samples {
		all = append(all, xs...)
		means = append(means, mean(xs))
	}
	slices.Sort(all)
	q := func(p float64) float64 {
		h := p * float64(len(all)-1)
		lo := int(math.Floor(h))
		if lo >= len(all)-1 {
			return all[len(all)-1]
		}
		return all[lo] + (h-float64(lo))*(all[lo+1]-all[lo])
	}
	return Stats{Trials: len(samples), Samples: len(all), Mean: mean(all), StdErr: stdErr(means),
		Min: all[0], Q05: q(0.05), Q10: q(0.1), Q25: q(0.25), Median: q(0.5), Q75: q(0.75), Q90: q(0.9), Q95: q(0.95), Max: all[len(all)-1]}
}

// The streaming accumulator gives the statistics of all the samples held
// at once, whatever the order in which the trials arrive.
func TestAccumulator(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, tc := range []struct {
		name                  string
		denom, trials, probes int
	}{
		{"one trial", 7, 1, 5},
		{"0/1", 1, 40, 3},
		{"rates", 1000, 25, 10},
		{"one probe", 13, 9, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ks := make([][]int64, tc.trials)
			xs := make([][]float64, tc.trials)
			for tr := range ks {
				bias := r.Float64() // trials differ, as networks do
				for range tc.probes {
					k := int64(float64(tc.denom) * math.Min(1, bias+0.3*r.Float64()))
					ks[tr] = append(ks[tr], k)
					xs[tr] = append(xs[tr], float64(k)/float64(tc.denom))
				}
			}
			want := direct(xs)
			for _, order := range [][]int{nil, r.Perm(tc.trials)} {
				a := newAccumulator(tc.denom)
				for i := range ks {
					if order != nil {
						i = order[i]
					}
					a.addTrial(ks[i])
				}
				got := a.stats()
				close := func(x, y float64) bool { return x == y || math.Abs(x-y) <= 1e-12*math.Max(1, math.Abs(y)) }
				if got.Trials != want.Trials || got.Samples != want.Samples || !close(got.Mean, want.Mean) ||
					!(close(got.StdErr, want.StdErr) || math.IsNaN(got.StdErr) && math.IsNaN(want.StdErr)) ||
					got.Min != want.Min || !close(got.Q05, want.Q05) || !close(got.Q10, want.Q10) || !close(got.Q25, want.Q25) ||
					!close(got.Median, want.Median) || !close(got.Q75, want.Q75) || !close(got.Q90, want.Q90) || !close(got.Q95, want.Q95) ||
					got.Max != want.Max {
					t.Errorf("got  %+v\nwant %+v", got, want)
				}
			}
		})
	}
}

// With the runs that did not converge left out, trials give different
// numbers of samples; the standard error is then the ratio estimator's,
// T/(T-1) sum_t (K_t - m n_t)^2 / S_n^2, computed here directly. A trial
// without samples counts for nothing.
func TestAccumulatorUnequalTrials(t *testing.T) {
	ks := [][]int64{{3, 5, 9}, {}, {1}, {4, 4}, {10, 0, 2, 7}}
	const denom = 10
	a := newAccumulator(denom)
	var sumK, sumN float64
	for _, tr := range ks {
		a.addTrial(tr)
		for _, k := range tr {
			sumK += float64(k)
		}
		sumN += float64(len(tr))
	}
	m := sumK / sumN
	var ss float64
	trials := 0
	for _, tr := range ks {
		if len(tr) == 0 {
			continue
		}
		trials++
		var k float64
		for _, v := range tr {
			k += float64(v)
		}
		ss += (k - m*float64(len(tr))) * (k - m*float64(len(tr)))
	}
	wantSE := math.Sqrt(float64(trials)/float64(trials-1)*ss) / sumN / denom
	got := a.stats()
	if got.Trials != 4 || got.Samples != 10 || got.Mean != m/denom || math.Abs(got.StdErr-wantSE) > 1e-15 {
		t.Errorf("got %+v, want 4 trials, 10 samples, mean %v, stderr %v", got, m/denom, wantSE)
	}
	if empty := newAccumulator(1).stats(); !math.IsNaN(empty.Mean) || !math.IsNaN(empty.Q90) || empty.Samples != 0 {
		t.Errorf("no samples: %+v, want NaN statistics", empty)
	}
}

// A quantile between two samples is interpolated in integers: 0.45 of the
// way from 0 to 1/100 prints as 0.0045, not as 0.0044999999999999 (which
// 10.45 - 10 in floating point gives).
func TestQuantileShortDecimal(t *testing.T) {
	a := newAccumulator(100)
	a.addTrial([]int64{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})
	if got := FormatNumber(a.stats().Q95); got != "0.0045" {
		t.Errorf("q95 = %s, want 0.0045", got)
	}
}
