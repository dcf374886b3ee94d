package plots

import (
	"math"
	"testing"
)

// known5x7 has value 10*i + j at (i, j).
func known5x7(t *testing.T) *Matrix {
	t.Helper()
	rows := make([][]float64, 5)
	for i := range rows {
		rows[i] = make([]float64, 7)
		for j := range rows[i] {
			rows[i][j] = float64(10*i + j)
		}
	}
	m, err := NewMatrix(rows)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestBlockAverage(t *testing.T) {
	m := known5x7(t)
	d, err := m.BlockAverage(2, 3)
	if err != nil {
		t.Fatal(err)
	}
	if r, c := d.Dims(); r != 3 || c != 3 {
		t.Fatalf("dims %dx%d, want 3x3", r, c)
	}
	// Worked by hand: full blocks, and partial ones on the edges.
	want := [][]float64{
		{6, 9, 11},   // rows 0-1: {0,1,2,10,11,12}, {3,4,5,13,14,15}, {6,16}
		{26, 29, 31}, // rows 2-3
		{41, 44, 46}, // row 4: {40,41,42}, {43,44,45}, {46}
	}
	for i := range want {
		for j := range want[i] {
			if got := d.At(i, j); math.Abs(got-want[i][j]) > 1e-12 {
				t.Errorf("block (%d,%d) = %v, want %v", i, j, got, want[i][j])
			}
		}
	}
	if same, _ := m.BlockAverage(1, 1); same != m {
		t.Error("1x1 blocks should return the matrix itself")
	}
}

func TestDownsample(t *testing.T) {
	m := known5x7(t)
	for _, tc := range []struct {
		maxR, maxC, wantR, wantC int
	}{
		{5, 7, 5, 7}, // already small
		{10, 10, 5, 7},
		{2, 3, 2, 3}, // blocks 3x3
		{1, 1, 1, 1}, // one block: the mean
		{4, 7, 3, 7}, // blocks 2x1
	} {
		d, err := m.Downsample(tc.maxR, tc.maxC)
		if err != nil {
			t.Fatal(err)
		}
		if r, c := d.Dims(); r != tc.wantR || c != tc.wantC {
			t.Errorf("Downsample(%d,%d): %dx%d, want %dx%d", tc.maxR, tc.maxC, r, c, tc.wantR, tc.wantC)
		}
	}
	one, _ := m.Downsample(1, 1)
	if got := one.At(0, 0); math.Abs(got-23) > 1e-12 { // mean of 10i+j = 10*2 + 3
		t.Errorf("mean %v, want 23", got)
	}
	if _, err := m.Downsample(0, 3); err == nil {
		t.Error("Downsample(0, 3) should fail")
	}
}

func TestDownsampleLargeKeepsMean(t *testing.T) {
	const n = 1000
	flat := make([]float64, n*n)
	var sum float64
	for i := range flat {
		flat[i] = math.Sin(float64(i) * 0.001)
		sum += flat[i]
	}
	m, err := NewMatrixFlat(flat, n, n)
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRaster(m, RasterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if fr, fc := r.Block(); fr != 5 || fc != 5 {
		t.Fatalf("block %dx%d, want 5x5", fr, fc)
	}
	g := r.Grid()
	gr, gc := g.Dims()
	if gr != DefaultMaxCells || gc != DefaultMaxCells {
		t.Fatalf("grid %dx%d", gr, gc)
	}
	var gsum float64
	for i := range gr {
		for j := range gc {
			gsum += g.At(i, j)
		}
	}
	if math.Abs(gsum*25-sum) > 1e-6 {
		t.Errorf("block means sum to %v, want %v", gsum*25, sum)
	}
	if rr, rc := r.Dims(); rr != n || rc != n {
		t.Errorf("raster keeps original dims, got %dx%d", rr, rc)
	}
}

func TestStatesOverTimeAndTranspose(t *testing.T) {
	m, err := StatesOverTime([][]int8{{1, -1, 0}, {-1, -1, 1}})
	if err != nil {
		t.Fatal(err)
	}
	if r, c := m.Dims(); r != 3 || c != 2 {
		t.Fatalf("dims %dx%d, want 3 neurons x 2 times", r, c)
	}
	if m.At(0, 0) != 1 || m.At(0, 1) != -1 || m.At(2, 1) != 1 {
		t.Error("cell (i, t) should be neuron i at time t")
	}
	tr := m.T()
	if r, c := tr.Dims(); r != 2 || c != 3 || tr.At(1, 2) != 1 {
		t.Error("transpose is wrong")
	}
	if lo, hi := m.Range(); lo != -1 || hi != 1 {
		t.Errorf("range %v..%v", lo, hi)
	}
}

func TestTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		want   []string
		ints   bool
	}{
		{0, 99, []string{"0", "20", "40", "60", "80"}, false},
		{-1, 1, []string{"-1.0", "-0.5", "0.0", "0.5", "1.0"}, false},
		{0, 1499, []string{"0", "250", "500", "750", "1000", "1250"}, false},
		{0.02, 0.31, []string{"0.05", "0.10", "0.15", "0.20", "0.25", "0.30"}, false},
		{-0.5, 4.5, []string{"0", "1", "2", "3", "4"}, true},
		{-0.5, 99.5, []string{"0", "20", "40", "60", "80"}, true},
		{-1.05, 1.05, []string{"-1", "0", "1"}, true},
	} {
		var got []string
		if tc.ints {
			for _, tk := range (intTicks{}).Ticks(tc.lo, tc.hi) {
				got = append(got, tk.Label)
			}
		} else {
			for _, tk := range (niceTicks{target: 6}).Ticks(tc.lo, tc.hi) {
				got = append(got, tk.Label)
			}
		}
		if len(got) != len(tc.want) {
			t.Errorf("ticks(%v, %v) = %q, want %q", tc.lo, tc.hi, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("ticks(%v, %v) = %q, want %q", tc.lo, tc.hi, got, tc.want)
				break
			}
		}
	}
}
