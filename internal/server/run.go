package server

import (
	"bufio"
	"encoding/json"
	"net/http"
	"time"

	"github.com/hopfield-lab/hopfield/internal/lab"
)

// handleRun runs the dynamics of one problem (lab.RunRequest) and streams
// them:
//
//	POST /api/run   (body: lab.RunRequest)
//	-> 200, Content-Type application/x-ndjson:
//	   {"type":"start", ...}   the initial state
//	   {"type":"frame", ...}   one per step, sweep or Every updates
//	   {"type":"end", ...}     how the run ended
//
// Everything is checked before the first line: a bad problem gets a 400
// and nothing runs. The run stops when the client goes away (the request's
// context is cancelled), when it exceeds the server's time limit, or at
// shutdown.
func (s *Server) handleRun(w http.ResponseWriter, r *http.Request) {
	var req lab.RunRequest
	var ru *lab.Run
	if !s.decodeInSlot(w, r, &req, func() (err error) { ru, err = s.lim.ParseRun(req); return err }) {
		return
	}
	defer s.runs.release()
	if err := ru.Learn(); err != nil {
		s.fail(w, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/x-ndjson")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	st := &ndjson{rc: http.NewResponseController(w), buf: bufio.NewWriterSize(w, 32<<10), writeTimeout: s.opts.WriteTimeout}
	ru.Stream(r.Context(), st.send)
	st.flush()
}

// ndjson writes the lines of a run, one JSON object per line.
type ndjson struct {
	rc  *http.ResponseController
	buf *bufio.Writer
	// writeTimeout bounds each write; the deadline is moved on at most
	// once a second (deadline), as setting it costs a timer update.
	writeTimeout time.Duration
	deadline     time.Time
	lastFlush    time.Time
	lines        int
}

// flushEvery bounds how long a line waits in the buffer.
const flushEvery = 25 * time.Millisecond

func (st *ndjson) send(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if now := time.Now(); now.Sub(st.deadline) > time.Second {
		// A write blocks only when the client stops reading: then the
		// deadline ends the run instead of holding its slot for ever.
		st.deadline = now
		st.rc.SetWriteDeadline(now.Add(st.writeTimeout))
	}
	if _, err := st.buf.Write(b); err != nil {
		return err
	}
	st.lines++
	// The first line goes out at once: it tells the page the run started.
	if st.lines == 1 || time.Since(st.lastFlush) > flushEvery {
		return st.flush()
	}
	return nil
}

func (st *ndjson) flush() error {
	st.lastFlush = time.Now()
	if err := st.buf.Flush(); err != nil {
		return err
	}
	return st.rc.Flush()
}

// decodeInSlot decodes the body into req, checks it with parse and waits
// for a run slot. It answers an error itself and reports whether the
// handler goes on, holding a slot it must release.
func (s *Server) decodeInSlot(w http.ResponseWriter, r *http.Request, req any, parse func() error) bool {
	if err := s.decode(w, r, req); err != nil {
		s.fail(w, err)
		return false
	}
	if err := parse(); err != nil {
		s.fail(w, err)
		return false
	}
	return s.runs.acquire(r)
}

// slots bounds the computations in progress: one token per computation.
type slots chan struct{}

// acquire waits for a slot. It reports false if the request ended first:
// the client left, and there is nobody to answer.
func (sl slots) acquire(r *http.Request) bool {
	select {
	case sl <- struct{}{}:
		return true
	case <-r.Context().Done():
		return false
	}
}

func (sl slots) release() { <-sl }
