package figure

import (
	"reflect"
	"testing"
)

func TestParseText(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []Run
	}{
		{"", nil},
		{"plain text", []Run{{"plain text", 0}}},
		{"T_{g}: spin glass", []Run{{"T", 0}, {"g", -1}, {": spin glass", 0}}},
		{"N^{n−1}/(2 ln N)", []Run{{"N", 0}, {"n−1", 1}, {"/(2 ln N)", 0}}},
		{"x_{a}^{2}", []Run{{"x", 0}, {"a", -1}, {"2", 1}}},
		{"k90_beta0.25", []Run{{"k90_beta0.25", 0}}},
		{"a_{open", []Run{{"a_{open", 0}}},
		{"end_", []Run{{"end_", 0}}},
		{"x^{}y", []Run{{"xy", 0}}},
	} {
		if got := ParseText(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParseText(%q) = %v, want %v", c.in, got, c.want)
		}
	}
	if got := PlainText("T_{M}: below"); got != "TM: below" {
		t.Errorf("PlainText = %q", got)
	}
}
