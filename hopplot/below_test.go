package hopplot

import (
	"bytes"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/hopfield-lab/hopfield/figure"
)

// belowFigure is a heat map and two line plots, their legends under
// them, reference lines with labels, and subscripts and superscripts.
func belowFigure() *figure.Figure {
	heat := heatFigure().Panels[0]
	heat.Legend = figure.LegendBelow
	heat.Series[0].Name, heat.Series[1].Name = "T_{M}: retrieval below", "T_{g} = 1 + α^{1/2}"
	xs := []float64{0, 1, 2, 3, 4, 5, 6, 7, 8}
	lines := &figure.Panel{Title: "Six curves, the legend below", XLabel: "x", YLabel: "m_{1}(x)", Legend: figure.LegendBelow,
		Refs: []figure.Ref{{At: 0.5, Label: "1/2: a label right"}, {At: 4, Vertical: true, Style: figure.RefGray, Label: "x = 4"}}}
	for k := range 6 {
		s := figure.Series{Name: "curve " + string(rune('a'+k)), X: xs, Style: figure.LinesPoints}
		for _, x := range xs {
			s.Y = append(s.Y, float64(k)/6+0.1*x/8)
		}
		lines.Series = append(lines.Series, s)
	}
	other := &figure.Panel{Title: "A plot beside it", XLabel: "x", YLabel: "y", Series: []figure.Series{{X: xs, Y: xs}},
		Refs: []figure.Ref{{At: 7, Label: "a label where the data leave room"}}}
	return &figure.Figure{Name: "below", Width: 10, Height: 9, Rows: 2, Cols: 2, Panels: []*figure.Panel{heat, nil, lines, other}}
}

func TestGoldenLegendBelow(t *testing.T) {
	f := belowFigure()
	p, err := Draw(f)
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "figure_below", inches(f.Width), inches(f.Height), p)
}

// A legend below takes room from the plot, not from its data area's
// neighbours: in a figure the data areas still line up, and the plot with
// the legend has a shorter data area than one without in a tile alike.
func TestLegendBelowRoom(t *testing.T) {
	f := belowFigure()
	f.Panels = f.Panels[2:]
	f.Rows, f.Cols = 1, 2
	p, err := Draw(f)
	if err != nil {
		t.Fatal(err)
	}
	fig := p.(*Figure)
	lb, ok := fig.panels[0].(*legendBelow)
	if !ok {
		t.Fatalf("panel with its legend below is a %T", fig.panels[0])
	}
	c := draw.New(vgimg.New(10*vg.Inch, 5*vg.Inch))
	tile := draw.Tiles{Rows: 1, Cols: 2, PadX: fig.PadX}
	withLegend, plain := lb.DataCanvas(tile.At(c, 0, 0)), fig.panels[1].(*plot.Plot).DataCanvas(tile.At(c, 1, 0))
	if !(withLegend.Min.Y > plain.Min.Y+30) {
		t.Errorf("data area with the legend below starts at %v, without at %v: want more room under it", withLegend.Min.Y, plain.Min.Y)
	}
	cs := align([][]aligned{{lb, fig.panels[1].(*plot.Plot)}}, tile, c)
	a, b := lb.DataCanvas(cs[0][0]), fig.panels[1].(*plot.Plot).DataCanvas(cs[0][1])
	if d := a.Min.Y - b.Min.Y; d > 0.01 || d < -0.01 {
		t.Errorf("aligned data areas start at %v and %v", a.Min.Y, b.Min.Y)
	}
}

// Script markup draws as wide as its runs at their sizes, and text
// without markup as plain text does.
func TestScriptTextBox(t *testing.T) {
	sty := textStyle(sansFont, LabelSize)
	plain := plot.DefaultTextHandler
	for _, s := range []string{"plain", "k90_beta0.25", "a_{open"} {
		w, _, _ := textHandler.Box(s, sty.Font)
		pw, _, _ := plain.Box(s, sty.Font)
		if w != pw {
			t.Errorf("%q: width %v, plain %v", s, w, pw)
		}
	}
	w, _, _ := textHandler.Box("T_{g}", sty.Font)
	tw, _, _ := plain.Box("T", sty.Font)
	small := sty.Font
	small.Size *= scriptScale
	gw, _, _ := plain.Box("g", small)
	if d := w - tw - gw; d > 1e-9 || d < -1e-9 {
		t.Errorf("T_{g}: width %v, want %v + %v", w, tw, gw)
	}
}

func TestRefLabelBox(t *testing.T) {
	d := vg.Rectangle{Max: vg.Point{X: 100, Y: 50}}
	none := func(vg.Rectangle) float64 { return 0 }
	if b := refLabelBox(false, 20, d, 30, 10, none); b.Max.X != 97 || b.Min.Y != 23 {
		t.Errorf("free: label at %v, want right end, above", b)
	}
	// Data at the right end: the left end.
	right := func(r vg.Rectangle) float64 {
		if r.Max.X > 60 {
			return 1
		}
		return 0
	}
	if b := refLabelBox(false, 20, d, 30, 10, right); b.Min.X != 3 {
		t.Errorf("data on the right: label at %v, want the left end", b)
	}
	// No room above the line: below it.
	if b := refLabelBox(false, 45, d, 30, 10, none); b.Max.Y != 42 {
		t.Errorf("line near the top: label at %v, want below it", b)
	}
}

// A heat map asking for its legend below without named curves draws as
// one without a legend.
func TestLegendBelowEmpty(t *testing.T) {
	f := heatFigure()
	f.Panels[0].Legend = figure.LegendBelow
	for i := range f.Panels[0].Series {
		f.Panels[0].Series[i].Name = ""
	}
	var a, b bytes.Buffer
	if err := RenderFigure(&a, "png", f); err != nil {
		t.Fatal(err)
	}
	f.Panels[0].Legend = figure.LegendNone
	if err := RenderFigure(&b, "png", f); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("an empty legend below changed the figure")
	}
}
