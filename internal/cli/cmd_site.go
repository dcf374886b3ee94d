package cli

import (
	"flag"
	"fmt"
	"os"

	"github.com/hopfield-lab/hopfield/internal/atomicfile"
	"github.com/hopfield-lab/hopfield/internal/site"
)

var cmdSite = &Command{
	Name:  "site",
	Args:  "--out DIR",
	Short: "write the web lab as a static site that runs in the browser",
	Long: `Site writes the web lab into DIR as a folder of static files: the recall lab
(index.html), the experiments (experiments.html), their scripts, and the Go
engine compiled to WebAssembly (lab.wasm, with Go's wasm_exec.js), which runs
in the reader's browser. Any static web server serves it: a course's web
space, GitHub Pages, a Quarto site's _site folder, or on this machine

  hopfield site --out site && python3 -m http.server -d site

No hopfield process runs behind it, and the pages fetch nothing from any
other origin. Links reproduce a run (index.html#store=seed:BU,seed:BC&
cue=seed:BU&erase=bottom&seed=1&run=1) and embed=1 shows one experiment
without the page around it, for an <iframe>; see docs/weblab.md.

Files of DIR that are not the site's are left alone; the site's are
replaced, each atomically.`,
	Run: runSite,
}

func runSite(env *Env, fs *flag.FlagSet, args []string) error {
	out := fs.String("out", "", "write the site into `DIR` (created if needed)")
	if err := env.Parse(fs, args); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return Usagef("unexpected argument %q", fs.Arg(0))
	case *out == "":
		return Usagef("--out DIR: where to write the site")
	}
	if fi, err := os.Stat(*out); err == nil && !fi.IsDir() {
		return fmt.Errorf("--out %s: not a directory", *out)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("--out %v", err)
	}
	if err := atomicfile.CheckWritable(*out + "/index.html"); err != nil {
		return fmt.Errorf("--out %v", err)
	}
	files, err := site.Write(*out)
	if err != nil {
		return fmt.Errorf("--out %v", err)
	}
	fmt.Fprintf(env.Stdout, "wrote %d files to %s; serve it with any static web server, e.g. python3 -m http.server -d %s\n", len(files), *out, *out)
	return nil
}
