package cli

import (
	"context"
	"io"
	"strings"
	"testing"
)

// Only the commands that stop cleanly on a signal catch it: the others keep
// SIGINT's default and stop at once, instead of catching Ctrl-C and then
// ignoring it. Catching is what Env.Context sets up, so a command that must
// not catch may not call it.
func TestOnlyLongCommandsCatchSignals(t *testing.T) {
	for _, tc := range []struct {
		args  []string
		catch bool
	}{
		{[]string{"recall", "--patterns", "seed:X", "--cue-from", "0"}, false},
		{[]string{"patterns", "show", "seed:X"}, false},
		{[]string{"version"}, false},
		{[]string{"experiment", "run", "sync-small", "--out", "OUT", "--format", "none"}, true},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			for i, a := range tc.args {
				if a == "OUT" {
					tc.args[i] = t.TempDir()
				}
			}
			caught := false
			env := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard,
				newCtx: func() context.Context { caught = true; return context.Background() }}
			if code := Main(tc.args, env); code != 0 {
				t.Fatalf("exit code %d", code)
			}
			if caught != tc.catch {
				t.Errorf("caught signals: %v, want %v", caught, tc.catch)
			}
		})
	}
}
