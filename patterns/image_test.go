package patterns

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math"
	"strings"
	"testing"
)

func encodePNG(t testing.TB, p Pattern, scale int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePNG(&buf, p, scale); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWritePNG(t *testing.T) {
	a := LetterA()
	a.Data[0] = 0 // an unknown neuron at (0, 0)
	img, err := png.Decode(bytes.NewReader(encodePNG(t, a, 0)))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 200 || b.Dy() != 200 {
		t.Fatalf("default size %v, want 200x200", b)
	}
	for _, tc := range []struct {
		x, y int
		want uint8
	}{
		{0, 0, 0x80}, {39, 39, 0x80}, // unknown: mid-gray
		{40, 0, 0xff},                  // background: white
		{80, 0, 0x00}, {119, 39, 0x00}, // ink at (0, 2): black
		{120, 0, 0xff},
		{199, 199, 0x00}, // ink at (4, 4)
	} {
		g := color.GrayModel.Convert(img.At(tc.x, tc.y)).(color.Gray).Y
		if g != tc.want {
			t.Errorf("pixel (%d, %d) = %#x, want %#x", tc.x, tc.y, g, tc.want)
		}
	}
	for _, tc := range []struct {
		p                   Pattern
		scale, wantW, wantH int
	}{
		{Star(), 0, 200, 200},
		{Checkerboard(7), 0, 203, 203}, // 29 px a cell
		{vec(t, 1, -1, 1), 0, 201, 67},
		{LetterA(), 3, 15, 15},
	} {
		img, err := png.Decode(bytes.NewReader(encodePNG(t, tc.p, tc.scale)))
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != tc.wantW || b.Dy() != tc.wantH {
			t.Errorf("%s at scale %d: %dx%d, want %dx%d", tc.p.Shape(), tc.scale, b.Dx(), b.Dy(), tc.wantW, tc.wantH)
		}
	}
}

func TestDefaultScale(t *testing.T) {
	for _, tc := range []struct{ rows, cols, want int }{
		{5, 5, 40}, {100, 100, 2}, {1, 100, 2}, {7, 3, 29}, {1000, 10, 1}, {1, 1, 200},
	} {
		if got := DefaultScale(tc.rows, tc.cols); got != tc.want {
			t.Errorf("DefaultScale(%d, %d) = %d, want %d", tc.rows, tc.cols, got, tc.want)
		}
	}
}

func TestImageRoundTrip(t *testing.T) {
	withUnknown := LetterA()
	withUnknown.Data[12] = 0
	for _, tc := range []struct {
		name  string
		p     Pattern
		scale int
		opts  ImageOptions
	}{
		{"A scale 1", LetterA(), 1, ImageOptions{}},
		{"A default scale", LetterA(), 0, ImageOptions{Rows: 5, Cols: 5}},
		{"checkerboard 7 scale 3", Checkerboard(7), 3, ImageOptions{Rows: 7, Cols: 7}},
		{"star", Star(), 0, ImageOptions{Rows: 100, Cols: 100}},
		{"BU scale 1", BU(), 1, ImageOptions{}},
		{"vector", vec(t, 1, -1, -1, 1, 1, 1, -1), 0, ImageOptions{Rows: 1, Cols: 7}},
		{"tall", pat(t, "#..", "##.", ".##", "#.#"), 5, ImageOptions{Rows: 4, Cols: 3}},
		{"unknown", withUnknown, 4, ImageOptions{Rows: 5, Cols: 5, UnknownBand: 0.1}},
		{"letter", mustLetter(t, 'R', 32), 0, ImageOptions{Rows: 32, Cols: 32}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadImage(bytes.NewReader(encodePNG(t, tc.p, tc.scale)), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			assertEqual(t, got, tc.p)
		})
	}
}

func mustLetter(t testing.TB, ch rune, size int) Pattern {
	p, err := Letter(ch, size)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestReadImagePixels checks the gray levels, alpha and options one pixel at
// a time, in each format.
func TestReadImagePixels(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 8, 1))
	for x, c := range []color.NRGBA{
		{0, 0, 0, 255},       // black: ink
		{255, 255, 255, 255}, // white: background
		{127, 127, 127, 255}, // just darker than mid-gray: ink
		{129, 129, 129, 255}, // just lighter: background
		{0, 0, 0, 0},         // transparent black: background
		{0, 0, 0, 100},       // mostly transparent black over white: 0.61, background
		{255, 0, 0, 255},     // red: luminance 0.299, ink
		{0, 255, 0, 255},     // green: luminance 0.587, background
	} {
		img.SetNRGBA(x, 0, c)
	}
	var pngBuf bytes.Buffer
	if err := png.Encode(&pngBuf, img); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		opts ImageOptions
		want []int8
	}{
		{"default", ImageOptions{}, []int8{1, -1, 1, -1, -1, -1, 1, -1}},
		{"threshold 0.25", ImageOptions{Threshold: 0.25}, []int8{1, -1, -1, -1, -1, -1, -1, -1}},
		{"threshold 0.7", ImageOptions{Threshold: 0.7}, []int8{1, -1, 1, 1, -1, 1, 1, 1}},
		// Inverted, transparent pixels are black behind: 0.39 dark.
		{"invert", ImageOptions{Invert: true}, []int8{-1, 1, -1, 1, -1, -1, -1, 1}},
		{"band", ImageOptions{UnknownBand: 0.1}, []int8{1, -1, 0, 0, -1, -1, 1, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ReadImage(bytes.NewReader(pngBuf.Bytes()), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			assertEqual(t, p, Pattern{Rows: 1, Cols: 8, Data: tc.want})
		})
	}
}

