package hopplot

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

var nan, inf = math.NaN(), math.Inf(1)

// expectInvalid checks that err is a validation error.
func expectInvalid(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("error %v does not wrap ErrInvalid", err)
	}
}

func TestMatrixValidation(t *testing.T) {
	for _, tc := range []struct {
		name string
		make func() error
	}{
		{"nil rows", func() error { _, err := NewMatrix(nil); return err }},
		{"empty row", func() error { _, err := NewMatrix([][]float64{{}}); return err }},
		{"ragged", func() error { _, err := NewMatrix([][]float64{{1, 2}, {3}}); return err }},
		{"NaN", func() error { _, err := NewMatrix([][]float64{{1, nan}}); return err }},
		{"Inf", func() error { _, err := NewMatrix([][]float64{{-inf}}); return err }},
		{"flat short", func() error { _, err := NewMatrixFlat([]float64{1, 2, 3}, 2, 2); return err }},
		{"flat zero rows", func() error { _, err := NewMatrixFlat(nil, 0, 3); return err }},
		{"flat negative", func() error { _, err := NewMatrixFlat([]float64{1}, -1, -1); return err }},
		{"flat NaN", func() error { _, err := NewMatrixFlat([]float64{1, nan}, 1, 2); return err }},
		{"int8 long", func() error { _, err := NewMatrixInt8([]int8{1, 1, 1}, 1, 2); return err }},
		{"states empty", func() error { _, err := StatesOverTime(nil); return err }},
		{"states ragged", func() error { _, err := StatesOverTime([][]int8{{1, 1}, {1}}); return err }},
		{"block zero", func() error { _, err := known5x7(t).BlockAverage(0, 1); return err }},
	} {
		t.Run(tc.name, func(t *testing.T) { expectInvalid(t, tc.make()) })
	}
}

func TestRasterValidation(t *testing.T) {
	m := known5x7(t)
	for _, tc := range []struct {
		name string
		m    *Matrix
		opts RasterOptions
	}{
		{"nil matrix", nil, RasterOptions{}},
		{"unknown colormap", m, RasterOptions{Colormap: 99}},
		{"negative colormap", m, RasterOptions{Colormap: -1}},
		{"negative MaxCells", m, RasterOptions{MaxCells: -1}},
		{"inverted range", m, RasterOptions{Min: 1, Max: -1}},
		{"empty range", m, RasterOptions{Min: 2, Max: 2}},
		{"NaN range", m, RasterOptions{Min: nan, Max: 1}},
		{"Inf range", m, RasterOptions{Min: 0, Max: inf}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewRaster(tc.m, tc.opts)
			expectInvalid(t, err)
			_, err = RasterPlot(tc.m, RasterPlotOptions{Raster: tc.opts})
			expectInvalid(t, err)
		})
	}
	t.Run("constant matrix gets a range", func(t *testing.T) {
		c, _ := NewMatrix([][]float64{{0, 0}})
		r, err := NewRaster(c, RasterOptions{Colormap: DivergingMap})
		if err != nil {
			t.Fatal(err)
		}
		if lo, hi := r.Range(); !(lo < hi) {
			t.Errorf("range %v..%v", lo, hi)
		}
	})
	t.Run("diverging range is symmetric", func(t *testing.T) {
		r, _ := NewRaster(m, RasterOptions{Colormap: DivergingMap})
		if lo, hi := r.Range(); lo != -46 || hi != 46 {
			t.Errorf("range %v..%v, want -46..46", lo, hi)
		}
		if c := r.Color(0); c != (color.RGBA{255, 255, 255, 255}) {
			t.Errorf("zero is %v, want white", c)
		}
	})
}

func TestStemValidation(t *testing.T) {
	for _, tc := range []struct {
		name string
		x, y []float64
	}{
		{"empty", nil, nil},
		{"x length", []float64{0, 1}, []float64{1}},
		{"NaN y", nil, []float64{1, nan}},
		{"Inf x", []float64{inf}, []float64{1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewStem(tc.x, tc.y)
			expectInvalid(t, err)
			_, err = StemPlot(tc.y, StemOptions{X: tc.x})
			expectInvalid(t, err)
		})
	}
}

