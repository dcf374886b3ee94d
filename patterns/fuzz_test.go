package patterns

import (
	"bytes"
	"image/gif"
	"image/jpeg"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// addFixtures adds every testdata/*.npy file to the seed corpus.
func addFixtures(f *testing.F) {
	files, err := filepath.Glob("testdata/*.npy")
	if err != nil || len(files) == 0 {
		f.Fatalf("no fixtures: %v", err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, c := range craftedNPY {
		f.Add(c.data)
	}
}

// FuzzReadNPY checks that ReadNPY never panics, that what it accepts is
// valid, and that writing it back and reading it again gives the same.
func FuzzReadNPY(f *testing.F) {
	addFixtures(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, enc := range []Encoding{EncodingAuto, EncodingBinary, EncodingBipolar} {
			ps, shape, err := ReadNPY(bytes.NewReader(data), NPYOptions{Encoding: enc})
			if err != nil {
				if strings.Contains(err.Error(), "\n") {
					t.Fatalf("error is not one line: %q", err)
				}
				continue
			}
			if len(ps) == 0 || len(shape) == 0 {
				t.Fatalf("no patterns and no error (shape %v)", shape)
			}
			if err := validateAll(ps); err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := WriteNPY(&buf, ps); err != nil {
				t.Fatal(err)
			}
			layout := LayoutVectors
			if len(ps) == 1 {
				layout = LayoutImage
			}
			back, _, err := ReadNPY(&buf, NPYOptions{Encoding: EncodingBipolar, Layout: layout})
			if err != nil {
				t.Fatalf("reading back: %v", err)
			}
			assertEqualAll(t, back, ps)
		}
	})
}

// FuzzReadMatrixNPY checks that ReadMatrixNPY never panics and returns
// consistent sizes.
func FuzzReadMatrixNPY(f *testing.F) {
	addFixtures(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, cols, w, err := ReadMatrixNPY(bytes.NewReader(data))
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error is not one line: %q", err)
			}
			return
		}
		if rows < 1 || cols < 1 || rows*cols != len(w) || (rows != 1 && rows != cols) {
			t.Fatalf("%dx%d with %d values", rows, cols, len(w))
		}
	})
}

// FuzzReadFloatNPY checks that ReadFloatNPY never panics, that what it
// accepts is a float array of one or two dimensions whose values are those
// the general element reader finds, and that writing it back and reading
// it again gives the same bits.
func FuzzReadFloatNPY(f *testing.F) {
	addFixtures(f)
	for _, descr := range []string{"<f4", ">f8", "|f4", "=f8"} {
		for _, fortran := range []string{"False", "True"} {
			dict := "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': (2, 1), }\n"
			f.Add(npyBytes(3, dict, make([]byte, 2*int(descr[2]-'0'))))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := ReadFloatNPY(bytes.NewReader(data), FloatNPYOptions{MemoryLimit: 1 << 24})
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error is not one line: %q", err)
			}
			return
		}
		n := max(len(a.F32), len(a.F64))
		if len(a.Shape) < 1 || len(a.Shape) > 2 || (a.F32 == nil) == (a.F64 == nil) || a.Rows()*a.Cols() != n || n == 0 {
			t.Fatalf("shape %v, float32 %v, float64 %v, %d values", a.Shape, a.F32 != nil, a.F64 != nil, n)
		}
		shape, dtype, want := referenceFloats(t, data)
		if !slices.Equal(shape, a.Shape) || dtype != a.DType() {
			t.Fatalf("shape %v %s, the general reader %v %s", a.Shape, a.DType(), shape, dtype)
		}
		sameFloats(t, a, want)
		var buf bytes.Buffer
		if a.F32 != nil {
			err = WriteArrayNPY(&buf, a.Shape, a.F32)
		} else {
			err = WriteArrayNPY(&buf, a.Shape, a.F64)
		}
		if err != nil {
			t.Fatal(err)
		}
		back, err := ReadFloatNPY(&buf, FloatNPYOptions{})
		if err != nil {
			t.Fatalf("reading back: %v", err)
		}
		if !slices.Equal(back.Shape, a.Shape) || back.DType() != a.DType() {
			t.Fatalf("read back as %v %s, want %v %s", back.Shape, back.DType(), a.Shape, a.DType())
		}
		sameFloats(t, back, want)
	})
}