func TestReadImageFormats(t *testing.T) {
	want := mustLetter(t, 'G', 16)
	src, err := stripImage([]Pattern{want}, 6, 0)
	if err != nil {
		t.Fatal(err)
	}
	encoders := map[string]func(*bytes.Buffer) error{
		"png":  func(b *bytes.Buffer) error { return png.Encode(b, src) },
		"gif":  func(b *bytes.Buffer) error { return gif.Encode(b, src, nil) },
		"jpeg": func(b *bytes.Buffer) error { return jpeg.Encode(b, src, &jpeg.Options{Quality: 75}) },
	}
	for name, enc := range encoders {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := enc(&buf); err != nil {
				t.Fatal(err)
			}
			got, err := ReadImage(&buf, ImageOptions{Rows: 16, Cols: 16})
			if err != nil {
				t.Fatal(err)
			}
			assertEqual(t, got, want)
		})
	}
}

func TestReadImageGridResample(t *testing.T) {
	// A 10x10 checkerboard at scale 3, read on a 5x5 grid: each cell
	// averages four squares, two black and two white (gray 0.5); and on a
	// 20x20 grid: each neuron repeats 2x2.
	src := encodePNG(t, Checkerboard(10), 3)
	p, err := ReadImage(bytes.NewReader(src), ImageOptions{Rows: 20, Cols: 20})
	if err != nil {
		t.Fatal(err)
	}
	cb := Checkerboard(10)
	for r := range 20 {
		for c := range 20 {
			if p.At(r, c) != cb.At(r/2, c/2) {
				t.Fatalf("(%d, %d) = %d, want %d", r, c, p.At(r, c), cb.At(r/2, c/2))
			}
		}
	}
	// Upsampling beyond the pixels: a 2x2 image on a 5x5 grid.
	small := encodePNG(t, pat(t, "#.", ".#"), 1)
	p, err = ReadImage(bytes.NewReader(small), ImageOptions{Rows: 5, Cols: 5})
	if err != nil {
		t.Fatal(err)
	}
	if p.At(0, 0) != 1 || p.At(0, 4) != -1 || p.At(4, 4) != 1 || p.At(4, 0) != -1 {
		t.Errorf("upsampled:\n%s", p)
	}
}

// hugePNG is a valid 1x1 PNG whose header claims width x height pixels.
func hugePNG(t testing.TB, width, height uint32) []byte {
	var buf bytes.Buffer
	png.Encode(&buf, image.NewGray(image.Rect(0, 0, 1, 1)))
	b := buf.Bytes()
	binary.BigEndian.PutUint32(b[16:], width)
	binary.BigEndian.PutUint32(b[20:], height)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

func TestReadImageErrors(t *testing.T) {
	good := encodePNG(t, LetterA(), 1)
	for _, tc := range []struct {
		name string
		data []byte
		opts ImageOptions
		want string
	}{
		{"empty", nil, ImageOptions{}, "empty file"},
		{"garbage", []byte("hello, world"), ImageOptions{}, "unknown image format (want PNG, JPEG or GIF)"},
		{"npy", npyBytes(1, "{}\n", nil), ImageOptions{}, "unknown image format"},
		{"truncated", good[:len(good)-20], ImageOptions{}, "image"},
		{"header only", good[:30], ImageOptions{}, "truncated image"},
		{"huge", hugePNG(t, 100000, 100000), ImageOptions{}, "png image of 100000x100000 pixels too large"},
		{"threshold", good, ImageOptions{Threshold: 1.5}, "image threshold 1.5 outside (0, 1)"},
		{"threshold NaN", good, ImageOptions{Threshold: math.NaN()}, "image threshold NaN"},
		{"band", good, ImageOptions{UnknownBand: -1}, "unknown band -1"},
		{"rows only", good, ImageOptions{Rows: 5}, "image grid 5x0: give both rows and cols"},
		{"grid too large", good, ImageOptions{Rows: 1 << 20, Cols: 1 << 20}, "too large"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadImage(bytes.NewReader(tc.data), tc.opts)
			assertErr(t, err, tc.want)
		})
	}
}

