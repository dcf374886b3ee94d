package patterns

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The fixtures' contents (see testdata/make_npy.py).
var (
	csi        = []int8{1, -1, -1, 1, 1}
	fixtureSet = map[string][]Pattern{
		"vec":   {{Rows: 1, Cols: 5, Data: csi}},
		"img":   {LetterA()},
		"stack": {Checkerboard(5).Vector(), X(5).Vector(), LetterA().Vector()},
		"cube":  {Checkerboard(5), X(5), LetterA()},
	}
	fixtureShape = map[string][]int{
		"vec": {5}, "img": {5, 5}, "stack": {3, 25}, "cube": {3, 5, 5},
	}
)

func TestReadNPYEveryDtypeAndShape(t *testing.T) {
	bipolar := []string{"int8", "int16", "int32", "int64", "float32", "float64"}
	binary := append(slices.Clone(bipolar), "uint8", "bool")
	for shape, want := range fixtureSet {
		for enc, dtypes := range map[string][]string{"bipolar": bipolar, "binary": binary} {
			for _, dt := range dtypes {
				name := fmt.Sprintf("%s_%s_%s.npy", shape, dt, enc)
				t.Run(name, func(t *testing.T) {
					ps, gotShape := readFixture(t, name, NPYOptions{})
					assertEqualAll(t, ps, want)
					if !slices.Equal(gotShape, fixtureShape[shape]) {
						t.Errorf("shape %v, want %v", gotShape, fixtureShape[shape])
					}
					// Forcing the encoding the file has gives the same.
					forced := EncodingBinary
					if enc == "bipolar" {
						forced = EncodingBipolar
					}
					ps, _ = readFixture(t, name, NPYOptions{Encoding: forced})
					assertEqualAll(t, ps, want)
				})
			}
		}
	}
}

func TestReadNPYSpecial(t *testing.T) {
	tall := pat(t, "#..", "##.", ".##", "#.#")
	tallNeg := tall.Clone()
	for i := range tallNeg.Data {
		tallNeg.Data[i] = -tallNeg.Data[i]
	}
	cue := LetterA()
	for c := range 5 {
		cue.Set(2, c, 0)
	}
	bigUint := LetterA()
	for _, tc := range []struct {
		file  string
		opts  NPYOptions
		want  []Pattern
		shape []int
	}{
		{"special_cue_unknown.npy", NPYOptions{}, []Pattern{cue}, []int{5, 5}},
		{"special_img_bigendian_int16.npy", NPYOptions{}, []Pattern{LetterA()}, []int{5, 5}},
		{"special_img_bigendian_float64.npy", NPYOptions{}, []Pattern{LetterA()}, []int{5, 5}},
		{"special_img_bigendian_uint16.npy", NPYOptions{}, []Pattern{bigUint}, []int{5, 5}},
		{"special_tall_fortran_int8.npy", NPYOptions{}, []Pattern{tall}, []int{4, 3}},
		{"special_cube_fortran_float32.npy", NPYOptions{}, []Pattern{tall, tallNeg}, []int{2, 4, 3}},
		{"special_stack_v2.npy", NPYOptions{}, fixtureSet["stack"], []int{3, 25}},
		{"special_allzero_int8.npy", NPYOptions{}, []Pattern{vec(t, -1, -1, -1, -1, -1, -1)}, []int{6}},
		{"special_allzero_int8.npy", NPYOptions{Encoding: EncodingBipolar}, []Pattern{vec(t, 0, 0, 0, 0, 0, 0)}, []int{6}},
		{"special_plus_unknown_int8.npy", NPYOptions{}, []Pattern{vec(t, 1, -1, 1, -1)}, []int{4}},
		{"special_plus_unknown_int8.npy", NPYOptions{Encoding: EncodingBipolar}, []Pattern{vec(t, 1, 0, 1, 0)}, []int{4}},
		{"special_negzero_float64.npy", NPYOptions{}, []Pattern{vec(t, 0, 1, -1)}, []int{3}},
		// Layout of a 2-D array.
		{"special_wide_int8.npy", NPYOptions{}, []Pattern{vec(t, 1, -1, 1, -1, 1), vec(t, -1, 1, -1, 1, -1)}, []int{2, 5}},
		{"special_wide_int8.npy", NPYOptions{Layout: LayoutImage}, []Pattern{pat(t, "#.#.#", ".#.#.")}, []int{2, 5}},
		{"special_wide_int8.npy", NPYOptions{N: 10}, []Pattern{pat(t, "#.#.#", ".#.#.")}, []int{2, 5}},
		{"special_wide_int8.npy", NPYOptions{N: 5}, []Pattern{vec(t, 1, -1, 1, -1, 1), vec(t, -1, 1, -1, 1, -1)}, []int{2, 5}},
		{"special_tall_fortran_int8.npy", NPYOptions{Layout: LayoutVectors}, []Pattern{vec(t, 1, -1, -1), vec(t, 1, 1, -1), vec(t, -1, 1, 1), vec(t, 1, -1, 1)}, []int{4, 3}},
	} {
		t.Run(tc.file+"/"+fmt.Sprint(tc.opts), func(t *testing.T) {
			ps, shape := readFixture(t, tc.file, tc.opts)
			assertEqualAll(t, ps, tc.want)
			if !slices.Equal(shape, tc.shape) {
				t.Errorf("shape %v, want %v", shape, tc.shape)
			}
		})
	}
}

