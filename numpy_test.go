package hopfield_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/patterns"
)

// TestNumPyCases checks synchronous recall against an independent NumPy
// implementation (testdata/numpy/make_cases.py): the same final state bit for
// bit, the same number of steps and the same ending, for each rule and tie
// convention, in both weight forms.
func TestNumPyCases(t *testing.T) {
	data, err := os.ReadFile("testdata/numpy/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Name, Rule, Tie, End string
		N, P, Steps          int
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	read := func(name, part string, enc patterns.Encoding) [][]int8 {
		f, err := os.Open(filepath.Join("testdata/numpy", "case_"+name+"_"+part+".npy"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		ps, _, err := patterns.ReadNPY(f, patterns.NPYOptions{Encoding: enc, Layout: patterns.LayoutVectors})
		if err != nil {
			t.Fatal(err)
		}
		out := make([][]int8, len(ps))
		for i, p := range ps {
			out[i] = p.Data
		}
		return out
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			xs := read(c.Name, "patterns", patterns.EncodingBipolar)
			cue := read(c.Name, "cue", patterns.EncodingBipolar)[0]
			want := read(c.Name, "final", patterns.EncodingBipolar)[0]
			rule, err := hopfield.ParseRule(c.Rule)
			if err != nil {
				t.Fatal(err)
			}
			tie, err := hopfield.ParseTie(c.Tie)
			if err != nil {
				t.Fatal(err)
			}
			if len(xs) != c.P || len(cue) != c.N {
				t.Fatalf("read %d patterns of %d, want %d of %d", len(xs), len(cue), c.P, c.N)
			}
			forms := []hopfield.Form{hopfield.DenseForm, hopfield.PatternForm}
			if rule == hopfield.Storkey {
				forms = forms[:1]
			}
			for _, form := range forms {
				net, err := hopfield.Learn(hopfield.Config{Rule: rule, Form: form, Unscaled: true}, xs...)
				if err != nil {
					t.Fatal(err)
				}
				res, err := net.Run(cue, hopfield.RunOptions{Tie: tie})
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(res.State, want) {
					t.Errorf("%v: final state differs from NumPy's in %d neurons", form, hopfield.Hamming(res.State, want))
				}
				if res.Steps != c.Steps || res.End.String() != c.End {
					t.Errorf("%v: %v after %d steps, NumPy: %s after %d", form, res.End, res.Steps, c.End, c.Steps)
				}
			}
		})
	}
}

// TestExhaustiveFiveByFive counts, over all 53,130 cues with 5 of X's 25 bits
// flipped, how often synchronous Hebbian recall among the notebook's
// checkerboard, X and A returns X exactly. The counts are NumPy's, from
// testdata/numpy/x5_exhaustive.py.
func TestExhaustiveFiveByFive(t *testing.T) {
	if testing.Short() {
		t.Skip("enumerates 53,130 cues three times")
	}
	x := patterns.X(5).Data
	net, err := hopfield.Learn(hopfield.Config{Rule: hopfield.Hebbian, Unscaled: true},
		patterns.Checkerboard(5).Data, x, patterns.LetterA().Data)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		tie  hopfield.Tie
		want int
	}{{hopfield.TiePlus, 16016}, {hopfield.TieMinus, 34437}, {hopfield.TieKeep, 34437}} {
		recalled, total := 0, 0
		cue := make([]int8, 25)
		var flips func(from, left int)
		flips = func(from, left int) {
			if left == 0 {
				total++
				res, err := net.Run(cue, hopfield.RunOptions{Tie: tc.tie, MaxSteps: 10})
				if err != nil {
					t.Fatal(err)
				}
				if slices.Equal(res.State, x) {
					recalled++
				}
				return
			}
			for i := from; i <= 25-left; i++ {
				cue[i] = -cue[i]
				flips(i+1, left-1)
				cue[i] = -cue[i]
			}
		}
		copy(cue, x)
		flips(0, 5)
		if total != 53130 || recalled != tc.want {
			t.Errorf("tie %v: X recalled from %d of %d cues, NumPy: %d of 53130", tc.tie, recalled, total, tc.want)
		}
	}
}
