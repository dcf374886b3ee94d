package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"path/filepath"
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
	Args:  "[--rule R,...] [--n N,...] [--alpha LIST] [--trials T] [--measure M,...] [--noise LIST] [--out FILE] [--plot FILE] [flags]",
	Short: "capacity sweep over rules, sizes, loads and cue noise, with theory",
	Long: `Capacity measures stored random patterns in networks of every learning rule,
size N and load alpha = P/N (P = round(alpha N)), and writes one row per cell
(rule, N, alpha, noise) and measure: mean, standard error (between networks),
quantiles, counts and the theoretical value where one applies.

Measures: fixed (fraction of stored patterns that are fixed points), overlap
(|m| after asynchronous dynamics from the pattern, or from a cue with
--noise of its bits flipped), recall (exact-recall rate of those dynamics),
onestep (one-step bit error rate). Each network probes --probes of its
patterns. Lists take values and ranges: --alpha 0.05:0.20:0.01.

The results depend only on the seed, not on the number of cores. --shard i/n
runs the cells k with k mod n = i, for a job array; 'hopfield merge' joins
the shards into the table of the whole sweep.

Before any work, capacity checks the output paths and estimates the sweep:
the memory of the networks held at once and of the statistics (at most
--memory-gb) and the CPU time (at most --max-cpu-hours, 24 by default; a
larger sweep must raise it or be split with --shard). The table and the
plot are written together or not at all.

Example:
  hopfield capacity --rule hebbian,storkey,pseudoinverse --n 1000 \
    --alpha 0.05:0.20:0.01 --trials 100 --out sweep.csv --plot sweep.png`,
	Run: runCapacity,
}

func runCapacity(env *Env, fs *flag.FlagSet, args []string) error {
	rules := fs.String("rule", "hebbian", "learning rules, comma-separated: hebbian, storkey, pseudoinverse")
	ns := fs.String("n", "1000", "network sizes N: values or ranges lo:hi:step")
	alphas := fs.String("alpha", "0.05:0.20:0.01", "loads alpha = P/N: values or ranges lo:hi:step")
	noises := fs.String("noise", "0", "fractions of the cue's bits flipped (overlap and recall only)")
	measures := fs.String("measure", "overlap", "measures, comma-separated: fixed, overlap, recall, onestep")
	trials := fs.Int("trials", 100, fmt.Sprintf("independent networks per cell (1 to %d)", capacity.MaxTrials))
	probes := fs.Int("probes", capacity.DefaultProbes, "stored patterns probed per network (at most P)")
	maxSweeps := fs.Int("max-sweeps", capacity.DefaultMaxSweeps, "limit of asynchronous sweeps per run")
	seed := seedFlag(fs)
	shard := fs.String("shard", "", "run one slice i/n of the grid (0 <= i < n), e.g. $SLURM_ARRAY_TASK_ID/8")
	workers := fs.Int("workers", 0, "goroutines (0: one per core); results do not depend on it")
	memoryGB := fs.Float64("memory-gb", 0, "memory limit in GiB for the networks held at once and the statistics (0: half the machine's memory)")
	maxHours := fs.Float64("max-cpu-hours", 24, "refuse a sweep (or shard) estimated to take more CPU time than this; 0: no limit")
	out := fs.String("out", "", "output file, .csv or .json (default: CSV on stdout)")
	format := fs.String("format", "", "output format csv or json (default: from --out, else csv)")
	plotPath := fs.String("plot", "", "also draw the sweep with theory curves to this .png, .svg or .pdf")
	if err := env.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return Usagef("unexpected argument %q", fs.Arg(0))
	}
	// The flags' zero is not the library's "default": a count of 0 is a
	// mistake. The library checks the rest (Spec.Validate).
	switch {
	case *probes == 0:
		return Usagef("--probes 0: want at least 1")
	case *maxSweeps == 0:
		return Usagef("--max-sweeps 0: want at least 1")
	case !(*maxHours >= 0) || math.IsInf(*maxHours, 0):
		return Usagef("--max-cpu-hours %v: want a number of hours >= 0 (0: no limit)", *maxHours)
	case !(*memoryGB >= 0 && *memoryGB <= 1<<20):
		return Usagef("--memory-gb %v: want a number of GiB >= 0 (0: half the machine's memory)", *memoryGB)
	}
	spec := capacity.Spec{Trials: *trials, Probes: *probes, MaxSweeps: *maxSweeps, Seed: *seed, Workers: *workers,
		MemoryLimit: int64(*memoryGB * (1 << 30))}
	for name := range strings.SplitSeq(*rules, ",") {
		r, err := hopfield.ParseRule(name)
		if err != nil {
			return Usagef("--rule: %v", err)
		}
		spec.Rules = append(spec.Rules, r)
	}
	for name := range strings.SplitSeq(*measures, ",") {
		m, err := capacity.ParseMeasure(name)
		if err != nil {
			return Usagef("--measure: %v", err)
		}
		spec.Measures = append(spec.Measures, m)
	}
	var err error
	if spec.Ns, err = capacity.ParseInts(*ns); err != nil {
		return Usagef("--n: %v", err)
	}
	if spec.Alphas, err = capacity.ParseList(*alphas); err != nil {
		return Usagef("--alpha: %v", err)
	}
	if spec.Noises, err = capacity.ParseList(*noises); err != nil {
		return Usagef("--noise: %v", err)
	}
	if *shard != "" {
		if spec.Shard, err = capacity.ParseShard(*shard); err != nil {
			return Usagef("--shard: %v", err)
		}
	}
	if err := spec.Validate(); err != nil {
		return specFlagError(err)
	}
	enc, err := checkOutputs(*format, *out, *plotPath)
	if err != nil {
		return err
	}
	cost, err := spec.Estimate()
	if err != nil {
		return Usagef("%v", err)
	}
	cpu := cost.CPUTime()
	if *maxHours > 0 && cpu.Hours() > *maxHours {
		return Usagef("the sweep is too large: %d networks, %d probes, about %.1e operations, roughly %s of CPU time, over --max-cpu-hours %g; use fewer --trials or --probes, a smaller grid or --shard, or raise --max-cpu-hours",
			cost.Networks, cost.Probes, cost.Ops, formatCPU(cpu), *maxHours)
	}
	env.printSeed(*seed)
	probesEach := strconv.Itoa(cost.MaxProbes)
	if cost.MinProbes != cost.MaxProbes {
		probesEach = fmt.Sprintf("%d to %d", cost.MinProbes, cost.MaxProbes)
	}
	fmt.Fprintf(env.Stderr, "%d of %d cells, %d networks x %s probes each\n", cost.Cells, cost.Grid, spec.Trials, probesEach)
	if cpu >= time.Minute {
		fmt.Fprintf(env.Stderr, "estimated: roughly %s of CPU time, %s of memory\n", formatCPU(cpu), hopfield.FormatBytes(cost.Memory))
	}
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

// writeOutputs writes the table to path (or stdout) and draws it to
// plotPath if given, all or nothing: both files are staged and renamed
// into place together, and stdout is written only once the plot is drawn.
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
