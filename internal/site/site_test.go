package site

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// TestGenerated checks that the committed engine and loader are what this
// tree and the Go release on PATH build (go generate writes them).
func TestGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("building the engine takes seconds; skipped in -short mode")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command on PATH")
	}
	files, err := Generated(os.DirFS(filepath.Join("..", "..", "docs", "figures")))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := fs.ReadFile(FS(), name)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("static/%s is not what this tree builds (%d bytes, built %d): run go generate ./internal/site", name, len(got), len(want))
		}
	}
	fs.WalkDir(FS(), FiguresDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && files[p] == nil {
			t.Errorf("static/%s is not in docs/figures: run go generate ./internal/site", p)
		}
		return err
	})
}

// TestFS checks that the site holds its pages and that every file reads.
func TestFS(t *testing.T) {
	if err := fstest.TestFS(FS(), "index.html", "experiments.html", "engine.js", "worker.js", "figure.js", WasmFile, ExecFile, FiguresIndex, "figures/letters-5x5/letters.png"); err != nil {
		t.Fatal(err)
	}
}

// TestWrite checks that Write writes every file of the site.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	files, err := Write(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	fs.WalkDir(FS(), ".", func(_ string, d fs.DirEntry, _ error) error {
		if !d.IsDir() {
			want++
		}
		return nil
	})
	if len(files) != want || want < 10 {
		t.Errorf("wrote %d files, the site has %d", len(files), want)
	}
}

// maxTransfer is the site's budget: everything a reader may download,
// gzip-compressed as static hosts send it.
const maxTransfer = 3 << 20

// TestTransferSize checks the site's compressed size against the budget and
// logs what it is made of.
func TestTransferSize(t *testing.T) {
	total, wasmRaw, wasmGzip := 0, 0, 0
	err := fs.WalkDir(FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(FS(), p)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(data)
		zw.Close()
		total += buf.Len()
		if p == WasmFile {
			wasmRaw, wasmGzip = len(data), buf.Len()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("site: %.2f MiB gzip-compressed; engine %.2f MiB raw, %.2f MiB compressed", mib(total), mib(wasmRaw), mib(wasmGzip))
	if total > maxTransfer {
		t.Errorf("the site is %.2f MiB compressed, over its budget of %.0f MiB", mib(total), mib(maxTransfer))
	}
}

func mib(n int) float64 { return float64(n) / (1 << 20) }
