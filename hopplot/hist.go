package plots

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// PMF is an exact probability mass function: P(X = Values[i]) = Probs[i].
type PMF struct {
	Values, Probs []float64
}

func (m *PMF) validate() error {
	if len(m.Values) == 0 {
		return errorf("pmf: no values")
	}
	if len(m.Values) != len(m.Probs) {
		return errorf("pmf: %d values but %d probabilities", len(m.Values), len(m.Probs))
	}
	if err := checkFinite("pmf values", m.Values); err != nil {
		return err
	}
	if err := checkFinite("pmf probabilities", m.Probs); err != nil {
		return err
	}
	var sum float64
	for i, p := range m.Probs {
		if p < 0 {
			return errorf("pmf: probability %d is negative (%v)", i, p)
		}
		sum += p
	}
	if sum <= 0 || sum > 1+1e-6 {
		return errorf("pmf: probabilities sum to %v", sum)
	}
	return nil
}

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
func Histogram(samples []float64, opts HistOptions) (*plot.Plot, error) {
	n := len(samples)
	if n == 0 {
		return nil, errorf("histogram: no samples")
	}
	if err := checkFinite("histogram samples", samples); err != nil {
		return nil, err
	}
	if opts.Bins < 0 || opts.Bins > 10000 {
		return nil, errorf("histogram: %d bins", opts.Bins)
	}
	if math.IsNaN(opts.BinWidth) || math.IsInf(opts.BinWidth, 0) || opts.BinWidth < 0 {
		return nil, errorf("histogram: bin width %v", opts.BinWidth)
	}
	if opts.PMF != nil && opts.Density != nil {
		return nil, errorf("histogram: both a pmf and a density")
	}
	if err := checkFinite("histogram reference lines", opts.RefX); err != nil {
		return nil, err
	}
	lo, hi := slices.Min(samples), slices.Max(samples)
	sorted := slices.Sorted(slices.Values(samples))
	centre := sorted[n/2]
	var lat lattice
	if opts.PMF != nil {
		if err := opts.PMF.validate(); err != nil {
			return nil, err
		}
		// Show the pmf wherever it predicts a visible count.
		for i, v := range opts.PMF.Values {
			if float64(n)*opts.PMF.Probs[i] >= 0.05 {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
		lat = latticeOf(opts.PMF.Values)
		var mean, mass float64
		for i, v := range opts.PMF.Values {
			mean += v * opts.PMF.Probs[i]
			mass += opts.PMF.Probs[i]
		}
		centre = mean / mass
	} else if opts.Density == nil {
		lat = latticeOf(samples)
	}
	edges := binEdges(lo, hi, centre, lat, opts.Bins, opts.BinWidth, n)
	nb := len(edges) - 1
	if nb > 10000 {
		return nil, errorf("histogram: %d bins are too many", nb)
	}
	width := edges[1] - edges[0]
	counts := make([]float64, nb)
	for _, v := range samples {
		counts[binOf(edges, v)]++
	}

	p := NewPlot(opts.Title, opts.XLabel, opts.YLabel)
	if p.Y.Label.Text == "" {
		p.Y.Label.Text = "Count"
	}
	p.Y.Min = 0
	fill := opts.Color
	if fill == nil {
		fill = Blue
	}
	h := &plotter.Histogram{
		Width:     width,
		FillColor: fill,
		LineStyle: draw.LineStyle{Color: color.White, Width: vg.Points(0.75)},
	}
	for i, c := range counts {
		h.Bins = append(h.Bins, plotter.HistogramBin{Min: edges[i], Max: edges[i+1], Weight: c})
	}
	leg := &legendBox{}
	for _, b := range h.Bins {
		leg.bars = append(leg.bars, dataRect{x0: b.Min, x1: b.Max, y1: b.Weight})
	}
	p.Add(h)
	leg.add(fmt.Sprintf("samples (n = %d)", n), h)

	overlay := draw.LineStyle{Color: color.Black, Width: vg.Points(1.5)}
	switch {
	case opts.PMF != nil:
		expect := make(plotter.XYs, nb)
		for i := range expect {
			expect[i].X = (edges[i] + edges[i+1]) / 2
		}
		for i, v := range opts.PMF.Values {
			if v >= edges[0] && v <= edges[nb] {
				expect[binOf(edges, v)].Y += float64(n) * opts.PMF.Probs[i]
			}
		}
		l := &plotter.Line{XYs: expect, LineStyle: overlay}
		sc := &plotter.Scatter{XYs: expect, GlyphStyle: draw.GlyphStyle{Color: color.Black, Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}}
		p.Add(l, sc)
		leg.curves = append(leg.curves, expect)
		leg.add(nameOr(opts.OverlayName, "expected (exact pmf)"), l, sc)
	case opts.Density != nil:
		const samplesN = 301
		curve := make(plotter.XYs, samplesN)
		for i := range curve {
			x := edges[0] + (edges[nb]-edges[0])*float64(i)/(samplesN-1)
			f := opts.Density(x)
			if math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
				return nil, errorf("histogram: density(%v) = %v", x, f)
			}
			curve[i] = plotter.XY{X: x, Y: float64(n) * width * f}
		}
		l := &plotter.Line{XYs: curve, LineStyle: overlay}
		p.Add(l)
		leg.curves = append(leg.curves, curve)
		leg.add(nameOr(opts.OverlayName, "expected (density)"), l)
	}
	for _, x := range opts.RefX {
		r := VLine(x)
		r.LineStyle = DottedRed()
		p.Add(r)
	}
	if opts.PMF == nil && opts.Density == nil {
		leg.entries = nil
	}
	p.Add(leg)
	padY(p, 0.06, false)
	return p, nil
}

func nameOr(s, def string) string {
	if s != "" {
		return s
	}
	return def
}

// lattice describes values lying on origin + k*step (step 0: none found).
type lattice struct{ origin, step float64 }

// latticeOf finds the lattice of equally spaced values: the integer gcd of
// the gaps for integer data, the common gap for other data.
func latticeOf(vs []float64) lattice {
	s := slices.Clone(vs)
	slices.Sort(s)
	s = slices.Compact(s)
	if len(s) == 1 {
		return lattice{origin: s[0], step: 1}
	}
	allInt := s[0] == math.Trunc(s[0]) && s[len(s)-1]-s[0] <= 1e9
	for _, v := range s {
		allInt = allInt && v == math.Trunc(v)
	}
	if allInt {
		var g int64
		for _, v := range s[1:] {
			g = gcd(g, int64(v-s[0]))
		}
		return lattice{origin: s[0], step: float64(g)}
	}
	// Other data: a lattice if every value is a whole number of smallest
	// gaps away from the first one.
	d := math.Inf(1)
	for i := 1; i < len(s); i++ {
		d = math.Min(d, s[i]-s[i-1])
	}
	if !(d > 0) || (s[len(s)-1]-s[0])/d > 1e6 {
		return lattice{}
	}
	for _, v := range s {
		q := (v - s[0]) / d
		if math.Abs(q-math.Round(q)) > 1e-6 {
			return lattice{}
		}
	}
	return lattice{origin: s[0], step: d}
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	if a < 0 {
		return -a
	}
	return a
}

// binEdges returns equally wide bins covering [lo, hi]. On a lattice every
// bin holds a whole number k of lattice points, preferably odd so that a
// bin is centred on the lattice point nearest to centre (the median or
// the pmf mean): a symmetric distribution gets symmetric bars.
func binEdges(lo, hi, centre float64, lat lattice, bins int, width float64, n int) []float64 {
	target := bins
	if target == 0 {
		// Rice rule, kept to a readable number of bars.
		target = min(max(int(math.Ceil(2*math.Cbrt(float64(n)))), 5), 50)
	}
	if lat.step <= 0 {
		if hi == lo {
			lo, hi = lo-0.5, hi+0.5
		}
		w := (hi - lo) / float64(target)
		if width > 0 {
			w = width
		}
		nb := max(1, int(math.Ceil((hi-lo)/w-1e-9)))
		first := lo - (float64(nb)*w-(hi-lo))/2
		return evenEdges(first, w, nb)
	}
	d := lat.step
	points := math.Round((hi-lo)/d) + 1
	var k int
	if width > 0 {
		k = max(1, int(math.Round(width/d)))
	} else {
		k = max(1, int(math.Ceil(points/float64(target))))
		if k%2 == 0 {
			// the odd neighbour giving a bar count closer to the target
			below, above := points/float64(k-1), points/float64(k+1)
			if math.Abs(below-float64(target)) <= math.Abs(above-float64(target)) {
				k--
			} else {
				k++
			}
		}
	}
	w := float64(k) * d
	// A bin centre: the lattice point nearest to centre (odd k) or the
	// midpoint after it (even k).
	c0 := lat.origin + math.Round((centre-lat.origin)/d)*d
	if k%2 == 0 {
		c0 += d / 2
	}
	j0 := math.Floor((lo-c0)/w + 0.5 + 1e-9)
	j1 := math.Floor((hi-c0)/w + 0.5 - 1e-9)
	return evenEdges(c0+(j0-0.5)*w, w, int(j1-j0)+1)
}

func evenEdges(first, w float64, nb int) []float64 {
	edges := make([]float64, nb+1)
	for i := range edges {
		edges[i] = first + float64(i)*w
	}
	return edges
}

// binOf returns the bin holding v (the last bin includes its right edge).
func binOf(edges []float64, v float64) int {
	w := edges[1] - edges[0]
	i := int(math.Floor((v - edges[0]) / w))
	return min(max(i, 0), len(edges)-2)
}
