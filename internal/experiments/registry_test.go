package experiments

import (
	"regexp"
	"strings"
	"testing"
)

func TestValidID(t *testing.T) {
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"capacity", true},
		{"one-step-error", true},
		{"letters5x5", true},
		{"a", true},
		{"a-1", true},
		{"", false},
		{"-a", false},
		{"a-", false},
		{"a--b", false},
		{"1a", false},
		{"One", false},
		{"a_b", false},
		{"a b", false},
		{"é", false},
	} {
		if got := validID(tc.name); got != tc.want {
			t.Errorf("validID(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
	for _, e := range All() {
		if !validID(e.Name) {
			t.Errorf("registered experiment %q has an invalid name", e.Name)
		}
	}
}

// Descriptions are read on the command line and on the web page, where
// parameters are a form: they name a setting as "key = value", never in
// the command's syntax.
func TestDescriptionsFitBothInterfaces(t *testing.T) {
	for _, e := range All() {
		if strings.Contains(e.Description, "--set") || regexp.MustCompile(`\b[a-zA-Z_]+=[a-z0-9]`).MatchString(e.Description) {
			t.Errorf("%s: the description writes a setting in the command's syntax: %q", e.Name, e.Description)
		}
	}
}
