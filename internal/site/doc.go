// Package site is the web lab as a static site: the recall lab
// (index.html), the experiments (experiments.html), their scripts and
// styles, and the engine, this module's library compiled to WebAssembly
// (lab.wasm: cmd/hopfield built for js/wasm) with the loader of the Go
// release that built it (wasm_exec.js). The engine runs in a Web Worker
// (worker.js, driven by engine.js), so the page never freezes on a long
// run, and answers the requests of package lab (lab.Limits.Call): the
// browser computes everything, and any static web server can serve the
// folder. hopfield site writes it ([Write]); hopfield serve serves it
// ([FS]), with a JSON API for scripts beside it.
//
// # Generated files
//
// lab.wasm and wasm_exec.js are generated (go generate, which runs
// build.go) and committed, so that go run and go install work on a fresh
// clone without building the engine. TestGenerated fails when they are not
// what the tree and the Go release on PATH build: run go generate in this
// directory after changing the library. The build is reproducible
// (-trimpath, no VCS stamp), so the bytes are the same on every machine with
// the same Go release.
//
// # Pages
//
// The pages use no framework and fetch nothing from another origin; they
// store nothing but their link. A link holds a recall (see
// internal/lab/link.go) or an experiment's parameters, and embed=1 shows the
// lab or one experiment without the page around it. figure.js draws the
// experiments' figures from their description as data (package figure), the
// figures hopplot draws for the command.
//
// # Tests
//
// browser_test.go drives Debian's Chromium through the site as hopfield site
// writes it, served by a plain file server: drawing, storing, damaging and
// recalling; the share link of the issue; embedding; an experiment and its
// figures; phones and tablets (390 x 844, 768 x 1024); and every request of
// the pages and of the engine's worker checked to stay on the site's origin.
package site
