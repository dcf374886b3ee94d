package hopplot

import (
	"math"
	"testing"

	"gonum.org/v1/plot/vg"

	"github.com/hopfield-lab/hopfield/figure"
)

// heatFigure is a heat map of a smooth bump over a grid whose first column
// is half as wide as the others, with two curves and a reference line over
// it: the shape of a phase diagram.
func heatFigure() *figure.Figure {
	xs := []float64{0, 0.005}
	for x := 0.015; x < 0.2; x += 0.01 {
		xs = append(xs, x)
	}
	ys := []float64{0, 0.05}
	for y := 0.15; y < 1.5; y += 0.1 {
		ys = append(ys, y)
	}
	h := &figure.HeatMap{X: xs, Y: ys, Min: 0, Max: 1, Label: "overlap m"}
	for i := range len(ys) - 1 {
		for j := range len(xs) - 1 {
			x, y := (xs[j]+xs[j+1])/2, (ys[i]+ys[i+1])/2
			h.Values = append(h.Values, math.Max(0, 1-y/(1-2*math.Sqrt(x)))) // 1 at the bottom, 0 past a line
		}
	}
	var lx, ly, gx, gy []float64
	for k := range 21 {
		x := 0.2 * float64(k) / 20
		lx, ly = append(lx, x), append(ly, 1-2*math.Sqrt(x))
		gx, gy = append(gx, x), append(gy, 1+math.Sqrt(x))
	}
	return &figure.Figure{Name: "heat", Panels: []*figure.Panel{{
		Title: "A heat map with curves", XLabel: "load α", YLabel: "temperature T",
		Heat:   h,
		Refs:   []figure.Ref{{At: 0.138, Vertical: true, Style: figure.RefGray}},
		Series: []figure.Series{{Name: "1 - 2√α", X: lx, Y: ly, Color: "red"}, {Name: "1 + √α", X: gx, Y: gy, Color: "C9", Dashed: true}},
		Legend: figure.LegendTopRight,
	}}}
}

func TestGoldenHeatMap(t *testing.T) {
	p, err := Draw(heatFigure())
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "heat_map", 8*vg.Inch, 5*vg.Inch, p)
}

// A heat map's plot spans its cells unless the panel's axes say otherwise,
// and a bad heat map is refused.
func TestHeatMapPanel(t *testing.T) {
	f := heatFigure()
	p, err := Draw(f)
	if err != nil {
		t.Fatal(err)
	}
	pl := p.(*heatPanel).plot
	if pl.X.Min != 0 || pl.X.Max != f.Panels[0].Heat.X[len(f.Panels[0].Heat.X)-1] || pl.Y.Min != 0 {
		t.Errorf("axes [%v, %v] x [%v, %v], want the cells' extent", pl.X.Min, pl.X.Max, pl.Y.Min, pl.Y.Max)
	}
	f.Panels[0].Y = figure.Range(0, 1.2)
	p, _ = Draw(f)
	if pl := p.(*heatPanel).plot; pl.Y.Min != 0 || pl.Y.Max != 1.2 {
		t.Errorf("y axis [%v, %v], want the panel's [0, 1.2]", pl.Y.Min, pl.Y.Max)
	}
	f.Panels[0].Heat.Values = f.Panels[0].Heat.Values[1:]
	if _, err := Draw(f); err == nil {
		t.Error("a heat map with a value missing was drawn")
	}
}

func TestEdgeCell(t *testing.T) {
	up := []vg.Length{0, 1, 3, 6}
	down := []vg.Length{6, 3, 1, 0} // an inverted axis
	for _, tc := range []struct {
		v        vg.Length
		up, down int
	}{
		{-1, 0, 2}, // clamped
		{0.5, 0, 2},
		{2, 1, 1},
		{5, 2, 0},
		{7, 2, 0}, // clamped
	} {
		if got := edgeCell(up, tc.v); got != tc.up {
			t.Errorf("increasing edges: cell of %v = %d, want %d", tc.v, got, tc.up)
		}
		if got := edgeCell(down, tc.v); got != tc.down {
			t.Errorf("decreasing edges: cell of %v = %d, want %d", tc.v, got, tc.down)
		}
	}
}
