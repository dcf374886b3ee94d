package cli

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/internal/atomicfile"
	"github.com/hopfield-lab/hopfield/internal/lab"
	"github.com/hopfield-lab/hopfield/patterns"
	"gonum.org/v1/gonum/mat"
)

var cmdRecall = &Command{
	Name:  "recall",
	Args:  "--patterns FILE [--patterns FILE ...] (--cue FILE | --cue-from INDEX) [flags]",
	Short: "store patterns, run the dynamics from a cue, write the recalled state",
	Long: `Recall stores the patterns, makes a cue, runs the network from it and reports
how the run ended and how close the result is to each stored pattern.

Patterns come from .npy files (shape (N,), (H,W), (P,N) or (P,H,W)), images
(.png, .jpg, .gif: dark ink is +1), text files (# or 1 for +1, . or 0 for -1,
? for unknown) or built-in names: seed:checkerboard, seed:X, seed:A, seed:BU,
seed:BC, seed:star, alphabet:A ... alphabet:Z (see 'hopfield patterns list').

--rule dense is the dense associative memory (Krotov and Hopfield), whose
energy -sum_mu F(xi_mu . s) takes --energy poly:N, rpoly:N, exp or lse
(with --beta). --rule softmax is the continuous network of Ramsauer et al.,
xi <- X^T softmax(beta X xi), on real-valued .npy patterns (P x d) and cue
(d), in the precision of the patterns file; --max-steps K makes at most K
updates, stopping early when one moves no component by more than --tol, and
--out writes the final state as float64. See docs/modern.md.

The cue is a stored pattern (--cue-from, 0-based) or a file (--cue), then
corrupted by --noise (flip exactly round(p N) bits), --erase (make round(p N)
neurons unknown) and --erase-half (top, bottom, left or right half unknown;
the notebook's S[5000:] = 0 is --erase-half bottom). In a cue file, unknown
neurons are written: in .npy, as 0 (1 and -1 are ink and background); in
.txt, as ? (# and 1 are ink, . and 0 background); in images, as mid-gray, but
only with --unknown-band (0.1 reads the gray that hopfield writes), else
mid-gray is background. An image cue is read on the network's grid; a note
says so when its pixels are resampled.

--max-steps counts synchronous steps, or sweeps of N single-neuron updates for
the asynchronous schedules. Without --out, the final state is printed as text
art when it is at most 64 x 64. --out and --trace are checked before the run
and written only if it succeeds.

Example: recall the notebook's X from 20% noise among checkerboard, X and A:
  hopfield recall --patterns seed:checkerboard --patterns seed:X --patterns seed:A --cue-from 1 --noise 0.2`,
	Run: runRecall,
}

type recallFlags struct {
	patterns        stringList
	cue             string
	cueFrom         int
	noise, erase    fraction
	eraseHalf       string
	rule, form      string
	energy          string
	beta            float64
	unscaled        bool
	keepDiagonal    bool
	weights, thresh string
	update, tie     string
	temperature     float64
	maxSteps        int
	seed            *uint64
	out, trace      string
	jsonOut         bool
	image           imageFlags
}

