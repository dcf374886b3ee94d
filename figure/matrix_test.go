package figure

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
