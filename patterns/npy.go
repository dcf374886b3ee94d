package patterns

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"slices"
	"strconv"
	"strings"
	"unsafe"

	"codeberg.org/sbinet/npyio"
	"github.com/hopfield-lab/hopfield"
)

// Encoding says how the values of a NumPy array are read as neurons.
type Encoding int

const (
	// EncodingAuto decides per array: if every value is 0 or 1 the array is
	// binary (0 -> -1, 1 -> +1); otherwise, if every value is -1, 0 or +1,
	// it is bipolar with 0 meaning unknown. So an array without any -1 is
	// binary: an all-zero bipolar cue, or a bipolar cue whose only known
	// neurons are +1, needs EncodingBipolar.
	EncodingAuto Encoding = iota
	// EncodingBinary reads 0 as -1 and 1 as +1; -1 is an error.
	EncodingBinary
	// EncodingBipolar reads -1, 0 and +1 as they are, 0 being unknown.
	EncodingBipolar
)

func (e Encoding) String() string {
	switch e {
	case EncodingAuto:
		return "auto"
	case EncodingBinary:
		return "binary"
	case EncodingBipolar:
		return "bipolar"
	}
	return fmt.Sprintf("Encoding(%d)", int(e))
}

// Layout says how a 2-D NumPy array is split into patterns. 1-D arrays are
// always one vector and 3-D arrays always P patterns of H x W.
type Layout int

const (
	// LayoutAuto reads a 2-D array (a, b) as a stack of a vectors of b
	// neurons when a < b, and as one a x b picture when a >= b: a network of
	// N neurons cannot usefully store N or more patterns (its capacity is
	// about 0.14 N), so a square or tall array is a picture. NPYOptions.N,
	// when set, decides first: b == N means vectors, a*b == N a picture.
	LayoutAuto Layout = iota
	// LayoutVectors reads a 2-D array (P, N) as P patterns of 1 x N.
	LayoutVectors
	// LayoutImage reads a 2-D array (H, W) as one H x W pattern.
	LayoutImage
)

func (l Layout) String() string {
	switch l {
	case LayoutAuto:
		return "auto"
	case LayoutVectors:
		return "vectors"
	case LayoutImage:
		return "image"
	}
	return fmt.Sprintf("Layout(%d)", int(l))
}

// NPYOptions control [ReadNPY].
type NPYOptions struct {
	Encoding Encoding
	Layout   Layout
	// N, if positive, is the number of neurons the caller expects; it
	// resolves 2-D arrays under LayoutAuto. It is a hint, not a check.
	N int
}

// Limits on .npy input. A small corrupt file cannot make the reader
// allocate much memory whatever its header claims: the header is bounded
// here, and the data buffer follows the bytes actually read (readData). The
// element limit keeps sizes from overflowing; 2^40 values (2^28 where int
// has 32 bits) is beyond any machine's memory.
const (
	maxNPYHeader   = 1 << 16
	maxNPYElements = min(1<<40, math.MaxInt>>3)
)

// npyArray is a decoded .npy header with the raw data that follows it.
type npyArray struct {
	dt      dtype
	shape   []int
	fortran bool
	raw     []byte
}

// dtype is a supported NumPy scalar type.
type dtype struct {
	kind  byte // 'b' bool, 'i' signed, 'u' unsigned, 'f' float
	size  int  // bytes per element
	order binary.ByteOrder
}

func (d dtype) String() string { return dtypeName(d.kind, d.size) }

