package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"github.com/hopfield-lab/hopfield/internal/lab"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/hopfield-lab/hopfield"
	"github.com/hopfield-lab/hopfield/patterns"
)

// TestLoad has 50 clients recall the notebook's 100x100 pictures at once
// through a real server on the loopback interface, 200 runs in all, while
// another client checks that the server keeps answering. It reports the
// latencies (go test -run TestLoad -v); it asserts only that every run
// succeeded, since timings belong to benchmarks.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test skipped in -short mode")
	}
	const clients, runs = 50, 200
	srv := httptest.NewServer(New(Options{}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	bu, bc := builtin(t, "seed:BU"), builtin(t, "seed:BC")
	mem := memoryOf(100, 100, "hebbian", bu, bc)
	bodies := make([][]byte, runs)
	for i := range bodies {
		// Each client has its own problem: BU with 20% of its pixels
		// flipped, from its own seed.
		cue, err := patterns.FlipExact(make([]int8, bu.N()), bu.Data, 0.2, rand.New(hopfield.NewSource(uint64(i))))
		if err != nil {
			t.Fatal(err)
		}
		bodies[i], _ = json.Marshal(runReq(mem, patterns.FormatCells(cue), "sync", uint64(i), 0))
	}

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	defer client.CloseIdleConnections()
	latency := make([]time.Duration, runs)
	failures := make(chan error, runs)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range clients {
		wg.Go(func() {
			for i := range jobs {
				began := time.Now()
				if err := recallOnce(ctx, client, srv.URL, bodies[i], cells(bu)); err != nil {
					failures <- fmt.Errorf("run %d: %w", i, err)
					continue
				}
				latency[i] = time.Since(began)
			}
		})
	}

	// The probe: small requests during the load must still be answered.
	probeDone := make(chan struct{})
	var probes []time.Duration
	var probeErr error
	go func() {
		defer close(probeDone)
		for ctx.Err() == nil {
			began := time.Now()
			resp, err := client.Get(srv.URL + "/api/limits")
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					err = fmt.Errorf("status %d", resp.StatusCode)
				}
			}
			if err != nil {
				if ctx.Err() == nil {
					probeErr = err
				}
				return
			}
			probes = append(probes, time.Since(began))
			time.Sleep(20 * time.Millisecond)
		}
	}()

	began := time.Now()
	for i := range runs {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	elapsed := time.Since(began)
	cancel()
	<-probeDone
	close(failures)
	for err := range failures {
		t.Error(err)
	}
	if probeErr != nil {
		t.Errorf("the server stopped answering small requests under load: %v", probeErr)
	}
	if t.Failed() {
		return
	}
	slices.Sort(latency)
	slices.Sort(probes)
	t.Logf("%d clients, %d recalls of 100x100 pictures in %v (%.0f runs/s): latency p50 %v, p99 %v, max %v",
		clients, runs, elapsed.Round(time.Millisecond), float64(runs)/elapsed.Seconds(),
		quantile(latency, 0.5), quantile(latency, 0.99), quantile(latency, 1))
	if len(probes) > 0 {
		t.Logf("meanwhile %d GET /api/limits: p50 %v, max %v", len(probes), quantile(probes, 0.5), quantile(probes, 1))
	}
}

// recallOnce posts one run and checks that it recalls want exactly.
func recallOnce(ctx context.Context, client *http.Client, base string, body []byte, want string) error {
	req, err := http.NewRequestWithContext(ctx, "POST", base+"/api/run", bytes.NewReader(body))
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	dec := json.NewDecoder(resp.Body)
	var end lab.EndLine
	for {
		var line struct {
			Type string `json:"type"`
			lab.EndLine
		}
		if err := dec.Decode(&line); err != nil {
			return fmt.Errorf("reading the stream: %w", err)
		}
		if line.Type == "end" {
			end = line.EndLine
			break
		}
	}
	if end.Cells != want || end.Match != "exact" {
		return fmt.Errorf("ended %s (%s), %d cells from BU", end.End, end.Match, end.Hamming)
	}
	return nil
}

// quantile returns the q-quantile of sorted durations (nearest rank).
func quantile(sorted []time.Duration, q float64) time.Duration {
	i := int(q*float64(len(sorted))+0.999999) - 1
	return sorted[min(max(i, 0), len(sorted)-1)].Round(100 * time.Microsecond)
}
