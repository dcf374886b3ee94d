package experiments

import (
	"bytes"
	"flag"
	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/figure"
	"os"
	"path/filepath"
	"testing"

	"github.com/hopfield-lab/hopfield/hopplot"
	"github.com/hopfield-lab/hopfield/patterns"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata")

// checkGolden renders p as png and compares it byte for byte with
// testdata/<name>_golden.png (rendering is deterministic).
func checkGolden(t *testing.T, name string, w, h float64, p *figure.Panel) {
	t.Helper()
	var buf bytes.Buffer
	if err := hopplot.RenderFigure(&buf, "png", &figure.Figure{Name: name, Width: w, Height: h, Panels: []*figure.Panel{p}}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", name+"_golden.png")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(want, buf.Bytes()) {
		got := filepath.Join(t.TempDir(), name+"_got.png")
		_ = os.WriteFile(got, buf.Bytes(), 0o644)
		t.Errorf("%s differs from %s (got: %s; run go test -update if the change is intended)", name, path, got)
	}
}

// The two small plotters of this package: a stem plot of a state with the
// neurons that differ from a reference in red, and a picture of real values.
func TestGoldenStemState(t *testing.T) {
	s := []int8{1, -1, -1, 1, 1, -1, 1, -1, 1, 1, -1, -1}
	ref := []int8{1, -1, 1, 1, 1, -1, -1, -1, 1, 1, -1, 1}
	p := stemPanel(s, ref, "State (red: differs from ξ)", "Neuron i", "blue")
	checkGolden(t, "stem_state", 6, 2.5, p)
}

func TestGoldenImagePanel(t *testing.T) {
	bu := patterns.BU()
	x := hopfield.Real(nil, bu.Data)
	for i := 5000; i < len(x); i++ {
		x[i] = 0 // erased half: mid-gray
	}
	p := imagePanel(x, -2, 2, "BU, bottom half erased")
	checkGolden(t, "image_panel", 4, 4, p)
}