// ReadNPY reads a NumPy .npy file holding patterns and returns them with the
// array's shape. Accepted dtypes are bool, int8/16/32/64, uint8/16/32/64,
// float32 and float64 (floats must hold whole numbers), in either byte order
// and in C or Fortran order. Accepted shapes are (N,), (H, W) or (P, N) (see
// [Layout]) and (P, H, W). Values are read as opts.Encoding says.
// The returned patterns have no names.
//
// Errors are one line, describe the content (the caller adds the file name)
// and never come from a panic.
func ReadNPY(r io.Reader, opts NPYOptions) ([]Pattern, []int, error) {
	a, err := readNPYArray(r)
	if err != nil {
		return nil, nil, err
	}
	shape := append([]int(nil), a.shape...)
	if len(a.shape) < 1 || len(a.shape) > 3 {
		return nil, nil, fmt.Errorf("shape %s: want (N,), (H, W), (P, N) or (P, H, W)", shapeString(a.shape))
	}
	data, err := a.bipolar(opts.Encoding)
	if err != nil {
		return nil, nil, err
	}
	var count, rows, cols int
	switch s := a.shape; len(s) {
	case 1:
		count, rows, cols = 1, 1, s[0]
	case 2:
		if npyVectors(s[0], s[1], opts) {
			count, rows, cols = s[0], 1, s[1]
		} else {
			count, rows, cols = 1, s[0], s[1]
		}
	case 3:
		count, rows, cols = s[0], s[1], s[2]
	}
	ps := make([]Pattern, count)
	n := rows * cols
	for i := range ps {
		ps[i] = Pattern{Rows: rows, Cols: cols, Data: data[i*n : (i+1)*n : (i+1)*n]}
	}
	return ps, shape, nil
}

// npyVectors reports whether a 2-D array (a, b) is read as a vectors.
func npyVectors(a, b int, opts NPYOptions) bool {
	switch opts.Layout {
	case LayoutVectors:
		return true
	case LayoutImage:
		return false
	}
	if opts.N > 0 {
		if b == opts.N {
			return true
		}
		if a*b == opts.N {
			return false
		}
	}
	return a < b
}

// bipolar returns the array's values in C order as bipolar neurons.
func (a *npyArray) bipolar(enc Encoding) ([]int8, error) {
	n := a.len()
	var out []int8
	sawMinus, ok := false, false
	if a.dt.size == 1 && (!a.fortran || len(a.shape) < 2) {
		// One byte per value in storage order: convert in place, which
		// saves a copy of the whole file. Below, each value is read before
		// its own byte, and no other, is written.
		out = unsafe.Slice((*int8)(unsafe.Pointer(unsafe.SliceData(a.raw))), n)
		sawMinus, ok = checkBytes(a.raw, a.dt.kind == 'i')
	} else {
		out = make([]int8, n)
	}
	if ok && enc == EncodingBinary && sawMinus {
		ok = false // the loop below says where
	}
	if ok {
		if enc == EncodingBinary || (enc == EncodingAuto && !sawMinus) {
			return hopfield.FromZeroOne(out, out)
		}
		return out, nil
	}
	sawMinus = false
	for i := range n {
		v := a.at(a.storage(i))
		if math.IsNaN(v) || math.IsInf(v, 0) || v != math.Trunc(v) {
			return nil, fmt.Errorf("value %v at %s is not a whole number", v, a.index(i))
		}
		switch v {
		case 0, 1:
			out[i] = int8(v)
		case -1:
			if enc == EncodingBinary {
				return nil, fmt.Errorf("value -1 at %s: want 0 or 1 (binary encoding)", a.index(i))
			}
			out[i] = -1
			sawMinus = true
		default:
			want := "want 0/1 (binary) or -1/+1 with 0 unknown (bipolar)"
			switch enc {
			case EncodingBinary:
				want = "want 0 or 1 (binary encoding)"
			case EncodingBipolar:
				want = "want -1, 0 (unknown) or +1 (bipolar encoding)"
			}
			return nil, fmt.Errorf("value %s at %s: %s", formatValue(v), a.index(i), want)
		}
	}
	if enc == EncodingBinary || (enc == EncodingAuto && !sawMinus) {
		return hopfield.FromZeroOne(out, out)
	}
	return out, nil
}

// checkBytes is bipolar's fast check of one-byte values (int8, uint8 or
// bool): ok reports whether all are -1, 0 or 1 (-1 only if signed), and
// sawMinus whether a -1 is among them. For anything else the general loop
// finds and names the first bad value. The loop has no branch on the data:
// random -1 and +1 would mispredict half of them.
func checkBytes(raw []byte, signed bool) (sawMinus, ok bool) {
	// Valid bytes b: 0 and 1, or if signed also 0xff (-1). With the offset,
	// c = b+off lies in {0, 1} (mask 0xfe) or {0, 1, 2} (mask 0xfc, and
	// c & c>>1 rules out 3).
	off, mask := byte(0), byte(0xfe)
	if signed {
		off, mask = 1, 0xfc
	}
	var bad, high byte
	for _, b := range raw {
		c := b + off
		bad |= c&mask | c&(c>>1)
		high |= b
	}
	return high&0x80 != 0, bad == 0
}

