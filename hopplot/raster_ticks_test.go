package hopplot

import (
	"math"
	"testing"

	"github.com/hopfield-lab/hopfield/figure"
)

func TestDownsampleLargeKeepsMean(t *testing.T) {
	const n = 1000
	flat := make([]float64, n*n)
	var sum float64
	for i := range flat {
		flat[i] = math.Sin(float64(i) * 0.001)
		sum += flat[i]
	}
	m, err := figure.NewMatrixFlat(flat, n, n)
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

// known5x7 has value 10*i + j at (i, j).
func known5x7(t *testing.T) *Matrix {
	t.Helper()
	flat := make([]float64, 35)
	for i := range flat {
		flat[i] = float64(10*(i/7) + i%7)
	}
	m, err := NewMatrixFlat(flat, 5, 7)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