func runRecall(env *Env, fs *flag.FlagSet, args []string) error {
	var f recallFlags
	fs.Var(&f.patterns, "patterns", "patterns to store: .npy, .png/.jpg/.gif, .txt or a built-in name (repeatable)")
	fs.StringVar(&f.cue, "cue", "", "cue `file`: unknown neurons are 0 in .npy, ? in .txt, mid-gray in images with --unknown-band")
	fs.IntVar(&f.cueFrom, "cue-from", -1, "use stored pattern `INDEX` (0-based) as the cue, before noise and erasing")
	fs.Var(&f.noise, "noise", "flip exactly round(`P` N) distinct bits of the cue")
	fs.Var(&f.erase, "erase", "make round(`P` N) random neurons of the cue unknown")
	fs.StringVar(&f.eraseHalf, "erase-half", "", "make a half of the cue unknown: top, bottom, left or right")
	fs.StringVar(&f.rule, "rule", "hebbian", "learning rule: hebbian, storkey, pseudoinverse, dense, or softmax (the continuous network, on real .npy patterns)")
	fs.StringVar(&f.energy, "energy", "", "with --rule dense: the interaction function F, poly:N, rpoly:N, exp or lse")
	fs.Float64Var(&f.beta, "beta", 1, "inverse temperature `B` of --energy exp or lse, or of --rule softmax")
	fs.StringVar(&f.form, "form", "auto", "weight storage: auto, dense or pattern")
	fs.BoolVar(&f.unscaled, "unscaled", false, "with --rule hebbian: keep the integer sum, without 1/N (the notebook's np.outer sums)")
	fs.BoolVar(&f.keepDiagonal, "keep-diagonal", false, "with --rule pseudoinverse: keep the self-coupling W_ii")
	fs.StringVar(&f.weights, "weights", "", "use this N x N weight matrix (`W.npy`) instead of a learning rule")
	fs.StringVar(&f.thresh, "thresholds", "", "thresholds theta (`T.npy`, shape (N,)) for --weights")
	fs.StringVar(&f.update, "update", "sync", "update schedule: sync, async, permutation, sequential or glauber")
	fs.StringVar(&f.tie, "tie", "keep", "a neuron whose field equals its threshold: keep, plus or minus (not for glauber at T > 0, where ties have probability 0)")
	fs.Float64Var(&f.temperature, "temperature", 0, "Glauber temperature `T` >= 0")
	fs.IntVar(&f.maxSteps, "max-steps", hopfield.DefaultMaxSteps, "at most `N` synchronous steps or asynchronous sweeps")
	f.seed = seedFlag(fs)
	fs.StringVar(&f.out, "out", "", "write the final state to `FILE` (.npy, .png or .txt)")
	fs.StringVar(&f.trace, "trace", "", "write per-step monitor values to `FILE` (.csv or .json)")
	fs.BoolVar(&f.jsonOut, "json", false, "print one JSON object with the outcome")
	f.image.declare(fs)
	declareSoftmaxFlags(fs) // after the others: declares only what is missing
	if err := env.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return Usagef("unexpected argument %q", fs.Arg(0))
	}
	if f.rule == "softmax" {
		return recallSoftmax(env, fs, &f)
	}
	return recall(env, fs, &f)
}