// ReadMatrixNPY reads a NumPy .npy file holding a weight matrix, shape
// (N, N), or a threshold vector, shape (N,), of any integer, float or bool
// dtype. A vector is returned with rows = 1 and cols = N. data is in
// row-major order. Integers beyond 2^53 lose precision in float64. NaN and
// infinite values are errors.
func ReadMatrixNPY(r io.Reader) (rows, cols int, data []float64, err error) {
	a, err := readNPYArray(r)
	if err != nil {
		return 0, 0, nil, err
	}
	switch s := a.shape; {
	case len(s) == 1:
		rows, cols = 1, s[0]
	case len(s) == 2 && s[0] == s[1]:
		rows, cols = s[0], s[1]
	default:
		return 0, 0, nil, fmt.Errorf("shape %s: want (N, N) or (N,)", shapeString(s))
	}
	data = make([]float64, a.len())
	for i := range data {
		v := a.at(a.storage(i))
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, 0, nil, fmt.Errorf("value %v at %s: want a finite number", v, a.index(i))
		}
		data[i] = v + 0 // no -0
	}
	return rows, cols, data, nil
}

// FloatArray is a real-valued array of one or two dimensions read by
// [ReadFloatNPY], in the precision of its file: exactly one of F32 and F64
// is set.
type FloatArray struct {
	Shape []int     // (n,) or (rows, cols)
	F32   []float32 // the values in row-major (C) order, for a float32 file
	F64   []float64 // the values in row-major (C) order, for a float64 file
}

// DType is NumPy's name for the array's dtype: float32 or float64.
func (a *FloatArray) DType() string {
	if a.F32 != nil {
		return "float32"
	}
	return "float64"
}

// Rows is the number of rows: 1 for a vector (n,).
func (a *FloatArray) Rows() int {
	if len(a.Shape) == 1 {
		return 1
	}
	return a.Shape[0]
}

// Cols is the length of a row: n for a vector (n,).
func (a *FloatArray) Cols() int { return a.Shape[len(a.Shape)-1] }

// ShapeString writes the shape as NumPy prints it: (5,), (3, 25).
func (a *FloatArray) ShapeString() string { return shapeString(a.Shape) }

// FloatNPYOptions control [ReadFloatNPY].
type FloatNPYOptions struct {
	// MemoryLimit bounds the bytes of the values: an array over it is a
	// *hopfield.MemoryError before its data are read. 0 means
	// hopfield.DefaultMemoryLimit(); a negative limit means none.
	MemoryLimit int64
}

// ReadFloatNPY reads a NumPy .npy file holding a float32 or float64 array of
// shape (n,) or (rows, cols), in either byte order and in C or Fortran
// order, and returns its values in the file's precision and row-major
// order. The values are not checked: NaN and infinities come back as they
// are. Other dtypes, integers included, are refused.
//
// The values are decoded in place in the buffer read, so a C-order array
// takes about its size in memory once; a Fortran-order one twice.
//
// Errors are one line, describe the content (the caller adds the file name)
// and never come from a panic.
func ReadFloatNPY(r io.Reader, opts FloatNPYOptions) (*FloatArray, error) {
	hdr, headLen, err := readNPYHeader(r)
	if err != nil {
		return nil, err
	}
	a := &npyArray{fortran: hdr.Descr.Fortran, shape: hdr.Descr.Shape}
	a.dt, err = parseDtype(hdr.Descr.Type)
	if err != nil && strings.HasPrefix(err.Error(), "corrupt") {
		return nil, err
	}
	if err != nil || a.dt.kind != 'f' {
		descr := strings.Trim(strings.TrimSpace(hdr.Descr.Type), `'"`)
		if len(descr) > 40 {
			descr = descr[:40] + "..."
		}
		return nil, fmt.Errorf("dtype %s: want float32 or float64 (NumPy: a.astype(np.float64))", descr)
	}
	count, err := npyCount(a.shape)
	if err != nil {
		return nil, err
	}
	if len(a.shape) > 2 {
		return nil, fmt.Errorf("shape %s: want (d,) or (rows, d)", shapeString(a.shape))
	}
	need := int64(count) * int64(a.dt.size)
	if f, ok := r.(*sizedReader); ok && f.size < headLen+need {
		// Said before any memory limit: the header lies.
		return nil, fmt.Errorf("truncated file: %d of %d data bytes for shape %s %s", max(f.size-headLen, 0), need, shapeString(a.shape), a.dt)
	}
	limit := opts.MemoryLimit
	if limit == 0 {
		limit = hopfield.DefaultMemoryLimit()
	}
	if limit > 0 && need > limit {
		return nil, &hopfield.MemoryError{What: fmt.Sprintf("the %d values of a %s %s array", count, shapeString(a.shape), a.dt), Need: need, Limit: limit}
	}
	if err := a.readData(r, headLen, count); err != nil {
		return nil, err
	}
	out := &FloatArray{Shape: append([]int(nil), a.shape...)}
	if a.dt.size == 4 {
		out.F32 = a.floats32()
	} else {
		out.F64 = a.floats64()
	}
	return out, nil
}

