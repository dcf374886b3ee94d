// Package experiments holds the teaching notebook's experiments as data, so
// that the command line (hopfield experiment), the web lab and the tests run
// the very same code.
//
// # Model
//
// An [Experiment] is a name, a title, a paragraph for a student, typed
// [Param]s (name, kind, default, bounds, help) and a Run function. Values
// for the parameters come from [Experiment.Defaults] (the notebook's
// values), [Experiment.Parse] ("key=value" strings, as given to --set) or
// [Experiment.With] (one value at a time, for a web form); invalid input is
// a [*ParamError] that names the parameter. [Experiment.Execute] runs the
// experiment and returns a [Result]: a text summary, the key numbers by name
// (for tests, JSON and the web lab), the figures as data (package figure:
// hopplot draws them for the command, the web lab in the browser), and the
// data tables behind them. Nothing in the package touches files or draws,
// so it builds for the browser as it is; the command writes a Result into
// a directory.
//
// Experiments register themselves with [Register] from an init function;
// [All] lists them by Order (the notebook's sections are 1..7) and [Lookup]
// finds one by name. To add one, write a file with an init that registers
// it; the CLI and the web lab pick it up without change.
//
// # Conventions and invariants
//
//   - Determinism: a run draws every random number from its seed
//     (hopfield.NewSource), setup and dynamics from separate streams, so the
//     same seed and parameters give byte-identical numbers, tables and
//     figures (pdf dates are fixed: SOURCE_DATE_EPOCH, or else 1970).
//   - Simulations go through the public engine API only: hopfield.Learn,
//     NewFromWeights, Network.Run with an observer, Network.Apply for the
//     notebook's real-valued first step, and the patterns package's
//     generators and noise. No dynamics are re-implemented here.
//   - When a run stops early at a fixed point, its curves and rasters are
//     padded to the requested length with the final state, and the summary
//     says so.
//   - Each notebook cell's tie rule is reproduced by default: sign(0) = -1
//     (x > 0) everywhere except the 5x5 letters cell, whose sign has x >= 0.
//     Experiments where it matters expose it as the tie parameter.
//   - Weight matrices are drawn from block averages computed from block
//     sums of the patterns (hopfield.Network.WeightBlocks), never from a
//     dense N x N matrix: the 100x100 pictures have 10^8 weights.
//
// # Where we differ from the notebook
//
// See docs/experiments.md for the full list, with reasons. In short: the
// first cell's state is carried from step to step (the notebook reads
// S[:,k] but writes one neuron of S[:,k+1], and its loop starts at k = -1);
// the 0/1 pictures are run both as the notebook does and as +-1 patterns;
// the 5x5 cell is measured over many noisy cues, not one.
//
// The figures of docs/experiments.md are made by the tool itself:
//
//go:generate go run ../../cmd/hopfield experiment run --all --out ../../docs/figures
package experiments
