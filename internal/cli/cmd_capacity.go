package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/capacity"
	"github.com/hopfield-lab/hopfield/figure"
	"github.com/hopfield-lab/hopfield/hopplot"
	"github.com/hopfield-lab/hopfield/internal/atomicfile"
)

var cmdCapacity = &Command{
	Name:  "capacity",
	Args:  "[--rule R,...] [--energy F] [--n N,...] [--alpha LIST | --p LIST] [--trials T] [--measure M,...] [--noise LIST] [--out FILE] [--plot FILE] [flags]",
	Short: "capacity sweep over rules, sizes, loads and cue noise, with theory",
	Long: `Capacity measures stored random patterns in networks of every learning rule,
size N and load alpha = P/N (P = round(alpha N)), or number of patterns P,
and writes one row per cell (rule, N, P, noise) and measure: mean, standard
error (between networks), quantiles, counts and the theoretical value where
one applies.

Rules: hebbian, storkey, pseudoinverse, and dense, the dense associative
memory, whose interaction function --energy gives: poly:N, rpoly:N, exp or
lse (exp and lse take beta as exp:0.5 or --beta). Dense memories hold far
more than N patterns: sweep them with --p.

Measures: fixed (fraction of stored patterns that are fixed points, every
field with the bit's sign: a zero field counts as unstable), onestep
(one-step bit error rate), overlap (|m| after asynchronous dynamics from the
pattern, or from a cue with --noise of its bits flipped), signed (m itself:
-1 at the reversed pattern), recall (exact-recall rate of those dynamics),
success (rate of m >= --threshold), flips (neuron flips per run), allfixed
(fraction of networks with every stored pattern fixed). Each network probes
--probes of its patterns. Runs that hit --max-sweeps are counted in the
column unconverged and left out of the statistics, unless
--include-unconverged. Lists take values and ranges: --alpha 0.05:0.20:0.01,
--p 100:1000:100.

The results depend only on the seed, not on the number of cores. --shard i/n
runs the cells k with k mod n = i, for a job array; 'hopfield merge' joins
the shards into the table of the whole sweep.

--out x.csv writes a plain CSV and, beside it, x.json: the sweep's settings
(its "sidecar"), which merge needs. --out x.json writes the whole table as
JSON instead.

Before any work, capacity checks the output paths and estimates the sweep:
the memory of the networks held at once and of the statistics (at most
--memory-gb) and the CPU time (at most --max-cpu-hours, 24 by default; a
larger sweep must raise it or be split with --shard). The table, its
sidecar and the plot are written together or not at all.

Examples:
  hopfield capacity --rule hebbian,storkey,pseudoinverse --n 1000 \
    --alpha 0.05:0.20:0.01 --trials 100 --out sweep.csv --plot sweep.png
  hopfield capacity --rule dense --energy poly:3 --n 100 --p 100:1000:100 \
    --measure fixed,onestep --trials 20 --out dense.csv`,
	Run: runCapacity,
}

// capacityFlags are the flags that make the capacity.Spec.
type capacityFlags struct {
	rules, energy, ns, alphas, ps, noises, measures, tie, shard string
	beta, threshold                                             float64
	trials, probes, maxSweeps, workers                          int
	keepDiagonal, includeUnconverged                            bool
	seed                                                        *uint64
}

