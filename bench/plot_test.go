package bench

import (
	"encoding/json"
	"flag"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/hopfield-lab/hopfield/hopplot"
)

var (
	resultsFile = flag.String("results", "testdata/results.json", "measurements written by compare.py --json")
	plotOut     = flag.String("plot", "", "also write the scaling figure to this file (docs/performance.png)")
)

// results is what compare.py --json writes; only the scaling part is drawn.
type results struct {
	Scaling map[string]map[string]struct {
		Wall    float64 `json:"wall"`
		PeakMiB float64 `json:"peak_mib"`
	} `json:"scaling"`
}

// scalingFigure draws whole-process time and peak memory against N, log-log,
// for the notebook's NumPy idiom and hopfield's two forms.
func scalingFigure(r results) (hopplot.Panel, error) {
	sides := []struct{ key, name string }{
		{"numpy", "notebook (NumPy, N x N int64)"},
		{"dense", "hopfield, dense form"},
		{"pattern", "hopfield, pattern form"},
	}
	var timeSeries, memSeries []hopplot.Series
	for _, s := range sides {
		var ns []int
		for k := range r.Scaling[s.key] {
			n, err := strconv.Atoi(k)
			if err != nil {
				return nil, err
			}
			ns = append(ns, n)
		}
		slices.Sort(ns)
		var x, t, m []float64
		for _, n := range ns {
			v := r.Scaling[s.key][strconv.Itoa(n)]
			x = append(x, float64(n))
			t = append(t, v.Wall)
			m = append(m, v.PeakMiB)
		}
		if len(x) == 0 {
			continue
		}
		timeSeries = append(timeSeries, hopplot.Series{Name: s.name, X: x, Y: t, Style: hopplot.LinesPoints})
		memSeries = append(memSeries, hopplot.Series{Name: s.name, X: x, Y: m, Style: hopplot.LinesPoints})
	}
	tp, err := hopplot.LinePlot(hopplot.LineOptions{Title: "Time to store 2 patterns and recall (4 synchronous steps)",
		XLabel: "neurons N", YLabel: "whole process, seconds", Grid: true, Legend: hopplot.TopLeft}, timeSeries...)
	if err != nil {
		return nil, err
	}
	mp, err := hopplot.LinePlot(hopplot.LineOptions{Title: "Peak memory of the same runs (colours as left)",
		XLabel: "neurons N", YLabel: "maximum resident set, MiB", Grid: true, Legend: hopplot.NoLegend}, memSeries...)
	if err != nil {
		return nil, err
	}
	for k, p := range []*plot.Plot{tp, mp} {
		p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
		p.X.Tick.Marker, p.Y.Tick.Marker = plot.LogTicks{Prec: -1}, plot.LogTicks{Prec: -1}
		// Log axes need positive ranges: a decade around the data.
		series := [][]hopplot.Series{timeSeries, memSeries}[k]
		p.X.Min, p.X.Max = decades(series, func(s hopplot.Series) []float64 { return s.X })
		p.Y.Min, p.Y.Max = decades(series, func(s hopplot.Series) []float64 { return s.Y })
		if k == 0 {
			p.Y.Max *= 100 // room for the legend above the data
		}
	}
	return hopplot.Side("", tp, mp)
}

// decades returns the powers of ten just below and above the values.
func decades(series []hopplot.Series, values func(hopplot.Series) []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, s := range series {
		for _, v := range values(s) {
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	return math.Pow(10, math.Floor(math.Log10(lo))), math.Pow(10, math.Ceil(math.Log10(hi)))
}

// TestPlot draws the scaling figure from the recorded measurements and
// checks that it is a picture of the expected size; with -plot FILE it also
// writes it there:
//
//	go test ./bench -run TestPlot -plot ../docs/performance.png
func TestPlot(t *testing.T) {
	raw, err := os.ReadFile(*resultsFile)
	if err != nil {
		t.Fatal(err)
	}
	var r results
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("%s: %v", *resultsFile, err)
	}
	if len(r.Scaling["pattern"]) < 2 {
		t.Fatalf("%s: no scaling measurements (run compare.py --scaling --json)", *resultsFile)
	}
	fig, err := scalingFigure(r)
	if err != nil {
		t.Fatal(err)
	}
	const w, h = 12 * vg.Inch, 5 * vg.Inch
	path := filepath.Join(t.TempDir(), "scaling.png")
	if err := hopplot.Save(path, w, h, fig); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Width != 12*hopplot.DefaultDPI || cfg.Height != 5*hopplot.DefaultDPI {
		t.Errorf("figure is %d x %d pixels, want %d x %d", cfg.Width, cfg.Height, 12*hopplot.DefaultDPI, 5*hopplot.DefaultDPI)
	}
	if *plotOut != "" {
		if err := hopplot.Save(*plotOut, w, h, fig); err != nil {
			t.Fatal(err)
		}
	}
}
