//go:build ignore

// Build writes the generated files of the site: static/lab.wasm, the lab's
// engine (cmd/hopfield built for js/wasm); static/wasm_exec.js, the loader
// of the Go release that built it; and static/figures, the docs' pictures.
// Run it with go generate in this directory; the site's tests fail when
// any is out of date.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/hopfield-lab/hopfield/internal/site"
)

func main() {
	if err := site.Generate("static", os.DirFS(filepath.Join("..", "..", "docs", "figures"))); err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
	fmt.Println("wrote the engine, its loader and the docs' pictures into static")
}
