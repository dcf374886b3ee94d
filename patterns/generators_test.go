package patterns

import (
	"fmt"
	"math"
	"testing"
)

// TestGeneratorsMatchNotebook compares each generator with the array that
// NumPy drew by running the notebook's own cell (testdata/make_npy.py).
func TestGeneratorsMatchNotebook(t *testing.T) {
	cases := []struct {
		fixture string
		got     Pattern
	}{
		{"notebook_A.npy", LetterA()},
		{"notebook_BU.npy", BU()},
		{"notebook_BC.npy", BC()},
		{"notebook_star.npy", Star()},
	}
	for _, size := range []int{1, 2, 5, 7, 8} {
		cases = append(cases,
			struct {
				fixture string
				got     Pattern
			}{fmt.Sprintf("notebook_checkerboard_%d.npy", size), Checkerboard(size)},
			struct {
				fixture string
				got     Pattern
			}{fmt.Sprintf("notebook_X_%d.npy", size), X(size)})
	}
	for _, tc := range cases {
		t.Run(tc.fixture, func(t *testing.T) {
			want, _ := readFixture(t, tc.fixture, NPYOptions{Encoding: EncodingBinary, Layout: LayoutImage})
			assertEqual(t, tc.got, want[0])
		})
	}
}

// TestGeneratorPixels checks pixels against the notebook's slices directly.
func TestGeneratorPixels(t *testing.T) {
	type px struct {
		r, c int
		v    int8
	}
	for _, tc := range []struct {
		name string
		p    Pattern
		ink  int
		px   []px
	}{
		{"checkerboard", Checkerboard(5), 12, []px{{0, 0, -1}, {0, 1, 1}, {1, 0, 1}, {4, 4, -1}, {3, 4, 1}}},
		{"X", X(5), 9, []px{{0, 0, 1}, {0, 4, 1}, {2, 2, 1}, {4, 0, 1}, {0, 1, -1}, {2, 1, -1}}},
		{"X4", X(4), 8, []px{{1, 1, 1}, {1, 2, 1}, {0, 1, -1}}},
		{"A", LetterA(), 12, []px{{0, 2, 1}, {0, 1, -1}, {1, 1, 1}, {1, 3, 1}, {1, 2, -1}, {2, 0, 1}, {2, 4, 1}, {3, 0, 1}, {3, 2, -1}, {4, 4, 1}}},
		{"BU", BU(), 4750, []px{
			{0, 4, -1}, {0, 5, 1}, {99, 14, 1}, {99, 15, 1}, // matrix[:, 5:15], matrix[90:100, 5:35]
			{5, 20, 1}, {20, 20, -1}, {45, 20, 1}, {55, 20, 1}, {75, 20, -1}, {95, 34, 1}, {95, 39, 1}, {95, 40, -1},
			{49, 39, 1}, {49, 40, -1}, {75, 38, 1}, // matrix[0:50, 30:40], matrix[50:100, 30:40]
			{0, 60, 1}, {89, 69, 1}, {50, 70, -1}, {50, 85, 1}, {89, 94, 1}, {89, 95, -1},
			{95, 80, 1}, {99, 94, 1}, {99, 95, -1}, {50, 80, -1}, {50, 50, -1},
		}},
		{"BC", BC(), 4100, []px{
			{0, 5, 1}, {20, 20, -1}, {45, 20, 1}, // same B
			{5, 94, 1}, {5, 95, -1}, {10, 94, -1}, {50, 60, 1}, {50, 69, 1}, {50, 70, -1},
			{99, 60, 1}, {95, 90, 1}, {89, 90, -1},
		}},
		{"star", Star(), 396, []px{
			{50, 0, 1}, {50, 99, 1}, {0, 50, 1}, {99, 50, 1}, {0, 0, 1}, {99, 99, 1}, {0, 99, 1}, {99, 0, 1},
			{49, 49, 1}, {49, 50, 1}, {50, 49, 1}, {49, 51, -1}, {51, 51, 1}, {51, 48, 1}, {49, 0, -1}, {1, 50, 1},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.p.Validate(); err != nil {
				t.Fatal(err)
			}
			if got := tc.p.Ink(); got != tc.ink {
				t.Errorf("ink = %d, want %d", got, tc.ink)
			}
			for _, q := range tc.px {
				if got := tc.p.At(q.r, q.c); got != q.v {
					t.Errorf("(%d, %d) = %d, want %d", q.r, q.c, got, q.v)
				}
			}
		})
	}
}

