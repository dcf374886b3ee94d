package cli

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"unsafe"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/internal/atomicfile"
	"github.com/hopfield-lab/hopfield/patterns"
)

var cmdPatterns = &Command{
	Name:  "patterns",
	Args:  "list | show SRC... | convert SRC... --out FILE | random --n N --p P --out FILE",
	Short: "list the built-in patterns, show patterns as text, convert pattern files, draw random ones",
	Long: `Patterns lists the built-in patterns, prints patterns as text art,
converts between pattern files, and draws random patterns.

  hopfield patterns list
  hopfield patterns show seed:A alphabet:Q:7
  hopfield patterns convert seed:BU --out bu.png
  hopfield patterns convert my.png --rows 10 --cols 10 --out my.txt
  hopfield patterns random --n 100 --p 200 --seed 7 --out x.npy
  hopfield patterns random --rows 10 --cols 10 --p 200 --seed 7 --out x.npy

random writes P random patterns of N neurons, each +1 with probability
--bias (0.5), as a (P, N) int8 .npy array, or (P, R, C) with --rows and
--cols: the same patterns as the web lab's memory with random=P and
random_seed=S on an R x C grid. It prints the seed. hopfield itself reads
a 2-D array (P, N) with P >= N as one picture (a classic network cannot
hold N patterns); to load more patterns than neurons back, as a dense
memory holds, write them with --rows 1 --cols N: (P, 1, N).

A SRC is a built-in name (seed:X, alphabet:A:16, ...), a .npy file, an image
(.png, .jpg, .gif) or a text file. --out writes .npy, .png or .txt; several
patterns go to one .npy or .txt file, or side by side into one .png.

A .png written here records the shape of its patterns, so it reads back as
them at any --scale (a side-by-side .png as its several patterns). Other
images are read one neuron per pixel, or on the grid --rows x --cols. Text
art is shown up to 64x64; see larger patterns as an image with convert.`,
	Run: runPatterns,
}

func runPatterns(env *Env, fs *flag.FlagSet, args []string) error {
	out := fs.String("out", "", "with convert: write to `FILE` (.npy, .png or .txt)")
	rows := fs.Int("rows", 0, "images: divide the image into this many rows of neurons (0: one neuron per pixel)")
	cols := fs.Int("cols", 0, "images: divide the image into this many columns of neurons")
	var imf imageFlags
	imf.declare(fs)
	scale := fs.Int("scale", 0, "with convert to .png: pixels per neuron (0: automatic)")
	var rf randomFlags
	rf.declare(fs)
	if err := env.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return Usagef("missing subcommand: list, show, convert or random")
	}
	if fs.Arg(0) == "random" {
		return runRandomPatterns(env, fs, rf, *out, *rows, *cols, *scale)
	}
	if rf.used(fs) {
		return Usagef("--n, --p, --bias and --seed are for random")
	}
	imageOpts, err := imf.options()
	if err != nil {
		return err
	}
	if *rows < 0 || *cols < 0 || (*rows == 0) != (*cols == 0) {
		return Usagef("--rows and --cols: give both, as positive numbers")
	}
	if *scale < 0 {
		return Usagef("--scale: want a positive number of pixels, got %d", *scale)
	}
	imageOpts.Rows, imageOpts.Cols = *rows, *cols
	opts := patterns.LoadOptions{Image: imageOpts}
	sub, srcs := fs.Arg(0), fs.Args()[1:]
	if *rows > 0 {
		for _, src := range srcs {
			if !isImage(src) {
				return Usagef("--rows and --cols divide images into neurons; %s is not an image", src)
			}
		}
	}
	if isSet(fs, "scale") && (sub != "convert" || !strings.EqualFold(filepath.Ext(*out), ".png")) {
		return Usagef("--scale is for convert --out FILE.png")
	}
	switch sub {
	case "list":
		return listPatterns(env, fs, srcs)
	case "show", "convert":
		return showOrConvert(env, sub, srcs, *out, opts, *scale)
	}
	return Usagef("unknown subcommand %q (want list, show, convert or random)", sub)
}