func (f *capacityFlags) declare(fs *flag.FlagSet) {
	fs.StringVar(&f.rules, "rule", "hebbian", "learning rules, comma-separated: hebbian, storkey, pseudoinverse, dense")
	fs.StringVar(&f.energy, "energy", "", "interaction function of the dense rule: poly:N, rpoly:N, exp or lse (exp:BETA, lse:BETA)")
	fs.Float64Var(&f.beta, "beta", 0, "beta of --energy exp or lse (default 1)")
	fs.StringVar(&f.ns, "n", "1000", "network sizes N: values or ranges lo:hi:step")
	fs.StringVar(&f.alphas, "alpha", "0.05:0.20:0.01", "loads alpha = P/N: values or ranges lo:hi:step (not used when only --p is given)")
	fs.StringVar(&f.ps, "p", "", "numbers of patterns P: values or ranges lo:hi:step, instead of or with --alpha")
	fs.StringVar(&f.noises, "noise", "0", "fractions of the cue's bits flipped (measures of the dynamics only)")
	fs.StringVar(&f.measures, "measure", "overlap", "measures, comma-separated: fixed, onestep, overlap, signed, recall, success, flips, allfixed")
	fs.Float64Var(&f.threshold, "threshold", 0, "success: the signed overlap m >= threshold that counts, in (0, 1] (default 0.9)")
	fs.StringVar(&f.tie, "tie", "keep", "a zero field in the dynamics and onestep: keep, plus or minus")
	fs.BoolVar(&f.keepDiagonal, "keep-diagonal", false, "pseudoinverse: keep the self-coupling W_ii")
	fs.BoolVar(&f.includeUnconverged, "include-unconverged", false, "keep the runs that hit --max-sweeps in the statistics")
	fs.IntVar(&f.trials, "trials", 100, fmt.Sprintf("independent networks per cell (1 to %d)", capacity.MaxTrials))
	fs.IntVar(&f.probes, "probes", capacity.DefaultProbes, "stored patterns probed per network (at most P)")
	fs.IntVar(&f.maxSweeps, "max-sweeps", capacity.DefaultMaxSweeps, "limit of asynchronous sweeps per run")
	f.seed = seedFlag(fs)
	fs.StringVar(&f.shard, "shard", "", "run one slice i/n of the grid (0 <= i < n), e.g. $SLURM_ARRAY_TASK_ID/8")
	fs.IntVar(&f.workers, "workers", 0, "goroutines (0: one per core); results do not depend on it")
}

func runCapacity(env *Env, fs *flag.FlagSet, args []string) error {
	var f capacityFlags
	f.declare(fs)
	memoryGB := fs.Float64("memory-gb", 0, "memory limit in GiB for the networks held at once and the statistics (0: half the machine's memory)")
	maxHours := fs.Float64("max-cpu-hours", 24, "refuse a sweep (or shard) estimated to take more CPU time than this; 0: no limit")
	out := fs.String("out", "", "output file, .csv (with its sidecar .json) or .json (default: CSV on stdout)")
	format := fs.String("format", "", "output format csv or json (default: from --out, else csv)")
	plotPath := fs.String("plot", "", "also draw the sweep with theory curves to this .png, .svg or .pdf")
	if err := env.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return Usagef("unexpected argument %q", fs.Arg(0))
	}
	switch {
	case !(*maxHours >= 0) || math.IsInf(*maxHours, 0):
		return Usagef("--max-cpu-hours %v: want a number of hours >= 0 (0: no limit)", *maxHours)
	case !(*memoryGB >= 0 && *memoryGB <= 1<<20):
		return Usagef("--memory-gb %v: want a number of GiB >= 0 (0: half the machine's memory)", *memoryGB)
	}
	spec, err := f.spec(fs)
	if err != nil {
		return err
	}
	spec.MemoryLimit = int64(*memoryGB * (1 << 30))
	enc, err := checkOutputs(*format, *out, *plotPath)
	if err != nil {
		return err
	}
	cost, err := spec.Estimate()
	if err != nil {
		return Usagef("%v", err)
	}
	if cpu := cost.CPUTime(); *maxHours > 0 && cpu.Hours() > *maxHours {
		return Usagef("the sweep is too large: %d networks, %d probes, about %.1e operations, roughly %s of CPU time, over --max-cpu-hours %g; use fewer --trials or --probes, a smaller grid or --shard, or raise --max-cpu-hours",
			cost.Networks, cost.Probes, cost.Ops, formatCPU(cpu), *maxHours)
	}
	env.printSeed(spec.Seed)
	reportCost(env, spec, cost)
	var bar *progressBar
	if env.StderrTerminal {
		bar = newProgressBar(env.Stderr, "probes")
		spec.Progress = bar.update
	}
	start := time.Now()
	table, err := capacity.Run(env.Context(), spec)
	if bar != nil {
		bar.finish()
	}
	if err != nil {
		if env.Context().Err() != nil {
			return fmt.Errorf("interrupted: %w", err)
		}
		return err
	}
	if err := writeOutputs(env, table, enc, *out, *plotPath); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "%d rows in %.1fs\n", len(table.Rows), time.Since(start).Seconds())
	return nil
}

