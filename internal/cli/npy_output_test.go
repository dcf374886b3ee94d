package cli

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/patterns"
)

// fileNPYHeader is the header of a .npy file, data excluded.
func fileNPYHeader(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 10 {
		t.Fatalf("%s: %d bytes", path, len(b))
	}
	n := 10 + int(binary.LittleEndian.Uint16(b[8:]))
	if b[6] == 2 {
		n = 12 + int(binary.LittleEndian.Uint32(b[8:]))
	}
	return b[:min(n, len(b))]
}

func runMain(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := Main(args, &Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Ctx: context.Background()}); code != 0 {
		t.Fatalf("%v: exit %d\n%s", args, code, stderr.String())
	}
	return stderr.String()
}

// Every .npy the command writes has the header numpy.save writes for the
// same array (format 1.0, padded to 64 bytes): compared with the NumPy
// fixtures of package patterns (patterns/testdata/make_npy.py).
func TestNPYOutputsMatchNumPy(t *testing.T) {
	dir := t.TempDir()
	out := func(name string) string { return filepath.Join(dir, name) }
	fixture := func(name string) string { return filepath.Join("..", "..", "patterns", "testdata", name) }
	runMain(t, "recall", "--patterns", "seed:A", "--cue-from", "0", "--out", out("recall.npy"))
	runMain(t, "patterns", "convert", "seed:A", "--out", out("convert.npy"))
	runMain(t, "patterns", "random", "--rows", "5", "--cols", "5", "--p", "3", "--out", out("random.npy"))
	runMain(t, "patterns", "random", "--n", "25", "--p", "3", "--out", out("random_vec.npy"))
	for _, tc := range []struct{ ours, numpy string }{
		{"recall.npy", "img_int8_bipolar.npy"},
		{"convert.npy", "img_int8_bipolar.npy"},
		{"random.npy", "cube_int8_bipolar.npy"},
		{"random_vec.npy", "stack_int8_bipolar.npy"},
	} {
		if got, want := fileNPYHeader(t, out(tc.ours)), fileNPYHeader(t, fixture(tc.numpy)); !bytes.Equal(got, want) {
			t.Errorf("%s header:\n%q\nNumPy's (%s):\n%q", tc.ours, got, tc.numpy, want)
		}
	}
}

// patterns random writes the patterns of patterns.RandomSet from the seed,
// the web lab's random memories, and prints the seed.
func TestPatternsRandomIsRandomSet(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.npy")
	if stderr := runMain(t, "patterns", "random", "--rows", "4", "--cols", "6", "--p", "5", "--seed", "42", "--out", path); stderr != "seed 42\n" {
		t.Errorf("stderr %q, want the seed", stderr)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, shape, err := patterns.ReadNPY(f, patterns.NPYOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := patterns.RandomSet(hopfield.NewSource(42), 5, 4, 6, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	if len(shape) != 3 || shape[0] != 5 || shape[1] != 4 || shape[2] != 6 || len(got) != 5 {
		t.Fatalf("shape %v, %d patterns", shape, len(got))
	}
	for i := range want {
		if !slices.Equal(got[i].Data, want[i].Data) {
			t.Errorf("pattern %d differs from RandomSet's", i)
		}
	}
}
