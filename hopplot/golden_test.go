package hopplot

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/plot/vg"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata")

// checkGolden renders p as png and compares it pixel by pixel with
// testdata/<name>_golden.png. Rendering is deterministic, so no tolerance.
func checkGolden(t *testing.T, name string, w, h vg.Length, p Panel) {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, "png", w, h, p); err != nil {
		t.Fatalf("render %s: %v", name, err)
	}
	path := filepath.Join("testdata", name+"_golden.png")
	if *update {
		if err := Save(path, w, h, p); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if bytes.Equal(want, buf.Bytes()) {
		return
	}
	diff, err := pixelDiff(want, buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if diff == "" {
		return // same pixels, different encoding
	}
	got := filepath.Join(os.TempDir(), "plots_"+name+"_got.png")
	_ = os.WriteFile(got, buf.Bytes(), 0o644)
	t.Errorf("%s differs from %s: %s (got written to %s)", name, path, diff, got)
}

func pixelDiff(a, b []byte) (string, error) {
	ia, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		return "", err
	}
	ib, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return "", err
	}
	if ia.Bounds() != ib.Bounds() {
		return fmt.Sprintf("size %v, want %v", ib.Bounds(), ia.Bounds()), nil
	}
	n := 0
	var first image.Point
	r := ia.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, a1 := ia.At(x, y).RGBA()
			r2, g2, b2, a2 := ib.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				if n == 0 {
					first = image.Pt(x, y)
				}
				n++
			}
		}
	}
	if n == 0 {
		return "", nil
	}
	return fmt.Sprintf("%d pixels differ, first at %v", n, first), nil
}