// spec makes the sweep's spec from the flags. The flags' zero is not the
// library's "default": a count of 0 is a mistake, and so is a flag that
// belongs to a rule or a measure not asked for. The library checks the
// rest (Spec.Validate), and its errors are worded as flags here.
func (f *capacityFlags) spec(fs *flag.FlagSet) (capacity.Spec, error) {
	switch {
	case f.probes == 0:
		return capacity.Spec{}, Usagef("--probes 0: want at least 1")
	case f.maxSweeps == 0:
		return capacity.Spec{}, Usagef("--max-sweeps 0: want at least 1")
	}
	spec := capacity.Spec{Trials: f.trials, Probes: f.probes, MaxSweeps: f.maxSweeps, Seed: *f.seed, Workers: f.workers,
		KeepDiagonal: f.keepDiagonal, IncludeUnconverged: f.includeUnconverged, Threshold: f.threshold}
	var err error
	if spec.Rules, err = parseNames(f.rules, "--rule", hopfield.ParseRule); err != nil {
		return spec, err
	}
	if spec.Measures, err = parseNames(f.measures, "--measure", capacity.ParseMeasure); err != nil {
		return spec, err
	}
	if slices.Contains(spec.Measures, capacity.Success) && !isSet(fs, "threshold") {
		spec.Threshold = 0.9
	}
	if spec.Tie, err = hopfield.ParseTie(f.tie); err != nil {
		return spec, Usagef("--tie: %v", err)
	}
	if spec.Energy, err = f.parseEnergy(fs); err != nil {
		return spec, err
	}
	if err := f.parseGrid(fs, &spec); err != nil {
		return spec, err
	}
	if f.shard != "" {
		if spec.Shard, err = capacity.ParseShard(f.shard); err != nil {
			return spec, Usagef("--shard: %v", err)
		}
	}
	if err := spec.Validate(); err != nil {
		return spec, specFlagError(err)
	}
	return spec, nil
}

// parseNames reads a comma-separated list of names.
func parseNames[T any](list, flagName string, parse func(string) (T, error)) ([]T, error) {
	var out []T
	for name := range strings.SplitSeq(list, ",") {
		v, err := parse(name)
		if err != nil {
			return nil, Usagef("%s: %v", flagName, err)
		}
		out = append(out, v)
	}
	return out, nil
}

// parseEnergy reads --energy, with the beta of --beta for exp and lse.
func (f *capacityFlags) parseEnergy(fs *flag.FlagSet) (hopfield.Energy, error) {
	if f.energy == "" {
		if isSet(fs, "beta") {
			return hopfield.Energy{}, Usagef("--beta is for --energy exp or lse")
		}
		return hopfield.Energy{}, nil
	}
	e, err := hopfield.ParseEnergy(f.energy)
	if err != nil {
		return e, Usagef("--energy: %v", err)
	}
	if isSet(fs, "beta") {
		if e.Kind != hopfield.Exp && e.Kind != hopfield.LSE {
			return e, Usagef("--beta is for --energy exp or lse, not %s", f.energy)
		}
		if strings.Contains(f.energy, ":") && e.Beta != f.beta {
			return e, Usagef("--energy %s and --beta %g disagree: give beta once", f.energy, f.beta)
		}
		e.Beta = f.beta
		if err := e.Validate(); err != nil {
			return e, Usagef("--beta %g: want a number in (0, %d]", f.beta, hopfield.MaxBeta)
		}
	}
	return e, nil
}

