package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path/filepath"
	"strconv"
	"strings"

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
	if pats.F32 != nil {
		return runSoftmax(env, plan, pats, pats.F32)
	}
	return runSoftmax(env, plan, pats, pats.F64)
}

// runSoftmax builds the network, reads and runs the cues, writes --out and
// reports.
func runSoftmax[T float32 | float64](env *Env, plan *softmaxPlan, pats *patterns.FloatArray, x []T) error {
	d := pats.Cols()
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
	if cues.Cols() != d {
		return fmt.Errorf("--cue %s: shape %s, want (%d,) or (Q, %d): the patterns have d = %d",
			plan.cue, cues.ShapeString(), d, d, d)
	}
	c := as[T](cues)
	rows := make([][]T, cues.Rows())
	for q := range rows {
		rows[q] = c[q*d : (q+1)*d]
	}
	res, err := net.RunBatch(rows, plan.run)
	if err != nil {
		return fmt.Errorf("--cue %s: %w", plan.cue, err)
	}
	if plan.out != "" {
		if err := writeStates(plan.out, res, d, len(cues.Shape) == 2); err != nil {
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

func softmaxReport[T float32 | float64](net *hopfield.Softmax[T], pats *patterns.FloatArray, res []hopfield.SoftmaxResult[T], plan *softmaxPlan) softmaxOutcome {
	o := softmaxOutcome{P: net.P(), D: net.D(), DType: pats.DType(), Beta: net.Beta(), Cues: make([]softmaxCue, len(res))}
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

// as returns a's values as T, converting (float64 to float32 rounds) only
// if a holds the other type.
func as[T float32 | float64](a *patterns.FloatArray) []T {
	if v, ok := any(a.F32).([]T); ok && a.F32 != nil {
		return v
	}
	if v, ok := any(a.F64).([]T); ok && a.F64 != nil {
		return v
	}
	out := make([]T, max(len(a.F32), len(a.F64)))
	for i := range out {
		if a.F32 != nil {
			out[i] = T(a.F32[i])
		} else {
			out[i] = T(a.F64[i])
		}
	}
	return out
}

// readFloatNPY reads a float32 or float64 .npy array of shape (n,) or
// (rows, cols) with patterns.LoadFloatNPY. Errors start with the path. The
// values are not checked here: the network's constructor says which is not
// finite, by row and column.
func readFloatNPY(path string) (*patterns.FloatArray, error) {
	if !strings.EqualFold(filepath.Ext(path), ".npy") {
		return nil, fmt.Errorf("%s: want a .npy file for --rule softmax", path)
	}
	a, err := patterns.LoadFloatNPY(path, patterns.FloatNPYOptions{})
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path == path {
		// "missing.npy: no such file or directory", not "open missing.npy: ...".
		return nil, fmt.Errorf("%s: %v", path, pe.Err)
	}
	return a, err
}
