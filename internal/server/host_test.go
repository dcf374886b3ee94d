package server

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// A lab on loopback answers only to loopback names, so that a page served
// from a rebound domain name cannot use it.
func TestLocalOnly(t *testing.T) {
	for _, tc := range []struct {
		host      string
		localOnly bool
		status    int
	}{
		{"localhost:8080", true, http.StatusOK},
		{"LOCALHOST", true, http.StatusOK},
		{"127.0.0.1:8080", true, http.StatusOK},
		{"127.1.2.3", true, http.StatusOK},
		{"[::1]:8080", true, http.StatusOK},
		{"evil.example:8080", true, http.StatusForbidden},
		{"localhost.evil.example", true, http.StatusForbidden},
		{"192.168.1.10:8080", true, http.StatusForbidden},
		{"", true, http.StatusForbidden},
		{"evil.example:8080", false, http.StatusOK},
	} {
		t.Run(tc.host, func(t *testing.T) {
			s := New(Options{LocalOnly: tc.localOnly})
			r := httptest.NewRequest("GET", "/", nil)
			r.Host = tc.host
			w := httptest.NewRecorder()
			s.ServeHTTP(w, r)
			if w.Code != tc.status {
				t.Errorf("Host %q, LocalOnly %v: status %d, want %d", tc.host, tc.localOnly, w.Code, tc.status)
			}
		})
	}
}
