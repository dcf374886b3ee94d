// Package atomicfile writes output files so that a failed run leaves no
// partial file and does not touch an existing one: the data goes to a
// temporary file in the same directory, which is renamed over the target only
// once everything has been written and synced.
//
// A command with outputs follows three steps:
//
//  1. Before any work, [CheckWritable] each output file (or [CheckDir] an
//     output directory), so that a typo in a path fails at once, with
//     exit code 2, instead of after a long run.
//  2. Write the outputs: [Write] or [WriteFile] for one file; a [Batch] for
//     several that must appear together or not at all (recall's --out and
//     --trace): [Batch.Write] stages each in a temporary file and
//     [Batch.Commit] renames them all once every write has succeeded.
//  3. On failure nothing is left behind: no temporary, no partial target.
//
// Errors name the target path, never a temporary file, and say what is
// wrong in the user's terms ("x.png: directory out does not exist",
// "out: is a directory").
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// CheckWritable reports whether path can be written as a file, without
// creating anything: its directory must exist and be a directory, and path
// must not be a directory. It is meant to run before any work, so that the
// work is not lost to a bad output path.
func CheckWritable(path string) error {
	if path == "" {
		return errors.New("empty output path")
	}
	dir := filepath.Dir(path)
	fi, err := os.Stat(dir)
	switch {
	case missing(err):
		return fmt.Errorf("%s: directory %s does not exist", path, dir)
	case err != nil:
		return targetError(path, err)
	case !fi.IsDir():
		return fmt.Errorf("%s: %s is not a directory", path, dir)
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("%s: is a directory", path)
	}
	return nil
}

// CheckDir reports whether path can be used as an output directory: it is a
// directory, or it does not exist yet and its nearest existing ancestor is a
// directory (so that os.MkdirAll can create it).
func CheckDir(path string) error {
	if path == "" {
		return errors.New("empty output directory")
	}
	for p := filepath.Clean(path); ; {
		fi, err := os.Stat(p)
		switch {
		case err == nil && fi.IsDir():
			return nil
		case err == nil && p == filepath.Clean(path):
			return fmt.Errorf("%s: want a directory", path)
		case err == nil:
			return fmt.Errorf("%s: %s is not a directory", path, p)
		case !missing(err):
			return targetError(path, err)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return nil
		}
		p = parent
	}
}

// Write calls fill with a writer on a temporary file next to path and, if fill
// succeeds, renames the temporary file to path. On any error the temporary
// file is removed and path is left as it was.
func Write(path string, fill func(w io.Writer) error) error {
	var b Batch
	defer b.Abort()
	if err := b.Write(path, fill); err != nil {
		return err
	}
	return b.Commit()
}

// WriteFile is Write for data already in memory.
func WriteFile(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// A Batch stages several output files and commits them together: each
// [Batch.Write] fills a temporary file in its target's directory, and
// [Batch.Commit] renames them all into place. Until Commit no target is
// touched; [Batch.Abort] (deferred right after declaring the batch) removes
// the temporaries of a batch that was not committed. The zero Batch is ready
// to use.
//
// The renames are separate steps: if one fails (rare, since each temporary
// already sits in its target's directory), the targets renamed before it
// stay written and the others are removed.
type Batch struct {
	staged []staged
	done   bool
}

type staged struct{ tmp, path string }

// Write fills a temporary file for path. An error names path; the
// temporary is removed, and the batch should be abandoned.
func (b *Batch) Write(path string, fill func(w io.Writer) error) (err error) {
	if b.done {
		panic("atomicfile: Write after Commit or Abort")
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		if cerr := CheckWritable(path); cerr != nil {
			return cerr
		}
		return targetError(path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = fill(f); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return targetError(path, err)
	}
	if err = f.Close(); err != nil {
		return targetError(path, err)
	}
	if err = os.Chmod(f.Name(), 0o644); err != nil {
		return targetError(path, err)
	}
	b.staged = append(b.staged, staged{f.Name(), path})
	return nil
}

// WriteFile is [Batch.Write] for data already in memory.
func (b *Batch) WriteFile(path string, data []byte) error {
	return b.Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Commit renames every staged file to its target. After Commit the batch is
// finished; a later Abort does nothing.
func (b *Batch) Commit() error {
	defer b.Abort()
	for len(b.staged) > 0 {
		s := b.staged[0]
		if err := os.Rename(s.tmp, s.path); err != nil {
			if fi, serr := os.Stat(s.path); serr == nil && fi.IsDir() {
				return fmt.Errorf("%s: is a directory", s.path)
			}
			return targetError(s.path, err)
		}
		b.staged = b.staged[1:]
	}
	return nil
}

// Abort removes the temporary files of a batch not yet committed. It may be
// called any number of times.
func (b *Batch) Abort() {
	for _, s := range b.staged {
		os.Remove(s.tmp)
	}
	b.staged, b.done = nil, true
}

// missing reports whether err says that a path does not exist, including
// because one of its ancestors is a file.
func missing(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)
}

// targetError restates err, whose file name may be a temporary's, in terms
// of the target path: "x.png: permission denied".
func targetError(path string, err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		err = pe.Err
	case errors.As(err, &le):
		err = le.Err
	}
	return fmt.Errorf("%s: %w", path, err)
}
