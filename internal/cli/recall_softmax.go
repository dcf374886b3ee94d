package cli

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"codeberg.org/sbinet/npyio"
	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/internal/atomicfile"
	"github.com/hopfield-lab/hopfield/patterns"
)

// recall --rule softmax: the continuous modern Hopfield network
// (hopfield.Softmax) on real-valued .npy patterns and cues,
//
//	hopfield recall --patterns X.npy --cue C.npy --rule softmax --beta B [--max-steps K] [--tol E] [--out S.npy] [--json]
//
// runRecall dispatches here right after parsing, before the classic rules'
// plan: none of their flags apply, and their --rule parser does not know
// softmax.

// declareSoftmaxFlags registers the flags of --rule softmax that recall has
// not registered already (--beta is shared with --rule dense).
func declareSoftmaxFlags(fs *flag.FlagSet) {
	if fs.Lookup("beta") == nil {
		fs.Float64("beta", 0, "inverse temperature `B` > 0 of --rule softmax")
	}
	if fs.Lookup("tol") == nil {
		fs.Float64("tol", 0, "with --rule softmax: stop once an update moves no component by more than `E` (0: 1e-12 max(1, M) for float64 patterns, 1e-6 max(1, M) for float32, M the largest pattern norm; < 0: never stop early)")
	}
}

// softmaxFlags are the flags --rule softmax takes; any other is refused.
var softmaxFlags = map[string]bool{"patterns": true, "cue": true, "rule": true, "beta": true,
	"tol": true, "max-steps": true, "out": true, "json": true}

type softmaxPlan struct {
	patterns, cue, out string
	beta               float64
	run                hopfield.SoftmaxRun
	json               bool
}

// planSoftmax checks the flags, before any file is read.
func planSoftmax(fs *flag.FlagSet, f *recallFlags) (*softmaxPlan, error) {
	var other []string
	fs.Visit(func(fl *flag.Flag) {
		if !softmaxFlags[fl.Name] {
			other = append(other, "--"+fl.Name)
		}
	})
	switch {
	case len(other) > 0:
		return nil, Usagef("%s: not for --rule softmax, which takes --patterns, --cue, --beta, --max-steps, --tol, --out and --json", strings.Join(other, ", "))
	case len(f.patterns) != 1:
		return nil, Usagef("--rule softmax takes one --patterns file, a (P, d) .npy array")
	case f.cue == "":
		return nil, Usagef("--rule softmax needs --cue FILE, a (d,) or (Q, d) .npy array")
	case !isSet(fs, "beta"):
		return nil, Usagef("--rule softmax needs --beta B, the inverse temperature (> 0)")
	case f.maxSteps < 1:
		return nil, Usagef("--max-steps: want at least 1, got %d", f.maxSteps)
	}
	p := &softmaxPlan{patterns: f.patterns[0], cue: f.cue, out: f.out, json: f.jsonOut}
	var err error
	if p.beta, err = floatFlag(fs, "beta"); err != nil || !(p.beta > 0) || math.IsInf(p.beta, 1) {
		return nil, Usagef("--beta: want a finite number > 0, got %s", fs.Lookup("beta").Value)
	}
	p.run.MaxSteps = f.maxSteps
	if p.run.Tol, err = floatFlag(fs, "tol"); err != nil {
		return nil, Internal(err)
	}
	if err := p.run.Validate(); err != nil {
		return nil, optionFlagError(err)
	}
	if p.out != "" && !strings.EqualFold(filepath.Ext(p.out), ".npy") {
		return nil, Usagef("--out %s: unknown file type %q (want .npy for --rule softmax)", p.out, filepath.Ext(p.out))
	}
	if err := checkOutput("--out", p.out); err != nil {
		return nil, err
	}
	return p, nil
}

// floatFlag reads a float flag by name, whichever file declared it.
func floatFlag(fs *flag.FlagSet, name string) (float64, error) {
	return strconv.ParseFloat(fs.Lookup(name).Value.String(), 64)
}

// recallSoftmax runs recall --rule softmax.
func recallSoftmax(env *Env, fs *flag.FlagSet, f *recallFlags) error {
	plan, err := planSoftmax(fs, f)
	if err != nil {
		return err
	}
	pats, err := readFloatNPY(plan.patterns)
	if err != nil {
		return fmt.Errorf("--patterns %v", err)
	}
	// The update runs in the precision of the patterns file.
	if pats.f32 != nil {
		return runSoftmax(env, plan, pats, pats.f32)
	}
	return runSoftmax(env, plan, pats, pats.f64)
}

