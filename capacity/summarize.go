package capacity

// Summarize returns the Stats of samples grouped by trial, as Run
// computes them for a cell and measure: trials[t] holds the samples of
// network t, each the integer numerator of a value over denom (1 for a
// 0/1 measure), and the standard error is taken between the networks. A
// trial without samples adds nothing.
func Summarize(trials [][]int64, denom int) Stats {
	a := newAccumulator(denom)
	for _, ks := range trials {
		a.addTrial(ks)
	}
	return a.stats()
}
