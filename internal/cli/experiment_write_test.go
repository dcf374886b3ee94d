package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hopfield-lab/hopfield/internal/experiments"
)

func TestWriteResult(t *testing.T) {
	e, _ := experiments.Lookup("sync-small")
	r, err := e.Execute(context.Background(), e.Defaults(), 3)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "out")
	files, err := writeResult(dir, r, "svg")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"states.svg", "states.csv", "result.json"}
	if len(files) != len(want) {
		t.Fatalf("wrote %v, want %v", files, want)
	}
	for i, f := range files {
		if filepath.Base(f) != want[i] {
			t.Errorf("file %d is %s, want %s", i, f, want[i])
		}
	}
	csv, _ := os.ReadFile(filepath.Join(dir, "states.csv"))
	if !strings.HasPrefix(string(csv), "t,s0,s1,s2,s3,s4\n0,") {
		t.Errorf("states.csv starts %q", csv[:min(len(csv), 40)])
	}
	var doc struct {
		Experiment string
		Seed       uint64
		Params     map[string]any
		Numbers    map[string]float64
		Figures    []struct{ Name string }
	}
	js, _ := os.ReadFile(filepath.Join(dir, "result.json"))
	if err := json.Unmarshal(js, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Experiment != "sync-small" || doc.Seed != 3 || doc.Params["T"] != 10.0 || len(doc.Figures) != 1 {
		t.Errorf("result.json: %+v", doc)
	}
	if _, err := writeResult(dir, r, "gif"); err == nil || !strings.Contains(err.Error(), `"gif"`) {
		t.Errorf("format gif: error %v", err)
	}
}
