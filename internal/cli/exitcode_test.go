package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestExitCodes runs commands in-process: usage and input errors exit 2 with
// exactly one line naming the flag or file (plus the usage lines for usage
// errors), success exits 0.
func TestExitCodes(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"success", []string{"recall", "--patterns", "seed:X", "--cue-from", "0"}, 0, ""},
		{"help", []string{"help", "recall"}, 0, ""},
		{"flag help", []string{"recall", "--help"}, 0, ""},
		{"no command", nil, 2, "usage"},
		{"unknown flag", []string{"recall", "--bogus"}, 2, "flag provided but not defined: -bogus"},
		{"missing file", []string{"recall", "--patterns", "nope.npy", "--cue-from", "0"}, 2, "nope.npy"},
		{"bad noise", []string{"recall", "--patterns", "seed:X", "--cue-from", "0", "--noise", "2"}, 2, "-noise"},
		{"bad rule", []string{"recall", "--patterns", "seed:X", "--cue-from", "0", "--rule", "x"}, 2, "--rule"},
		{"unknown builtin", []string{"patterns", "show", "alphabet:AA"}, 2, "alphabet:AA"},
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
			if tc.code == 2 && len(tc.args) > 0 {
				first := strings.SplitN(stderr.String(), "\n", 2)[0]
				if !strings.HasPrefix(first, "hopfield "+tc.args[0]+": ") {
					t.Errorf("first line %q does not name the command", first)
				}
			}
		})
	}
}