func TestWriteStripPNG(t *testing.T) {
	ps := []Pattern{Checkerboard(5), X(5), LetterA()}
	var buf bytes.Buffer
	if err := WriteStripPNG(&buf, ps, 10, 0); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 3*50+2*10 || b.Dy() != 50 {
		t.Fatalf("strip is %v, want 170x50", b)
	}
	if r, g, b, _ := img.At(55, 25).RGBA(); r>>8 != 0x9e || g>>8 != 0xb6 || b>>8 != 0xd0 {
		t.Errorf("gap pixel = %x %x %x", r>>8, g>>8, b>>8)
	}
	// Each cell of the strip reads back as its pattern.
	for k, p := range ps {
		sub := img.(interface {
			SubImage(image.Rectangle) image.Image
		}).SubImage(image.Rect(k*60, 0, k*60+50, 50))
		var one bytes.Buffer
		png.Encode(&one, sub)
		got, err := ReadImage(&one, ImageOptions{Rows: 5, Cols: 5})
		if err != nil {
			t.Fatal(err)
		}
		assertEqual(t, got, p)
	}
	err = WriteStripPNG(&buf, []Pattern{LetterA(), Checkerboard(7)}, 0, 0)
	assertErr(t, err, "a strip needs patterns of one shape", "7x7", "5x5")
	assertErr(t, WritePNG(&buf, Pattern{}, 1), "want at least 1x1")
	assertErr(t, WritePNG(&buf, BU(), 1000), "too large")
}

// TestRecordedShapeRoundTrip checks that a PNG from WritePNG reads back as
// the pattern written, at any scale, without being told its shape: the
// shape travels in the image's hopfield-shape text chunk.
func TestRecordedShapeRoundTrip(t *testing.T) {
	unknown := LetterA()
	unknown.Data[0], unknown.Data[12] = 0, 0
	for _, tc := range []struct {
		name  string
		p     Pattern
		opts  ImageOptions
		chunk string
	}{
		{"5x5", LetterA(), ImageOptions{}, "5x5"},
		{"7x3", pat(t, "#..", "##.", ".##", "#.#", "...", "###", ".#."), ImageOptions{}, "7x3"},
		{"100x100", BU(), ImageOptions{}, "100x100"},
		{"vector", vec(t, 1, -1, -1, 1), ImageOptions{}, "1x4"},
		{"unknown", unknown, ImageOptions{UnknownBand: 0.1}, "5x5"},
	} {
		for _, scale := range []int{0, 1, 3} {
			t.Run(fmt.Sprintf("%s scale %d", tc.name, scale), func(t *testing.T) {
				data := encodePNG(t, tc.p, scale)
				if !bytes.Contains(data, []byte("tEXthopfield-shape\x00"+tc.chunk)) {
					t.Fatalf("no hopfield-shape chunk %q in the PNG", tc.chunk)
				}
				// The standard decoder checks every chunk's CRC.
				if _, err := png.Decode(bytes.NewReader(data)); err != nil {
					t.Fatal(err)
				}
				cfg, err := DecodeImageConfig(bytes.NewReader(data))
				if err != nil {
					t.Fatal(err)
				}
				if cfg.Rows != tc.p.Rows || cfg.Cols != tc.p.Cols || cfg.Count != 1 || cfg.Format != "png" {
					t.Errorf("config %+v, want %s, 1 pattern", cfg, tc.p.Shape())
				}
				got, err := ReadImage(bytes.NewReader(data), tc.opts)
				if err != nil {
					t.Fatal(err)
				}
				assertEqual(t, got, tc.p)
			})
		}
	}
	// Without the unknown band mid-gray is background, as for any image.
	got, err := ReadImage(bytes.NewReader(encodePNG(t, unknown, 0)), ImageOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got.At(0, 0) != -1 || got.Unknowns() != 0 {
		t.Errorf("mid-gray without a band read as %d, want -1", got.At(0, 0))
	}
	// Rows and Cols, when given, override the recorded shape.
	got, err = ReadImage(bytes.NewReader(encodePNG(t, Checkerboard(10), 3)), ImageOptions{Rows: 20, Cols: 20})
	if err != nil {
		t.Fatal(err)
	}
	if got.Rows != 20 || got.Cols != 20 {
		t.Errorf("shape %s, want 20x20", got.Shape())
	}
}

// TestStripRoundTrip checks that a strip reads back as its patterns with
// ReadImages, and is refused by ReadImage unless a grid is given.
func TestStripRoundTrip(t *testing.T) {
	ps := []Pattern{Checkerboard(5), X(5), LetterA()}
	for _, tc := range []struct{ scale, gap int }{{0, 0}, {1, 0}, {10, 0}, {4, 7}, {2, 1}} {
		t.Run(fmt.Sprintf("scale %d gap %d", tc.scale, tc.gap), func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteStripPNG(&buf, ps, tc.scale, tc.gap); err != nil {
				t.Fatal(err)
			}
			got, err := ReadImages(bytes.NewReader(buf.Bytes()), ImageOptions{})
			if err != nil {
				t.Fatal(err)
			}
			assertEqualAll(t, got, ps)
			_, err = ReadImage(bytes.NewReader(buf.Bytes()), ImageOptions{})
			assertErr(t, err, "strip of 3 patterns")
			one, err := ReadImage(bytes.NewReader(buf.Bytes()), ImageOptions{Rows: 5, Cols: 17})
			if err != nil || one.Rows != 5 || one.Cols != 17 {
				t.Errorf("with a grid: %s, %v; want one 5x17 picture", one.Shape(), err)
			}
		})
	}
}