// FuzzReadImage checks that ReadImage never panics and returns valid
// patterns.
func FuzzReadImage(f *testing.F) {
	a := LetterA()
	a.Data[3] = 0
	for _, p := range []Pattern{a, Checkerboard(3), vec(f, 1, -1, 1)} {
		var buf bytes.Buffer
		if err := WritePNG(&buf, p, 1); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
		f.Add(buf.Bytes()[:buf.Len()/2])
		img, err := stripImage([]Pattern{p}, 2, 0)
		if err != nil {
			f.Fatal(err)
		}
		buf.Reset()
		gif.Encode(&buf, img, nil)
		f.Add(buf.Bytes())
		buf.Reset()
		jpeg.Encode(&buf, img, nil)
		f.Add(buf.Bytes())
	}
	f.Add(hugePNG(f, 100000, 100000))
	f.Add(hugePNG(f, 0, 1))
	f.Add([]byte("GIF89a"))
	f.Add([]byte("\xff\xd8\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, opts := range []ImageOptions{{}, {Rows: 3, Cols: 2, Invert: true, UnknownBand: 0.2}} {
			p, err := ReadImage(bytes.NewReader(data), opts)
			if err != nil {
				if strings.Contains(err.Error(), "\n") {
					t.Fatalf("error is not one line: %q", err)
				}
				continue
			}
			if err := p.Validate(); err != nil {
				t.Fatal(err)
			}
			if opts.Rows > 0 && (p.Rows != opts.Rows || p.Cols != opts.Cols) {
				t.Fatalf("shape %s, want %dx%d", p.Shape(), opts.Rows, opts.Cols)
			}
			if p.N() > maxImagePixels {
				t.Fatalf("%d neurons", p.N())
			}
		}
	})
}

// FuzzReadText checks that ReadText never panics and that what it reads
// survives WriteText and ReadText again, names included.
func FuzzReadText(f *testing.F) {
	for _, s := range []string{
		"", "#", "#.?\n.#.\n", "; name: a\n##\n\n; name: b\n..\n", "1 0\n0 1\n\n\n??\n",
		"##\n#\n", "; name: x\n", "##\n; name: y\n##\n", "\xef\xbb\xbf#\r\n.\r\n", "#x\n",
		";name:\n#\n", "; name:  spaced   out \n#\n", "\t# .\t\n",
	} {
		f.Add(s)
	}
	var buf bytes.Buffer
	WriteText(&buf, []Pattern{LetterA(), Checkerboard(7), X(4)})
	f.Add(buf.String())
	f.Fuzz(func(t *testing.T, s string) {
		ps, err := ReadText(strings.NewReader(s))
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error is not one line: %q", err)
			}
			return
		}
		if err := validateAll(ps); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := WriteText(&out, ps); err != nil {
			t.Fatal(err)
		}
		back, err := ReadText(&out)
		if err != nil {
			t.Fatalf("reading back %q: %v", out.String(), err)
		}
		assertEqualAll(t, back, ps)
		for i := range ps {
			if want := strings.Join(strings.Fields(ps[i].Name), " "); back[i].Name != want {
				t.Fatalf("name %q read back as %q", want, back[i].Name)
			}
		}
	})
}

// FuzzBuiltin checks that any name gives a valid pattern or an error.
func FuzzBuiltin(f *testing.F) {
	for _, info := range Builtins() {
		f.Add(info.Name)
	}
	for _, s := range []string{"seed:X:7", "alphabet:q:64", "seed:checkerboard:1024", "seed:", "x", "alphabet:é:9", "seed:A:5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		p, err := Builtin(name)
		if err != nil {
			if !strings.Contains(err.Error(), "built-in pattern") {
				t.Fatalf("error does not say what it is about: %v", err)
			}
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatal(err)
		}
		if !IsBuiltin(name) {
			t.Fatalf("%q loads but IsBuiltin is false", name)
		}
		if _, err := Builtin(p.Name); err != nil {
			t.Fatalf("canonical name %q does not load: %v", p.Name, err)
		}
	})
}

// FuzzCells checks that the cell decoder and encoder are inverses on every
// string they accept.
func FuzzCells(f *testing.F) {
	for _, s := range []string{"", "#", ".?#", "#x", strings.Repeat("#.", 50)} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, unknown bool) {
		x, err := ParseCells(s, len(s), unknown)
		if err != nil {
			return
		}
		if got := FormatCells(x); got != s {
			t.Fatalf("FormatCells(ParseCells(%q)) = %q", s, got)
		}
	})
}
