package patterns

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/hopfield-lab/hopfield/internal/atomicfile"
)

// LoadOptions control [Load].
type LoadOptions struct {
	NPY   NPYOptions   // for .npy files
	Image ImageOptions // for .png, .jpg, .jpeg and .gif files
}

// SaveOptions control [Save].
type SaveOptions struct {
	// Scale is the pixels per neuron of a .png; 0 means DefaultScale.
	Scale int
	// Gap is the width in pixels between patterns in a .png strip; 0 means
	// one neuron (Scale pixels).
	Gap int
}

// Load reads the patterns named by path, the one entry point for the CLI
// and the web lab:
//
//   - "seed:..." and "alphabet:..." are built-in patterns ([Builtin]);
//   - .npy is a NumPy array ([ReadNPY]);
//   - .png, .jpg, .jpeg and .gif are images ([ReadImages]): one pattern
//     each, or the patterns of a strip written by Save;
//   - .txt is the text form ([ReadText]).
//
// Extensions are matched without regard to case. Errors start with path.
// Patterns get a name if the file does not give one: the file's base name,
// with "[i]" appended when the file holds several patterns.
func Load(path string, opts LoadOptions) ([]Pattern, error) {
	if IsBuiltin(path) {
		p, err := Builtin(path)
		if err != nil {
			return nil, err
		}
		return []Pattern{p}, nil
	}
	ext := strings.ToLower(filepath.Ext(path))
	var read func(io.Reader) ([]Pattern, error)
	switch {
	case ext == ".npy":
		read = func(r io.Reader) ([]Pattern, error) {
			ps, _, err := ReadNPY(r, opts.NPY)
			return ps, err
		}
	case imageFormat(ext) != "":
		read = func(r io.Reader) ([]Pattern, error) { return ReadImages(r, opts.Image) }
	case ext == ".txt":
		read = ReadText
	default:
		return nil, fmt.Errorf("%s: unknown file type %q (want .npy, .png, .jpg, .jpeg, .gif, .txt, or a built-in name such as seed:A; see 'hopfield patterns list')", path, ext)
	}
	var ps []Pattern
	err := readFile(path, func(r io.Reader) (err error) {
		ps, err = read(r)
		return err
	})
	if err != nil {
		return nil, err
	}
	base := filepath.Base(path)
	for i := range ps {
		if ps[i].Name != "" {
			continue
		}
		ps[i].Name = base
		if len(ps) > 1 {
			ps[i].Name += "[" + strconv.Itoa(i) + "]"
		}
	}
	return ps, nil
}

// LoadFloatNPY reads the .npy file path with [ReadFloatNPY]. Errors start
// with path; one from opening the file is an *fs.PathError.
func LoadFloatNPY(path string, opts FloatNPYOptions) (*FloatArray, error) {
	var a *FloatArray
	err := readFile(path, func(r io.Reader) (err error) {
		a, err = ReadFloatNPY(r, opts)
		return err
	})
	return a, err
}

// readFile opens path and decodes it with read, adding path to its error.
func readFile(path string, read func(io.Reader) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err // *PathError already names the file
	}
	defer f.Close()
	// The decoders read headers a few bytes at a time: one buffer makes that
	// one system call for a small file. Knowing the size lets a .npy reader
	// allocate its data once.
	var r io.Reader = bufio.NewReaderSize(f, 64<<10)
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		r = &sizedReader{Reader: r, size: fi.Size()}
	}
	if err := read(r); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// LoadAll loads every path with [Load] and returns all the patterns in
// order. All patterns must have the same number of neurons; otherwise the
// error names both files and both shapes.
func LoadAll(paths []string, opts LoadOptions) ([]Pattern, error) {
	var (
		all   []Pattern
		first string
	)
	for _, path := range paths {
		ps, err := Load(path, opts)
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			if len(all) > 0 && p.N() != all[0].N() {
				return nil, fmt.Errorf("%s: pattern %q is %s (%d neurons), but %s: pattern %q is %s (%d neurons)",
					path, p.Name, p.Shape(), p.N(), first, all[0].Name, all[0].Shape(), all[0].N())
			}
			if len(all) == 0 {
				first = path
			}
			all = append(all, p)
		}
	}
	return all, nil
}

// Save writes patterns to path, through a temporary file renamed into place
// (a failed write leaves nothing behind), in the format [Marshal] chooses by
// its extension. Errors start with path.
func Save(path string, ps []Pattern, opts SaveOptions) error {
	data, err := Marshal(path, ps, opts)
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(path, data)
}

// Marshal encodes patterns in the format named by the extension of name,
// for a caller that writes the bytes itself (several outputs committed
// together, an HTTP response):
//
//   - .npy: int8 array ([WriteNPY]);
//   - .png: one image, or several patterns side by side ([WriteStripPNG]),
//     which [Load] reads back as the patterns written;
//   - .txt: the text form ([WriteText]).
//
// Errors start with name.
func Marshal(name string, ps []Pattern, opts SaveOptions) ([]byte, error) {
	var write func(io.Writer) error
	switch ext := strings.ToLower(filepath.Ext(name)); ext {
	case ".npy":
		write = func(w io.Writer) error { return WriteNPY(w, ps) }
	case ".png":
		write = func(w io.Writer) error { return WriteStripPNG(w, ps, opts.Scale, opts.Gap) }
	case ".txt":
		write = func(w io.Writer) error { return WriteText(w, ps) }
	default:
		return nil, fmt.Errorf("%s: cannot save as %q (want .npy, .png or .txt)", name, ext)
	}
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return buf.Bytes(), nil
}
