package site

import (
	"embed"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/hopfield-lab/hopfield/internal/atomicfile"
)

//go:generate go run build.go

//go:embed static
var files embed.FS

// FS returns the site's files, rooted at the site: index.html,
// experiments.html, their scripts and styles, the engine and its loader.
func FS() fs.FS {
	sub, err := fs.Sub(files, "static")
	if err != nil {
		panic(err) // the directory is embedded
	}
	return sub
}

// Write writes the site into dir (created if needed), each file atomically,
// and returns the paths written. Files of dir that are not the site's are
// left alone.
func Write(dir string) ([]string, error) {
	var written []string
	err := fs.WalkDir(FS(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(FS(), path)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := atomicfile.WriteFile(dst, data); err != nil {
			return err
		}
		written = append(written, dst)
		return nil
	})
	return written, err
}
