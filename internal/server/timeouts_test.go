package server

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// serve starts s on a loopback port with the http.Server of HTTPServer,
// as hopfield serve does.
func serve(t *testing.T, s *Server) *httptest.Server {
	t.Helper()
	ts := httptest.NewUnstartedServer(s)
	ts.Config = s.HTTPServer()
	ts.Start()
	t.Cleanup(ts.Close)
	return ts
}

// dial opens a raw connection to ts that gives up after 20 s.
func dial(t *testing.T, ts *httptest.Server) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	conn.SetDeadline(time.Now().Add(20 * time.Second))
	return conn
}

// TestSlowClient checks that a client that sends part of a request and
// stalls is answered or dropped at the read timeout, not held open.
func TestSlowClient(t *testing.T) {
	s := New(Options{ReadTimeout: 300 * time.Millisecond})
	ts := serve(t, s)
	for _, tc := range []struct {
		name, request string
		want          string // in the answer; "" for a closed connection
	}{
		{"part of a JSON body", "POST /api/cue HTTP/1.1\r\nHost: lab\r\nContent-Length: 1000\r\n\r\n{\"rows\":",
			"request body not received within the server's limit of 300ms"},
		{"part of an image", "POST /api/upload?rows=5 HTTP/1.1\r\nHost: lab\r\nContent-Length: 1000\r\n\r\n\x89PNG",
			"image not received within the server's limit of 300ms"},
		{"part of the headers", "GET /api/limits HTTP/1.1\r\nHost: lab\r\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conn := dial(t, ts)
			if _, err := io.WriteString(conn, tc.request); err != nil {
				t.Fatal(err)
			}
			// The server answers or closes; the test's own 20 s deadline
			// would show as a timeout error here.
			got, err := io.ReadAll(conn)
			if err != nil {
				t.Fatalf("the connection was held open: %v", err)
			}
			if tc.want == "" {
				if len(got) > 0 && !bytes.HasPrefix(got, []byte("HTTP/1.1 408")) {
					t.Errorf("answer %q, want the connection closed", got)
				}
				return
			}
			if !bytes.HasPrefix(got, []byte("HTTP/1.1 400")) || !bytes.Contains(got, []byte(tc.want)) {
				t.Errorf("answer %q, want a 400 with %q", got, tc.want)
			}
		})
	}
}

// TestLongRequestsOutliveReadTimeout checks that the read timeout, which
// bounds receiving a request, does not stop a stream or an experiment that
// lasts longer (net/http lifts the read deadline once the body is in).
func TestLongRequestsOutliveReadTimeout(t *testing.T) {
	s := New(Options{ReadTimeout: 50 * time.Millisecond})
	ts := serve(t, s)
	bu := builtin(t, "seed:BU")
	req := runReq(memoryOf(100, 100, "hebbian", bu), cells(bu), "glauber", 1, 0)
	req.Temperature, req.MaxSteps = 5, 200 // two million updates: longer than 50 ms

	t.Run("run", func(t *testing.T) {
		body, _ := json.Marshal(req)
		began := time.Now()
		resp, err := http.Post(ts.URL+"/api/run", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		run := parseStream(t, resp.Body)
		if run.end.End != "step limit" || run.end.Steps != 200 || run.end.Error != "" {
			t.Errorf("end %q after %d sweeps, error %q; want the step limit at 200", run.end.End, run.end.Steps, run.end.Error)
		}
		if d := time.Since(began); d < 50*time.Millisecond {
			t.Skipf("the run took %v, less than the read timeout: nothing shown", d)
		}
	})
	t.Run("experiment", func(t *testing.T) {
		resp, err := http.Post(ts.URL+"/api/experiments/letters-5x5", "application/json", strings.NewReader(`{"params":{"trials":300}}`))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var res experimentResponse
		if err := json.NewDecoder(resp.Body).Decode(&res); err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d, %v", resp.StatusCode, err)
		}
		if res.Millis < 50 {
			t.Skipf("the experiment took %d ms, less than the read timeout: nothing shown", res.Millis)
		}
	})
}

// TestStalledReader checks that a client that stops reading a stream is
// dropped at the write timeout and its run stopped, so that it does not
// hold a simulation slot until the run's own time limit.
func TestStalledReader(t *testing.T) {
	s := New(Options{WriteTimeout: 200 * time.Millisecond, RunTimeout: time.Minute, MaxFrames: 1 << 30})
	ts := serve(t, s)
	bu := builtin(t, "seed:BU")
	req := runReq(memoryOf(100, 100, "hebbian", bu), cells(bu), "glauber", 1, 1)
	req.Temperature, req.MaxSteps = 5, 1000 // ten million frames: far more than the socket buffers hold
	body, _ := json.Marshal(req)
	conn := dial(t, ts)
	fmt.Fprintf(conn, "POST /api/run HTTP/1.1\r\nHost: lab\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	if line, err := bufio.NewReader(conn).ReadString('\n'); err != nil || !strings.HasPrefix(line, "HTTP/1.1 200") {
		t.Fatalf("status line %q, %v", line, err)
	}
	// Stop reading; the connection stays open.
	for deadline := time.Now().Add(15 * time.Second); len(s.runs) > 0; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the run of a client that stopped reading still holds its slot after 15 s")
		}
	}
}