func TestHistogramValidation(t *testing.T) {
	ok := []float64{1, 2, 3}
	pmf := &PMF{Values: []float64{1, 2, 3}, Probs: []float64{0.25, 0.5, 0.25}}
	for _, tc := range []struct {
		name    string
		samples []float64
		opts    HistOptions
	}{
		{"no samples", nil, HistOptions{}},
		{"NaN sample", []float64{1, nan}, HistOptions{}},
		{"Inf sample", []float64{inf}, HistOptions{}},
		{"negative bins", ok, HistOptions{Bins: -1}},
		{"NaN width", ok, HistOptions{BinWidth: nan}},
		{"negative width", ok, HistOptions{BinWidth: -2}},
		{"pmf and density", ok, HistOptions{PMF: pmf, Density: func(float64) float64 { return 1 }}},
		{"pmf lengths", ok, HistOptions{PMF: &PMF{Values: []float64{1, 2}, Probs: []float64{1}}}},
		{"pmf empty", ok, HistOptions{PMF: &PMF{}}},
		{"pmf negative", ok, HistOptions{PMF: &PMF{Values: []float64{1, 2}, Probs: []float64{1.5, -0.5}}}},
		{"pmf sum", ok, HistOptions{PMF: &PMF{Values: []float64{1, 2}, Probs: []float64{0.7, 0.7}}}},
		{"pmf zero", ok, HistOptions{PMF: &PMF{Values: []float64{1}, Probs: []float64{0}}}},
		{"pmf NaN value", ok, HistOptions{PMF: &PMF{Values: []float64{nan}, Probs: []float64{1}}}},
		{"density NaN", ok, HistOptions{Density: func(float64) float64 { return nan }}},
		{"density negative", ok, HistOptions{Density: func(float64) float64 { return -1 }}},
		{"ref NaN", ok, HistOptions{RefX: []float64{nan}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Histogram(tc.samples, tc.opts)
			expectInvalid(t, err)
		})
	}
}

func TestLinePlotValidation(t *testing.T) {
	y := []float64{1, 2, 3}
	for _, tc := range []struct {
		name   string
		opts   LineOptions
		series []Series
	}{
		{"no series", LineOptions{}, nil},
		{"empty Y", LineOptions{}, []Series{{Name: "a"}}},
		{"X length", LineOptions{}, []Series{{X: []float64{1}, Y: y}}},
		{"NaN Y", LineOptions{}, []Series{{Y: []float64{1, nan}}}},
		{"Err length", LineOptions{}, []Series{{Y: y, Err: []float64{1}}}},
		{"Err negative", LineOptions{}, []Series{{Y: y, Err: []float64{1, -1, 1}}}},
		{"Err NaN", LineOptions{}, []Series{{Y: y, Err: []float64{1, nan, 1}}}},
		{"style", LineOptions{}, []Series{{Y: y, Style: 7}}},
		{"legend", LineOptions{Legend: 42}, []Series{{Y: y}}},
		{"nil ref", LineOptions{Refs: []*RefLine{nil}}, []Series{{Y: y}}},
		{"NaN ref", LineOptions{Refs: []*RefLine{HLine(nan)}}, []Series{{Y: y}}},
		{"second series bad", LineOptions{}, []Series{{Y: y}, {Y: nil}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LinePlot(tc.opts, tc.series...)
			expectInvalid(t, err)
		})
	}
}

func TestPatternGridValidation(t *testing.T) {
	good := Pattern{Data: []int8{1, -1, 0, 1}}
	for _, tc := range []struct {
		name       string
		rows, cols int
		pats       []Pattern
		opts       PatternGridOptions
	}{
		{"no patterns", 2, 2, nil, PatternGridOptions{}},
		{"short", 2, 2, []Pattern{good, {Data: []int8{1}}}, PatternGridOptions{}},
		{"value 2", 2, 2, []Pattern{{Data: []int8{1, 2, 1, 1}}}, PatternGridOptions{}},
		{"zero rows", 0, 4, []Pattern{good}, PatternGridOptions{}},
		{"negative columns", 2, 2, []Pattern{good}, PatternGridOptions{Columns: -1}},
		{"negative MaxCells", 2, 2, []Pattern{good}, PatternGridOptions{MaxCells: -3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewPatternGrid(tc.rows, tc.cols, tc.pats, tc.opts)
			expectInvalid(t, err)
		})
	}
}

func TestFigureValidation(t *testing.T) {
	p := NewPlot("", "", "")
	var nilPlot *plot.Plot
	for _, tc := range []struct {
		name string
		make func() error
	}{
		{"zero rows", func() error { _, err := NewFigure("", 0, 1, p); return err }},
		{"too many", func() error { _, err := NewFigure("", 1, 1, p, p); return err }},
		{"none", func() error { _, err := Stack("t"); return err }},
		{"only nil", func() error { _, err := Side("t", nil, nilPlot); return err }},
	} {
		t.Run(tc.name, func(t *testing.T) { expectInvalid(t, tc.make()) })
	}
	if _, err := NewFigure("gaps", 2, 2, p, nil, nilPlot); err != nil {
		t.Errorf("figure with gaps: %v", err)
	}
}

func TestRenderValidation(t *testing.T) {
	p := NewPlot("", "", "")
	for _, tc := range []struct {
		name   string
		format string
		w, h   vg.Length
		p      Panel
		opts   []SaveOption
	}{
		{"unknown format", "gif", 0, 0, p, nil},
		{"no format", "", 0, 0, p, nil},
		{"nil panel", "png", 0, 0, nil, nil},
		{"negative size", "png", -1, 0, p, nil},
		{"tiny", "png", 0.1, 0.1, p, nil},
		{"huge", "png", 1000 * vg.Inch, 5 * vg.Inch, p, nil},
		{"bad dpi", "png", 0, 0, p, []SaveOption{WithDPI(5)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := Render(&bytes.Buffer{}, tc.format, tc.w, tc.h, tc.p, tc.opts...)
			expectInvalid(t, err)
		})
	}
}