func recall(env *Env, fs *flag.FlagSet, f *recallFlags) error {
	// Flags first, so that a typo is reported before any file is read.
	plan, err := f.plan(fs)
	if err != nil {
		return err
	}
	stored, net, err := f.memory(plan)
	if err != nil {
		return err
	}
	n := net.N()
	shape := patterns.New("", 1, n)
	if len(stored) > 0 {
		shape = stored[0]
	}
	cue, target, cueDesc, err := makeCue(env, f, plan.image, stored, shape, n)
	if err != nil {
		return err
	}
	if cue, err = patterns.ApplyCue(cue, plan.ops, lab.CueSource(*f.seed)); err != nil {
		return Usagef("%v", err)
	}
	if len(plan.ops) > 0 {
		effects := make([]string, len(plan.ops))
		for i, op := range plan.ops {
			effects[i] = op.Effect(n)
		}
		cueDesc += " with " + strings.Join(effects, ", ")
	}

	tr := hopfield.Trace{Target: target, SkipEnergy: f.trace == ""}
	opt := plan.run
	if f.trace != "" || f.jsonOut {
		opt.Observe = tr.Observe
	}
	res, err := net.Run(cue.Data, opt)
	if err != nil {
		return err
	}
	final := cue.Clone()
	final.Data = res.State
	final.Name = "recalled"
	if err := f.writeOutputs(final, tr.Points); err != nil {
		return err
	}
	env.printSeed(*f.seed)
	out := recallReport(net, stored, res, cueDesc, target, *f.seed)
	if f.jsonOut {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	printRecall(env.Stdout, f.weights, stored, cue, final, res, out, f.out == "")
	return nil
}

// recallPlan is what the flags ask for, checked.
type recallPlan struct {
	cfg   hopfield.Config
	run   hopfield.RunOptions
	ops   []patterns.CueOp
	image patterns.ImageOptions
}

// plan checks the flags, before any file is read.
func (f *recallFlags) plan(fs *flag.FlagSet) (*recallPlan, error) {
	var p recallPlan
	var err error
	if p.cfg.Rule, err = hopfield.ParseRule(f.rule); err != nil {
		return nil, Usagef("--rule: unknown rule %q (want %s or softmax)", f.rule, ruleNames())
	}
	if p.cfg.Form, err = hopfield.ParseForm(f.form); err != nil {
		return nil, Usagef("--form: %v", err)
	}
	p.cfg.Unscaled, p.cfg.KeepDiagonal = f.unscaled, f.keepDiagonal
	if p.cfg.Energy, err = f.energyFlags(fs, p.cfg.Rule); err != nil {
		return nil, err
	}
	if p.run.Update, err = hopfield.ParseUpdate(f.update); err != nil {
		return nil, Usagef("--update: %v", err)
	}
	if p.run.Tie, err = hopfield.ParseTie(f.tie); err != nil {
		return nil, Usagef("--tie: %v", err)
	}
	p.run.Temperature, p.run.MaxSteps = f.temperature, max(f.maxSteps, 0)
	p.run.Source = lab.DynamicsSource(*f.seed)
	if err := p.run.Validate(); err != nil {
		return nil, optionFlagError(err)
	}
	if f.temperature > 0 && isSet(fs, "tie") {
		return nil, Usagef("--tie has no effect at --temperature > 0 (a field equal to the threshold has probability 0); drop it or use --temperature 0")
	}
	if f.maxSteps < 1 { // 0 would mean the library's default
		return nil, Usagef("--max-steps: want at least 1, got %d", f.maxSteps)
	}
	if p.image, err = f.image.options(); err != nil {
		return nil, err
	}
	if p.ops, err = f.cueOps(); err != nil {
		return nil, err
	}
	if err := f.checkCombination(fs, p.cfg.Rule); err != nil {
		return nil, err
	}
	if err := checkOutput("--out", f.out); err != nil {
		return nil, err
	}
	if err := checkOutput("--trace", f.trace); err != nil {
		return nil, err
	}
	return &p, nil
}

// ruleNames lists the library's learning rules, for the errors of a
// command that also takes --rule softmax.
func ruleNames() string {
	var names []string
	for _, r := range hopfield.Rules() {
		names = append(names, r.String())
	}
	return strings.Join(names, ", ")
}

// energyFlags reads --energy and --beta, which go with --rule dense.
func (f *recallFlags) energyFlags(fs *flag.FlagSet, rule hopfield.Rule) (hopfield.Energy, error) {
	switch {
	case rule != hopfield.DenseAM && (f.energy != "" || isSet(fs, "beta")):
		return hopfield.Energy{}, Usagef("--energy and --beta are for --rule dense")
	case rule != hopfield.DenseAM:
		return hopfield.Energy{}, nil
	case f.energy == "":
		return hopfield.Energy{}, Usagef("--rule dense needs --energy: poly:N, rpoly:N, exp or lse")
	}
	e, err := hopfield.ParseEnergy(f.energy)
	if err != nil {
		return e, Usagef("--energy: %v", err)
	}
	if !isSet(fs, "beta") {
		return e, nil
	}
	if e.Kind != hopfield.Exp && e.Kind != hopfield.LSE {
		return e, Usagef("--beta is for --energy exp or lse, not %v", e)
	}
	e.Beta = f.beta
	if err := e.Validate(); err != nil {
		return e, Usagef("--beta: want a number in (0, %d], got %v", hopfield.MaxBeta, f.beta)
	}
	return e, nil
}

// cueOps are the damage --noise, --erase and --erase-half ask for.
func (f *recallFlags) cueOps() ([]patterns.CueOp, error) {
	var ops []patterns.CueOp
	if f.noise.set {
		ops = append(ops, patterns.CueOp{Kind: patterns.CueFlip, Fraction: f.noise.v})
	}
	if f.erase.set {
		ops = append(ops, patterns.CueOp{Kind: patterns.CueErase, Fraction: f.erase.v})
	}
	if f.eraseHalf != "" {
		op, err := patterns.ParseCueOp("erase", f.eraseHalf)
		if err != nil || op.Kind != patterns.CueEraseHalf {
			return nil, Usagef("--erase-half: want top, bottom, left or right, got %q", f.eraseHalf)
		}
		ops = append(ops, op)
	}
	return ops, nil
}

// checkCombination refuses flags that do not go together.
func (f *recallFlags) checkCombination(fs *flag.FlagSet, rule hopfield.Rule) error {
	switch {
	case (f.cue == "") == (f.cueFrom < 0):
		return Usagef("give exactly one of --cue FILE and --cue-from INDEX")
	case f.weights != "" && (isSet(fs, "rule") || isSet(fs, "form") || f.unscaled || f.keepDiagonal):
		return Usagef("--weights replaces the learning rule: drop --rule, --form, --unscaled and --keep-diagonal")
	case f.keepDiagonal && rule != hopfield.PseudoInverse:
		return Usagef("--keep-diagonal is for --rule pseudoinverse")
	case f.unscaled && rule != hopfield.Hebbian:
		return Usagef("--unscaled is for --rule hebbian")
	case f.thresh != "" && f.weights == "":
		return Usagef("--thresholds goes with --weights")
	case len(f.patterns) == 0 && f.weights == "":
		return Usagef("give the patterns to store with --patterns (or a weight matrix with --weights)")
	case len(f.patterns) == 0 && f.cueFrom >= 0:
		return Usagef("no stored patterns; --cue-from needs --patterns")
	}
	return nil
}

// optionFlagError words the library's run option errors as flags.
func optionFlagError(err error) error {
	var oe *hopfield.OptionError
	switch {
	case errors.Is(err, hopfield.ErrTemperatureNotGlauber):
		return Usagef("--temperature is for --update glauber")
	case errors.As(err, &oe):
		return Usagef("--%s: want %s, got %v", strings.ReplaceAll(oe.Field, "_", "-"), oe.Want, oe.Value)
	}
	return err
}

// memory loads the stored patterns and learns them, or reads --weights.
func (f *recallFlags) memory(plan *recallPlan) ([]patterns.Pattern, *hopfield.Network, error) {
	stored, err := patterns.LoadAll(f.patterns, patterns.LoadOptions{Image: plan.image})
	if err != nil {
		return nil, nil, err
	}
	if f.weights != "" {
		n := -1
		if len(stored) > 0 {
			n = stored[0].N()
		}
		net, err := loadWeights(f.weights, f.thresh, n)
		return stored, net, err
	}
	vecs := make([][]int8, len(stored))
	for i, p := range stored {
		if u := p.Unknowns(); u > 0 {
			return nil, nil, fmt.Errorf("--patterns %s: %d unknown neurons; stored patterns must be fully known", p.Name, u)
		}
		vecs[i] = p.Data
	}
	net, err := hopfield.Learn(plan.cfg, vecs...)
	return stored, net, err
}

// writeOutputs writes --out and --trace: both or neither, staged and then
// committed together.
func (f *recallFlags) writeOutputs(final patterns.Pattern, points []hopfield.TracePoint) error {
	var batch atomicfile.Batch
	defer batch.Abort()
	if f.out != "" {
		data, err := patterns.Marshal(f.out, []patterns.Pattern{final}, patterns.SaveOptions{})
		if err != nil {
			return fmt.Errorf("--out %v", err)
		}
		if err := batch.WriteFile(f.out, data); err != nil {
			return fmt.Errorf("--out %v", err)
		}
	}
	if f.trace != "" {
		if err := writeTrace(&batch, f.trace, points); err != nil {
			return fmt.Errorf("--trace %v", err)
		}
	}
	if err := batch.Commit(); err != nil {
		return Internal(err)
	}
	return nil
}

// checkOutput checks, before any work, that an output flag's file has a
// type the command writes and can be written.
func checkOutput(flagName, path string) error {
	if path == "" {
		return nil
	}
	ext := strings.ToLower(filepath.Ext(path))
	want := map[string][]string{"--out": {".npy", ".png", ".txt"}, "--trace": {".csv", ".json"}}[flagName]
	if !slices.Contains(want, ext) {
		return Usagef("%s %s: unknown file type %q (want %s)", flagName, path, ext, strings.Join(want, ", "))
	}
	if err := atomicfile.CheckWritable(path); err != nil {
		return fmt.Errorf("%s %v", flagName, err)
	}
	return nil
}

// makeCue returns the cue before noise, the target it should recall (nil if
// unknown) and a description.
func makeCue(env *Env, f *recallFlags, imageOpts patterns.ImageOptions, stored []patterns.Pattern, shape patterns.Pattern, n int) (patterns.Pattern, []int8, string, error) {
	if f.cueFrom >= 0 {
		if f.cueFrom >= len(stored) {
			return patterns.Pattern{}, nil, "", Usagef("--cue-from %d: there %s (0 to %d)", f.cueFrom, plural(len(stored), "is 1 stored pattern", "are %d stored patterns"), len(stored)-1)
		}
		p := stored[f.cueFrom].Clone()
		return p, stored[f.cueFrom].Data, fmt.Sprintf("pattern %d (%s)", f.cueFrom, p.Name), nil
	}
	opts := patterns.LoadOptions{NPY: patterns.NPYOptions{Encoding: patterns.EncodingBipolar, N: n}, Image: imageOpts}
	// An image cue is read on the grid of the stored pictures.
	note := ""
	if shape.Rows > 1 && isImage(f.cue) {
		opts.Image.Rows, opts.Image.Cols = shape.Rows, shape.Cols
		note = resampleNote(f.cue, shape.Rows, shape.Cols)
	}
	cues, err := patterns.Load(f.cue, opts)
	if err != nil {
		return patterns.Pattern{}, nil, "", err
	}
	if len(cues) != 1 {
		return patterns.Pattern{}, nil, "", fmt.Errorf("--cue %s: holds %d patterns, want one", f.cue, len(cues))
	}
	cue := cues[0]
	if cue.N() != n {
		return patterns.Pattern{}, nil, "", fmt.Errorf("--cue %s: %s has %d neurons, the network has %d", f.cue, cue.Shape(), cue.N(), n)
	}
	if shape.N() == n && (cue.Rows != shape.Rows || cue.Cols != shape.Cols) {
		cue, _ = cue.Reshape(shape.Rows, shape.Cols)
	}
	if note != "" {
		fmt.Fprintln(env.Stderr, note)
	}
	return cue, nil, "file " + f.cue, nil
}

// resampleNote says, if it is so, that the image at path is resampled to a
// rows x cols grid: it is neither that many pixels nor a PNG written for
// that shape. Unreadable images give no note (loading them reports why).
func resampleNote(path string, rows, cols int) string {
	fh, err := openFile(path)
	if err != nil {
		return ""
	}
	defer fh.Close()
	cfg, err := patterns.DecodeImageConfig(fh)
	if err != nil || cfg.Width == cols && cfg.Height == rows || cfg.Rows == rows && cfg.Cols == cols && cfg.Count == 1 {
		return ""
	}
	return fmt.Sprintf("note: %s (%dx%d pixels) read as a %dx%d grid", path, cfg.Width, cfg.Height, rows, cols)
}

// isImage reports whether path names an image file by its extension.
func isImage(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".png", ".jpg", ".jpeg", ".gif":
		return !patterns.IsBuiltin(path)
	}
	return false
}

