package capacity

import (
	"math"
	"testing"
)

func TestSummarize(t *testing.T) {
	// Two networks: 1 of 2 and 2 of 2 samples; the trial means 0.5 and 1
	// have standard deviation sqrt(1/8), over sqrt(2) networks: 0.25.
	st := Summarize([][]int64{{1, 0}, {1, 1}, nil}, 1)
	if st.Trials != 2 || st.Samples != 4 || st.Mean != 0.75 || math.Abs(st.StdErr-0.25) > 1e-15 || st.Median != 1 {
		t.Errorf("Summarize = %+v, want 2 trials, 4 samples, mean 0.75, stderr 0.25, median 1", st)
	}
	if st := Summarize([][]int64{{3, 1}}, 4); st.Mean != 0.5 || !math.IsNaN(st.StdErr) {
		t.Errorf("one trial over 4: mean %v stderr %v, want 0.5 and NaN", st.Mean, st.StdErr)
	}
}
