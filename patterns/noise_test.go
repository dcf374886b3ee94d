package patterns

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

func differences(a, b []int8) int {
	n := 0
	for i := range a {
		if a[i] != b[i] {
			n++
		}
	}
	return n
}

func TestCount(t *testing.T) {
	for _, tc := range []struct {
		p              float64
		n              int
		round, notebok int
	}{
		{0, 100, 0, 0},
		{0.2, 25, 5, 5},
		{0.29, 100, 29, 28}, // 0.29*100 = 28.999999999999996
		{0.57, 100, 57, 56},
		{0.5, 5, 3, 2}, // half rounds away from zero
		{0.1, 10000, 1000, 1000},
		{1, 7, 7, 7},
	} {
		t.Run(fmt.Sprintf("%v*%d", tc.p, tc.n), func(t *testing.T) {
			k, err := Count(tc.p, tc.n)
			if err != nil || k != tc.round {
				t.Errorf("Count = %d, %v; want %d", k, err, tc.round)
			}
			k, err = NotebookCount(tc.p, tc.n)
			if err != nil || k != tc.notebok {
				t.Errorf("NotebookCount = %d, %v; want %d", k, err, tc.notebok)
			}
		})
	}
	for _, p := range []float64{-0.01, 1.01, math.NaN(), math.Inf(-1)} {
		_, err := Count(p, 10)
		assertErr(t, err, "outside [0, 1]")
		_, err = NotebookCount(p, 10)
		assertErr(t, err, "outside [0, 1]")
	}
}

func TestFlipExact(t *testing.T) {
	for _, src := range []Pattern{LetterA(), BU(), vec(t, 1, -1, 1, 1, -1, 1, -1, -1, 1, 1)} {
		for _, p := range []float64{0, 0.1, 0.2, 0.29, 0.5, 0.99, 1} {
			t.Run(fmt.Sprintf("%s/%v", src.Shape(), p), func(t *testing.T) {
				want, _ := Count(p, src.N())
				dst := make([]int8, src.N())
				out, err := FlipExact(dst, src.Data, p, newRand(7))
				if err != nil {
					t.Fatal(err)
				}
				if &out[0] != &dst[0] {
					t.Error("FlipExact does not return dst")
				}
				if got := differences(dst, src.Data); got != want {
					t.Errorf("flipped %d, want %d", got, want)
				}
				for i := range dst {
					if dst[i] != src.Data[i] && dst[i] != -src.Data[i] {
						t.Fatalf("neuron %d: %d from %d", i, dst[i], src.Data[i])
					}
				}
				again, _ := FlipExact(make([]int8, src.N()), src.Data, p, newRand(7))
				if !slices.Equal(again, dst) {
					t.Error("same seed, different result")
				}
			})
		}
	}
	// Different seeds pick different bits.
	a, _ := FlipExact(make([]int8, 10000), BU().Data, 0.1, newRand(1))
	b, _ := FlipExact(make([]int8, 10000), BU().Data, 0.1, newRand(2))
	if slices.Equal(a, b) {
		t.Error("different seeds flipped the same bits")
	}
}

func TestFlipInPlaceAndUnknown(t *testing.T) {
	s := []int8{1, 0, -1, 0, 1, 0}
	orig := slices.Clone(s)
	if _, err := FlipExact(s, s, 1, newRand(1)); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(s, []int8{-1, 0, 1, 0, -1, 0}) {
		t.Errorf("in-place flip of %v = %v (unknowns stay unknown)", orig, s)
	}
}

func TestFlipN(t *testing.T) {
	src := BU().Data
	// The notebook's count: int(0.29*N).
	k, _ := NotebookCount(0.29, 100)
	out, err := FlipN(make([]int8, 100), src[:100], k, newRand(3))
	if err != nil || differences(out, src[:100]) != 28 {
		t.Fatalf("FlipN(28) changed %d, %v", differences(out, src[:100]), err)
	}
	for _, k := range []int{-1, 101} {
		_, err := FlipN(make([]int8, 100), src[:100], k, newRand(3))
		assertErr(t, err, fmt.Sprintf("flip count %d outside [0, 100]", k))
	}
}

