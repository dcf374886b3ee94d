// Command hopfield stores patterns in Hopfield networks, recalls them,
// reproduces the teaching notebook's experiments, runs capacity sweeps and
// serves the interactive web lab. Run "hopfield help" for the commands.
package main

import (
	"os"

	"github.com/hopfield-lab/hopfield/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.OSEnv()))
}
