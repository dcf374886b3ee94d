package patterns

import (
	"bytes"
	"errors"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadBuiltin(t *testing.T) {
	ps, err := Load("seed:BU", LoadOptions{})
	if err != nil || len(ps) != 1 {
		t.Fatal(ps, err)
	}
	assertEqual(t, ps[0], BU())
	_, err = Load("alphabet:ZZ", LoadOptions{})
	assertErr(t, err, `unknown built-in pattern "alphabet:ZZ"`)
}

func TestSaveLoadRoundTrip(t *testing.T) {
	dir := t.TempDir()
	cue := LetterA()
	cue.Data[7] = 0
	for _, tc := range []struct {
		file  string
		ps    []Pattern
		opts  LoadOptions
		names []string
	}{
		{"one.npy", []Pattern{LetterA()}, LoadOptions{}, []string{"one.npy"}},
		{"vec.npy", []Pattern{vec(t, 1, -1, 0, 1)}, LoadOptions{NPY: NPYOptions{Encoding: EncodingBipolar}}, []string{"vec.npy"}},
		{"stack.npy", fixtureSet["stack"], LoadOptions{}, []string{"stack.npy[0]", "stack.npy[1]", "stack.npy[2]"}},
		{"cube.NPY", []Pattern{BU(), BC()}, LoadOptions{}, []string{"cube.NPY[0]", "cube.NPY[1]"}},
		{"a.png", []Pattern{cue}, LoadOptions{Image: ImageOptions{Rows: 5, Cols: 5, UnknownBand: 0.1}}, []string{"a.png"}},
		{"star.PNG", []Pattern{Star()}, LoadOptions{Image: ImageOptions{Rows: 100, Cols: 100}}, []string{"star.PNG"}},
		// PNGs record their shape: no grid needed, and a strip reads back as its patterns.
		{"recorded.png", []Pattern{cue}, LoadOptions{Image: ImageOptions{UnknownBand: 0.1}}, []string{"recorded.png"}},
		{"strip.png", []Pattern{LetterA(), X(5), Checkerboard(5)}, LoadOptions{}, []string{"strip.png[0]", "strip.png[1]", "strip.png[2]"}},
		{"all.txt", []Pattern{cue, X(7), vec(t, 1, 1, -1)}, LoadOptions{}, []string{"seed:A", "seed:X:7", "all.txt[2]"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			if err := Save(path, tc.ps, SaveOptions{}); err != nil {
				t.Fatal(err)
			}
			got, err := Load(path, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			assertEqualAll(t, got, tc.ps)
			for i, p := range got {
				if p.Name != tc.names[i] {
					t.Errorf("name %q, want %q", p.Name, tc.names[i])
				}
			}
		})
	}
	// No temporary file is left behind.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func TestSavePNGStrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "strip.png")
	if err := Save(path, []Pattern{LetterA(), X(5)}, SaveOptions{Scale: 4, Gap: 2}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 42 || b.Dy() != 20 {
		t.Errorf("strip %v, want 42x20", b)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	for _, tc := range []struct {
		name string
		path string
		want []string
	}{
		{"complex", "testdata/bad_complex128.npy", []string{"testdata/bad_complex128.npy: dtype complex128 not supported (want int, float or bool)"}},
		// The system's own words follow the file name ("no such file" on
		// Linux, "No such file" under Node for js/wasm): errors.Is below.
		{"missing", filepath.Join(dir, "missing.npy"), []string{"missing.npy"}},
		{"extension", write("w.bmp", []byte("BM")), []string{"w.bmp: unknown file type \".bmp\" (want .npy, .png, .jpg, .jpeg, .gif, .txt, or a built-in name", "see 'hopfield patterns list')"}},
		{"no extension", write("noext", nil), []string{`noext: unknown file type ""`}},
		{"text", write("bad.txt", []byte("##\n#\n")), []string{"bad.txt: line 2: row has 1 cells"}},
		{"png is text", write("fake.png", []byte("##\n")), []string{"fake.png: unknown image format"}},
		{"jpeg", write("x.jpeg", nil), []string{"x.jpeg: empty file"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(tc.path, LoadOptions{})
			assertErr(t, err, tc.want...)
			if tc.name == "missing" && !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("error %v is not fs.ErrNotExist", err)
			}
		})
	}
}

func TestLoadAll(t *testing.T) {
	dir := t.TempDir()
	a, b, c := filepath.Join(dir, "a.png"), filepath.Join(dir, "b.png"), filepath.Join(dir, "c.npy")
	for path, p := range map[string]Pattern{a: LetterA(), b: Checkerboard(7), c: X(5).Vector()} {
		if err := Save(path, []Pattern{p}, SaveOptions{Scale: 1}); err != nil {
			t.Fatal(err)
		}
	}
	ps, err := LoadAll([]string{a, c, "seed:checkerboard"}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	assertEqualAll(t, ps, []Pattern{LetterA(), X(5).Vector(), Checkerboard(5)})
	_, err = LoadAll([]string{a, b}, LoadOptions{})
	assertErr(t, err, b+`: pattern "b.png" is 7x7 (49 neurons)`, a+`: pattern "a.png" is 5x5 (25 neurons)`)
	_, err = LoadAll([]string{a, "seed:nope"}, LoadOptions{})
	assertErr(t, err, "seed:nope")
}

func TestSaveErrorsLeaveNothing(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "keep.npy")
	if err := os.WriteFile(existing, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		path string
		ps   []Pattern
		want string
	}{
		{"no patterns", filepath.Join(dir, "none.npy"), nil, "none.npy: no patterns"},
		{"mixed shapes", filepath.Join(dir, "mixed.png"), []Pattern{LetterA(), Star()}, "mixed.png: a strip needs patterns of one shape: pattern 1 is 100x100 but pattern 0 is 5x5"},
		{"bad value", existing, []Pattern{{Name: "p", Rows: 1, Cols: 1, Data: []int8{4}}}, `keep.npy: pattern "p": value 4`},
		{"extension", filepath.Join(dir, "x.jpg"), []Pattern{LetterA()}, `x.jpg: cannot save as ".jpg" (want .npy, .png or .txt)`},
		{"no directory", filepath.Join(dir, "nodir", "x.npy"), []Pattern{LetterA()}, "nodir"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assertErr(t, Save(tc.path, tc.ps, SaveOptions{}), tc.want)
		})
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "keep.npy" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %v, want only keep.npy", names)
	}
	if data, _ := os.ReadFile(existing); string(data) != "old" {
		t.Errorf("failed save changed keep.npy to %q", data)
	}
}