func TestSaveFormats(t *testing.T) {
	dir := t.TempDir()
	m, _ := NewMatrixInt8(patA, 5, 5)
	p, err := weightsPlot(m, "A")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		file   string
		opts   []SaveOption
		prefix string
	}{
		{"w.png", nil, "\x89PNG"},
		{"W.SVG", nil, "<?xml"},
		{"w.pdf", nil, "%PDF"},
		{"w.out", []SaveOption{WithFormat("png")}, "\x89PNG"},
		{"w.png.tmp", []SaveOption{WithFormat("svg")}, "<?xml"},
	} {
		path := filepath.Join(dir, tc.file)
		if err := Save(path, 0, 0, p, tc.opts...); err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(b), tc.prefix) {
			t.Errorf("%s starts with %q", tc.file, b[:min(len(b), 8)])
		}
	}
	// Default size and resolution: 8x5 inches at 150 dpi.
	img := decodePNG(t, filepath.Join(dir, "w.png"))
	if b := img.Bounds(); b.Dx() != 1200 || b.Dy() != 750 {
		t.Errorf("default png is %v, want 1200x750", b)
	}
	// A failed save leaves nothing behind and keeps an existing file.
	bad := filepath.Join(dir, "w.gif")
	if err := Save(bad, 0, 0, p); err == nil {
		t.Error("saving a gif should fail")
	}
	if err := Save(filepath.Join(dir, "w.png"), 0, 0, p, WithFormat("tiff")); err == nil {
		t.Error("tiff should fail")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 5 {
		for _, e := range entries {
			t.Log(e.Name())
		}
		t.Errorf("%d files in the output directory, want 5", len(entries))
	}
	if ct := ContentType("SVG"); ct != "image/svg+xml" {
		t.Errorf("content type %q", ct)
	}
}

func decodePNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// TestRasterOrientationAndCrispness renders a raster with row 0 and column
// 0 black and checks the pixels: row 0 on top, column 0 on the left, and
// cell edges without blur.
func TestRasterOrientationAndCrispness(t *testing.T) {
	// 4x4 of -1 with row 0 and column 0 set to +1 (black with InkMap).
	data := make([]int8, 16)
	for i := range data {
		data[i] = -1
		if i < 4 || i%4 == 0 {
			data[i] = 1
		}
	}
	m, _ := NewMatrixInt8(data, 4, 4)
	p, err := RasterPlot(m, RasterPlotOptions{HideAxes: true, Raster: RasterOptions{Min: -1, Max: 1}})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	// 2.24 x 2.24 in at 100 dpi: 12 px margins around a 200 px raster.
	if err := Render(&buf, "png", 2.24*vg.Inch, 2.24*vg.Inch, p, WithDPI(100)); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	gray := func(x, y int) uint8 { return color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y }
	// cell (i, j) is 50 px wide, starting at 12 + 50 j, 12 + 50 i from the top left
	centre := func(i, j int) uint8 { return gray(12+50*j+25, 12+50*i+25) }
	for i := range 4 {
		for j := range 4 {
			want := uint8(255)
			if i == 0 || j == 0 {
				want = 0
			}
			if got := centre(i, j); got != want {
				t.Errorf("cell (%d,%d) has gray %d, want %d", i, j, got, want)
			}
		}
	}
	// Scan across the edge between cells (1,0) and (1,1), away from the
	// frame: at most two pixels may be neither black nor white.
	blurred := 0
	for x := 30; x < 100; x++ {
		if g := gray(x, 12+75); g != 0 && g != 255 {
			blurred++
		}
	}
	if blurred > 2 {
		t.Errorf("%d blurred pixels across a cell edge", blurred)
	}
}

// Every format writes the same bytes for the same figure, a PDF included
// (its dates are fixed, not the time of writing).
func TestRenderIsReproducible(t *testing.T) {
	m, _ := NewMatrixInt8(patA, 5, 5)
	p, err := weightsPlot(m, "A")
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range Formats {
		var first, second bytes.Buffer
		if err := Render(&first, format, 0, 0, p); err != nil {
			t.Fatal(err)
		}
		if format == "pdf" {
			time.Sleep(1100 * time.Millisecond) // a date of writing would now differ
			if !bytes.Contains(first.Bytes(), []byte("/CreationDate (D:19700101")) {
				t.Errorf("pdf creation date is not the fixed one")
			}
		}
		if err := Render(&second, format, 0, 0, p); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Errorf("%s: two renderings of one figure differ", format)
		}
	}
}
