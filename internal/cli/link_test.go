package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hopfield-lab/hopfield/internal/lab"
	"github.com/hopfield-lab/hopfield/patterns"
)

// TestLinkIsTheCommand checks that a share link of the web lab and the
// hopfield recall command it stands for give the same run: the same final
// state, steps and energy. (internal/lab's TestSameBits checks, under
// js/wasm, that the browser gives the native lab's run.)
func TestLinkIsTheCommand(t *testing.T) {
	for _, tc := range []struct{ link, args string }{
		{"grid=100x100&store=seed:BU,seed:BC&cue=seed:BU&erase=bottom&rule=hebbian&update=sync&seed=1",
			"--patterns seed:BU --patterns seed:BC --cue-from 0 --erase-half bottom --rule hebbian --update sync --seed 1"},
		{"store=seed:BU,seed:BC,seed:star&cue=seed:BC&noise=0.3&update=async&seed=4",
			"--patterns seed:BU --patterns seed:BC --patterns seed:star --cue-from 1 --noise 0.3 --update async --seed 4"},
		{"store=seed:checkerboard,seed:X,seed:A&cue=seed:X&noise=0.2&erase=0.1&tie=plus&update=permutation&seed=3&max_steps=7",
			"--patterns seed:checkerboard --patterns seed:X --patterns seed:A --cue-from 1 --erase 0.1 --noise 0.2 --tie plus --update permutation --seed 3 --max-steps 7"},
		{"store=alphabet:H,alphabet:T,alphabet:O&cue=1&noise=0.2&rule=storkey&update=glauber&temperature=0.05&seed=9",
			"--patterns alphabet:H --patterns alphabet:T --patterns alphabet:O --cue-from 1 --noise 0.2 --rule storkey --update glauber --temperature 0.05 --seed 9"},
	} {
		t.Run(tc.args, func(t *testing.T) {
			lim := lab.Limits{}.WithDefaults()
			link, err := lab.ParseLink(tc.link)
			if err != nil {
				t.Fatal(err)
			}
			st, err := lim.Resolve(link)
			if err != nil {
				t.Fatal(err)
			}
			ru, err := lim.ParseRun(st.RunRequest)
			if err == nil {
				err = ru.Learn()
			}
			if err != nil {
				t.Fatal(err)
			}
			var end lab.EndLine
			ru.Stream(context.Background(), func(v any) error {
				if e, ok := v.(lab.EndLine); ok {
					end = e
				}
				return nil
			})

			out := filepath.Join(t.TempDir(), "final.txt")
			var stdout, stderr bytes.Buffer
			args := append([]string{"recall", "--json", "--out", out}, strings.Fields(tc.args)...)
			if code := Main(args, &Env{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Ctx: context.Background()}); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			var cmd recallOutcome
			if err := json.Unmarshal(stdout.Bytes(), &cmd); err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(out)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			final, err := patterns.ReadText(f)
			if err != nil {
				t.Fatal(err)
			}
			if got := patterns.FormatCells(final[0].Data); got != end.Cells || cmd.Steps != end.Steps || cmd.Energy != end.Energy || cmd.End != end.End {
				t.Errorf("command: %s after %d steps, energy %v; link: %s after %d steps, energy %v; states differ: %v",
					cmd.End, cmd.Steps, cmd.Energy, end.End, end.Steps, end.Energy, got != end.Cells)
			}
		})
	}
}
