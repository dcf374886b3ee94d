package lab

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestWebLimitsDocumented checks that docs/weblab.md's table of the
// experiments' caps names every experiment and parameter that webLimits
// caps.
func TestWebLimitsDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "weblab.md"))
	if err != nil {
		t.Fatal(err)
	}
	for name, caps := range webLimits {
		row := regexp.MustCompile(`(?m)^\| ` + regexp.QuoteMeta(name) + ` \|(.*)\|$`).FindSubmatch(doc)
		if row == nil {
			t.Errorf("docs/weblab.md: no row for %s in the table of caps", name)
			continue
		}
		for param := range caps {
			if !regexp.MustCompile(`\b` + regexp.QuoteMeta(param) + `\b`).Match(row[1]) {
				t.Errorf("docs/weblab.md: the row of %s does not name %s", name, param)
			}
		}
	}
	if t.Failed() {
		t.Log("the caps are internal/lab's webLimits; the table is under \"caps on the web\"")
	}
}
