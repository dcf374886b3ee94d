package patterns

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hopfield-lab/hopfield"
)

// referenceFloats decodes a .npy file's values in C order, as float64,
// through the general element reader that ReadNPY and ReadMatrixNPY use:
// what ReadFloatNPY's in-place decoding must agree with.
func referenceFloats(t testing.TB, data []byte) (shape []int, dtype string, v []float64) {
	t.Helper()
	a, err := readNPYArray(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the general reader refuses what ReadFloatNPY read: %v", err)
	}
	v = make([]float64, a.len())
	for i := range v {
		v[i] = a.at(a.storage(i))
	}
	return a.shape, a.dt.String(), v
}

// sameFloats compares values bit for bit (NaNs included), float32 ones
// widened to float64.
func sameFloats(t testing.TB, got *FloatArray, want []float64) {
	t.Helper()
	n := max(len(got.F32), len(got.F64))
	if n != len(want) {
		t.Fatalf("%d values, want %d", n, len(want))
	}
	for i, w := range want {
		g := float64(0)
		if got.F32 != nil {
			g = float64(got.F32[i])
		} else {
			g = got.F64[i]
		}
		if math.Float64bits(g) != math.Float64bits(w) && !(math.IsNaN(g) && math.IsNaN(w)) {
			t.Fatalf("value %d: %v, want %v", i, g, w)
		}
	}
}

