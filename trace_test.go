package hopfield

import "testing"

// TestTraceDistances checks the incremental distances of a per-update trace
// against direct counts.
func TestTraceDistances(t *testing.T) {
	rng := testRand(41)
	xi := randomPattern(rng, 80)
	net := mustLearn(t, Config{Rule: Hebbian}, [][]int8{xi, randomPattern(rng, 80)})
	cue := flipBits(rng, xi, 25)
	cue[3], cue[40] = Unknown, Unknown
	for _, every := range []bool{true, false} {
		tr := Trace{Target: xi}
		var want [][2]int
		_, err := net.Run(cue, RunOptions{Update: Asynchronous, Source: NewSource(1), EveryUpdate: every, Observe: func(e *Event) error {
			want = append(want, [2]int{Hamming(e.State, xi), ErrorSum(e.State, xi)})
			return tr.Observe(e)
		}})
		if err != nil {
			t.Fatal(err)
		}
		if len(tr.Points) != len(want) || len(want) < 3 {
			t.Fatalf("%d points, %d observations", len(tr.Points), len(want))
		}
		for k, p := range tr.Points {
			if p.Hamming != want[k][0] || p.Error != want[k][1] {
				t.Fatalf("every=%v point %d: hamming %d error %d, want %v", every, k, p.Hamming, p.Error, want[k])
			}
		}
		if last := tr.Points[len(tr.Points)-1]; last.Hamming != 0 {
			t.Errorf("did not recall: %+v", last)
		}
	}
}