// npyShape writes the shape of an array from ReadMatrixNPY as NumPy does:
// a vector (rows = 1) is (N,).
func npyShape(rows, cols int) string {
	if rows == 1 {
		return fmt.Sprintf("(%d,)", cols)
	}
	return fmt.Sprintf("(%d, %d)", rows, cols)
}

func loadWeights(path, threshPath string, n int) (*hopfield.Network, error) {
	rows, cols, data, err := readMatrix(path)
	if err != nil {
		return nil, fmt.Errorf("--weights %v", err)
	}
	if rows == 1 && cols > 1 {
		return nil, fmt.Errorf("--weights %s: shape %s, want a square (N, N) matrix", path, npyShape(rows, cols))
	}
	if n >= 0 && rows != n {
		return nil, fmt.Errorf("--weights %s: %d x %d, but the patterns have N = %d neurons", path, rows, cols, n)
	}
	var theta []float64
	if threshPath != "" {
		r, c, t, err := readMatrix(threshPath)
		if err != nil {
			return nil, fmt.Errorf("--thresholds %v", err)
		}
		if r != 1 || c != rows {
			return nil, fmt.Errorf("--thresholds %s: shape %s, want (%d,)", threshPath, npyShape(r, c), rows)
		}
		theta = t
	}
	net, err := hopfield.NewFromWeights(mat.NewDense(rows, cols, data), hopfield.WeightOptions{Thresholds: theta})
	if err != nil {
		return nil, fmt.Errorf("--weights %s: %v", path, err)
	}
	return net, nil
}

