package site

import (
	"regexp"
	"slices"
	"testing"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/internal/lab"
)

// TestMenusMatchEngine checks that the lab's menus offer exactly the
// rules, schedules and tie rules the engine takes, by the names it
// writes in links, and only energies it reads.
func TestMenusMatchEngine(t *testing.T) {
	page, err := FS().Open("index.html")
	if err != nil {
		t.Fatal(err)
	}
	defer page.Close()
	var html []byte
	buf := make([]byte, 1<<16)
	for {
		n, err := page.Read(buf)
		html = append(html, buf[:n]...)
		if err != nil {
			break
		}
	}
	options := func(id string) []string {
		sel := regexp.MustCompile(`(?s)<select id="` + id + `"[^>]*>(.*?)</select>`).FindSubmatch(html)
		if sel == nil {
			t.Fatalf("index.html has no <select id=%q>", id)
		}
		var values []string
		for _, m := range regexp.MustCompile(`<option value="([^"]*)"`).FindAllSubmatch(sel[1], -1) {
			values = append(values, string(m[1]))
		}
		return values
	}
	want := lab.Limits{}.WithDefaults().Describe()
	for _, tc := range []struct {
		id   string
		want []string
	}{{"rule", want.Rules}, {"update", want.Updates}, {"tie", want.Ties}} {
		if got := options(tc.id); !slices.Equal(got, tc.want) {
			t.Errorf("menu %s offers %q, the engine takes %q", tc.id, got, tc.want)
		}
	}
	for _, e := range options("energy") {
		if _, err := hopfield.ParseEnergy(e); err != nil || !slices.Contains(want.Energies, e) {
			t.Errorf("menu energy offers %q: %v (the engine lists %q)", e, err, want.Energies)
		}
	}
}
