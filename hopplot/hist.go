package hopplot

import (
	"fmt"
	"image/color"

	"github.com/hopfield-lab/hopfield/figure"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// PMF is an exact probability mass function: P(X = Values[i]) = Probs[i].
type PMF = figure.PMF

// HistOptions describe a Histogram.
type HistOptions struct {
	Title, XLabel string
	// YLabel defaults to "Count".
	YLabel string
	// Bins is the number of bins (0: automatic). BinWidth, if positive,
	// overrides it. Integer-valued samples and lattice pmfs get bins
	// centred on the lattice points.
	Bins     int
	BinWidth float64
	// PMF overlays the expected count of each bin under an exact pmf.
	PMF *PMF
	// Density overlays n * binwidth * f(x) for a probability density f.
	Density func(float64) float64
	// OverlayName labels the overlay in the legend.
	OverlayName string
	// RefX are vertical reference lines, red and dotted like the
	// notebook's plt.axvline(x=0, color='red', linestyle=':').
	RefX []float64
	// Color fills the bars (nil: blue).
	Color color.Color
}

// Histogram returns a histogram of samples with counts on the y axis and,
// optionally, the exact pmf or a density scaled to counts drawn over it.
// The samples are binned by [figure.NewHist].
func Histogram(samples []float64, opts HistOptions) (*plot.Plot, error) {
	if err := checkFinite("histogram reference lines", opts.RefX); err != nil {
		return nil, err
	}
	h, err := figure.NewHist(samples, figure.HistOptions{Bins: opts.Bins, BinWidth: opts.BinWidth, PMF: opts.PMF, Density: opts.Density, OverlayName: opts.OverlayName})
	if err != nil {
		return nil, err
	}
	var refs []*RefLine
	for _, x := range opts.RefX {
		r := VLine(x)
		r.LineStyle = DottedRed()
		refs = append(refs, r)
	}
	return histPlot(h, opts.Title, opts.XLabel, opts.YLabel, opts.Color, refs)
}

// histPlot draws binned counts with their overlay.
func histPlot(h *figure.Hist, title, xlabel, ylabel string, fill color.Color, refs []*RefLine) (*plot.Plot, error) {
	if err := h.Validate(); err != nil {
		return nil, err
	}
	p := NewPlot(title, xlabel, ylabel)
	if p.Y.Label.Text == "" {
		p.Y.Label.Text = "Count"
	}
	p.Y.Min = 0
	if fill == nil {
		fill = Blue
	}
	edges := h.Edges
	bars := &plotter.Histogram{
		Width:     edges[1] - edges[0],
		FillColor: fill,
		LineStyle: draw.LineStyle{Color: color.White, Width: vg.Points(0.75)},
	}
	for i, c := range h.Counts {
		bars.Bins = append(bars.Bins, plotter.HistogramBin{Min: edges[i], Max: edges[i+1], Weight: c})
	}
	leg := &legendBox{}
	for _, b := range bars.Bins {
		leg.bars = append(leg.bars, dataRect{x0: b.Min, x1: b.Max, y1: b.Weight})
	}
	p.Add(bars)
	leg.add(fmt.Sprintf("samples (n = %d)", h.N), bars)
	if o := h.Overlay; o != nil {
		curve := make(plotter.XYs, len(o.X))
		for i := range curve {
			curve[i] = plotter.XY{X: o.X[i], Y: o.Y[i]}
		}
		l := &plotter.Line{XYs: curve, LineStyle: draw.LineStyle{Color: color.Black, Width: vg.Points(1.5)}}
		p.Add(l)
		thumbs := []plot.Thumbnailer{l}
		if o.Points {
			sc := &plotter.Scatter{XYs: curve, GlyphStyle: draw.GlyphStyle{Color: color.Black, Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}}
			p.Add(sc)
			thumbs = append(thumbs, sc)
		}
		leg.curves = append(leg.curves, curve)
		leg.add(o.Name, thumbs...)
	} else {
		leg.entries = nil
	}
	for _, r := range refs {
		p.Add(r)
	}
	p.Add(leg)
	padY(p, 0.06, false)
	return p, nil
}
