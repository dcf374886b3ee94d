package cli

import (
	"slices"
	"testing"
)

// TestBrowserCommand checks the command --open runs on each system.
func TestBrowserCommand(t *testing.T) {
	const url = "http://127.0.0.1:8080/"
	for _, tc := range []struct {
		goos string
		name string
		args []string
	}{
		{"linux", "xdg-open", []string{url}},
		{"freebsd", "xdg-open", []string{url}},
		{"darwin", "open", []string{url}},
		{"windows", "rundll32", []string{"url.dll,FileProtocolHandler", url}},
	} {
		t.Run(tc.goos, func(t *testing.T) {
			name, args := browserCommand(tc.goos, url)
			if name != tc.name || !slices.Equal(args, tc.args) {
				t.Errorf("browserCommand(%q) = %s %q, want %s %q", tc.goos, name, args, tc.name, tc.args)
			}
		})
	}
}
