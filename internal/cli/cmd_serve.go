package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os/exec"
	"runtime"
	"strconv"
	"time"

	"github.com/hopfield-lab/hopfield/internal/server"
)

var cmdServe = &Command{
	Name:  "serve",
	Args:  "[--addr 127.0.0.1:8080] [--open] [flags]",
	Short: "serve the interactive web lab",
	Long: `Serve the web lab: the recall lab (draw, store, damage and recall patterns,
with live overlap and energy plots) and the notebook's experiments. Everything
is in the binary; no network is needed. The pages are the static site that
'hopfield site' writes: the simulation is this library compiled to
WebAssembly, running in the browser. The server also answers a JSON API
(/api/...) over the same library, for scripts (docs/weblab.md); the max
flags bound what one API request may ask.

The lab binds to the loopback address unless --addr says otherwise; port 0
picks a free port, and a host of 0.0.0.0 (or none, as in :8080) listens on
every interface, with a warning. The URL is printed on stdout. --open
starts the system's browser on it (xdg-open, open on macOS, the URL
handler on Windows). API requests that give no seed use seed 1, as the
commands do. SIGINT or SIGTERM stops running simulations and shuts the
server down.`,
	Run: runServe,
}

// The lab's default seed is the commands' (package server cannot import
// this one): the build fails if they ever differ.
const _ = uint(server.DefaultSeed-DefaultSeed) + uint(DefaultSeed-server.DefaultSeed)

func runServe(env *Env, fs *flag.FlagSet, args []string) error {
	addr := fs.String("addr", "127.0.0.1:8080", "`host:port` to listen on (port 0 picks a free port)")
	open := fs.Bool("open", false, "open the lab in the system's browser")
	maxNeurons := fs.Int("max-neurons", server.DefaultMaxNeurons, "largest network a request may ask for (rows*cols)")
	maxPatterns := fs.Int("max-patterns", server.DefaultMaxPatterns, "most patterns a memory may hold")
	maxSteps := fs.Int("max-steps", server.DefaultMaxSteps, "most steps or sweeps of one run")
	maxBody := fs.Int64("max-body", server.DefaultMaxBodyBytes, "largest request body in bytes (JSON or an uploaded image)")
	maxWeights := fs.Int64("max-weight-bytes", server.DefaultMaxWeightBytes, "most memory one request's weights may take (caps dense Storkey networks)")
	if err := env.Parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return Usagef("unexpected argument %q", fs.Arg(0))
	}
	if *addr == "" {
		return Usagef("--addr '': want host:port, such as 127.0.0.1:8080 (0.0.0.0:8080 for every interface)")
	}
	for _, f := range []struct {
		name string
		v    int64
	}{{"max-neurons", int64(*maxNeurons)}, {"max-patterns", int64(*maxPatterns)}, {"max-steps", int64(*maxSteps)}, {"max-body", *maxBody}, {"max-weight-bytes", *maxWeights}} {
		if f.v < 1 {
			return Usagef("--%s %d: want a positive number", f.name, f.v)
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("--addr %s: %v", *addr, err)
	}
	local := ln.Addr().(*net.TCPAddr).IP.IsLoopback()
	lab := server.New(server.Options{
		MaxNeurons: *maxNeurons, MaxPatterns: *maxPatterns, MaxSteps: *maxSteps,
		MaxBodyBytes: *maxBody, MaxWeightBytes: *maxWeights, LocalOnly: local,
	})
	// Cancelling runs stops every simulation in progress at shutdown.
	runs, cancelRuns := context.WithCancel(context.Background())
	defer cancelRuns()
	srv := lab.HTTPServer()
	srv.BaseContext = func(net.Listener) context.Context { return runs }
	tcp := ln.Addr().(*net.TCPAddr)
	url := labURL(tcp)
	fmt.Fprintf(env.Stdout, "hopfield lab: %s\n", url)
	if !tcp.IP.IsLoopback() {
		// Name the address as asked: 0.0.0.0 may be listened on as [::].
		host, _, _ := net.SplitHostPort(*addr)
		fmt.Fprintf(env.Stderr, "hopfield serve: warning: listening on %s, not only on this machine: anyone who can reach it can use the lab\n",
			net.JoinHostPort(host, strconv.Itoa(tcp.Port)))
	}
	// The browser's outcome comes back on a channel and is printed here,
	// so that writes to stderr never overlap.
	var opened <-chan error
	if *open {
		opened = openBrowser(runtime.GOOS, url)
	}
	stop := env.Context().Done()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	for serving := true; serving; {
		select {
		case err := <-served:
			return Internal(err)
		case err := <-opened:
			opened = nil
			if err != nil {
				fmt.Fprintf(env.Stderr, "hopfield serve: could not open a browser (%v); open %s yourself\n", err, url)
			}
		case <-stop:
			serving = false
		}
	}
	fmt.Fprintln(env.Stderr, "hopfield serve: shutting down")
	cancelRuns()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return Internal(err)
	}
	return nil
}

// labURL is the address to open in a browser: a wildcard address is
// reached through the loopback one.
func labURL(a *net.TCPAddr) string {
	host := a.IP.String()
	switch {
	case a.IP.IsUnspecified():
		host = "127.0.0.1"
	case a.IP.To4() == nil:
		host = "[" + host + "]"
	}
	return fmt.Sprintf("http://%s:%d/", host, a.Port)
}

// browserCommand is the command that opens url in the system's browser.
func browserCommand(goos, url string) (name string, args []string) {
	switch goos {
	case "darwin":
		return "open", []string{url}
	case "windows":
		return "rundll32", []string{"url.dll,FileProtocolHandler", url}
	}
	return "xdg-open", []string{url}
}

// openBrowser starts the browser command and returns at once; the
// channel it returns gets the command's outcome (nil on success) when the
// command has finished. Waiting for it reaps the process, which would
// otherwise stay a zombie while the server runs.
func openBrowser(goos, url string) <-chan error {
	done := make(chan error, 1)
	name, args := browserCommand(goos, url)
	cmd := exec.Command(name, args...)
	if err := cmd.Start(); err != nil {
		done <- err
		return done
	}
	go func() {
		if err := cmd.Wait(); err != nil {
			done <- fmt.Errorf("%s: %v", name, err)
			return
		}
		done <- nil
	}()
	return done
}
