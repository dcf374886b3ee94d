package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// patterns random refuses, in one line naming --p and --n with the bytes
// needed, a .txt or .png whose patterns would not fit in memory, before it
// writes anything; a .npy of as many patterns is written one pattern at a
// time.
func TestPatternsRandomMemory(t *testing.T) {
	saved := randomMemoryLimit
	randomMemoryLimit = func() int64 { return 1 << 20 }
	t.Cleanup(func() { randomMemoryLimit = saved })
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--n", "100", "--p", "100000", "--out", filepath.Join(dir, "x.txt")},
			`^hopfield patterns: --p 100000 --n 100: a \.txt holds them all in memory, about [0-9.]+ MiB, over the limit of 1\.0 MiB; `},
		{[]string{"--rows", "2", "--cols", "5", "--p", "100000", "--out", filepath.Join(dir, "x.png")},
			`^hopfield patterns: --p 100000 --rows 2 --cols 5: a \.png holds them all in memory, about [0-9.]+ MiB, `},
	} {
		var stdout, stderr bytes.Buffer
		code := Main(append([]string{"patterns", "random"}, tc.args...), &Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Ctx: context.Background()})
		if code != 2 || !regexp.MustCompile(tc.want).MatchString(stderr.String()) || strings.Count(stderr.String(), "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q, want exit 2 and one line matching %q", tc.args, code, stderr.String(), tc.want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("refused commands wrote %v", entries)
	}
	runMain(t, "patterns", "random", "--n", "100", "--p", "100000", "--out", filepath.Join(dir, "x.npy"))
	if fi, err := os.Stat(filepath.Join(dir, "x.npy")); err != nil || fi.Size() != 128+100*100000 {
		t.Errorf("x.npy: %v, %v", fi, err)
	}
}
