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

func TestCheckWritable(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "nonexist", "d")
	for _, tc := range []struct {
		name, path, want string // want "" means no error
	}{
		{"new file", filepath.Join(dir, "new.png"), ""},
		{"existing file", file, ""},
		{"missing directory", filepath.Join(missing, "x.png"), filepath.Join(missing, "x.png") + ": directory " + missing + " does not exist"},
		{"directory", dir, dir + ": is a directory"},
		{"file as directory", filepath.Join(file, "x.png"), filepath.Join(file, "x.png") + ": " + file + " is not a directory"},
		{"empty", "", "empty output path"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckWritable(tc.path)
			if tc.want == "" && err != nil || tc.want != "" && (err == nil || err.Error() != tc.want) {
				t.Errorf("CheckWritable(%q) = %v, want %q", tc.path, err, tc.want)
			}
		})
	}
}

func TestCheckDir(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "h.png")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, path, want string
	}{
		{"existing", dir, ""},
		{"to be created", filepath.Join(dir, "a", "b"), ""},
		{"regular file", file, file + ": want a directory"},
		{"below a file", filepath.Join(file, "sub"), filepath.Join(file, "sub") + ": " + file + " is not a directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckDir(tc.path)
			if tc.want == "" && err != nil || tc.want != "" && (err == nil || err.Error() != tc.want) {
				t.Errorf("CheckDir(%q) = %v, want %q", tc.path, err, tc.want)
			}
		})
	}
}

// TestErrorsNameTarget checks that failures are reported in terms of the
// target path, never the temporary file's name.
func TestErrorsNameTarget(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "out")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "nonexist", "x.png")
	for _, tc := range []struct {
		name, path, want string
	}{
		{"missing directory", missing, missing + ": directory " + filepath.Dir(missing) + " does not exist"},
		{"target is a directory", sub, sub + ": is a directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := WriteFile(tc.path, []byte("data"))
			if err == nil || err.Error() != tc.want {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			if strings.Contains(err.Error(), ".tmp-") {
				t.Errorf("error %q names a temporary file", err)
			}
			entries, _ := os.ReadDir(sub)
			if len(entries) != 0 {
				t.Errorf("%d files left in %s", len(entries), sub)
			}
		})
	}
}

func TestBatch(t *testing.T) {
	boom := errors.New("boom")
	write := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	t.Run("commit writes all", func(t *testing.T) {
		dir := t.TempDir()
		a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
		var batch Batch
		defer batch.Abort()
		if err := batch.Write(a, write("A")); err != nil {
			t.Fatal(err)
		}
		if err := batch.WriteFile(b, []byte("B")); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(a); !os.IsNotExist(err) {
			t.Fatalf("%s exists before Commit", a)
		}
		if err := batch.Commit(); err != nil {
			t.Fatal(err)
		}
		for path, want := range map[string]string{a: "A", b: "B"} {
			if got, err := os.ReadFile(path); err != nil || string(got) != want {
				t.Errorf("%s = %q (%v), want %q", path, got, err, want)
			}
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 2 {
			t.Errorf("%d files in the directory, want 2", len(entries))
		}
	})
	t.Run("a failed write leaves nothing", func(t *testing.T) {
		dir := t.TempDir()
		a := filepath.Join(dir, "a.txt")
		var batch Batch
		if err := batch.Write(a, write("A")); err != nil {
			t.Fatal(err)
		}
		bad := filepath.Join(dir, "nonexist", "t.csv")
		err := batch.Write(bad, write("T"))
		if err == nil || !strings.Contains(err.Error(), "does not exist") {
			t.Fatalf("error %v, want a missing directory", err)
		}
		if err := batch.Write(filepath.Join(dir, "c.txt"), func(io.Writer) error { return boom }); !errors.Is(err, boom) {
			t.Fatalf("error %v, want %v", err, boom)
		}
		batch.Abort()
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%d files left after Abort, want none", len(entries))
		}
	})
}