func TestGeneratorNames(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{Checkerboard(5).Name, "seed:checkerboard"},
		{Checkerboard(7).Name, "seed:checkerboard:7"},
		{X(5).Name, "seed:X"},
		{X(9).Name, "seed:X:9"},
		{LetterA().Name, "seed:A"},
		{BU().Name, "seed:BU"},
		{BC().Name, "seed:BC"},
		{Star().Name, "seed:star"},
	} {
		if tc.got != tc.want {
			t.Errorf("name %q, want %q", tc.got, tc.want)
		}
	}
	mustPanic(t, "shape 0x0", func() { Checkerboard(0) })
}

func TestRandom(t *testing.T) {
	a, err := Random(newRand(1), 100, 100, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Random(newRand(1), 100, 100, 0.5)
	c, _ := Random(newRand(2), 100, 100, 0.5)
	assertEqual(t, a, b)
	if a.Equal(c) {
		t.Error("different seeds gave the same pattern")
	}
	if a.Rows != 100 || a.Cols != 100 || a.Unknowns() != 0 {
		t.Errorf("shape %s, unknowns %d", a.Shape(), a.Unknowns())
	}
	for _, tc := range []struct {
		bias     float64
		min, max int
	}{
		{0, 0, 0},
		{1, 10000, 10000},
		{0.5, 4700, 5300}, // 6 standard deviations
		{0.1, 820, 1180},
	} {
		t.Run(fmt.Sprint(tc.bias), func(t *testing.T) {
			p, err := Random(newRand(3), 100, 100, tc.bias)
			if err != nil {
				t.Fatal(err)
			}
			if ink := p.Ink(); ink < tc.min || ink > tc.max {
				t.Errorf("ink %d outside [%d, %d]", ink, tc.min, tc.max)
			}
		})
	}
	for _, bias := range []float64{-0.1, 1.1, math.NaN(), math.Inf(1)} {
		_, err := Random(newRand(1), 2, 2, bias)
		assertErr(t, err, "bias", "outside [0, 1]")
	}
	_, err = Random(newRand(1), 0, 2, 0.5)
	assertErr(t, err, "shape 0x2")
}

// RandomSeq yields RandomSet's patterns, names included, drawing them as
// they are yielded; its arguments are checked before any is drawn.
func TestRandomSeq(t *testing.T) {
	want, err := RandomSet(newRand(7), 5, 3, 4, 0.3)
	if err != nil {
		t.Fatal(err)
	}
	seq, err := RandomSeq(newRand(7), 5, 3, 4, 0.3)
	if err != nil {
		t.Fatal(err)
	}
	var got []Pattern
	for p := range seq {
		got = append(got, p)
	}
	assertEqualAll(t, got, want)
	for i, p := range got {
		if p.Name != want[i].Name || p.Name != fmt.Sprintf("random %d", i+1) {
			t.Errorf("pattern %d named %q, RandomSet's %q", i, p.Name, want[i].Name)
		}
	}
	for p := range seq {
		_ = p
		break // stopping early is allowed
	}
	_, err = RandomSeq(newRand(1), 3, 2, 2, 1.5)
	assertErr(t, err, "bias 1.5 outside [0, 1]")
	_, err = RandomSeq(newRand(1), 3, 0, 2, 0.5)
	assertErr(t, err, "shape 0x2")
	_, err = RandomSeq(newRand(1), -1, 2, 2, 0.5)
	assertErr(t, err, "count -1")
}