func TestFlipEach(t *testing.T) {
	src := BU().Data
	for _, tc := range []struct {
		p        float64
		min, max int
	}{
		{0, 0, 0},
		{1, 10000, 10000},
		{0.2, 1760, 2240}, // 6 standard deviations of Binomial(10000, 0.2)
	} {
		t.Run(fmt.Sprint(tc.p), func(t *testing.T) {
			dst, err := FlipEach(make([]int8, len(src)), src, tc.p, newRand(5))
			if err != nil {
				t.Fatal(err)
			}
			if d := differences(dst, src); d < tc.min || d > tc.max {
				t.Errorf("flipped %d, want [%d, %d]", d, tc.min, tc.max)
			}
			again, _ := FlipEach(make([]int8, len(src)), src, tc.p, newRand(5))
			if !slices.Equal(again, dst) {
				t.Error("same seed, different result")
			}
		})
	}
	_, err := FlipEach(make([]int8, 3), []int8{1, 1, 1}, 2, newRand(1))
	assertErr(t, err, "flip probability 2 outside [0, 1]")
}

func TestErase(t *testing.T) {
	src := Star().Data
	for _, p := range []float64{0, 0.25, 0.5, 1} {
		t.Run(fmt.Sprint(p), func(t *testing.T) {
			dst, err := Erase(make([]int8, len(src)), src, p, newRand(9))
			if err != nil {
				t.Fatal(err)
			}
			want, _ := Count(p, len(src))
			zeros := 0
			for i, v := range dst {
				switch {
				case v == 0:
					zeros++
				case v != src[i]:
					t.Fatalf("neuron %d changed from %d to %d", i, src[i], v)
				}
			}
			if zeros != want {
				t.Errorf("%d unknown, want %d", zeros, want)
			}
			again, _ := Erase(make([]int8, len(src)), src, p, newRand(9))
			if !slices.Equal(again, dst) {
				t.Error("same seed, different result")
			}
		})
	}
	_, err := Erase(make([]int8, 3), []int8{1, 1, 1}, math.NaN(), newRand(1))
	assertErr(t, err, "erase fraction", "NaN outside [0, 1]")
	_, err = EraseN(make([]int8, 3), []int8{1, 1, 1}, 4, newRand(1))
	assertErr(t, err, "erase count 4 outside [0, 3]")
}

func TestEraseRange(t *testing.T) {
	// The notebook: S[5000::, 0] = 0 on a 100x100 picture.
	src := BU().Data
	dst, err := EraseRange(make([]int8, len(src)), src, 5000, len(src))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(dst[:5000], src[:5000]) {
		t.Error("first half changed")
	}
	for i, v := range dst[5000:] {
		if v != 0 {
			t.Fatalf("neuron %d = %d, want unknown", 5000+i, v)
		}
	}
	for _, r := range [][2]int{{-1, 3}, {3, 2}, {0, 10001}} {
		_, err := EraseRange(make([]int8, len(src)), src, r[0], r[1])
		assertErr(t, err, fmt.Sprintf("erase range [%d, %d) outside [0, 10000)", r[0], r[1]))
	}
	if out, err := EraseRange(make([]int8, 3), []int8{1, -1, 1}, 3, 3); err != nil || !slices.Equal(out, []int8{1, -1, 1}) {
		t.Errorf("empty range = %v, %v", out, err)
	}
}

func TestEraseRect(t *testing.T) {
	a := LetterA()
	got, err := EraseRect(a, Rect{1, 1, 3, 4}) // a[1:3, 1:4] = 0
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, got, pat(t, "..#..", ".???.", "#???#", "#...#", "#...#"))
	assertEqual(t, a, LetterA()) // the source is untouched
	if got.Name != a.Name {
		t.Error("name lost")
	}
	if same, _ := EraseRect(a, Rect{2, 2, 2, 5}); !same.Equal(a) {
		t.Error("empty rectangle erased something")
	}
	for _, r := range [][4]int{{-1, 0, 2, 2}, {0, 0, 6, 2}, {0, 0, 2, 6}, {3, 0, 2, 2}} {
		_, err := EraseRect(a, Rect{r[0], r[1], r[2], r[3]})
		assertErr(t, err, "outside 5x5 pattern")
	}
}