type recallOutcome struct {
	Seed     uint64    `json:"seed"`
	N        int       `json:"n"`
	P        int       `json:"p"`
	Rule     string    `json:"rule"`
	Form     string    `json:"form"`
	Cue      string    `json:"cue"`
	End      string    `json:"end"`
	Steps    int       `json:"steps"`
	Updates  int       `json:"updates"`
	Flips    int       `json:"flips"`
	Energy   float64   `json:"energy"`
	Overlaps []float64 `json:"overlaps"`
	Recalled int       `json:"recalled"` // index of the stored pattern recalled exactly, -1 if none
	Reversed int       `json:"reversed"` // index of a stored pattern whose reverse was reached, -1 if none
	Hamming  *int      `json:"hamming,omitempty"`
}

func recallReport(net *hopfield.Network, stored []patterns.Pattern, res hopfield.Result, cue string, target []int8, seed uint64) recallOutcome {
	o := recallOutcome{Seed: seed, N: net.N(), P: len(stored), Rule: net.Rule().String(), Form: net.Form().String(), Cue: cue,
		End: res.End.String(), Steps: res.Steps, Updates: res.Updates, Flips: res.Flips,
		Energy: net.Energy(res.State), Overlaps: []float64{}, Recalled: -1, Reversed: -1}
	for _, p := range stored {
		o.Overlaps = append(o.Overlaps, hopfield.Overlap(res.State, p.Data))
	}
	// The stored patterns may not be the network's (--weights), so the
	// nearest is found from the overlaps, by the library's one rule.
	if mu := hopfield.Nearest(o.Overlaps); mu >= 0 {
		switch o.Overlaps[mu] {
		case 1:
			o.Recalled = mu
		case -1:
			o.Reversed = mu
		}
	}
	if target != nil {
		h := hopfield.Hamming(res.State, target)
		o.Hamming = &h
	}
	return o
}