func TestReadNPYHintN(t *testing.T) {
	// A square (5, 5) array is a picture, unless the caller expects N = 5
	// neurons: then it is five vectors, the rows of the A.
	ps, _ := readFixture(t, "img_int8_bipolar.npy", NPYOptions{N: 5})
	if len(ps) != 5 || ps[2].String() != "#####" || ps[0].String() != "..#.." {
		t.Fatalf("got %d patterns: %v", len(ps), ps)
	}
	ps, _ = readFixture(t, "img_int8_bipolar.npy", NPYOptions{N: 25})
	assertEqualAll(t, ps, []Pattern{LetterA()})
}

func TestReadNPYErrors(t *testing.T) {
	for _, tc := range []struct {
		file string
		opts NPYOptions
		want string
	}{
		{"bad_complex128.npy", NPYOptions{}, "dtype complex128 not supported (want int, float or bool)"},
		{"bad_float16.npy", NPYOptions{}, "dtype float16 not supported"},
		{"bad_str.npy", NPYOptions{}, "dtype str not supported"},
		{"bad_object.npy", NPYOptions{}, "dtype object not supported"},
		{"bad_structured.npy", NPYOptions{}, "structured dtype not supported"},
		{"bad_value2_int64.npy", NPYOptions{}, "value 2 at [1]: want 0/1 (binary) or -1/+1 with 0 unknown (bipolar)"},
		{"bad_value2_int64.npy", NPYOptions{Encoding: EncodingBipolar}, "value 2 at [1]: want -1, 0 (unknown) or +1"},
		{"bad_half_float64.npy", NPYOptions{}, "value 0.5 at [1] is not a whole number"},
		{"bad_nan_float32.npy", NPYOptions{}, "value NaN at [1] is not a whole number"},
		{"bad_scalar.npy", NPYOptions{}, "shape (): a scalar"},
		{"bad_4d.npy", NPYOptions{}, "shape (1, 1, 5, 5): want (N,), (H, W), (P, N) or (P, H, W)"},
		{"bad_empty.npy", NPYOptions{}, "empty array, shape (0,)"},
		{"bad_empty_2d.npy", NPYOptions{}, "empty array, shape (3, 0)"},
		{"bad_truncated.npy", NPYOptions{}, "truncated file: 68 of 75 data bytes for shape (3, 5, 5) int8"},
		{"bad_trailing.npy", NPYOptions{}, "data longer than the 75 bytes"},
		{"bad_header_cut.npy", NPYOptions{}, "truncated file: incomplete header"},
		{"bad_archive.npy", NPYOptions{}, "looks like a .npz archive"},
		{"vec_int8_bipolar.npy", NPYOptions{Encoding: EncodingBinary}, "value -1 at [1]: want 0 or 1 (binary encoding)"},
		{"cube_int16_bipolar.npy", NPYOptions{Encoding: EncodingBinary}, "value -1 at [0, 0, 0]"},
	} {
		t.Run(tc.file+"/"+tc.opts.Encoding.String(), func(t *testing.T) {
			data, err := os.ReadFile("testdata/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			ps, shape, err := ReadNPY(bytes.NewReader(data), tc.opts)
			assertErr(t, err, tc.want)
			if ps != nil || shape != nil {
				t.Error("patterns or shape returned with an error")
			}
		})
	}
}

// npyBytes assembles a .npy file from a header dictionary and data.
func npyBytes(major byte, dict string, data []byte) []byte {
	var b bytes.Buffer
	b.WriteString("\x93NUMPY")
	b.WriteByte(major)
	b.WriteByte(0)
	if major == 1 {
		binary.Write(&b, binary.LittleEndian, uint16(len(dict)))
	} else {
		binary.Write(&b, binary.LittleEndian, uint32(len(dict)))
	}
	b.WriteString(dict)
	b.Write(data)
	return b.Bytes()
}

// craftedNPY are hand-made headers, valid and not, that NumPy would never
// write; they are also fuzz seeds.
var craftedNPY = []struct {
	name string
	data []byte
	want string // error substring, "" for valid
}{
	{"v1 minimal", npyBytes(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }\n", []byte{1, 0, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255}), ""},
	{"double quotes", npyBytes(1, `{'descr': "|i1", 'fortran_order': False, 'shape': (2,), }`+"\n", []byte{1, 0}), ""},
	{"empty", nil, "empty file"},
	{"short", []byte("\x93NUM"), "truncated file: too short"},
	{"magic", []byte("GIF89a\x01\x00\x01\x00"), "not a NumPy .npy file"},
	{"v3 header", npyBytes(3, "{'descr': '|i1', 'fortran_order': False, 'shape': (2,), }\n", []byte{1, 0}), ""},
	{"version 4", npyBytes(4, "{}\n", nil), ".npy format version 4.0 not supported (want 1.0, 2.0 or 3.0)"},
	{"huge header", append([]byte("\x93NUMPY\x02\x00"), 0xff, 0xff, 0xff, 0x7f), "corrupt header: length 2147483647"},
	{"no newline", npyBytes(1, "{'descr': '|i1', 'fortran_order': False, 'shape': (2,), }", []byte{1, 0}), "corrupt header"},
	{"not a dict", npyBytes(1, "hello\n", nil), "corrupt header"},
	{"no descr", npyBytes(1, "{'fortran_order': False, 'shape': (2,), }\n", []byte{1, 0}), "corrupt header"},
	{"keys reordered", npyBytes(1, "{'shape': (2,), 'fortran_order': False, 'descr': '|i1', }\n", []byte{1, 0}), "corrupt header"},
	{"brace early", npyBytes(1, "{}'descr': '|i1', 'fortran_order': False, 'shape': (2,), \n", []byte{1, 0}), "corrupt header"},
	{"bad order", npyBytes(1, "{'descr': '|i1', 'fortran_order': Maybe, 'shape': (2,), }\n", []byte{1, 0}), "corrupt header"},
	{"bad shape", npyBytes(1, "{'descr': '|i1', 'fortran_order': False, 'shape': (x,), }\n", []byte{1, 0}), "corrupt header"},
	{"negative dim", npyBytes(1, "{'descr': '|i1', 'fortran_order': False, 'shape': (-2,), }\n", nil), "corrupt header: shape (-2,)"},
	{"huge shape", npyBytes(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }\n", []byte{0}), "truncated file: 1 of 80000000000 data bytes"},
	{"too large", npyBytes(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1048576, 1048577), }\n", []byte{0}), "array too large"},
	{"overflow shape", npyBytes(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296, 4294967296), }\n", nil), "array too large"},
	{"lying shape", npyBytes(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1000, 1000), }\n", []byte{0, 0, 0, 0, 0, 0, 0, 0}), "truncated file: 8 of 8000000 data bytes"},
	{"unquoted descr", npyBytes(1, "{'descr': i1, 'fortran_order': False, 'shape': (2,), }\n", []byte{1, 0}), "corrupt header: descr"},
	{"odd descr", npyBytes(1, "{'descr': '<q8', 'fortran_order': False, 'shape': (2,), }\n", nil), `dtype "q8" not supported`},
	{"bad size", npyBytes(1, "{'descr': '<i3', 'fortran_order': False, 'shape': (2,), }\n", nil), "dtype int24 not supported"},
	{"bool size", npyBytes(1, "{'descr': '|b2', 'fortran_order': False, 'shape': (2,), }\n", nil), `dtype "b2" not supported`},
	{"no order char", npyBytes(1, "{'descr': 'i8', 'fortran_order': False, 'shape': (2,), }\n", nil), `dtype "i8" not supported`},
	{"short descr", npyBytes(1, "{'descr': '', 'fortran_order': False, 'shape': (2,), }\n", nil), `dtype "" not supported`},
}

func TestReadNPYCrafted(t *testing.T) {
	for _, tc := range craftedNPY {
		t.Run(tc.name, func(t *testing.T) {
			ps, _, err := ReadNPY(bytes.NewReader(tc.data), NPYOptions{})
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if len(ps) != 1 || !slices.Equal(ps[0].Data, []int8{1, -1}) {
					t.Fatalf("got %v", ps)
				}
				return
			}
			assertErr(t, err, tc.want)
		})
	}
}

func TestReadMatrixNPY(t *testing.T) {
	var w, w5 []float64
	for i := range 5 {
		for j := range 5 {
			v := float64(csi[i] * csi[j])
			if i == j {
				v = 0
			}
			w = append(w, v)
			w5 = append(w5, v/5)
		}
	}
	for _, tc := range []struct {
		file       string
		rows, cols int
		data       []float64
	}{
		{"weights_int64.npy", 5, 5, w},
		{"weights_float64.npy", 5, 5, w5},
		{"weights_float32_fortran.npy", 3, 3, []float64{0, 1, 2, 3, 4, 5, 6, 7, 8}},
		{"weights_bool.npy", 2, 2, []float64{1, 0, 0, 1}},
		{"theta_float32.npy", 1, 4, []float64{0.5, -1.25, 0, 2}},
		{"theta_uint8.npy", 1, 3, []float64{0, 1, 255}},
		{"vec_int16_bipolar.npy", 1, 5, []float64{1, -1, -1, 1, 1}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			f, err := os.Open("testdata/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows, cols, data, err := ReadMatrixNPY(f)
			if err != nil {
				t.Fatal(err)
			}
			if rows != tc.rows || cols != tc.cols || !slices.Equal(data, tc.data) {
				t.Errorf("got %dx%d %v, want %dx%d %v", rows, cols, data, tc.rows, tc.cols, tc.data)
			}
		})
	}
	for _, tc := range []struct{ file, want string }{
		{"bad_weights_nan.npy", "value NaN at [0, 1]: want a finite number"},
		{"bad_weights_inf.npy", "value +Inf at [0]: want a finite number"},
		{"bad_weights_rect.npy", "shape (2, 3): want (N, N) or (N,)"},
		{"bad_weights_complex64.npy", "dtype complex64 not supported (want int, float or bool)"},
		{"cube_int8_bipolar.npy", "shape (3, 5, 5): want (N, N) or (N,)"},
		{"bad_scalar.npy", "scalar"},
		{"bad_truncated.npy", "truncated"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data, _ := os.ReadFile("testdata/" + tc.file)
			_, _, _, err := ReadMatrixNPY(bytes.NewReader(data))
			assertErr(t, err, tc.want)
		})
	}
}

func TestNPYRoundTrip(t *testing.T) {
	withUnknown := LetterA()
	withUnknown.Data[7] = 0
	wide := pat(t, "#.#.#??", ".#.#.##")
	tall := pat(t, "#..", "##.", ".?#", "#.#")
	for _, tc := range []struct {
		name  string
		ps    []Pattern
		shape []int
		opts  NPYOptions
	}{
		{"vector", []Pattern{vec(t, 1, -1, 0, 1)}, []int{4}, NPYOptions{Encoding: EncodingBipolar}},
		{"square", []Pattern{withUnknown}, []int{5, 5}, NPYOptions{}},
		{"tall", []Pattern{tall}, []int{4, 3}, NPYOptions{}},
		{"wide", []Pattern{wide}, []int{2, 7}, NPYOptions{Layout: LayoutImage}},
		{"stack", fixtureSet["stack"], []int{3, 25}, NPYOptions{}},
		{"stack as vectors", []Pattern{vec(t, 1, -1), vec(t, -1, 1), vec(t, 1, 1)}, []int{3, 2}, NPYOptions{Layout: LayoutVectors}},
		{"cube", fixtureSet["cube"], []int{3, 5, 5}, NPYOptions{}},
		{"cube with unknowns", []Pattern{tall, tall}, []int{2, 4, 3}, NPYOptions{}},
		{"big", []Pattern{BU(), BC(), Star()}, []int{3, 100, 100}, NPYOptions{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteNPY(&buf, tc.ps); err != nil {
				t.Fatal(err)
			}
			got, shape, err := ReadNPY(&buf, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			assertEqualAll(t, got, tc.ps)
			if !slices.Equal(shape, tc.shape) {
				t.Errorf("shape %v, want %v", shape, tc.shape)
			}
		})
	}
}

func TestWriteNPYErrors(t *testing.T) {
	var buf bytes.Buffer
	assertErr(t, WriteNPY(&buf, nil), "no patterns")
	assertErr(t, WriteNPY(&buf, []Pattern{LetterA(), Checkerboard(7)}), "pattern 1 is 7x7 but pattern 0 is 5x5")
	assertErr(t, WriteNPY(&buf, []Pattern{LetterA(), LetterA().Vector()}), "pattern 1 is 1x25 but pattern 0 is 5x5")
	assertErr(t, WriteNPY(&buf, []Pattern{{Name: "bad", Rows: 1, Cols: 2, Data: []int8{1, 5}}}), `pattern "bad": value 5`)
}

// TestWriteNPYReadByNumPy checks that NumPy reads what WriteNPY writes.
func TestWriteNPYReadByNumPy(t *testing.T) {
	if testing.Short() {
		t.Skip("runs python3")
	}
	py := "/usr/bin/python3"
	if exec.Command(py, "-c", "import numpy").Run() != nil {
		t.Skip("no NumPy")
	}
	dir := t.TempDir()
	cases := map[string][]Pattern{
		"vec.npy":   {vec(t, 1, -1, 0)},
		"img.npy":   {LetterA()},
		"stack.npy": fixtureSet["stack"],
		"cube.npy":  fixtureSet["cube"],
	}
	for name, ps := range cases {
		var buf bytes.Buffer
		if err := WriteNPY(&buf, ps); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	script := `
import sys, numpy as np
for name in sorted(sys.argv[2:]):
    a = np.load(sys.argv[1] + "/" + name)
    print(name, a.dtype, a.shape, int(a.sum()), int((a == 0).sum()), a.reshape(-1)[:3].tolist())
`
	out, err := exec.Command(py, "-c", script, dir, "vec.npy", "img.npy", "stack.npy", "cube.npy").CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := strings.Join([]string{
		"cube.npy int8 (3, 5, 5) -9 0 [-1, 1, -1]",
		"img.npy int8 (5, 5) -1 0 [-1, -1, 1]",
		"stack.npy int8 (3, 25) -9 0 [-1, 1, -1]",
		"vec.npy int8 (3,) 0 1 [1, -1, 0]",
	}, "\n") + "\n"
	if string(out) != want {
		t.Errorf("NumPy read:\n%s\nwant:\n%s", out, want)
	}
}

// One-byte arrays take a fast path; every byte value, in each one-byte
// dtype and encoding, must read as it does through the general conversion
// (the same values stored as int16, or float32 for bool).
func TestReadNPYByteFastPath(t *testing.T) {
	header := func(descr string, n int) string {
		return fmt.Sprintf("{'descr': '%s', 'fortran_order': False, 'shape': (%d,), }\n", descr, n)
	}
	for _, descr := range []string{"|i1", "|u1", "|b1"} {
		for _, enc := range []Encoding{EncodingAuto, EncodingBinary, EncodingBipolar} {
			for b := range 256 {
				raw := []byte{1, 0, byte(b), 1}
				wide := make([]byte, 0, 2*len(raw))
				for _, x := range raw {
					var v int16
					switch descr {
					case "|i1":
						v = int16(int8(x))
					case "|u1":
						v = int16(x)
					case "|b1":
						v = int16(min(x, 1)) // NumPy reads any nonzero byte as True
					}
					wide = binary.LittleEndian.AppendUint16(wide, uint16(v))
				}
				fast, _, ferr := ReadNPY(bytes.NewReader(npyBytes(1, header(descr, len(raw)), raw)), NPYOptions{Encoding: enc})
				slow, _, serr := ReadNPY(bytes.NewReader(npyBytes(1, header("<i2", len(raw)), wide)), NPYOptions{Encoding: enc})
				if fmt.Sprint(ferr) != fmt.Sprint(serr) {
					t.Fatalf("%s byte %#x, %v: error %v, general path %v", descr, b, enc, ferr, serr)
				}
				if ferr == nil && !slices.Equal(fast[0].Data, slow[0].Data) {
					t.Fatalf("%s byte %#x, %v: %v, general path %v", descr, b, enc, fast[0].Data, slow[0].Data)
				}
			}
		}
	}
}

// Load reads a file's data into one buffer of the size the header gives
// when the file is long enough; short and long files still fail as they do
// through a plain reader.
func TestLoadNPYSizedRead(t *testing.T) {
	for _, file := range []string{"bad_truncated.npy", "bad_trailing.npy", "cube_int8_bipolar.npy", "stack_float64_binary.npy"} {
		t.Run(file, func(t *testing.T) {
			data, err := os.ReadFile("testdata/" + file)
			if err != nil {
				t.Fatal(err)
			}
			want, _, werr := ReadNPY(bytes.NewReader(data), NPYOptions{})
			got, gerr := Load("testdata/"+file, LoadOptions{})
			if (werr == nil) != (gerr == nil) || (werr != nil && !strings.Contains(gerr.Error(), werr.Error())) {
				t.Fatalf("Load error %v, ReadNPY error %v", gerr, werr)
			}
			if len(got) != len(want) {
				t.Fatalf("Load gave %d patterns, ReadNPY %d", len(got), len(want))
			}
			for i := range got {
				if !slices.Equal(got[i].Data, want[i].Data) {
					t.Errorf("pattern %d differs", i)
				}
			}
		})
	}
}
