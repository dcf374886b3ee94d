package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExitCodes runs commands in-process: usage and input errors exit 2 with
// exactly one line naming the command and the flag or file, usage errors
// ending with a pointer to the help; success exits 0.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "h.png")
	if err := os.WriteFile(file, []byte("not a directory"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "nonexist")
	for _, tc := range []struct {
		name  string
		args  []string
		code  int
		want  string
		usage bool // a usage error: the line ends with "(see 'hopfield help CMD')"
	}{
		{"success", []string{"recall", "--patterns", "seed:X", "--cue-from", "0"}, 0, "", false},
		{"help", []string{"help", "recall"}, 0, "", false},
		{"help help", []string{"help", "help"}, 0, "", false},
		{"help version", []string{"help", "version"}, 0, "", false},
		{"flag help", []string{"recall", "--help"}, 0, "", false},
		{"no command", nil, 2, "usage", false},
		{"unknown flag", []string{"recall", "--bogus"}, 2, "flag provided but not defined: -bogus", true},
		{"missing file", []string{"recall", "--patterns", "nope.npy", "--cue-from", "0"}, 2, "nope.npy", false},
		{"bad noise", []string{"recall", "--patterns", "seed:X", "--cue-from", "0", "--noise", "2"}, 2, "-noise", true},
		{"bad rule", []string{"recall", "--patterns", "seed:X", "--cue-from", "0", "--rule", "x"}, 2, "--rule", true},
		{"unknown builtin", []string{"patterns", "show", "alphabet:AA"}, 2, "alphabet:AA", false},
		{"infinite temperature", []string{"recall", "--patterns", "seed:X", "--cue-from", "0", "--update", "glauber", "--temperature", "Inf"}, 2, "--temperature: want a finite number >= 0, got +Inf", true},
		{"keep-diagonal with hebbian", []string{"recall", "--patterns", "seed:X", "--cue-from", "0", "--keep-diagonal"}, 2, "--keep-diagonal is for --rule pseudoinverse", true},
		{"unscaled with storkey", []string{"recall", "--patterns", "seed:X", "--cue-from", "0", "--rule", "storkey", "--unscaled"}, 2, "--unscaled is for --rule hebbian", true},
		{"tie at T > 0", []string{"recall", "--patterns", "seed:X", "--cue-from", "0", "--update", "glauber", "--temperature", "1", "--tie", "plus"}, 2, "--tie has no effect", true},
		{"tie at T = 0", []string{"recall", "--patterns", "seed:X", "--cue-from", "0", "--update", "glauber", "--tie", "plus"}, 0, "", false},
		{"scale without png", []string{"patterns", "convert", "seed:X", "--out", filepath.Join(dir, "x.txt"), "--scale", "2"}, 2, "--scale is for convert --out FILE.png", true},
		{"rows without image", []string{"patterns", "show", "seed:X", "--rows", "5", "--cols", "5"}, 2, "seed:X is not an image", true},
		{"version extra", []string{"version", "extra"}, 2, `unexpected argument "extra"`, true},
		{"out in missing dir", []string{"recall", "--patterns", "seed:X", "--cue-from", "0", "--out", filepath.Join(missing, "x.png")}, 2, "directory " + missing + " does not exist", false},
		{"out is a directory", []string{"patterns", "convert", "seed:X", "--out", dir}, 2, "unknown file type", true},
		{"experiment out is a file", []string{"experiment", "run", "sync-small", "--out", file}, 2, "--out " + file + ": want a directory", false},
		{"big text art", []string{"patterns", "show", "seed:BU"}, 2, "too large for text art", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := Main(tc.args, &Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Ctx: context.Background()})
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tc.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("stderr %q, want it to contain %q", stderr.String(), tc.want)
			}
			if tc.code != 2 || len(tc.args) == 0 {
				return
			}
			line, rest, _ := strings.Cut(stderr.String(), "\n")
			if rest != "" {
				t.Errorf("stderr has more than one line: %q", stderr.String())
			}
			if !strings.HasPrefix(line, "hopfield "+tc.args[0]+": ") {
				t.Errorf("line %q does not name the command", line)
			}
			if strings.Contains(line, ": hopfield: ") || strings.Contains(line, ".tmp-") {
				t.Errorf("line %q repeats the prefix or names a temporary file", line)
			}
			if see := " (see 'hopfield help " + tc.args[0] + "')"; strings.HasSuffix(line, see) != tc.usage {
				t.Errorf("line %q: usage error %v, want %v", line, !tc.usage, tc.usage)
			}
		})
	}
}

func TestErrorText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"hopfield: temperature +Inf: want a finite number", "temperature +Inf: want a finite number"},
		{"--weights w.npy: hopfield: weight (0, 1) is NaN", "--weights w.npy: weight (0, 1) is NaN"},
		{"two\nlines", "two lines"},
		{"open hopfield.npy: no such file", "open hopfield.npy: no such file"},
	} {
		if got := errorText(errors.New(tc.in)); got != tc.want {
			t.Errorf("errorText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPlural(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{0, "0 steps"}, {1, "1 step"}, {2, "2 steps"}} {
		if got := plural(tc.n, "1 step", "%d steps"); got != tc.want {
			t.Errorf("plural(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}
