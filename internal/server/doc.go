// Package server is hopfield serve: the web lab's static site (package
// internal/site: the recall lab, the Experiments page and the engine
// compiled to WebAssembly, which runs in the reader's browser) and, beside
// it, a JSON API for scripts. [New] builds the handler; the command only
// listens.
//
// # Where the simulation runs
//
// The pages compute in the browser, with the same Go code compiled to
// WebAssembly, whether the site comes from this server or from any static
// host; they ask this server for files only. The API answers the same
// requests (package lab) over HTTP, for curl and scripts: a recall streamed
// as NDJSON, an experiment's summary with PNG figures drawn by hopplot. It
// runs the library natively on the server's cores, under the limits,
// slots and timeouts below.
//
// # Requests carry their problem
//
// The server keeps no state between requests: every request that needs a
// network carries its memory (grid shape, stored patterns, rule), and a run
// carries its cue, schedule, tie rule, temperature, seed and step limit. So
// users cannot see or disturb each other's work, a reload loses nothing the
// server held, and any request can be replayed with curl.
//
// Patterns and states travel as cell strings in row-major order: '#' ink
// (+1), '.' background (-1), '?' unknown (0), the text form of package
// patterns without line breaks.
//
// # API
//
//	GET  /api/limits            limits in force, grid sizes, rules, schedules
//	GET  /api/builtins          the palette: notebook pictures, A-Z, random
//	GET  /api/pattern?name=...  a built-in or random pattern at a grid size
//	POST /api/upload?rows=&cols= an image (body) read as a pattern
//	POST /api/cue               noise or erasure, seeded (patterns' functions)
//	GET  /api/capacity?n=&p=&rule= how full a memory is for its rule
//	POST /api/weights           the weight matrix as a picture (block means)
//	POST /api/run               the dynamics, streamed as NDJSON
//	GET  /api/experiments       the experiments and their parameters
//	POST /api/experiments/{name} run one: summary, numbers, PNG figures
//
// POST /api/run answers with one JSON object per line: a "start" line
// (the problem as understood and the initial state), a "frame" line per
// synchronous step, per sweep, or per Every single-neuron updates (the
// neurons set to +1 and to -1 since the previous frame, the overlap with
// every stored pattern, the energy), and an "end" line (how the run ended:
// fixed point, 2-cycle, step limit or stopped, and which stored pattern the
// final state is, if any).
//
// # Seeds
//
// Every random choice (a random pattern, noise, an update order, an
// experiment) comes from the request's seed. A request that gives none
// uses [DefaultSeed], 1, as the hopfield commands do, and the answer says
// which seed was used.
//
// # Limits and errors
//
// Everything is checked before any work: the grid size against
// Options.MaxNeurons, the number of patterns, the step limit, the number of
// frames a run may stream, the request body's size (http.MaxBytesReader),
// and the memory the weights would take (the Storkey rule is always dense,
// so Options.MaxWeightBytes caps its N). Experiments' sizes are capped
// below what the command accepts (webLimits), so that each stops within a
// fraction of a second of being cancelled. Every query parameter is
// checked, and unknown, repeated or malformed ones are refused. A bad
// request gets a 400 with {"error": "..."}, a one-line message in the
// page's words (a JSON field or query parameter and what it should hold,
// never a Go type) that a script or page shows as it is, and nothing is computed
// or kept; an unknown endpoint or experiment gets a 404 in the same form.
//
// Recall runs and weight pictures (Options.MaxRuns) and experiments
// (Options.MaxExperiments) have separate slots, so that heavy experiments
// never hold up the recall lab. Requests wait for a slot; a client that
// leaves while waiting or running cancels its request, and the slot is
// given back when the computation has stopped. Runs stop at
// Options.RunTimeout, experiments at Options.ExperimentTimeout, and all of
// them when the server shuts down (the command cancels the base context on
// SIGINT or SIGTERM).
//
// Slow clients are dropped: [Server.HTTPServer] bounds the time to receive
// a request (Options.ReadTimeout, which grows with MaxBodyBytes), and each
// write of an answer has Options.WriteTimeout to reach the client, so a
// client that stops reading a stream ends its run. Neither bounds the
// length of a stream or an experiment that the client follows.
//
// # Tests
//
// server_test.go calls every endpoint through httptest, with bad requests;
// decode_test.go checks the words of the 400s, experiments_test.go the
// experiments' caps, slots and seeds, timeouts_test.go slow and stalled
// clients on a real listener; load_test.go has 50 clients recall 100x100
// pictures at once and logs the latencies. The pages' browser tests are
// internal/site's, against the site served by a plain file server.
package server
