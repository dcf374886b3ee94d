package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"hopfield": func() { os.Exit(Main(os.Args[1:], OSEnv())) },
	})
}

// TestScripts runs the txtar scripts in testdata/script: each is a CLI
// session with its inputs, commands and expected outputs.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		// Binary fixtures (NumPy files written by NumPy itself) come from the
		// patterns package's testdata, copied into each script's $WORK/fixtures.
		Setup: func(env *testscript.Env) error {
			dst := filepath.Join(env.WorkDir, "fixtures")
			if err := os.MkdirAll(dst, 0o755); err != nil {
				return err
			}
			src := filepath.Join("..", "..", "patterns", "testdata")
			entries, err := os.ReadDir(src)
			if err != nil {
				return err
			}
			for _, e := range entries {
				if filepath.Ext(e.Name()) != ".npy" {
					continue
				}
				data, err := os.ReadFile(filepath.Join(src, e.Name()))
				if err != nil {
					return err
				}
				if err := os.WriteFile(filepath.Join(dst, e.Name()), data, 0o644); err != nil {
					return err
				}
			}
			return nil
		},
	})
}
