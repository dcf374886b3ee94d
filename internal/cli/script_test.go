package cli

import (
	"os"
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
	testscript.Run(t, testscript.Params{Dir: "testdata/script"})
}
