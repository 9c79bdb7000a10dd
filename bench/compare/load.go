package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"
)

// do sends one GraphQL request and returns its data; GraphQL errors and
// statuses other than 200 are errors.
func (s *server) do(client *http.Client, r request) (json.RawMessage, error) {
	body, _ := json.Marshal(r)
	status, answer, err := s.send(client, body)
	if err != nil {
		return nil, err
	}
	var decoded struct {
		Data   json.RawMessage `json:"data"`
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(answer, &decoded); err != nil {
		return nil, fmt.Errorf("%s: %d %s", s.name, status, answer)
	}
	if status != http.StatusOK || len(decoded.Errors) > 0 {
		return nil, fmt.Errorf("%s: %d %s", s.name, status, answer)
	}
	return decoded.Data, nil
}

// send posts an encoded request.
func (s *server) send(client *http.Client, body []byte) (int, []byte, error) {
	req, err := http.NewRequest(http.MethodPost, s.url, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/graphql-response+json, application/json")
	if s.token != "" {
		req.Header.Set("Authorization", "Bearer "+s.token)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	return resp.StatusCode, answer, err
}

// sample is what one timed run measured.
type sample struct {
	latencies []time.Duration
	elapsed   time.Duration
	failures  int
	maxRSS    int64
}

// load sends the request from concurrency workers, each sending the next
// one when it has its answer (a closed loop), for the duration, and measures
// every request. It samples the server's memory meanwhile.
func load(s *server, r request, concurrency int, duration time.Duration) sample {
	body, _ := json.Marshal(r)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: concurrency, MaxConnsPerHost: concurrency}, Timeout: 2 * time.Minute}
	defer client.CloseIdleConnections()
	var (
		mu  sync.Mutex
		all sample
		wg  sync.WaitGroup
	)
	stop := make(chan struct{})
	go func() { // memory, five times a second
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if rss := s.rss(); rss > 0 {
					mu.Lock()
					all.maxRSS = max(all.maxRSS, rss)
					mu.Unlock()
				}
			}
		}
	}()
	start := time.Now()
	end := start.Add(duration)
	for range concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			failures := 0
			for time.Now().Before(end) {
				t := time.Now()
				status, answer, err := s.send(client, body)
				if err != nil || status != http.StatusOK || bytes.Contains(answer, []byte(`"errors"`)) {
					failures++
					continue
				}
				mine = append(mine, time.Since(t))
			}
			mu.Lock()
			all.latencies = append(all.latencies, mine...)
			all.failures += failures
			mu.Unlock()
		}()
	}
	wg.Wait()
	all.elapsed = time.Since(start)
	close(stop)
	return all
}

// result is what the runs of one query on one server at one concurrency
// measured, together.
type result struct {
	latencies []time.Duration
	elapsed   time.Duration
	failures  int
	maxRSS    int64
}

func (r *result) add(s sample) {
	r.latencies = append(r.latencies, s.latencies...)
	r.elapsed += s.elapsed
	r.failures += s.failures
	r.maxRSS = max(r.maxRSS, s.maxRSS)
}

// throughput is the requests answered per second.
func (r *result) throughput() float64 {
	if r.elapsed == 0 {
		return 0
	}
	return float64(len(r.latencies)) / r.elapsed.Seconds()
}

// percentile returns the latency under which p percent of the requests were
// answered.
func (r *result) percentile(p float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	sorted := slices.Clone(r.latencies)
	slices.Sort(sorted)
	i := int(float64(len(sorted)-1) * p / 100)
	return sorted[i]
}
