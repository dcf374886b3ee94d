package patterns

import (
	"bytes"
	"encoding/binary"
	"os"
	"slices"
	"testing"
)

// numpyValues are the values of make_written.py: -1, 0, +1 in turn.
func numpyValues(n int) []int8 {
	v := make([]int8, n)
	for i := range v {
		v[i] = int8(i%3) - 1
	}
	return v
}

// What we write is what numpy.save writes, byte for byte: the fixtures
// come from testdata/make_written.py. The header is compared first, so
// that a difference there is reported as such.
func TestWriteMatchesNumPy(t *testing.T) {
	batch := []float64{-0.25, -0.125, 0, 0.125, 0.25, 0.375}
	vals := numpyValues(12)
	stack := []Pattern{{Rows: 1, Cols: 4, Data: vals[0:4]}, {Rows: 1, Cols: 4, Data: vals[4:8]}, {Rows: 1, Cols: 4, Data: vals[8:12]}}
	cube := []Pattern{{Rows: 2, Cols: 3, Data: vals[0:6]}, {Rows: 2, Cols: 3, Data: vals[6:12]}}
	tests := []struct {
		file  string
		write func(*bytes.Buffer) error
	}{
		{"written_i1_vec.npy", func(b *bytes.Buffer) error { return WriteArrayNPY(b, []int{7}, numpyValues(7)) }},
		{"written_i1_stack.npy", func(b *bytes.Buffer) error { return WriteArrayNPY(b, []int{3, 4}, vals) }},
		{"written_i1_stack.npy", func(b *bytes.Buffer) error { return WriteNPY(b, stack) }},
		{"written_i1_cube.npy", func(b *bytes.Buffer) error { return WriteNPY(b, cube) }},
		{"written_i1_cube.npy", func(b *bytes.Buffer) error { return WritePatternsNPY(b, []int{2, 2, 3}, cube) }},
		{"written_f8_batch.npy", func(b *bytes.Buffer) error { return WriteArrayNPY(b, []int{2, 3}, batch) }},
		{"written_f8_vec.npy", func(b *bytes.Buffer) error { return WriteArrayNPY(b, []int{3}, batch[:3]) }},
		{"written_f4_vec.npy", func(b *bytes.Buffer) error {
			return WriteArrayNPY(b, []int{3}, []float32{-0.25, -0.125, 0})
		}},
		{"written_i1_v2.npy", func(b *bytes.Buffer) error {
			if err := writeNPYHeader(b, "|i1", []int{3, 4}, 12, 2); err != nil {
				return err
			}
			_, err := b.Write(int8Bytes(vals))
			return err
		}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			want, err := os.ReadFile("testdata/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := tc.write(&got); err != nil {
				t.Fatal(err)
			}
			if h := npyHeaderLen(want); !bytes.Equal(got.Bytes()[:min(h, got.Len())], want[:h]) {
				t.Fatalf("header:\n%q\nwant (NumPy):\n%q", got.Bytes()[:min(h, got.Len())], want[:h])
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("data differ:\n% x\nwant\n% x", got.Bytes(), want)
			}
		})
	}
}

// npyHeaderLen is the length of a .npy file's header, data excluded.
func npyHeaderLen(b []byte) int {
	if b[6] == 1 {
		return 10 + int(binary.LittleEndian.Uint16(b[8:]))
	}
	return 12 + int(binary.LittleEndian.Uint32(b[8:]))
}

// Every header is version 1.0 and ends on a 64-byte boundary, whatever the
// number of digits of the first dimension (the growth padding shrinks as
// they grow); what is written reads back.
func TestNPYHeaderLayout(t *testing.T) {
	for _, shape := range [][]int{{1}, {123456789}, {1, 1, 1}, {1 << 40, 0}, {999999999999999999, 1}} {
		var b bytes.Buffer
		if err := writeNPYHeader(&b, "|i1", shape, shapeCount(shape), 0); err != nil {
			t.Fatal(err)
		}
		h := b.Bytes()
		if h[6] != 1 || h[7] != 0 || len(h)%npyAlign != 0 || npyHeaderLen(h) != len(h) || h[len(h)-1] != '\n' {
			t.Errorf("shape %v: header %q (version %d.%d, %d bytes)", shape, h, h[6], h[7], len(h))
		}
	}
	ps := []Pattern{{Rows: 1, Cols: 3, Data: []int8{1, -1, 0}}}
	var b bytes.Buffer
	if err := WritePatternsNPY(&b, []int{1, 3}, ps); err != nil {
		t.Fatal(err)
	}
	got, shape, err := ReadNPY(&b, NPYOptions{Encoding: EncodingBipolar})
	if err != nil || len(shape) != 2 || shape[0] != 1 || len(got) != 1 || got[0].Data[1] != -1 {
		t.Errorf("read back %v %v %v", got, shape, err)
	}
}

func TestWriteArrayNPYShapeMismatchPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a shape of 4 values for 3 did not panic")
		}
	}()
	WriteArrayNPY(&bytes.Buffer{}, []int{2, 2}, []float64{1, 2, 3})
}

// WritePatternSeqNPY writes what WritePatternsNPY writes, and says when the
// patterns do not fill the shape exactly.
func TestWritePatternSeqNPY(t *testing.T) {
	ps := []Pattern{Checkerboard(3), X(3)}
	var want, got bytes.Buffer
	if err := WritePatternsNPY(&want, []int{2, 9}, ps); err != nil {
		t.Fatal(err)
	}
	if err := WritePatternSeqNPY(&got, []int{2, 9}, slices.Values(ps)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Errorf("WritePatternSeqNPY wrote\n%q\nWritePatternsNPY\n%q", got.Bytes(), want.Bytes())
	}
	err := WritePatternSeqNPY(&bytes.Buffer{}, []int{3, 9}, slices.Values(ps))
	assertErr(t, err, "patterns for shape (3, 9): 18 values, want 27")
	err = WritePatternSeqNPY(&bytes.Buffer{}, []int{1, 9}, slices.Values(ps))
	assertErr(t, err, "patterns for shape (1, 9): more than its 9 values")
	mustPanic(t, "holds 27 values, the data 18", func() { WritePatternsNPY(&bytes.Buffer{}, []int{3, 9}, ps) })
}