// floats32 and floats64 return a float array's values in C order,
// decoded in place in a.raw where the data are aligned for it and in C
// order (a.raw is then no longer bytes of the file).
func (a *npyArray) floats32() []float32 {
	v := inPlace[float32](a.raw, a.dt.order)
	if v == nil {
		v = make([]float32, a.len())
		for i := range v {
			v[i] = math.Float32frombits(a.dt.order.Uint32(a.raw[4*i:]))
		}
	}
	return cOrder(a, v)
}

func (a *npyArray) floats64() []float64 {
	v := inPlace[float64](a.raw, a.dt.order)
	if v == nil {
		v = make([]float64, a.len())
		for i := range v {
			v[i] = math.Float64frombits(a.dt.order.Uint64(a.raw[8*i:]))
		}
	}
	return cOrder(a, v)
}

// inPlace reinterprets raw, values of the given byte order, as values of T,
// swapping their bytes first if the order is not the machine's. It returns
// nil, and changes nothing, if raw is not aligned for T.
func inPlace[T float32 | float64](raw []byte, order binary.ByteOrder) []T {
	size := int(unsafe.Sizeof(T(0)))
	n := len(raw) / size
	if n == 0 || uintptr(unsafe.Pointer(unsafe.SliceData(raw)))%uintptr(size) != 0 {
		return nil
	}
	if probe := []byte{1, 0}; order.Uint16(probe) != binary.NativeEndian.Uint16(probe) {
		for i := 0; i < n*size; i += size {
			slices.Reverse(raw[i : i+size])
		}
	}
	return unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(raw))), n)
}

// cOrder returns the values v of a 1-D or 2-D array, in storage order, in
// C order: v itself unless the array is in Fortran order.
func cOrder[T float32 | float64](a *npyArray, v []T) []T {
	if !a.fortran || len(a.shape) < 2 {
		return v
	}
	rows, cols := a.shape[0], a.shape[1]
	out := make([]T, len(v))
	for c := range cols {
		col := v[c*rows : (c+1)*rows]
		for r, x := range col {
			out[r*cols+c] = x
		}
	}
	return out
}

// readNPYArray reads and checks a .npy header and its data, of any dtype
// parseDtype accepts.
func readNPYArray(r io.Reader) (*npyArray, error) {
	hdr, headLen, err := readNPYHeader(r)
	if err != nil {
		return nil, err
	}
	a := &npyArray{fortran: hdr.Descr.Fortran, shape: hdr.Descr.Shape}
	if a.dt, err = parseDtype(hdr.Descr.Type); err != nil {
		return nil, err
	}
	count, err := npyCount(a.shape)
	if err != nil {
		return nil, err
	}
	if err := a.readData(r, headLen, count); err != nil {
		return nil, err
	}
	return a, nil
}

