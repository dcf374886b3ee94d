package figure

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// heat2x3 has two rows and three columns, the first column half as wide.
func heat2x3() *HeatMap {
	return &HeatMap{X: []float64{0, 0.5, 1.5, 2.5}, Y: []float64{0, 1, 2}, Values: []float64{1, 2, 3, 4, 5, 6}}
}

func TestHeatMapValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(h *HeatMap)
		want string // substring of the error; "" for none
	}{
		{"valid", func(*HeatMap) {}, ""},
		{"one cell", func(h *HeatMap) { h.X, h.Y, h.Values = []float64{0, 1}, []float64{0, 1}, []float64{7} }, ""},
		{"unknown colormap", func(h *HeatMap) { h.Colormap = "jet" }, `unknown colormap "jet"`},
		{"no cell", func(h *HeatMap) { h.Y = []float64{0} }, "do not make a cell"},
		{"short values", func(h *HeatMap) { h.Values = h.Values[:5] }, "5 values do not fill 2 rows x 3 columns"},
		{"edges not increasing", func(h *HeatMap) { h.X[2] = 0.5 }, "heat map x edges: edge 2 (0.5) is not above edge 1 (0.5)"},
		{"NaN edge", func(h *HeatMap) { h.Y[1] = nan() }, "heat map y edges[1] is NaN"},
		{"NaN value", func(h *HeatMap) { h.Values[4] = nan() }, "heat map values[4] is NaN"},
		{"empty range", func(h *HeatMap) { h.Min, h.Max = 1, 1 }, "value range [1, 1] is empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := heat2x3()
			tc.edit(h)
			err := (&Figure{Name: "f", Panels: []*Panel{{Heat: h}}}).Validate()
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("got=%v, want no error", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, ErrInvalid)):
				t.Errorf("got=%v, want an ErrInvalid containing %q", err, tc.want)
			}
		})
	}
}

func TestHeatMapCell(t *testing.T) {
	h := heat2x3()
	for _, tc := range []struct {
		x, y     float64
		row, col int
		ok       bool
	}{
		{0, 0, 0, 0, true},
		{0.25, 0.5, 0, 0, true},
		{0.5, 0.5, 0, 1, true}, // an inner edge belongs to the cell right of it
		{1.49, 1, 1, 1, true},
		{2.5, 2, 1, 2, true}, // the outer edges belong to the last cells
		{-0.01, 0.5, 0, -1, false},
		{1, 2.01, -1, 1, false},
		{nan(), 0.5, 0, -1, false},
	} {
		row, col, ok := h.Cell(tc.x, tc.y)
		if row != tc.row || col != tc.col || ok != tc.ok {
			t.Errorf("Cell(%v, %v) = %d, %d, %v, want %d, %d, %v", tc.x, tc.y, row, col, ok, tc.row, tc.col, tc.ok)
		}
	}
}

func TestHeatMapRange(t *testing.T) {
	for _, tc := range []struct {
		name           string
		h              HeatMap
		wantLo, wantHi float64
	}{
		{"data", HeatMap{Values: []float64{0.2, -0.1, 0.7}}, -0.1, 0.7},
		{"given", HeatMap{Values: []float64{0.2, 0.7}, Min: 0, Max: 1}, 0, 1},
		{"diverging is symmetric", HeatMap{Values: []float64{-0.1, 0.7}, Colormap: Diverging}, -0.7, 0.7},
		{"constant is widened", HeatMap{Values: []float64{3, 3}}, 2, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if lo, hi := tc.h.Range(); lo != tc.wantLo || hi != tc.wantHi {
				t.Errorf("got=[%v, %v], want=[%v, %v]", lo, hi, tc.wantLo, tc.wantHi)
			}
		})
	}
}

func nan() float64 { return math.NaN() }
