package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/hopfield-lab/hopfield/internal/atomicfile"
)

// The generated files of the site.
const (
	WasmFile = "lab.wasm"
	ExecFile = "wasm_exec.js"
)

// buildFlags make the engine small and the same bytes on every machine
// with the same Go release: no symbol tables, no paths, no VCS stamp.
var buildFlags = []string{"build", "-trimpath", "-buildvcs=false", "-ldflags=-s -w"}

// Generate writes the site's generated files into dir: the engine, the Go
// release's wasm_exec.js, and the copies of the docs' pictures found in
// docs (docs/figures of the repository). It needs the go command and the
// module's source: it is for developers (go generate), not for hopfield
// site, which writes what the binary embeds.
func Generate(dir string, docs fs.FS) error {
	files, err := Generated(docs)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(filepath.Join(dir, FiguresDir)); err != nil {
		return err
	}
	for name, data := range files {
		dst := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := atomicfile.WriteFile(dst, data); err != nil {
			return err
		}
	}
	return nil
}

// Generated returns the generated files by their path in the site.
func Generated(docs fs.FS) (map[string][]byte, error) {
	files, err := DocsFigures(docs)
	if err != nil {
		return nil, err
	}
	if files[WasmFile], err = BuildEngine(); err != nil {
		return nil, err
	}
	if files[ExecFile], err = ExecJS(); err != nil {
		return nil, err
	}
	return files, nil
}

// BuildEngine builds cmd/hopfield for js/wasm and returns the bytes.
func BuildEngine() ([]byte, error) {
	tmp, err := os.MkdirTemp("", "hopfield-wasm-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, WasmFile)
	cmd := exec.Command("go", append(buildFlags, "-o", out, "github.com/hopfield-lab/hopfield/cmd/hopfield")...)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("building the engine: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return os.ReadFile(out)
}

// ExecJS returns wasm_exec.js of the Go release on PATH, which must load
// the engine it built.
func ExecJS() ([]byte, error) {
	root, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOROOT: %v", err)
	}
	return os.ReadFile(filepath.Join(strings.TrimSpace(string(root)), "lib", "wasm", ExecFile))
}