// readNPYHeader reads and checks a .npy file up to its data: the magic
// string, the version (1.0, 2.0 or 3.0) and the header, which it parses
// with npyio. The length fields are checked here first, so that npyio
// never allocates from an unchecked length, and a panic inside npyio on a
// malformed header is turned into an error. headLen is the bytes read.
func readNPYHeader(r io.Reader) (hdr npyio.Header, headLen int64, err error) {
	var pre [12]byte
	n, err := io.ReadFull(r, pre[:8])
	switch {
	case n == 0 && (err == io.EOF || err == io.ErrUnexpectedEOF):
		return hdr, 0, errors.New("empty file (want a NumPy .npy array)")
	case err == io.ErrUnexpectedEOF || err == io.EOF:
		return hdr, 0, errors.New("truncated file: too short for a .npy header")
	case err != nil:
		return hdr, 0, err
	}
	if !bytes.Equal(pre[:6], npyio.Magic[:]) {
		if bytes.HasPrefix(pre[:], []byte("PK")) {
			return hdr, 0, errors.New("not a NumPy .npy file: looks like a .npz archive (save one array with numpy.save)")
		}
		return hdr, 0, errors.New("not a NumPy .npy file (bad magic bytes)")
	}
	// Format 3.0 is 2.0 with a UTF-8 header, which NumPy writes only for
	// structured dtypes with non-Latin-1 field names: accepting it lets
	// such a file be refused for its dtype.
	major, minor := pre[6], pre[7]
	var lenBytes int
	switch major {
	case 1:
		lenBytes = 2
	case 2, 3:
		lenBytes = 4
	default:
		return hdr, 0, fmt.Errorf(".npy format version %d.%d not supported (want 1.0, 2.0 or 3.0)", major, minor)
	}
	if _, err := io.ReadFull(r, pre[8:8+lenBytes]); err != nil {
		return hdr, 0, truncated("header", err)
	}
	var hlen uint64
	if lenBytes == 2 {
		hlen = uint64(binary.LittleEndian.Uint16(pre[8:]))
	} else {
		hlen = uint64(binary.LittleEndian.Uint32(pre[8:]))
	}
	if hlen > maxNPYHeader {
		return hdr, 0, fmt.Errorf("corrupt header: length %d above %d bytes", hlen, maxNPYHeader)
	}
	head := make([]byte, 8+lenBytes+int(hlen))
	copy(head, pre[:8+lenBytes])
	if _, err := io.ReadFull(r, head[8+lenBytes:]); err != nil {
		return hdr, 0, truncated("header", err)
	}
	if !bytes.HasSuffix(head, []byte("\n")) || !bytes.HasPrefix(bytes.TrimLeft(head[8+lenBytes:], " "), []byte("{")) {
		return hdr, 0, errors.New("corrupt header: not a {...} dictionary ending in a newline")
	}
	if major == 3 {
		head[6] = 2 // the same layout, for npyio
	}
	hdr, err = parseNPYHeader(head)
	return hdr, int64(len(head)), err
}

// npyCount checks a shape from a header and returns its number of values.
func npyCount(shape []int) (int, error) {
	if len(shape) == 0 {
		return 0, errors.New("shape (): a scalar, not an array")
	}
	count := 1
	for _, d := range shape {
		if d < 0 {
			return 0, fmt.Errorf("corrupt header: shape %s", shapeString(shape))
		}
		if d == 0 {
			return 0, fmt.Errorf("empty array, shape %s", shapeString(shape))
		}
		if d > maxNPYElements || count > maxNPYElements/d {
			return 0, fmt.Errorf("array too large, shape %s (at most %d values)", shapeString(shape), maxNPYElements)
		}
		count *= d
	}
	return count, nil
}

// readData reads the count values of a.shape and a.dt that follow a header
// of headLen bytes into a.raw, and checks that the file holds exactly
// them.
func (a *npyArray) readData(r io.Reader, headLen int64, count int) error {
	want := int64(count) * int64(a.dt.size)
	raw, err := readData(r, headLen, want)
	if err != nil {
		return err
	}
	switch {
	case int64(len(raw)) < want:
		return fmt.Errorf("truncated file: %d of %d data bytes for shape %s %s", len(raw), want, shapeString(a.shape), a.dt)
	case int64(len(raw)) > want:
		return fmt.Errorf("corrupt file: data longer than the %d bytes of shape %s %s", want, shapeString(a.shape), a.dt)
	}
	a.raw = raw
	return nil
}

// sizedReader is a reader that knows how many bytes its file holds, as
// [Load] makes for a file.
type sizedReader struct {
	io.Reader
	size int64
}

// readData reads the array's want data bytes, which follow a header of
// headLen bytes, and one more if the file has it (the caller reports a
// length that differs). Memory grows with the data actually read, whatever
// the header claims, except that a file known to hold the whole array gets
// one buffer of the exact size.
func readData(r io.Reader, headLen, want int64) ([]byte, error) {
	if f, ok := r.(*sizedReader); ok && f.size >= headLen+want {
		raw := make([]byte, want, want+1)
		n, err := io.ReadFull(r, raw)
		if err == nil {
			n, err = io.ReadFull(r, raw[want:want+1])
			n += int(want)
		}
		if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
			return nil, err
		}
		return raw[:n], nil
	}
	return io.ReadAll(io.LimitReader(r, want+1))
}

