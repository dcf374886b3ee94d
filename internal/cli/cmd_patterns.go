package cli

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"
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
	if err := env.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return Usagef("missing subcommand: list, show or convert")
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
	case "show", "convert":
		if len(srcs) == 0 {
			return Usagef("%s needs at least one pattern source", sub)
		}
		if sub == "show" && *out != "" {
			return Usagef("show prints to the terminal; use convert with --out")
		}
		if sub == "convert" {
			if *out == "" {
				return Usagef("convert needs --out FILE")
			}
			if err := checkOutput("--out", *out); err != nil {
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
		if err := patterns.Save(*out, ps, patterns.SaveOptions{Scale: *scale}); err != nil {
			return fmt.Errorf("--out %v", err)
		}
		fmt.Fprintf(env.Stdout, "wrote %s to %s\n", plural(len(ps), "1 pattern", "%d patterns"), *out)
		return nil
	}
	return Usagef("unknown subcommand %q (want list, show or convert)", sub)
}