func printRecall(w io.Writer, weights string, stored []patterns.Pattern, cue, final patterns.Pattern, res hopfield.Result, o recallOutcome, art bool) {
	if weights != "" {
		fmt.Fprintf(w, "weights from %s: N = %d (%s form), no stored patterns\n", weights, o.N, o.Form)
	} else {
		fmt.Fprintf(w, "stored %s of N = %d (%s, %s form)\n", plural(o.P, "1 pattern", "%d patterns"), o.N, o.Rule, o.Form)
	}
	fmt.Fprintf(w, "cue: %s\n", o.Cue)
	fmt.Fprintf(w, "ended at a %s after %s (%s, %s); energy %.6g\n", o.End,
		plural(o.Steps, "1 step", "%d steps"), plural(o.Updates, "1 update", "%d updates"), plural(o.Flips, "1 flip", "%d flips"), o.Energy)
	if res.End == hopfield.StepLimit || res.End == hopfield.Cycle {
		fmt.Fprintln(w, "note: the run did not settle; raise --max-steps or look at the trace")
	}
	switch {
	case o.Recalled >= 0:
		fmt.Fprintf(w, "recalled pattern %d (%s) exactly\n", o.Recalled, stored[o.Recalled].Name)
	case o.Reversed >= 0:
		fmt.Fprintf(w, "reached the reverse of pattern %d (%s)\n", o.Reversed, stored[o.Reversed].Name)
	case len(stored) > 0:
		fmt.Fprintln(w, "recalled no stored pattern exactly")
	}
	if o.Hamming != nil {
		fmt.Fprintf(w, "Hamming distance to the cued pattern: %d\n", *o.Hamming)
	}
	if len(o.Overlaps) > 0 {
		parts := make([]string, len(o.Overlaps))
		for i, m := range o.Overlaps {
			parts[i] = fmt.Sprintf("%s %.3f", stored[i].Name, m)
		}
		fmt.Fprintf(w, "overlaps: %s\n", strings.Join(parts, ", "))
	}
	if art && final.Rows <= maxArt && final.Cols <= maxArt {
		fmt.Fprintln(w)
		writeSideBySide(w, []string{"cue", "recalled"}, []patterns.Pattern{cue, final})
	}
}

