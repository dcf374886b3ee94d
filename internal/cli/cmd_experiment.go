package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/hopfield-lab/hopfield/hopplot"
	"github.com/hopfield-lab/hopfield/internal/atomicfile"
	"github.com/hopfield-lab/hopfield/internal/experiments"
)

var cmdExperiment = &Command{
	Name:  "experiment",
	Args:  "list [NAME] | run (NAME | --all) [--seed S] [--out DIR] [--format png|svg|pdf|json|none] [--set key=value ...]",
	Short: "list and run the notebook's experiments, with figures and data",
	Long: `Experiment reproduces the teaching notebook's experiments, one per section.

  hopfield experiment list          the experiments, in the notebook's order
  hopfield experiment list NAME     what NAME shows and its parameters
  hopfield experiment run NAME      run NAME and write its figures and data

A run writes each figure (--format png, svg or pdf), the data behind it as CSV
and result.json (parameters, seed, key numbers, summary) into --out (default:
a directory named after the experiment), and prints a short summary. The
defaults are the notebook's parameters; --set key=value overrides one (repeat
it for several). With --all every experiment runs with its defaults and writes
into DIR/NAME; the figures of docs/experiments.md are made this way:

  hopfield experiment run --all --out docs/figures

Example: the 5x5 letters with 30% noise, at seed 7:
  hopfield experiment run letters-5x5 --seed 7 --set noise=0.3`,
	Run: runExperiment,
}

func runExperiment(env *Env, fs *flag.FlagSet, args []string) error {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
		declareRunFlags(fs) // so that the help lists them
		return flag.ErrHelp
	}
	if len(args) == 0 {
		return Usagef("missing subcommand: list or run")
	}
	switch args[0] {
	case "list":
		return experimentList(env, fs, args[1:])
	case "run":
		return experimentRun(env, fs, args[1:])
	}
	return Usagef("unknown subcommand %q: want list or run", args[0])
}

// parseInterspersed parses flags that may come before or after positional
// arguments (run NAME --seed 3 as well as run --seed 3 NAME).
func parseInterspersed(env *Env, fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := env.Parse(fs, args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func experimentList(env *Env, fs *flag.FlagSet, args []string) error {
	pos, err := parseInterspersed(env, fs, args)
	if err != nil {
		return err
	}
	switch len(pos) {
	case 0:
		tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
		for _, e := range experiments.All() {
			fmt.Fprintf(tw, "%s\t%s\n", e.Name, e.Title)
		}
		return tw.Flush()
	case 1:
		e, err := experiments.Lookup(pos[0])
		if err != nil {
			return err
		}
		describe(env.Stdout, e)
		return nil
	}
	return Usagef("list takes at most one experiment name, got %d", len(pos))
}

func describe(w io.Writer, e *experiments.Experiment) {
	fmt.Fprintf(w, "%s: %s\n\n%s\n\nparameters (--set key=value):\n", e.Name, e.Title, wrap(e.Description, 78))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for i := range e.Params {
		p := &e.Params[i]
		fmt.Fprintf(tw, "  %s=%s\t%s\t(%s)\n", p.Name, p.Format(p.Default), p.Help, p.Range())
	}
	tw.Flush()
}

func wrap(s string, width int) string {
	var b strings.Builder
	line := 0
	for _, word := range strings.Fields(s) {
		if line > 0 && line+1+len(word) > width {
			b.WriteByte('\n')
			line = 0
		} else if line > 0 {
			b.WriteByte(' ')
			line++
		}
		b.WriteString(word)
		line += len(word)
	}
	return b.String()
}

// runFlags are the flags of "experiment run".
type runFlags struct {
	seed        *uint64
	out, format *string
	all         *bool
	sets        stringList
}

func declareRunFlags(fs *flag.FlagSet) *runFlags {
	f := &runFlags{seed: seedFlag(fs)}
	f.out = fs.String("out", "", "run: output `DIR` (default: the experiment's name; with --all: the current directory)")
	f.format = fs.String("format", "png", "run: figure format: png, svg or pdf; json writes each figure as data (package figure), none the data only")
	f.all = fs.Bool("all", false, "run: every experiment with its defaults, each into DIR/NAME")
	fs.Var(&f.sets, "set", "run: override a parameter: key=value (repeatable; see 'hopfield experiment list NAME')")
	return f
}

func experimentRun(env *Env, fs *flag.FlagSet, args []string) error {
	f := declareRunFlags(fs)
	seed, out, format, all := f.seed, f.out, f.format, f.all
	pos, err := parseInterspersed(env, fs, args)
	if err != nil {
		return err
	}
	sets := f.sets
	if *format != noFigures && *format != figureJSON && hopplot.ContentType(*format) == "" {
		return Usagef("--format %q: want png, svg, pdf, json or none", *format)
	}
	var exps []*experiments.Experiment
	switch {
	case *all && len(pos) > 0:
		return Usagef("--all takes no experiment name")
	case *all && len(sets) > 0:
		return Usagef("--set needs a single experiment, not --all")
	case *all:
		exps = experiments.All()
	case len(pos) == 1:
		e, err := experiments.Lookup(pos[0])
		if err != nil {
			return err
		}
		exps = append(exps, e)
	case len(pos) == 0:
		return Usagef("missing experiment name (see 'hopfield experiment list')")
	default:
		return Usagef("run takes one experiment name, got %d", len(pos))
	}
	// Every output directory is checked before the first run.
	if *out != "" {
		if err := atomicfile.CheckDir(*out); err != nil {
			return fmt.Errorf("--out %v", err)
		}
	}
	dirs := make([]string, len(exps))
	for i, e := range exps {
		dirs[i] = *out
		switch {
		case *all:
			dirs[i] = filepath.Join(*out, e.Name)
		case *out == "":
			dirs[i] = e.Name
		}
		if err := atomicfile.CheckDir(dirs[i]); err != nil {
			return fmt.Errorf("--out %v", err)
		}
	}
	env.printSeed(*seed)
	for i, e := range exps {
		vals, err := e.Parse(sets...)
		if err != nil {
			return err
		}
		dir := dirs[i]
		res, err := e.Execute(env.Context(), vals, *seed)
		var pe *experiments.ParamError
		switch {
		case errors.As(err, &pe):
			return err
		case err != nil:
			return Internal(err)
		}
		files, err := writeResult(dir, res, *format)
		if err != nil {
			return Internal(err)
		}
		if *all {
			fmt.Fprintf(env.Stdout, "== %s\n", e.Name)
		}
		fmt.Fprint(env.Stdout, res.Summary)
		fmt.Fprintf(env.Stderr, "wrote %d files to %s\n", len(files), dir)
	}
	return nil
}
