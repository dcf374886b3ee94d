package cli

import (
	"flag"
	"fmt"
	"text/tabwriter"

	"github.com/hopfield-lab/hopfield/patterns"
)

var cmdPatterns = &Command{
	Name:  "patterns",
	Args:  "list | show SRC... | convert SRC... --out FILE",
	Short: "list the built-in patterns, show patterns as text, convert pattern files",
	Long: `Patterns lists the built-in patterns, prints patterns as text art, and
converts between pattern files.

  hopfield patterns list
  hopfield patterns show seed:A alphabet:Q:7
  hopfield patterns convert seed:BU --out bu.png
  hopfield patterns convert my.png --rows 10 --cols 10 --out my.txt

A SRC is a built-in name (seed:X, alphabet:A:16, ...), a .npy file, an image
(.png, .jpg, .gif) or a text file. --out writes .npy, .png or .txt; several
patterns go to one .npy or .txt file, or side by side into one .png.`,
	Run: runPatterns,
}

func runPatterns(env *Env, fs *flag.FlagSet, args []string) error {
	out := fs.String("out", "", "with convert: write to `FILE` (.npy, .png or .txt)")
	rows := fs.Int("rows", 0, "images: divide the image into this many rows of neurons (0: one neuron per pixel)")
	cols := fs.Int("cols", 0, "images: divide the image into this many columns of neurons")
	threshold := fs.Float64("image-threshold", 0.5, "images: gray level in (0, 1) below which a pixel is ink (+1)")
	invert := fs.Bool("invert", false, "images: light pixels are ink")
	scale := fs.Int("scale", 0, "with convert to .png: pixels per neuron (0: automatic)")
	if err := env.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return Usagef("missing subcommand: list, show or convert")
	}
	if *threshold <= 0 || *threshold >= 1 {
		return Usagef("--image-threshold: want a gray level strictly between 0 and 1, got %v", *threshold)
	}
	if *rows < 0 || *cols < 0 || (*rows == 0) != (*cols == 0) {
		return Usagef("--rows and --cols: give both, as positive numbers")
	}
	if *scale < 0 {
		return Usagef("--scale: want a positive number of pixels, got %d", *scale)
	}
	opts := patterns.LoadOptions{Image: patterns.ImageOptions{Threshold: *threshold, Invert: *invert, Rows: *rows, Cols: *cols}}
	sub, srcs := fs.Arg(0), fs.Args()[1:]
	switch sub {
	case "list":
		if len(srcs) > 0 {
			return Usagef("list takes no arguments")
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
	case "show", "convert":
		if len(srcs) == 0 {
			return Usagef("%s needs at least one pattern source", sub)
		}
		var ps []patterns.Pattern
		for _, src := range srcs {
			got, err := patterns.Load(src, opts)
			if err != nil {
				return err
			}
			ps = append(ps, got...)
		}
		if sub == "show" {
			if *out != "" {
				return Usagef("show prints to the terminal; use convert with --out")
			}
			for i, p := range ps {
				if i > 0 {
					fmt.Fprintln(env.Stdout)
				}
				fmt.Fprintf(env.Stdout, "%s (%s)\n%s\n", p.Name, p.Shape(), p.String())
			}
			return nil
		}
		if *out == "" {
			return Usagef("convert needs --out FILE")
		}
		if err := checkOutputExt("--out", *out); err != nil {
			return err
		}
		if err := patterns.Save(*out, ps, patterns.SaveOptions{Scale: *scale}); err != nil {
			return fmt.Errorf("--out %v", err)
		}
		fmt.Fprintf(env.Stdout, "wrote %d pattern(s) to %s\n", len(ps), *out)
		return nil
	}
	return Usagef("unknown subcommand %q (want list, show or convert)", sub)
}
