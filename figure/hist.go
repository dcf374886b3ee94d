package figure

import (
	"math"
	"slices"
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

// HistOptions say how samples are binned by [NewHist].
type HistOptions struct {
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
}

// NewHist bins samples into a histogram: counts of equally wide bins, and
// the overlay of the expected counts when a pmf or a density is given. On a
// lattice (integer samples, or a lattice pmf) every bin holds a whole,
// preferably odd, number of lattice points, one bin centred on the median
// (or the pmf mean), so that symmetric distributions look symmetric.
func NewHist(samples []float64, opts HistOptions) (*Hist, error) {
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
	h := &Hist{N: n, Edges: edges, Counts: make([]float64, nb)}
	for _, v := range samples {
		h.Counts[binOf(edges, v)]++
	}
	switch {
	case opts.PMF != nil:
		o := &Overlay{Name: nameOr(opts.OverlayName, "expected (exact pmf)"), X: make([]float64, nb), Y: make([]float64, nb), Points: true}
		for i := range o.X {
			o.X[i] = (edges[i] + edges[i+1]) / 2
		}
		for i, v := range opts.PMF.Values {
			if v >= edges[0] && v <= edges[nb] {
				o.Y[binOf(edges, v)] += float64(n) * opts.PMF.Probs[i]
			}
		}
		h.Overlay = o
	case opts.Density != nil:
		const samplesN = 301
		width := edges[1] - edges[0]
		o := &Overlay{Name: nameOr(opts.OverlayName, "expected (density)"), X: make([]float64, samplesN), Y: make([]float64, samplesN)}
		for i := range o.X {
			x := edges[0] + (edges[nb]-edges[0])*float64(i)/(samplesN-1)
			f := opts.Density(x)
			if math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
				return nil, errorf("histogram: density(%v) = %v", x, f)
			}
			o.X[i], o.Y[i] = x, float64(n)*width*f
		}
		h.Overlay = o
	}
	return h, nil
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
