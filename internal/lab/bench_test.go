package lab

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hopfield-lab/hopfield/patterns"
)

// BenchmarkRun100x100 is the browser measurement of internal/site
// (testMeasure) natively: the engine's "run" call for the 100x100 BU from
// 20% noise with BU and BC stored, synchronous, lines and all. It reports
// the time per step, to set beside the browser's.
func BenchmarkRun100x100(b *testing.B) {
	lim := Limits{}.WithDefaults()
	bu, bc := patterns.BU(), patterns.BC()
	cue, err := patterns.CueOp{Kind: patterns.CueFlip, Fraction: 0.2}.Apply(bu, CueSource(1))
	if err != nil {
		b.Fatal(err)
	}
	req := RunRequest{MemoryRequest: memoryOf(bu, bc), Cue: patterns.FormatCells(cue.Data), Update: "sync"}
	body, _ := json.Marshal(req)
	steps := 0
	for b.Loop() {
		_, err := lim.Call(context.Background(), "run", body, nil, func(line any) error {
			if end, ok := line.(EndLine); ok {
				steps += end.Steps
			}
			_, err := json.Marshal(line) // as the engine sends it to the page
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(steps)/1e6, "ms/step")
}