// listPatterns prints the built-in patterns.
func listPatterns(env *Env, fs *flag.FlagSet, srcs []string) error {
	if len(srcs) > 0 {
		return Usagef("list takes no arguments")
	}
	if fs.NFlag() > 0 {
		return Usagef("list takes no flags")
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tSHAPE\tDESCRIPTION")
	for _, b := range patterns.Builtins() {
		name := b.Name
		if b.Sized {
			name += "[:N]"
		}
		fmt.Fprintf(tw, "%s\t%dx%d\t%s\n", name, b.Rows, b.Cols, b.Description)
	}
	return tw.Flush()
}

// showOrConvert loads the patterns srcs and prints them as text art
// (sub "show") or writes them to out (sub "convert").
func showOrConvert(env *Env, sub string, srcs []string, out string, opts patterns.LoadOptions, scale int) error {
	if len(srcs) == 0 {
		return Usagef("%s needs at least one pattern source", sub)
	}
	if sub == "show" && out != "" {
		return Usagef("show prints to the terminal; use convert with --out")
	}
	if sub == "convert" {
		if out == "" {
			return Usagef("convert needs --out FILE")
		}
		if err := checkOutput("--out", out); err != nil {
			return err
		}
	}
	var ps []patterns.Pattern
	for _, src := range srcs {
		got, err := patterns.Load(src, opts)
		if err != nil {
			return err
		}
		for _, p := range got {
			if sub == "show" && (p.Rows > maxArt || p.Cols > maxArt) {
				return fmt.Errorf("%s: %s is too large for text art (at most %dx%d); see it as an image with 'hopfield patterns convert %s --out x.png'", src, p.Shape(), maxArt, maxArt, src)
			}
		}
		ps = append(ps, got...)
	}
	if sub == "show" {
		for i, p := range ps {
			if i > 0 {
				fmt.Fprintln(env.Stdout)
			}
			fmt.Fprintf(env.Stdout, "%s (%s)\n%s\n", p.Name, p.Shape(), p.String())
		}
		return nil
	}
	if err := patterns.Save(out, ps, patterns.SaveOptions{Scale: scale}); err != nil {
		return fmt.Errorf("--out %v", err)
	}
	fmt.Fprintf(env.Stdout, "wrote %s to %s\n", plural(len(ps), "1 pattern", "%d patterns"), out)
	return nil
}

// randomFlags are the flags of patterns random.
type randomFlags struct {
	n, p int
	bias float64
	seed *uint64
}

func (f *randomFlags) declare(fs *flag.FlagSet) {
	fs.IntVar(&f.n, "n", 0, "with random: neurons per pattern (or give --rows and --cols)")
	fs.IntVar(&f.p, "p", 0, "with random: number of patterns")
	fs.Float64Var(&f.bias, "bias", 0.5, "with random: probability that a neuron is +1")
	f.seed = seedFlag(fs)
}

func (f *randomFlags) used(fs *flag.FlagSet) bool {
	return isSet(fs, "n") || isSet(fs, "p") || isSet(fs, "bias") || isSet(fs, "seed")
}

// maxRandomValues bounds the values of patterns random: 4 GiB of int8.
const maxRandomValues = 1 << 32

// randomMemoryLimit is the memory patterns random may take to write a .png
// or .txt, which hold all the patterns at once; tests lower it.
var randomMemoryLimit = hopfield.DefaultMemoryLimit

// randomPatternBytes is about what one pattern of patterns.RandomSet takes
// beyond its neurons: the Pattern and its name, with allocation rounding.
const randomPatternBytes = int64(unsafe.Sizeof(patterns.Pattern{})) + 32

// runRandomPatterns writes f.p random patterns drawn by patterns.RandomSet
// from the seed, as the web lab draws its random memories.
func runRandomPatterns(env *Env, fs *flag.FlagSet, f randomFlags, out string, rows, cols, scale int) error {
	switch {
	case fs.NArg() > 1:
		return Usagef("random takes no arguments, got %q", fs.Arg(1))
	case isSet(fs, "scale") && !strings.EqualFold(filepath.Ext(out), ".png"):
		return Usagef("--scale is for --out FILE.png")
	case out == "":
		return Usagef("random needs --out FILE (.npy, .png or .txt)")
	case rows < 0 || cols < 0 || (rows == 0) != (cols == 0):
		return Usagef("--rows and --cols: give both, as positive numbers")
	case f.p < 1:
		return Usagef("--p %d: want a number of patterns >= 1", f.p)
	case rows == 0 && f.n < 1:
		return Usagef("--n %d: want a number of neurons >= 1, or --rows and --cols", f.n)
	case rows > 0 && isSet(fs, "n") && f.n != rows*cols:
		return Usagef("--n %d disagrees with --rows %d --cols %d (%d neurons): give one or the other", f.n, rows, cols, rows*cols)
	}
	grid := rows > 0
	if !grid {
		rows, cols = 1, f.n
	}
	if float64(f.p)*float64(rows)*float64(cols) > maxRandomValues {
		return Usagef("%d patterns of %d neurons: more than %d values", f.p, rows*cols, int64(maxRandomValues))
	}
	if err := checkOutput("--out", out); err != nil {
		return err
	}
	ext := strings.ToLower(filepath.Ext(out))
	if ext != ".npy" {
		// A .png or .txt is made from all the patterns at once, and its
		// bytes are built in memory: for a .txt about as many again as the
		// patterns (a character a neuron, a line a row, a name a pattern).
		n := int64(rows * cols)
		need := int64(f.p) * (n + randomPatternBytes)
		if ext == ".txt" {
			need += int64(f.p) * (n + int64(rows) + 24)
		}
		if limit := randomMemoryLimit(); need > limit {
			size := fmt.Sprintf("--n %d", f.n)
			if grid {
				size = fmt.Sprintf("--rows %d --cols %d", rows, cols)
			}
			return Usagef("--p %d %s: a %s holds them all in memory, about %s, over the limit of %s; a .npy is written a pattern at a time",
				f.p, size, ext, hopfield.FormatBytes(need), hopfield.FormatBytes(limit))
		}
	}
	seq, err := patterns.RandomSeq(hopfield.NewSource(*f.seed), f.p, rows, cols, f.bias)
	if err != nil {
		return Usagef("--bias: %v", err)
	}
	env.printSeed(*f.seed)
	if ext == ".npy" {
		// (P, N) or (P, R, C) even for one pattern, which WriteNPY would
		// write as (N,) or (R, C). The patterns are drawn as they are
		// written, one at a time.
		shape := []int{f.p, rows * cols}
		if grid {
			shape = []int{f.p, rows, cols}
		}
		err = atomicfile.Write(out, func(w io.Writer) error { return patterns.WritePatternSeqNPY(w, shape, seq) })
	} else {
		err = patterns.Save(out, slices.Collect(seq), patterns.SaveOptions{Scale: scale})
	}
	if err != nil {
		return fmt.Errorf("--out %v", err)
	}
	fmt.Fprintf(env.Stdout, "wrote %s of %d neurons to %s\n", plural(f.p, "1 random pattern", "%d random patterns"), rows*cols, out)
	return nil
}