// parseGrid reads the sizes, loads and noise levels. --alpha's default
// applies only when --p is not given.
func (f *capacityFlags) parseGrid(fs *flag.FlagSet, spec *capacity.Spec) error {
	var err error
	if spec.Ns, err = capacity.ParseInts(f.ns); err != nil {
		return Usagef("--n: %v", err)
	}
	if f.ps != "" {
		if spec.Ps, err = capacity.ParseInts(f.ps); err != nil {
			return Usagef("--p: %v", err)
		}
	}
	if f.ps == "" || isSet(fs, "alpha") {
		if spec.Alphas, err = capacity.ParseList(f.alphas); err != nil {
			return Usagef("--alpha: %v", err)
		}
	}
	if spec.Noises, err = capacity.ParseList(f.noises); err != nil {
		return Usagef("--noise: %v", err)
	}
	return nil
}

// reportCost says on stderr how many cells and probes the sweep has, and
// what it will take when that is over a minute.
func reportCost(env *Env, spec capacity.Spec, cost capacity.Cost) {
	probesEach := strconv.Itoa(cost.MaxProbes)
	if cost.MinProbes != cost.MaxProbes {
		probesEach = fmt.Sprintf("%d to %d", cost.MinProbes, cost.MaxProbes)
	}
	fmt.Fprintf(env.Stderr, "%d of %d cells, %d networks x %s probes each\n", cost.Cells, cost.Grid, spec.Trials, probesEach)
	if cpu := cost.CPUTime(); cpu >= time.Minute {
		fmt.Fprintf(env.Stderr, "estimated: roughly %s of CPU time, %s of memory\n", formatCPU(cpu), hopfield.FormatBytes(cost.Memory))
	}
}

// formatCPU writes a CPU time as people read it: 40 s, 12 min, 3.5 hours,
// 20 days, 3e+05 years.
func formatCPU(d time.Duration) string {
	switch h := d.Hours(); {
	case d < time.Minute:
		return fmt.Sprintf("%.0f s", d.Seconds())
	case d < 2*time.Hour:
		return fmt.Sprintf("%.0f min", d.Minutes())
	case h < 72:
		return fmt.Sprintf("%.1f hours", h)
	case h < 2*365*24:
		return fmt.Sprintf("%.0f days", h/24)
	default:
		return fmt.Sprintf("%.2g years", h/24/365)
	}
}

// checkOutputs checks the table's and the plot's paths before any work, so
// that a typo does not cost a sweep, and returns the table's format.
func checkOutputs(format, out, plotPath string) (string, error) {
	enc, err := tableFormat(format, out)
	if err != nil {
		return "", err
	}
	if out != "" {
		if err := atomicfile.CheckWritable(out); err != nil {
			return "", fmt.Errorf("--out: %w", err)
		}
	}
	if out != "" && enc == "csv" {
		if err := atomicfile.CheckWritable(capacity.SidecarPath(out)); err != nil {
			return "", fmt.Errorf("--out: its sidecar: %w", err)
		}
	}
	if plotPath != "" {
		if err := checkPlotPath(plotPath); err != nil {
			return "", err
		}
		if err := atomicfile.CheckWritable(plotPath); err != nil {
			return "", fmt.Errorf("--plot: %w", err)
		}
		if out != "" && filepath.Clean(out) == filepath.Clean(plotPath) {
			return "", Usagef("--out and --plot are the same file %s", out)
		}
	}
	return enc, nil
}

