package cli

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/capacity"
	"github.com/hopfield-lab/hopfield/internal/atomicfile"
	"github.com/hopfield-lab/hopfield/internal/plots"
	"gonum.org/v1/plot/vg"
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
	trials := fs.Int("trials", 100, "independent networks per cell")
	probes := fs.Int("probes", capacity.DefaultProbes, "stored patterns probed per network (at most P)")
	maxSweeps := fs.Int("max-sweeps", capacity.DefaultMaxSweeps, "limit of asynchronous sweeps per run")
	seed := seedFlag(fs)
	shard := fs.String("shard", "", "run one slice i/n of the grid (0 <= i < n), e.g. $SLURM_ARRAY_TASK_ID/8")
	workers := fs.Int("workers", 0, "goroutines (0: one per core); results do not depend on it")
	out := fs.String("out", "", "output file, .csv or .json (default: CSV on stdout)")
	format := fs.String("format", "", "output format csv or json (default: from --out, else csv)")
	plotPath := fs.String("plot", "", "also draw the sweep with theory curves to this .png, .svg or .pdf")
	if err := env.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return Usagef("unexpected argument %q", fs.Arg(0))
	}
	spec := capacity.Spec{Trials: *trials, Probes: *probes, MaxSweeps: *maxSweeps, Seed: *seed, Workers: *workers}
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
	if *trials < 1 || *probes < 1 || *maxSweeps < 1 || *workers < 0 {
		return Usagef("--trials, --probes and --max-sweeps must be at least 1, --workers at least 0")
	}
	enc, err := tableFormat(*format, *out)
	if err != nil {
		return err
	}
	if *plotPath != "" {
		if err := checkPlotPath(*plotPath); err != nil {
			return err
		}
	}
	cells, err := spec.Cells()
	if err != nil {
		return Usagef("%v", err)
	}
	env.printSeed(*seed)
	held := 0
	for _, c := range cells {
		if spec.Shard.Holds(c.Index) {
			held++
		}
	}
	fmt.Fprintf(env.Stderr, "%d of %d cells, %d networks x %d probes each\n", held, len(cells), spec.Trials, spec.Probes)
	var bar *progressBar
	if env.StderrTerminal {
		bar = newProgressBar(env.Stderr, "probes")
		spec.Progress = bar.update
	}
	start := time.Now()
	table, err := capacity.Run(env.Ctx, spec)
	if bar != nil {
		bar.finish()
	}
	if err != nil {
		if env.Ctx.Err() != nil {
			return fmt.Errorf("interrupted: %w", err)
		}
		return err
	}
	if err := writeTable(env, table, enc, *out); err != nil {
		return err
	}
	if *plotPath != "" {
		if err := saveTablePlot(table, *plotPath); err != nil {
			return err
		}
	}
	fmt.Fprintf(env.Stderr, "%d rows in %.1fs\n", len(table.Rows), time.Since(start).Seconds())
	return nil
}

// tableFormat decides between CSV and JSON from --format, else --out's
// extension.
func tableFormat(format, out string) (string, error) {
	if format == "" {
		switch strings.ToLower(filepath.Ext(out)) {
		case ".json":
			format = "json"
		case "", ".csv":
			format = "csv"
		default:
			return "", Usagef("--out %s: want a .csv or .json file (or give --format)", out)
		}
	}
	if format != "csv" && format != "json" {
		return "", Usagef("--format %q: want csv or json", format)
	}
	return format, nil
}

func checkPlotPath(path string) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".png", ".svg", ".pdf":
		return nil
	}
	return Usagef("--plot %s: want a .png, .svg or .pdf file", path)
}

// writeTable writes the table to path (atomically) or to stdout.
func writeTable(env *Env, t *capacity.Table, format, path string) error {
	write := func(w io.Writer) error {
		if format == "json" {
			return t.WriteJSON(w)
		}
		return t.WriteCSV(w)
	}
	if path == "" {
		return write(env.Stdout)
	}
	if err := atomicfile.Write(path, write); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	return nil
}

// saveTablePlot stacks the table's plots, one per measure, and saves them.
func saveTablePlot(t *capacity.Table, path string) error {
	ps, err := t.Plots()
	if err != nil {
		return Internal(err)
	}
	panels := make([]plots.Panel, len(ps))
	for i, p := range ps {
		panels[i] = p
	}
	var fig plots.Panel = panels[0]
	if len(panels) > 1 {
		if fig, err = plots.Stack("", panels...); err != nil {
			return Internal(err)
		}
	}
	if err := plots.Save(path, plots.DefaultWidth, plots.DefaultHeight*vg.Length(len(panels)), fig); err != nil {
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
