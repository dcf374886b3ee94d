//go:build !js

// Command hopfield stores patterns in Hopfield networks, recalls them,
// reproduces the teaching notebook's experiments, runs capacity sweeps and
// serves the interactive web lab. Run "hopfield help" for the commands.
//
// Built for js/wasm (see internal/site), the same package is the web lab's
// engine in the browser instead (main_js.go).
package main

import (
	"os"

	"github.com/hopfield-lab/hopfield/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.OSEnv()))
}