// tableFormat decides between CSV and JSON from --format, else --out's
// extension. A --format that contradicts the extension is refused: a JSON
// file named .csv would fool the next program that reads it.
func tableFormat(format, out string) (string, error) {
	byExt := ""
	switch strings.ToLower(filepath.Ext(out)) {
	case ".json":
		byExt = "json"
	case ".csv":
		byExt = "csv"
	}
	switch format {
	case "":
		if out != "" && byExt == "" {
			return "", Usagef("--out %s: want a .csv or .json file (or give --format)", out)
		}
		if byExt == "" {
			byExt = "csv"
		}
		return byExt, nil
	case "csv", "json":
		if byExt != "" && byExt != format {
			return "", Usagef("--format %s, but --out %s names a .%s file: drop --format or rename the file", format, out, byExt)
		}
		return format, nil
	}
	return "", Usagef("--format %q: want csv or json", format)
}

func checkPlotPath(path string) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".png", ".svg", ".pdf":
		return nil
	}
	return Usagef("--plot %s: want a .png, .svg or .pdf file", path)
}

// writeOutputs writes the table to path (or stdout), with its sidecar
// beside a CSV file, and draws it to plotPath if given, all or nothing:
// the files are staged and renamed into place together, and stdout is
// written only once the plot is drawn. CSV on stdout has no sidecar.
func writeOutputs(env *Env, t *capacity.Table, format, path, plotPath string) error {
	var batch atomicfile.Batch
	defer batch.Abort()
	if plotPath != "" {
		if err := stageTablePlot(&batch, t, plotPath); err != nil {
			return err
		}
	}
	write := func(w io.Writer) error {
		if format == "json" {
			return t.WriteJSON(w)
		}
		return t.WriteCSV(w)
	}
	if path == "" {
		if err := write(env.Stdout); err != nil {
			return err
		}
	} else if err := batch.Write(path, write); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	if path != "" && format == "csv" {
		if err := batch.Write(capacity.SidecarPath(path), t.WriteSidecar); err != nil {
			return fmt.Errorf("--out: %w", err)
		}
	}
	return batch.Commit()
}

// stageTablePlot stacks the table's plots, one per measure, and stages the
// figure in the batch.
func stageTablePlot(batch *atomicfile.Batch, t *capacity.Table, path string) error {
	ps, err := figure.Capacity(t)
	if err != nil {
		return Internal(err)
	}
	fig := &figure.Figure{Name: "capacity", Width: 8, Height: 5 * float64(len(ps)), Panels: ps}
	format := strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
	err = batch.Write(path, func(w io.Writer) error { return hopplot.RenderFigure(w, format, fig) })
	if err != nil {
		return fmt.Errorf("--plot: %w", err)
	}
	return nil
}

// progressBar draws "[=====>    ]  45%  4500/10000 probes  ETA 12s" on one
// terminal line, at most ten times a second.
type progressBar struct {
	w     io.Writer
	unit  string
	start time.Time
	last  time.Time
}

func newProgressBar(w io.Writer, unit string) *progressBar {
	return &progressBar{w: w, unit: unit, start: time.Now()}
}

func (b *progressBar) update(done, total int) {
	now := time.Now()
	if done < total && now.Sub(b.last) < 100*time.Millisecond {
		return
	}
	b.last = now
	const width = 30
	frac := float64(done) / float64(max(total, 1))
	filled := int(frac * width)
	bar := strings.Repeat("=", filled)
	if filled < width {
		bar += ">" + strings.Repeat(" ", width-filled-1)
	}
	eta := "--"
	if done > 0 {
		elapsed := now.Sub(b.start)
		eta = (time.Duration(float64(elapsed) * (1 - frac) / frac)).Round(time.Second).String()
	}
	fmt.Fprintf(b.w, "\r[%s] %3.0f%%  %d/%d %s  ETA %s  ", bar, 100*frac, done, total, b.unit, eta)
}

func (b *progressBar) finish() { fmt.Fprintln(b.w) }

// specFlagError words the library's spec errors as flags.
func specFlagError(err error) error {
	var se *capacity.SpecError
	if errors.As(err, &se) {
		return Usagef("--%s %v: want %s", se.Field, se.Value, se.Want)
	}
	return Usagef("%v", err)
}
