// Package cli implements the hopfield command: a table of subcommands, each
// with its own flags, run by [Main]. Commands call the public library; they
// hold no simulation logic of their own.
//
// Exit codes: 0 on success, 2 for usage and input errors (the usual case: a
// bad flag, a malformed file), 1 for failures that are not the user's input
// (wrapped with [Internal]).
//
// Every error is one line on stderr, "hopfield <command>: <message>"; a usage
// error ends with a pointer to the help, "(see 'hopfield help <command>')".
// Output files are checked before any work and written only when the
// command succeeds (internal/atomicfile).
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
	// Ctx, when set, is the context returned by [Env.Context].
	Ctx    context.Context
	newCtx func() context.Context
}

// OSEnv is the environment of the real process: standard streams, and a
// context cancelled by SIGINT or SIGTERM.
func OSEnv() *Env {
	fi, err := os.Stderr.Stat()
	term := err == nil && fi.Mode()&os.ModeCharDevice != 0
	return &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, StderrTerminal: term,
		newCtx: func() context.Context {
			ctx, _ := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			return ctx
		}}
}

// Context is the context that long commands (capacity, experiment, serve)
// watch, to stop cleanly and keep what they finished. The real process's is
// cancelled by SIGINT or SIGTERM. It is made on first use: a command that
// never asks for it keeps those signals' default, stopping at once, so that
// Ctrl-C is never caught and then ignored.
func (env *Env) Context() context.Context {
	if env.Ctx == nil {
		env.Ctx = context.Background()
		if env.newCtx != nil {
			env.Ctx = env.newCtx()
		}
	}
	return env.Ctx
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
	for _, c := range []*Command{cmdRecall, cmdPatterns, cmdExperiment, cmdCapacity, cmdMerge, cmdServe, cmdSite, cmdHelp, cmdVersion} {
		commands[c.Name] = c
	}
}

// usageError is an error in how the command was called; Main points to the
// command's help after it.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// Usagef returns a usage error: exit code 2 and a pointer to the help.
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
	if len(args) == 0 {
		printCommands(env.Stderr)
		return 2
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help":
		name = "help"
	case "--version":
		name = "version"
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
	msg := errorText(err)
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(env.Stderr, "hopfield %s: %s (see 'hopfield help %s')\n", name, msg, name)
		return 2
	}
	fmt.Fprintf(env.Stderr, "hopfield %s: %s\n", name, msg)
	var ie internalError
	if errors.As(err, &ie) {
		return 1
	}
	return 2
}

// errorText is err as one line, as the error policy promises, without the
// "hopfield: " that the library's errors start with: the line already
// starts with the command's name.
func errorText(err error) string {
	s := strings.Join(strings.Fields(err.Error()), " ")
	s = strings.ReplaceAll(s, ": hopfield: ", ": ")
	for strings.HasPrefix(s, "hopfield: ") {
		s = strings.TrimPrefix(s, "hopfield: ")
	}
	return s
}

// Version is the version printed by "hopfield version".
var Version = "0.1.0-dev"

var cmdHelp = &Command{
	Name:  "help",
	Args:  "[COMMAND]",
	Short: "show a command's help and flags: hopfield help <command>",
	Long: `Help lists the commands, or shows what one command does, its arguments and
its flags with their defaults.`,
	Run: runHelp,
}

func runHelp(env *Env, fs *flag.FlagSet, args []string) error {
	if err := env.Parse(fs, args); err != nil {
		return err
	}
	switch fs.NArg() {
	case 0:
		printCommands(env.Stdout)
		return nil
	case 1:
	default:
		return Usagef("want at most one command, got %d arguments", fs.NArg())
	}
	cmd, ok := commands[fs.Arg(0)]
	if !ok {
		return fmt.Errorf("unknown command %q; run 'hopfield help' for the list", fs.Arg(0))
	}
	cfs := flag.NewFlagSet("hopfield "+cmd.Name, flag.ContinueOnError)
	// Declare the flags without running: --help makes Parse return ErrHelp.
	_ = cmd.Run(&Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard}, cfs, []string{"--help"})
	printUsage(env.Stdout, cmd, cfs)
	return nil
}

var cmdVersion = &Command{
	Name:  "version",
	Args:  "",
	Short: "print the version",
	Long:  `Version prints the version of hopfield.`,
	Run: func(env *Env, fs *flag.FlagSet, args []string) error {
		if err := env.Parse(fs, args); err != nil {
			return err
		}
		if fs.NArg() > 0 {
			return Usagef("unexpected argument %q", fs.Arg(0))
		}
		fmt.Fprintln(env.Stdout, "hopfield", Version)
		return nil
	},
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
}

func printUsage(w io.Writer, cmd *Command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "usage: %s\n\n%s\n", strings.TrimSpace("hopfield "+cmd.Name+" "+cmd.Args), strings.TrimSpace(cmd.Long))
	var b strings.Builder
	fs.SetOutput(&b)
	fs.PrintDefaults()
	if b.Len() > 0 {
		fmt.Fprintf(w, "\nflags:\n%s", b.String())
	}
}