func TestRecordedShapeErrors(t *testing.T) {
	// A PNG of w x h pixels that records the text s.
	withShape := func(w, h int, s string) []byte {
		var buf bytes.Buffer
		png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h)))
		return withPNGText(buf.Bytes(), shapeKey, s)
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"garbage", withShape(5, 5, "five by five"), `corrupt hopfield-shape text "five by five"`},
		{"zero rows", withShape(5, 5, "0x5"), "corrupt hopfield-shape"},
		{"huge grid", withShape(5, 5, "100000x100000"), "corrupt hopfield-shape"},
		{"one-pattern strip", withShape(5, 5, "1 patterns of 5x5"), "corrupt hopfield-shape"},
		{"strip too wide", withShape(20, 5, "3 patterns of 5x5"), "image of 20x5 pixels does not fit the strip of 3 patterns of 5x5"},
		{"strip height", withShape(17, 7, "3 patterns of 5x5"), "does not fit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadImages(bytes.NewReader(tc.data), ImageOptions{})
			assertErr(t, err, tc.want)
		})
	}
	// A corrupt chunk is refused by the decoder (CRC), not read.
	data := withShape(5, 5, "5x5")
	data[40] ^= 1
	_, err := ReadImages(bytes.NewReader(data), ImageOptions{})
	assertErr(t, err, "corrupt image")
}

// FuzzReadImages checks that reading strips never panics and gives valid
// patterns of the recorded shape.
func FuzzReadImages(f *testing.F) {
	for _, ps := range [][]Pattern{{LetterA()}, {X(3), Checkerboard(3)}, {vec(f, 1, -1), vec(f, -1, 1), vec(f, 1, 1)}} {
		var buf bytes.Buffer
		if err := WriteStripPNG(&buf, ps, 1, 1); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ps, err := ReadImages(bytes.NewReader(data), ImageOptions{})
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error is not one line: %q", err)
			}
			return
		}
		total := 0
		for _, p := range ps {
			if err := p.Validate(); err != nil {
				t.Fatal(err)
			}
			if p.Rows != ps[0].Rows || p.Cols != ps[0].Cols {
				t.Fatalf("shapes %s and %s in one strip", p.Shape(), ps[0].Shape())
			}
			total += p.N()
		}
		if total > maxImagePixels {
			t.Fatalf("%d neurons", total)
		}
	})
}

// TestResampleMatchesImage checks that Resample draws what reading a
// picture of the pattern on the new grid draws.
func TestResampleMatchesImage(t *testing.T) {
	bu := BU()
	bu.Data[0], bu.Data[101] = 0, 0 // unknown
	for _, g := range [][2]int{{32, 32}, {10, 10}, {7, 13}, {100, 100}, {150, 120}} {
		var buf bytes.Buffer
		if err := WritePNG(&buf, bu, 1); err != nil {
			t.Fatal(err)
		}
		want, err := ReadImage(&buf, ImageOptions{Rows: g[0], Cols: g[1]})
		if err != nil {
			t.Fatal(err)
		}
		got := Resample(bu, g[0], g[1])
		if !got.Equal(want) || got.Name != bu.Name {
			t.Errorf("%dx%d: Resample differs from reading the picture", g[0], g[1])
		}
	}
}