// parseNPYHeader parses a complete, length-checked header with npyio,
// turning a panic into an error.
func parseNPYHeader(head []byte) (hdr npyio.Header, err error) {
	defer func() {
		if e := recover(); e != nil {
			err = errors.New("corrupt header: malformed dictionary (want NumPy's 'descr', 'fortran_order', 'shape')")
		}
	}()
	rd, err := npyio.NewReader(bytes.NewReader(head))
	if err != nil {
		msg := strings.TrimPrefix(err.Error(), "npy: ")
		return hdr, fmt.Errorf("corrupt header: %s", firstLine(msg))
	}
	return rd.Header, nil
}

func truncated(what string, err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return fmt.Errorf("truncated file: incomplete %s", what)
	}
	return err
}

// parseDtype parses a simple dtype string such as '<i8' or '|b1'.
func parseDtype(descr string) (dtype, error) {
	s := strings.TrimSpace(descr)
	if len(s) >= 2 && (s[0] == '\'' || s[0] == '"') && s[len(s)-1] == s[0] {
		s = s[1 : len(s)-1]
	} else {
		if strings.HasPrefix(s, "[") || strings.HasPrefix(s, "{") {
			return dtype{}, errors.New("structured dtype not supported (want int, float or bool)")
		}
		return dtype{}, fmt.Errorf("corrupt header: descr %s", quoteShort(descr))
	}
	var d dtype
	if len(s) < 2 {
		return d, fmt.Errorf("dtype %s not supported (want int, float or bool)", quoteShort(s))
	}
	switch s[0] {
	case '<':
		d.order = binary.LittleEndian
	case '|', '=': // not applicable (one byte), native: NumPy reads both as native
		d.order = binary.NativeEndian
	case '>':
		d.order = binary.BigEndian
	default:
		return d, fmt.Errorf("dtype %s not supported (want int, float or bool)", quoteShort(s))
	}
	d.kind = s[1]
	size, err := strconv.Atoi(s[2:])
	if len(s) == 2 {
		size, err = 0, nil
	}
	if err != nil || size < 0 {
		return d, fmt.Errorf("dtype %s not supported (want int, float or bool)", quoteShort(s))
	}
	d.size = size
	ok := false
	switch d.kind {
	case 'b':
		ok = size == 1
	case 'i', 'u':
		ok = size == 1 || size == 2 || size == 4 || size == 8
	case 'f':
		ok = size == 4 || size == 8
	}
	if !ok {
		return d, fmt.Errorf("dtype %s not supported (want int, float or bool)", dtypeName(d.kind, size))
	}
	return d, nil
}

// dtypeName is NumPy's name for a kind and size, e.g. ('f', 8) -> float64.
func dtypeName(kind byte, size int) string {
	switch kind {
	case 'b':
		if size == 1 {
			return "bool"
		}
	case 'i':
		return fmt.Sprintf("int%d", 8*size)
	case 'u':
		return fmt.Sprintf("uint%d", 8*size)
	case 'f':
		return fmt.Sprintf("float%d", 8*size)
	case 'c':
		return fmt.Sprintf("complex%d", 8*size)
	case 'U':
		return "str"
	case 'S':
		return "bytes"
	case 'O':
		return "object"
	case 'M':
		return "datetime64"
	case 'm':
		return "timedelta64"
	}
	return quoteShort(fmt.Sprintf("%c%d", kind, size))
}

// len is the number of elements.
func (a *npyArray) len() int { return len(a.raw) / a.dt.size }

// storage maps the C-order index i to its position in the data, which
// differs from i for a Fortran-order array.
func (a *npyArray) storage(i int) int {
	if !a.fortran || len(a.shape) < 2 {
		return i
	}
	// Split i into a C-order multi-index, then recombine it with
	// Fortran strides (first index fastest).
	pos, stride := 0, 1
	idx := a.cIndex(i)
	for d := range a.shape {
		pos += idx[d] * stride
		stride *= a.shape[d]
	}
	return pos
}

