// Package lab is the web lab's request logic, with no HTTP in it: decode a
// problem, check it against [Limits], build the network, run it and turn
// the engine's events into lines for the page. hopfield serve wraps it in
// HTTP handlers (internal/server), and the lab's WebAssembly build calls
// it from a Web Worker in the browser (cmd/hopfield, built for js/wasm):
// the same code answers in both places.
//
// Nothing here touches files or sockets or starts a goroutine per request:
// every call does its work in the caller's goroutine and returns, streaming
// through a callback where the page wants to watch ([Run.Stream]). Errors
// about the request are [*Error], one line in the page's words (a JSON
// field and what it should hold), never a Go type; the server answers them
// with a 400.
//
// # Requests
//
//	Limits.Describe      what the lab accepts: grid sizes, rules, schedules
//	Builtins             the palette of built-in patterns
//	Limits.Pattern       a built-in or random pattern at a grid size
//	Limits.Upload        an image read as a pattern
//	Limits.Cue           one seeded cue operation (patterns.CueOp) on a grid
//	Capacity             how full a memory is for its rule
//	Limits.ParseWeights  the weight matrix as block means
//	Limits.ParseRun      a recall problem, run and streamed as lines
//	Experiments          the experiments and their parameters, capped
//	Limits.ParseExperiment  one experiment: summary, numbers, figures as data
//
// # Seeds
//
// Every random choice comes from the request's seed, [DefaultSeed] when it
// gives none. A recall's cue draws from its seed and its dynamics from the
// next ([CueSource], [DynamicsSource]), as hopfield recall --seed does, so
// that the lab and the command give the same run for the same seed.
package lab
