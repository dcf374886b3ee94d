// Package cli implements the hopfield command: a table of subcommands, each
// with its own flags, run by [Main]. Commands call the public library; they
// hold no simulation logic of their own.
//
// Exit codes: 0 on success, 2 for usage and input errors (the usual case: a
// bad flag, a malformed file), 1 for failures that are not the user's input
// (wrapped with [Internal]).
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// Env is what a command may touch of the outside world, so that tests can
// run commands in-process.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// StderrTerminal reports whether stderr is a terminal (progress bars are
	// drawn only then).
	StderrTerminal bool
	Ctx            context.Context
}

// OSEnv is the environment of the real process: standard streams, and a
// context cancelled by SIGINT or SIGTERM.
func OSEnv() *Env {
	ctx, _ := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	fi, err := os.Stderr.Stat()
	term := err == nil && fi.Mode()&os.ModeCharDevice != 0
	return &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, StderrTerminal: term, Ctx: ctx}
}

// Command is one subcommand. Run declares its flags on fs, parses args with
// [Env.Parse] and does the work.
type Command struct {
	Name  string
	Args  string // synopsis after the name, e.g. "--patterns FILE [flags]"
	Short string // one line for the command list
	Long  string // the help text
	Run   func(env *Env, fs *flag.FlagSet, args []string) error
}

// commands is the table of subcommands; each is defined in its own file.
var commands = map[string]*Command{}

func init() {
	for _, c := range []*Command{cmdRecall, cmdPatterns, cmdExperiment, cmdCapacity, cmdMerge, cmdServe} {
		commands[c.Name] = c
	}
}

// usageError is an error in how the command was called; Main prints the
// command's usage after it.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// Usagef returns a usage error: exit code 2 and the usage line.
func Usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

type internalError struct{ error }

func (e internalError) Unwrap() error { return e.error }

// Internal marks an error that is not the user's input: exit code 1.
func Internal(err error) error {
	if err == nil {
		return nil
	}
	return internalError{err}
}

// Parse parses the command's flags, turning flag errors into usage errors.
// Flags may come before, between or after the positional arguments
// ("patterns convert seed:A --out a.png"); "--" ends the flags. Afterwards
// fs.Args() holds the positional arguments in order.
func (env *Env) Parse(fs *flag.FlagSet, args []string) error {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return flag.ErrHelp
			}
			return &usageError{err.Error()}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		// fs.Parse stops at the first positional argument, or after "--".
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			positional = append(positional, rest...)
			break
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
	return fs.Parse(append([]string{"--"}, positional...))
}

// Main runs the command line args and returns the exit code.
func Main(args []string, env *Env) int {
	if env.Ctx == nil {
		env.Ctx = context.Background()
	}
	if len(args) == 0 {
		printCommands(env.Stderr)
		return 2
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		return help(env, args[1:])
	case "version", "--version":
		fmt.Fprintln(env.Stdout, "hopfield", Version)
		return 0
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(env.Stderr, "hopfield: unknown command %q; run 'hopfield help' for the list\n", name)
		return 2
	}
	fs := flag.NewFlagSet("hopfield "+name, flag.ContinueOnError)
	err := cmd.Run(env, fs, args[1:])
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		printUsage(env.Stdout, cmd, fs)
		return 0
	}
	fmt.Fprintf(env.Stderr, "hopfield %s: %s\n", name, oneLine(err.Error()))
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(env.Stderr, "usage: hopfield %s %s\n", cmd.Name, cmd.Args)
		fmt.Fprintf(env.Stderr, "run 'hopfield help %s' for details\n", cmd.Name)
		return 2
	}
	var ie internalError
	if errors.As(err, &ie) {
		return 1
	}
	return 2
}

// oneLine keeps an error to one line, as the error policy promises.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}

// Version is the version printed by "hopfield version".
var Version = "0.1.0-dev"

func help(env *Env, args []string) int {
	if len(args) == 0 {
		printCommands(env.Stdout)
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "hopfield help: unknown command %q\n", args[0])
		return 2
	}
	fs := flag.NewFlagSet("hopfield "+cmd.Name, flag.ContinueOnError)
	// Declare the flags without running: --help makes Parse return ErrHelp.
	_ = cmd.Run(&Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Ctx: env.Ctx}, fs, []string{"--help"})
	printUsage(env.Stdout, cmd, fs)
	return 0
}

func printCommands(w io.Writer) {
	fmt.Fprint(w, "hopfield: Hopfield associative-memory networks\n\nusage: hopfield <command> [flags]\n\ncommands:\n")
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-12s %s\n", name, commands[name].Short)
	}
	fmt.Fprint(w, "  help         show a command's flags: hopfield help <command>\n  version      print the version\n")
}

func printUsage(w io.Writer, cmd *Command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "usage: hopfield %s %s\n\n%s\n", cmd.Name, cmd.Args, strings.TrimSpace(cmd.Long))
	var b strings.Builder
	fs.SetOutput(&b)
	fs.PrintDefaults()
	if b.Len() > 0 {
		fmt.Fprintf(w, "\nflags:\n%s", b.String())
	}
}
