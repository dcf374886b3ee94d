package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.txt")
	if err := WriteFile(path, []byte("first")); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	for _, tc := range []struct {
		name string
		fill func(io.Writer) error
		want string // content afterwards
		err  error
	}{
		{"replace", func(w io.Writer) error { _, err := io.WriteString(w, "second"); return err }, "second", nil},
		{"fail after writing", func(w io.Writer) error { io.WriteString(w, "partial"); return boom }, "second", boom},
		{"fail at once", func(io.Writer) error { return boom }, "second", boom},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := Write(path, tc.fill)
			if !errors.Is(err, tc.err) {
				t.Fatalf("error %v, want %v", err, tc.err)
			}
			got, err := os.ReadFile(path)
			if err != nil || string(got) != tc.want {
				t.Fatalf("content %q (%v), want %q", got, err, tc.want)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("%d files in the directory, want only the target (no temporary left)", len(entries))
			}
		})
	}
	// A failed first write creates nothing.
	fresh := filepath.Join(dir, "fresh.txt")
	if err := Write(fresh, func(io.Writer) error { return boom }); err == nil {
		t.Fatal("no error")
	}
	if _, err := os.Stat(fresh); !os.IsNotExist(err) {
		t.Errorf("failed write left %s: %v", fresh, err)
	}
	// A directory that does not exist is an error naming the path.
	bad := filepath.Join(dir, "no", "such", "dir.txt")
	if err := WriteFile(bad, nil); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("error %v, want one naming %s", err, bad)
	}
}