// cIndex is the multi-index of the C-order index i.
func (a *npyArray) cIndex(i int) []int {
	idx := make([]int, len(a.shape))
	for d := len(a.shape) - 1; d >= 0; d-- {
		idx[d] = i % a.shape[d]
		i /= a.shape[d]
	}
	return idx
}

// index formats the multi-index of the C-order index i, e.g. "[1, 2]".
func (a *npyArray) index(i int) string {
	idx := a.cIndex(i)
	parts := make([]string, len(idx))
	for d, v := range idx {
		parts[d] = strconv.Itoa(v)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// at returns the element at storage position j as a float64.
func (a *npyArray) at(j int) float64 {
	b := a.raw[j*a.dt.size : (j+1)*a.dt.size]
	o := a.dt.order
	switch a.dt.kind {
	case 'b':
		if b[0] != 0 {
			return 1
		}
		return 0
	case 'i':
		switch a.dt.size {
		case 1:
			return float64(int8(b[0]))
		case 2:
			return float64(int16(o.Uint16(b)))
		case 4:
			return float64(int32(o.Uint32(b)))
		case 8:
			return float64(int64(o.Uint64(b)))
		}
	case 'u':
		switch a.dt.size {
		case 1:
			return float64(b[0])
		case 2:
			return float64(o.Uint16(b))
		case 4:
			return float64(o.Uint32(b))
		case 8:
			return float64(o.Uint64(b))
		}
	case 'f':
		switch a.dt.size {
		case 4:
			return float64(math.Float32frombits(o.Uint32(b)))
		case 8:
			return math.Float64frombits(o.Uint64(b))
		}
	}
	panic("patterns: unreachable dtype " + a.dt.String())
}

// WriteNPY writes patterns as an int8 .npy array (values -1, 0, +1), as
// [WriteArrayNPY] does: one 1 x N pattern as (N,), one H x W pattern as
// (H, W), several 1 x N patterns as (P, N) and several H x W patterns as
// (P, H, W). All patterns must have the same shape.
//
// Reading back (H, W) or (P, N) with [LayoutAuto] gives the same patterns
// only when H >= W and P < N; otherwise pass the Layout.
func WriteNPY(w io.Writer, ps []Pattern) error {
	if err := validateAll(ps); err != nil {
		return err
	}
	if err := sameShape(ps); err != nil {
		return err
	}
	var shape []int
	switch p := ps[0]; {
	case len(ps) == 1 && p.Rows == 1:
		shape = []int{p.Cols}
	case len(ps) == 1:
		shape = []int{p.Rows, p.Cols}
	case p.Rows == 1:
		shape = []int{len(ps), p.Cols}
	default:
		shape = []int{len(ps), p.Rows, p.Cols}
	}
	return WritePatternsNPY(w, shape, ps)
}

// WritePatternsNPY writes the patterns' values one after another as an
// int8 array of the given shape, whose product must be the number of
// values (it panics otherwise): (P, N) for P patterns of N neurons
// whatever their grid, or (P, H, W).
func WritePatternsNPY(w io.Writer, shape []int, ps []Pattern) error {
	n := 0
	for _, p := range ps {
		n += len(p.Data)
	}
	if c := shapeCount(shape); c != n {
		panic(fmt.Sprintf("patterns: .npy shape %v holds %d values, the data %d", shape, c, n))
	}
	return WritePatternSeqNPY(w, shape, slices.Values(ps))
}

// WritePatternSeqNPY is [WritePatternsNPY] for patterns made as they are
// written, such as those of [RandomSeq], so that they are never all in
// memory: the header of an int8 array of the given shape, then the values
// of each pattern seq yields. If the patterns do not hold exactly the
// shape's number of values it returns an error, having written a file that
// is not a valid array: write it through a temporary file.
func WritePatternSeqNPY(w io.Writer, shape []int, seq iter.Seq[Pattern]) error {
	want := shapeCount(shape)
	bw := bufio.NewWriter(w)
	if err := writeNPYHeader(bw, "|i1", shape, want, 0); err != nil {
		return err
	}
	n := 0
	for p := range seq {
		if n += len(p.Data); n > want {
			break
		}
		if _, err := bw.Write(int8Bytes(p.Data)); err != nil {
			return err
		}
	}
	switch {
	case n > want:
		return fmt.Errorf("patterns for shape %s: more than its %d values", shapeString(shape), want)
	case n < want:
		return fmt.Errorf("patterns for shape %s: %d values, want %d", shapeString(shape), n, want)
	}
	return bw.Flush()
}

// WriteArrayNPY writes a C-order array of the given shape, whose product
// must be len(data) (it panics otherwise), byte for byte as numpy.save
// writes it: the header in format 1.0 (2.0 only past 65,535 header bytes,
// which no shape reaches), padded with spaces after room for the first
// dimension to grow to 21 digits, to a multiple of 64 bytes; the data
// little-endian. Any NumPy version since 1.0 reads format 1.0; 2.0 needs
// NumPy 1.9 and is refused by some other readers.
func WriteArrayNPY[T int8 | float32 | float64](w io.Writer, shape []int, data []T) error {
	bw := bufio.NewWriter(w)
	var err error
	switch d := any(data).(type) {
	case []int8:
		if err = writeNPYHeader(bw, "|i1", shape, len(d), 0); err == nil {
			_, err = bw.Write(int8Bytes(d))
		}
	case []float32:
		if err = writeNPYHeader(bw, "<f4", shape, len(d), 0); err == nil {
			var b [4]byte
			for _, v := range d {
				binary.LittleEndian.PutUint32(b[:], math.Float32bits(v))
				bw.Write(b[:]) // the error comes back from Flush
			}
		}
	case []float64:
		if err = writeNPYHeader(bw, "<f8", shape, len(d), 0); err == nil {
			var b [8]byte
			for _, v := range d {
				binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
				bw.Write(b[:])
			}
		}
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

func int8Bytes(d []int8) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(d))), len(d))
}

