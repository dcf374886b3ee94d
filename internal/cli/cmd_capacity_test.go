package cli

import (
	"math"
	"strings"
	"testing"
	"time"
)

// The bar redraws one line (carriage return) with the percentage, the
// count and an ETA, skips redraws closer than 100 ms apart except the last,
// and ends the line when finished.
func TestProgressBar(t *testing.T) {
	var b strings.Builder
	bar := newProgressBar(&b, "probes")
	bar.update(1, 4)
	bar.update(2, 4) // too soon: not drawn
	bar.update(4, 4)
	bar.finish()
	out := b.String()
	lines := strings.Split(out, "\r")
	if len(lines) != 3 || !strings.HasSuffix(out, "\n") {
		t.Fatalf("want two redraws and a final newline, got %q", out)
	}
	for _, want := range []string{" 25%  1/4 probes  ETA ", "[==============================] 100%  4/4 probes  ETA 0s"} {
		if !strings.Contains(out, want) {
			t.Errorf("output %q lacks %q", out, want)
		}
	}
}

func TestFormatCPU(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{40 * time.Second, "40 s"},
		{90 * time.Minute, "90 min"},
		{63*time.Hour + 18*time.Minute, "63.3 hours"},
		{20 * 24 * time.Hour, "20 days"},
		{math.MaxInt64, "2.9e+02 years"},
	} {
		if got := formatCPU(tc.d); got != tc.want {
			t.Errorf("formatCPU(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}