func TestKeepPrefix(t *testing.T) {
	xi1, _ := Random(newRand(1), 1, 100, 0.5)
	xi2, _ := Random(newRand(2), 1, 100, 0.5)
	for _, tc := range []struct {
		fraction float64
		k        int
	}{
		{0.75, 75}, {0, 0}, {1, 100}, {0.29, 28}, {0.5, 50},
	} {
		t.Run(fmt.Sprint(tc.fraction), func(t *testing.T) {
			s, err := KeepPrefix(make([]int8, 100), xi1.Data, tc.fraction, xi2.Data)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(s[:tc.k], xi1.Data[:tc.k]) || !slices.Equal(s[tc.k:], xi2.Data[tc.k:]) {
				t.Errorf("cue is not xi1[:%d] + xi2[%d:]", tc.k, tc.k)
			}
		})
	}
	// Aliasing: dst may be first or fill.
	first, fill := slices.Clone(xi1.Data), slices.Clone(xi2.Data)
	want, _ := KeepPrefix(make([]int8, 100), xi1.Data, 0.6, xi2.Data)
	if got, _ := KeepPrefix(first, first, 0.6, fill); !slices.Equal(got, want) {
		t.Error("dst == first gives a different cue")
	}
	first, fill = slices.Clone(xi1.Data), slices.Clone(xi2.Data)
	if got, _ := KeepPrefix(fill, first, 0.6, fill); !slices.Equal(got, want) {
		t.Error("dst == fill gives a different cue")
	}
	_, err := KeepPrefix(make([]int8, 100), xi1.Data, 1.5, xi2.Data)
	assertErr(t, err, "cue fraction", "1.5 outside [0, 1]")
	_, err = KeepPrefixN(make([]int8, 100), xi1.Data, 101, xi2.Data)
	assertErr(t, err, "cue prefix 101 outside [0, 100]")
}

// TestNoiseDst checks the dst convention: a dst of another length is
// resized (reusing its storage when it can), nil allocates, and only sources
// of different lengths are a programmer error.
func TestNoiseDst(t *testing.T) {
	src := []int8{1, -1, 1, 1}
	for name, f := range map[string]func(dst []int8) ([]int8, error){
		"FlipExact":  func(d []int8) ([]int8, error) { return FlipExact(d, src, 0.5, newRand(1)) },
		"FlipN":      func(d []int8) ([]int8, error) { return FlipN(d, src, 1, newRand(1)) },
		"FlipEach":   func(d []int8) ([]int8, error) { return FlipEach(d, src, 0.5, newRand(1)) },
		"Erase":      func(d []int8) ([]int8, error) { return Erase(d, src, 0.5, newRand(1)) },
		"EraseN":     func(d []int8) ([]int8, error) { return EraseN(d, src, 1, newRand(1)) },
		"EraseRange": func(d []int8) ([]int8, error) { return EraseRange(d, src, 0, 1) },
		"KeepPrefix": func(d []int8) ([]int8, error) { return KeepPrefix(d, src, 0.5, src) },
	} {
		t.Run(name, func(t *testing.T) {
			want, err := f(nil)
			if err != nil || len(want) != len(src) {
				t.Fatalf("nil dst: %v, %v", want, err)
			}
			short, _ := f(make([]int8, 1))
			roomy := make([]int8, 2, 10)
			reused, _ := f(roomy)
			if !slices.Equal(short, want) || !slices.Equal(reused, want) || &reused[0] != &roomy[:1][0] {
				t.Errorf("dst not resized and reused: %v, %v, want %v", short, reused, want)
			}
		})
	}
	mustPanic(t, "patterns: KeepPrefixN: length mismatch", func() { KeepPrefix(nil, src, 0.5, src[:3]) })
}