// ReadFloatNPY reads every float fixture of one or two dimensions, in
// either byte order and storage order, in its own precision, and agrees
// with the general element reader; Load gives the same as a plain reader.
func TestReadFloatNPYFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/*.npy")
	if err != nil {
		t.Fatal(err)
	}
	read := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		a, err := ReadFloatNPY(bytes.NewReader(data), FloatNPYOptions{})
		loaded, lerr := LoadFloatNPY(file, FloatNPYOptions{})
		if (err == nil) != (lerr == nil) || err != nil && lerr.Error() != file+": "+err.Error() {
			t.Errorf("%s: LoadFloatNPY error %v, ReadFloatNPY error %v", file, lerr, err)
		}
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("%s: error is not one line: %q", file, err)
			}
			continue
		}
		read++
		shape, dtype, want := referenceFloats(t, data)
		if !slices.Equal(a.Shape, shape) || (a.F32 == nil) == (a.F64 == nil) {
			t.Errorf("%s: shape %v (want %v), F32 %v, F64 %v", file, a.Shape, shape, a.F32 != nil, a.F64 != nil)
		}
		if a.Rows()*a.Cols() != max(len(a.F32), len(a.F64)) {
			t.Errorf("%s: %d x %d for %d values", file, a.Rows(), a.Cols(), max(len(a.F32), len(a.F64)))
		}
		sameFloats(t, a, want)
		sameFloats(t, loaded, want)
		if a.DType() != dtype {
			t.Errorf("%s: dtype %s, want %s", file, a.DType(), dtype)
		}
	}
	if read < 20 {
		t.Errorf("read only %d fixtures", read)
	}
	a, err := LoadFloatNPY("testdata/weights_float32_fortran.npy", FloatNPYOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.F32, []float32{0, 1, 2, 3, 4, 5, 6, 7, 8}) || a.ShapeString() != "(3, 3)" {
		t.Errorf("Fortran order: %v %s, want 0..8 by rows", a.F32, a.ShapeString())
	}
	a, err = LoadFloatNPY("testdata/special_img_bigendian_float64.npy", FloatNPYOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if a.DType() != "float64" || a.Rows() != 5 || a.Cols() != 5 || a.F64[0] != -1 || a.F64[2] != 1 {
		t.Errorf("big-endian: %s %s %v", a.DType(), a.ShapeString(), a.F64[:5])
	}
}

func TestReadFloatNPYErrors(t *testing.T) {
	f4o := func(o binary.AppendByteOrder, vs ...float32) []byte {
		var b []byte
		for _, v := range vs {
			b = o.AppendUint32(b, math.Float32bits(v))
		}
		return b
	}
	f4 := func(vs ...float32) []byte { return f4o(binary.LittleEndian, vs...) }
	for _, tc := range []struct {
		file, want string
	}{
		{"vec_int8_bipolar.npy", "dtype |i1: want float32 or float64 (NumPy: a.astype(np.float64))"},
		{"bad_float16.npy", "dtype <f2: want float32 or float64"},
		{"bad_complex128.npy", "dtype <c16: want float32 or float64"},
		{"bad_structured.npy", "want float32 or float64"},
		{"bad_str.npy", "want float32 or float64"},
		{"special_cube_fortran_float32.npy", "shape (2, 4, 3): want (d,) or (rows, d)"},
		{"bad_archive.npy", "not a NumPy .npy file: looks like a .npz archive"},
		{"bad_header_cut.npy", "truncated file"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile("testdata/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			_, err = ReadFloatNPY(bytes.NewReader(data), FloatNPYOptions{})
			assertErr(t, err, tc.want)
			_, err = LoadFloatNPY("testdata/"+tc.file, FloatNPYOptions{})
			assertErr(t, err, "testdata/"+tc.file+": ", tc.want)
		})
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string // "" for valid: the values 1.5, -2
	}{
		{"v1", npyBytes(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }\n", f4(1.5, -2)), ""},
		{"v2", npyBytes(2, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }\n", f4(1.5, -2)), ""},
		{"v3", npyBytes(3, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }\n", f4(1.5, -2)), ""},
		{"big-endian", npyBytes(1, "{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }\n", f4o(binary.BigEndian, 1.5, -2)), ""},
		{"native", npyBytes(1, "{'descr': '=f4', 'fortran_order': False, 'shape': (2,), }\n", f4o(binary.NativeEndian, 1.5, -2)), ""},
		{"not applicable order", npyBytes(1, "{'descr': '|f4', 'fortran_order': False, 'shape': (2,), }\n", f4o(binary.NativeEndian, 1.5, -2)), ""},
		{"version 4", npyBytes(4, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }\n", f4(1.5, -2)), "version 4.0 not supported"},
		{"no newline", npyBytes(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", f4(1.5, -2)), "corrupt header"},
		{"unquoted descr", npyBytes(1, "{'descr': f4, 'fortran_order': False, 'shape': (2,), }\n", f4(1.5, -2)), "corrupt header: descr"},
		{"malformed", npyBytes(1, "{'descr': '<f4', 'fortran_order': Maybe, 'shape': (2,), }\n", f4(1.5, -2)), "corrupt header"},
		{"lying shape", npyBytes(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1000, 1000), }\n", f4(1.5, -2)), "truncated file: 8 of 8000000 data bytes"},
		{"too large", npyBytes(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1048576, 1048577), }\n", nil), "array too large"},
		{"short data", npyBytes(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }\n", f4(1.5)), "truncated file: 4 of 8 data bytes for shape (2,) float32"},
		{"long data", npyBytes(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }\n", f4(1.5, -2, 3)), "corrupt file: data longer than the 8 bytes"},
		{"scalar", npyBytes(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (), }\n", f4(1.5)), "shape (): a scalar"},
		{"empty", npyBytes(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (0, 3), }\n", nil), "empty array, shape (0, 3)"},
		{"int", npyBytes(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }\n", f4(1.5, -2)), "dtype <i4: want float32 or float64"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := ReadFloatNPY(bytes.NewReader(tc.data), FloatNPYOptions{})
			if tc.want != "" {
				assertErr(t, err, tc.want)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(a.F32, []float32{1.5, -2}) || a.F64 != nil || a.ShapeString() != "(2,)" {
				t.Errorf("got %+v", a)
			}
		})
	}
}

// An array over the memory limit is a *hopfield.MemoryError before its data
// are read, but a file too short for its header is reported as such first.
func TestReadFloatNPYMemoryLimit(t *testing.T) {
	_, err := LoadFloatNPY("testdata/weights_float64.npy", FloatNPYOptions{MemoryLimit: 100})
	var me *hopfield.MemoryError
	if !errors.As(err, &me) || me.Need != 200 || me.Limit != 100 {
		t.Fatalf("error %v, want a MemoryError for 200 bytes", err)
	}
	assertErr(t, err, "testdata/weights_float64.npy: ", "the 25 values of a (5, 5) float64 array")
	if _, err := LoadFloatNPY("testdata/weights_float64.npy", FloatNPYOptions{MemoryLimit: 200}); err != nil {
		t.Errorf("at the limit: %v", err)
	}
	if _, err := LoadFloatNPY("testdata/weights_float64.npy", FloatNPYOptions{MemoryLimit: -1}); err != nil {
		t.Errorf("no limit: %v", err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "lying.npy")
	if err := os.WriteFile(path, npyBytes(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }\n", []byte{0}), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = LoadFloatNPY(path, FloatNPYOptions{MemoryLimit: 1 << 20})
	assertErr(t, err, "truncated file: 1 of 80000000000 data bytes")
	_, err = LoadFloatNPY(filepath.Join(dir, "missing.npy"), FloatNPYOptions{})
	var pe *fs.PathError
	if !errors.As(err, &pe) || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want an *fs.PathError", err)
	}
}

// The in-place decoding swaps the bytes of the other byte order, and a
// buffer not aligned for the type is decoded into a new slice instead.
func TestFloatsInPlace(t *testing.T) {
	want := []float64{1.5, -2, math.Inf(1), 0}
	for _, order := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
		buf := make([]byte, 1+8*len(want))
		for i, v := range want {
			order.PutUint64(buf[1+8*i:], math.Float64bits(v))
		}
		for _, off := range []int{0, 1} {
			raw := slices.Clone(buf[1:])
			if off == 1 {
				raw = buf[1:] // not 8-byte aligned
				if inPlace[float64](raw, order) != nil {
					t.Fatalf("%v: decoded an unaligned buffer in place", order)
				}
			}
			a := &npyArray{dt: dtype{kind: 'f', size: 8, order: order}, shape: []int{2, 2}, raw: raw}
			if got := a.floats64(); !slices.Equal(got, want) {
				t.Errorf("%v, offset %d: %v, want %v", order, off, got, want)
			}
			a.raw = slices.Clone(buf[1:])
			a.fortran = true
			if got := a.floats64(); !slices.Equal(got, []float64{1.5, math.Inf(1), -2, 0}) {
				t.Errorf("%v, Fortran order: %v", order, got)
			}
		}
	}
}