// NumPy's header layout (numpy/lib/format.py, _write_array_header and
// _wrap_header): the magic, the version, the header length, and the
// dictionary padded with spaces and a newline so that the data start on a
// 64-byte boundary.
const (
	npyAlign       = 64
	npyGrowDigits  = 21 // GROWTH_AXIS_MAX_DIGITS
	npyMaxHeaderV1 = 1<<16 - 1
)

// writeNPYHeader writes the header of a C-order array of count values of
// dtype descr. major forces a format version (for tests); 0 picks 1.0 if
// the header fits, else 2.0, as numpy.save does.
func writeNPYHeader(w io.Writer, descr string, shape []int, count, major int) error {
	if n := shapeCount(shape); n != count {
		panic(fmt.Sprintf("patterns: .npy shape %v holds %d values, the data %d", shape, n, count))
	}
	dict := fmt.Sprintf("{'descr': '%s', 'fortran_order': False, 'shape': %s, }", descr, shapeString(shape))
	if len(shape) > 0 {
		dict += strings.Repeat(" ", max(0, npyGrowDigits-len(strconv.Itoa(shape[0]))))
	}
	hlen := len(dict) + 1 // and the newline
	pad := func(lenBytes int) int { return npyAlign - (len(npyio.Magic)+2+lenBytes+hlen)%npyAlign }
	if major == 0 {
		major = 1
		if hlen+pad(2) > npyMaxHeaderV1 {
			major = 2
		}
	}
	head := append([]byte{}, npyio.Magic[:]...)
	if major == 1 {
		head = append(head, 1, 0)
		head = binary.LittleEndian.AppendUint16(head, uint16(hlen+pad(2)))
		head = append(head, dict...)
		head = append(head, bytes.Repeat([]byte{' '}, pad(2))...)
	} else {
		head = append(head, 2, 0)
		head = binary.LittleEndian.AppendUint32(head, uint32(hlen+pad(4)))
		head = append(head, dict...)
		head = append(head, bytes.Repeat([]byte{' '}, pad(4))...)
	}
	_, err := w.Write(append(head, '\n'))
	return err
}

func shapeCount(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

// shapeString writes a shape as Python's repr of a tuple does: (), (7,),
// (3, 4).
func shapeString(shape []int) string {
	if len(shape) == 1 {
		return fmt.Sprintf("(%d,)", shape[0])
	}
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = strconv.Itoa(d)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func formatValue(v float64) string {
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// quoteShort quotes s for an error message, cut to a readable length.
func quoteShort(s string) string {
	if len(s) > 40 {
		s = s[:40] + "..."
	}
	return strconv.Quote(s)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