// writeSideBySide prints patterns as text art next to each other.
func writeSideBySide(w io.Writer, titles []string, ps []patterns.Pattern) {
	rows := make([][]string, len(ps))
	width := make([]int, len(ps))
	height := 0
	for i, p := range ps {
		rows[i] = strings.Split(p.String(), "\n")
		width[i] = max(p.Cols, len(titles[i]))
		height = max(height, len(rows[i]))
	}
	line := func(cell func(i int) string) {
		var b strings.Builder
		for i := range ps {
			if i > 0 {
				b.WriteString("   ")
			}
			fmt.Fprintf(&b, "%-*s", width[i], cell(i))
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	line(func(i int) string { return titles[i] })
	for r := range height {
		line(func(i int) string {
			if r < len(rows[i]) {
				return rows[i][r]
			}
			return ""
		})
	}
}

// writeTrace stages the trace in the batch, as .json or else .csv.
func writeTrace(batch *atomicfile.Batch, path string, pts []hopfield.TracePoint) error {
	if strings.EqualFold(filepath.Ext(path), ".json") {
		data, err := json.MarshalIndent(pts, "", "  ")
		if err != nil {
			return err
		}
		return batch.WriteFile(path, append(data, '\n'))
	}
	return batch.Write(path, func(w io.Writer) error {
		cw := csv.NewWriter(w)
		p := 0
		if len(pts) > 0 {
			p = len(pts[0].Overlaps)
		}
		head := []string{"step", "updates", "flips", "energy", "hamming", "error"}
		for mu := range p {
			head = append(head, "m"+strconv.Itoa(mu))
		}
		if err := cw.Write(head); err != nil {
			return err
		}
		for _, pt := range pts {
			rec := []string{strconv.Itoa(pt.Step), strconv.Itoa(pt.Updates), strconv.Itoa(pt.Flips),
				strconv.FormatFloat(pt.Energy, 'g', -1, 64), strconv.Itoa(pt.Hamming), strconv.Itoa(pt.Error)}
			for _, m := range pt.Overlaps {
				rec = append(rec, strconv.FormatFloat(m, 'g', -1, 64))
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	})
}

var errNoMatrix = errors.New("not a matrix")

func readMatrix(path string) (rows, cols int, data []float64, err error) {
	if !strings.EqualFold(filepath.Ext(path), ".npy") {
		return 0, 0, nil, fmt.Errorf("%s: want a .npy file", path)
	}
	fh, err := openFile(path)
	if err != nil {
		return 0, 0, nil, err
	}
	defer fh.Close()
	rows, cols, data, err = patterns.ReadMatrixNPY(fh)
	if err != nil {
		return 0, 0, nil, fmt.Errorf("%s: %v", path, err)
	}
	return rows, cols, data, nil
}