// runSoftmax builds the network, reads and runs the cues, writes --out and
// reports.
func runSoftmax[T float32 | float64](env *Env, plan *softmaxPlan, pats *npyFloats, x []T) error {
	d := pats.cols()
	// The network keeps the slice just read (NoCopy), so the patterns are
	// held once.
	net, err := hopfield.NewSoftmax(x, d, hopfield.SoftmaxConfig{Beta: plan.beta, NoCopy: true})
	if err != nil {
		return fmt.Errorf("--patterns %s: %w", plan.patterns, err)
	}
	cues, err := readFloatNPY(plan.cue)
	if err != nil {
		return fmt.Errorf("--cue %v", err)
	}
	if cues.cols() != d {
		return fmt.Errorf("--cue %s: shape %s, want (%d,) or (Q, %d): the patterns have d = %d",
			plan.cue, npyShapeString(cues.shape), d, d, d)
	}
	c := as[T](cues)
	rows := make([][]T, cues.rows())
	for q := range rows {
		rows[q] = c[q*d : (q+1)*d]
	}
	res, err := net.RunBatch(rows, plan.run)
	if err != nil {
		return fmt.Errorf("--cue %s: %w", plan.cue, err)
	}
	if plan.out != "" {
		if err := writeStates(plan.out, res, d, len(cues.shape) == 2); err != nil {
			return fmt.Errorf("--out %w", err)
		}
	}
	out := softmaxReport(net, pats, res, plan)
	if plan.json {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	printSoftmax(env.Stdout, out, plan)
	return nil
}

// writeStates writes the final states as float64, shape (Q, d) for a batch
// of cues and (d,) for one, atomically.
func writeStates[T float32 | float64](path string, res []hopfield.SoftmaxResult[T], d int, batch bool) error {
	data := make([]float64, 0, len(res)*d)
	for _, r := range res {
		for _, v := range r.State {
			data = append(data, float64(v))
		}
	}
	shape := []int{d}
	if batch {
		shape = []int{len(res), d}
	}
	return atomicfile.Write(path, func(w io.Writer) error { return patterns.WriteArrayNPY(w, shape, data) })
}

// softmaxOutcome is the report, as --json prints it.
type softmaxOutcome struct {
	P     int          `json:"p"`
	D     int          `json:"d"`
	DType string       `json:"dtype"`
	Beta  float64      `json:"beta"`
	Cues  []softmaxCue `json:"cues"`
}

type softmaxCue struct {
	Steps      int     `json:"steps"`
	Converged  bool    `json:"converged"`
	Move       float64 `json:"move"`   // largest change of a component in the last update
	Energy     float64 `json:"energy"` // at the final state
	K90        int     `json:"k90"`
	Class      string  `json:"class"`
	FixedPoint string  `json:"fixed_point"`
	Nearest    int     `json:"nearest"` // the stored pattern nearest the final state
	Distance   float64 `json:"distance"`
}

func softmaxReport[T float32 | float64](net *hopfield.Softmax[T], pats *npyFloats, res []hopfield.SoftmaxResult[T], plan *softmaxPlan) softmaxOutcome {
	o := softmaxOutcome{P: net.P(), D: net.D(), DType: pats.dtype, Beta: net.Beta(), Cues: make([]softmaxCue, len(res))}
	for q, r := range res {
		if !plan.json && q >= maxSoftmaxLines {
			break // the text report lists only these; diagnosing costs passes over the patterns
		}
		dg := net.Diagnose(r.State)
		mu, dist := net.Nearest(r.State)
		o.Cues[q] = softmaxCue{Steps: r.Steps, Converged: r.Converged, Move: r.Move, Energy: dg.Energy,
			K90: dg.K90, Class: dg.Class.String(), FixedPoint: dg.FixedPoint.String(), Nearest: mu, Distance: dist}
	}
	return o
}

// maxSoftmaxLines is the most cues the text report lists.
const maxSoftmaxLines = 20

func printSoftmax(w io.Writer, o softmaxOutcome, plan *softmaxPlan) {
	fmt.Fprintf(w, "stored %s of d = %d (%s), beta = %g\n", plural(o.P, "1 pattern", "%d patterns"), o.D, o.DType, o.Beta)
	if len(o.Cues) > 1 {
		fmt.Fprintf(w, "cues: %d from %s\n", len(o.Cues), plan.cue)
	} else {
		fmt.Fprintf(w, "cue: %s\n", plan.cue)
	}
	unsettled := 0
	for q, c := range o.Cues {
		if q >= maxSoftmaxLines {
			fmt.Fprintf(w, "... %d more cues (all of them with --json)\n", len(o.Cues)-q)
			break
		}
		prefix := ""
		if len(o.Cues) > 1 {
			prefix = fmt.Sprintf("cue %d: ", q)
		}
		how := "converged after " + plural(c.Steps, "1 step", "%d steps")
		if !c.Converged {
			how = "did not converge in " + plural(c.Steps, "1 step", "%d steps")
			unsettled++
		}
		fmt.Fprintf(w, "%s%s (last move %.3g); energy %.6g\n", prefix, how, c.Move, c.Energy)
		fmt.Fprintf(w, "%s%s fixed point: k90 = %d of %d (class %s)\n", prefix, c.FixedPoint, c.K90, o.P, c.Class)
		fmt.Fprintf(w, "%snearest stored pattern: %d at distance %.6g\n", prefix, c.Nearest, c.Distance)
	}
	if unsettled > 0 {
		fmt.Fprintln(w, "note: a run did not converge; raise --max-steps or --tol")
	}
}

// npyFloats is a float32 or float64 .npy array of 1 or 2 dimensions.
type npyFloats struct {
	shape []int
	dtype string    // float32 or float64
	f32   []float32 // row-major values, for float32
	f64   []float64 // row-major values, for float64
}

func (a *npyFloats) rows() int {
	if len(a.shape) == 1 {
		return 1
	}
	return a.shape[0]
}

func (a *npyFloats) cols() int { return a.shape[len(a.shape)-1] }

// npyShapeString writes a shape as NumPy does: (5,), (3, 25).
func npyShapeString(shape []int) string {
	if len(shape) == 1 {
		return fmt.Sprintf("(%d,)", shape[0])
	}
	parts := make([]string, len(shape))
	for i, s := range shape {
		parts[i] = strconv.Itoa(s)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// as returns a's values as T, converting (float64 to float32 rounds) only
// if a holds the other type.
func as[T float32 | float64](a *npyFloats) []T {
	if v, ok := any(a.f32).([]T); ok && a.f32 != nil {
		return v
	}
	if v, ok := any(a.f64).([]T); ok && a.f64 != nil {
		return v
	}
	out := make([]T, max(len(a.f32), len(a.f64)))
	for i := range out {
		if a.f32 != nil {
			out[i] = T(a.f32[i])
		} else {
			out[i] = T(a.f64[i])
		}
	}
	return out
}

// maxNPYHeader bounds a .npy header, so that a corrupt length field cannot
// make the reader allocate much.
const maxNPYHeader = 1 << 16

// readFloatNPY reads a float32 or float64 .npy array of shape (n,) or
// (rows, cols), in either byte order and C or Fortran order. Errors start
// with the path. The values are not checked here: the network's constructor
// says which is not finite, by row and column.
func readFloatNPY(path string) (*npyFloats, error) {
	if !strings.EqualFold(filepath.Ext(path), ".npy") {
		return nil, fmt.Errorf("%s: want a .npy file for --rule softmax", path)
	}
	fh, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	defer fh.Close()
	fi, err := fh.Stat()
	if err != nil {
		return nil, err
	}
	a, err := readFloatArray(bufio.NewReaderSize(fh, 1<<20), fi.Size())
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return a, nil
}

func readFloatArray(br *bufio.Reader, size int64) (*npyFloats, error) {
	headLen, err := npyHeaderLen(br)
	if err != nil {
		return nil, err
	}
	hdr, err := npyHeader(br)
	if err != nil {
		return nil, err
	}
	a := &npyFloats{shape: hdr.Descr.Shape}
	dtype, elem, order, err := npyFloatType(hdr.Descr.Type)
	if err != nil {
		return nil, err
	}
	a.dtype = dtype
	n, err := npyCount(a.shape)
	if err != nil {
		return nil, err
	}
	switch want := headLen + n*elem; {
	case size < want:
		return nil, fmt.Errorf("truncated file: %d of %d data bytes for shape %s", max(size-headLen, 0), n*elem, npyShapeString(a.shape))
	case size > want:
		return nil, fmt.Errorf("corrupt file: data longer than the %d bytes of shape %s %s", n*elem, npyShapeString(a.shape), a.dtype)
	}
	if limit := hopfield.DefaultMemoryLimit(); n*elem > limit {
		return nil, &hopfield.MemoryError{What: fmt.Sprintf("the %d values of a %s %s array", n, npyShapeString(a.shape), a.dtype), Need: n * elem, Limit: limit}
	}
	if elem == 4 {
		a.f32 = make([]float32, n)
		err = readFloats(br, a.f32, order)
	} else {
		a.f64 = make([]float64, n)
		err = readFloats(br, a.f64, order)
	}
	if err != nil {
		return nil, fmt.Errorf("reading the data: %v", err)
	}
	if hdr.Descr.Fortran && len(a.shape) == 2 {
		a.f32, a.f64 = transpose(a.f32, a.shape), transpose(a.f64, a.shape)
	}
	return a, nil
}

// npyFloatType reads a dtype string such as '<f4': float32 or float64, the
// bytes per value and the byte order.
func npyFloatType(descr string) (string, int64, binary.ByteOrder, error) {
	t := strings.Trim(descr, `'" `)
	if len(t) != 3 || !strings.Contains("<>=|", t[:1]) || t[1:] != "f4" && t[1:] != "f8" {
		return "", 0, nil, fmt.Errorf("dtype %s: want float32 or float64 (NumPy: a.astype(np.float64))", t)
	}
	var order binary.ByteOrder = binary.LittleEndian
	switch t[0] {
	case '>':
		order = binary.BigEndian
	case '=', '|':
		order = binary.NativeEndian
	}
	if t[1:] == "f4" {
		return "float32", 4, order, nil
	}
	return "float64", 8, order, nil
}

// npyHeaderLen returns the bytes before the data, from the magic string and
// the length field, which it checks before npyio allocates the header.
func npyHeaderLen(br *bufio.Reader) (int64, error) {
	pre, err := br.Peek(12)
	if err != nil && len(pre) < 10 {
		return 0, errors.New("not a NumPy .npy file: too short for a header")
	}
	if string(pre[:6]) != string(npyio.Magic[:]) {
		return 0, errors.New("not a NumPy .npy file (bad magic bytes)")
	}
	var n int64
	switch pre[6] {
	case 1:
		n = 10 + int64(binary.LittleEndian.Uint16(pre[8:]))
	case 2, 3:
		if len(pre) < 12 {
			return 0, errors.New("not a NumPy .npy file: too short for a header")
		}
		n = 12 + int64(binary.LittleEndian.Uint32(pre[8:]))
	default:
		return 0, fmt.Errorf(".npy format version %d.%d not supported", pre[6], pre[7])
	}
	if n > maxNPYHeader {
		return 0, fmt.Errorf("corrupt header: length %d above %d bytes", n, maxNPYHeader)
	}
	return n, nil
}

// npyHeader parses the header with npyio, turning a panic on a malformed
// header into an error. r is left at the first data byte.
func npyHeader(r io.Reader) (hdr npyio.Header, err error) {
	defer func() {
		if e := recover(); e != nil {
			err = errors.New("corrupt header: malformed dictionary")
		}
	}()
	rd, err := npyio.NewReader(r)
	if err != nil {
		return hdr, fmt.Errorf("corrupt header: %s", strings.TrimPrefix(err.Error(), "npy: "))
	}
	return rd.Header, nil
}

// readFloats fills dst with values of the given byte order from r, a block
// of bytes at a time: npyio's reader decodes one value per call, which
// takes seconds for the 100 million values of a 400 MB file.
func readFloats[T float32 | float64](r io.Reader, dst []T, order binary.ByteOrder) error {
	size := 8
	if _, ok := any(dst).([]float32); ok {
		size = 4
	}
	buf := make([]byte, 1<<16)
	for len(dst) > 0 {
		chunk := buf[:min(len(buf), len(dst)*size)]
		if _, err := io.ReadFull(r, chunk); err != nil {
			return err
		}
		for i := range len(chunk) / size {
			b := chunk[i*size:]
			if size == 4 {
				dst[i] = T(math.Float32frombits(order.Uint32(b)))
			} else {
				dst[i] = T(math.Float64frombits(order.Uint64(b)))
			}
		}
		dst = dst[len(chunk)/size:]
	}
	return nil
}

// npyCount returns the number of values of a shape of 1 or 2 dimensions.
func npyCount(shape []int) (int64, error) {
	if len(shape) < 1 || len(shape) > 2 {
		return 0, fmt.Errorf("shape %s: want (d,) or (rows, d)", npyShapeString(shape))
	}
	n := int64(1)
	for _, s := range shape {
		if s <= 0 {
			return 0, fmt.Errorf("shape %s: empty", npyShapeString(shape))
		}
		if n > math.MaxInt64/8/int64(s) {
			return 0, fmt.Errorf("shape %s: too large", npyShapeString(shape))
		}
		n *= int64(s)
	}
	return n, nil
}

// transpose turns the column-major values of a (rows, cols) array into
// row-major ones; nil stays nil.
func transpose[T float32 | float64](v []T, shape []int) []T {
	if v == nil {
		return nil
	}
	rows, cols := shape[0], shape[1]
	out := make([]T, len(v))
	for c := range cols {
		for r := range rows {
			out[r*cols+c] = v[c*rows+r]
		}
	}
	return out
}
