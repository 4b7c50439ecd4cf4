package discordtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// Server is a fake of Discord's HTTP API. It records every request, checks each one against
// Discord's API spec and the rules of this package, and answers like Discord would. Like
// Discord, it rejects a second callback for one interaction (400, code 40060) and edits,
// reads or follow-ups of an interaction that has no message callback yet (404); both are
// violations too. It is safe for concurrent use.
type Server struct {
	spec *spec
	http *httptest.Server

	mu         sync.Mutex
	requests   []Request
	violations []string
	arrived    chan struct{} // closed and replaced whenever a request arrives
	failures   []failure
	fake       fakeState
}

// Request is one HTTP request the fake received.
type Request struct {
	Method string
	Path   string // without the /api/vN prefix, e.g. /interactions/123/tok/callback
	Query  url.Values
	Body   []byte // as sent; for multipart bodies the whole form
	JSON   any    // the decoded JSON body (payload_json of a multipart body), or nil
	Time   time.Time
}

// failure makes matching requests fail; times < 0 means for ever.
type failure struct {
	method, pathPrefix string
	status             int
	body               string
	times              int
}

// New starts a fake Discord for the duration of the test. At cleanup it closes the server and
// reports every violation seen with t.Errorf, so a test cannot pass with a body Discord would
// reject. If the spec is missing, New skips the test, or fails it when PLANBOT_REQUIRE_SPEC=1.
func New(t testing.TB) *Server {
	t.Helper()
	s := newServer(t)
	t.Cleanup(func() {
		s.Close()
		for _, v := range s.Violations() {
			t.Errorf("discordtest: %s", v)
		}
	})
	return s
}

// newServer is New without reporting violations, for tests that expect some.
func newServer(t testing.TB) *Server {
	t.Helper()
	s := &Server{spec: requireSpec(t), arrived: make(chan struct{}), fake: newFakeState()}
	s.http = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	t.Cleanup(s.Close)
	return s
}

// requireSpec returns the loaded spec. The spec ships with the repository, so a missing or
// unreadable one fails the test: a schema test that skips checks nothing.
func requireSpec(t testing.TB) *spec {
	t.Helper()
	sp, err := loadSpec()
	if err != nil {
		t.Fatalf("discordtest: %v", err)
	}
	return sp
}

// URL returns the fake's base URL (http://127.0.0.1:port).
func (s *Server) URL() string { return s.http.URL }

// Close stops the server after the requests in flight are answered. New calls it at cleanup;
// calling it again does nothing.
func (s *Server) Close() { s.http.Close() }

// Requests returns a copy of the requests received so far, in arrival order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Violations returns the problems found so far, each naming its request.
func (s *Server) Violations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.violations...)
}

// WaitFor returns the first request, already received or arriving within timeout, for which
// match is true. Otherwise it fails the test with t.Fatalf, listing the requests seen.
func (s *Server) WaitFor(t testing.TB, match func(Request) bool, timeout time.Duration) Request {
	t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		for _, r := range s.requests {
			if match(r) {
				s.mu.Unlock()
				return r
			}
		}
		arrived := s.arrived
		s.mu.Unlock()
		select {
		case <-arrived:
		case <-deadline.C:
			t.Fatalf("discordtest: no matching request within %v; requests seen:\n%s", timeout, s.describeRequests())
			return Request{}
		}
	}
}

func (s *Server) describeRequests() string {
	var b strings.Builder
	for _, r := range s.Requests() {
		fmt.Fprintf(&b, "  %s %s %s\n", r.Method, r.Path, truncate(string(r.Body), 300))
	}
	if b.Len() == 0 {
		return "  (none)"
	}
	return b.String()
}

// Fail makes requests whose method is method ("" for any) and whose path (without /api/vN)
// starts with pathPrefix answer status with body from now on, e.g. 429 with
// {"retry_after":0.01,"global":false,"message":"You are being rate limited."} or 500. The
// latest matching Fail wins. Failed requests are still recorded and checked.
func (s *Server) Fail(method, pathPrefix string, status int, body string) {
	s.FailTimes(method, pathPrefix, status, body, -1)
}

// FailTimes is Fail for the next times matching requests only, to test retries.
func (s *Server) FailTimes(method, pathPrefix string, status int, body string, times int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, failure{method, pathPrefix, status, body, times})
}

// ClearFailures undoes every Fail and FailTimes: requests succeed again.
func (s *Server) ClearFailures() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = nil
}

// takeFailure returns the failure for a request, using one up. Callers hold s.mu.
func (s *Server) takeFailure(method, path string) (failure, bool) {
	for i := len(s.failures) - 1; i >= 0; i-- {
		f := &s.failures[i]
		if f.times == 0 || (f.method != "" && f.method != method) || !strings.HasPrefix(path, f.pathPrefix) {
			continue
		}
		if f.times > 0 {
			f.times--
		}
		return *f, true
	}
	return failure{}, false
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	path := stripAPIPrefix(r.URL.Path)
	s.awaitDelivery(path)
	req := Request{Method: r.Method, Path: path, Query: r.URL.Query(), Body: body, Time: time.Now()}
	problems := s.spec.check(r.Method, path, r.Header.Get("Content-Type"), body)
	if p, _, err := decodePayload(r.Header.Get("Content-Type"), body); err == nil && len(p.json) > 0 {
		_ = json.Unmarshal(p.json, &req.JSON) // an undecodable body is already a violation
	}

	s.mu.Lock()
	s.requests = append(s.requests, req)
	for _, p := range problems {
		s.violate(req, p)
	}
	f, failing := s.takeFailure(r.Method, path)
	var resp response
	if !failing {
		resp = s.route(req)
	}
	close(s.arrived)
	s.arrived = make(chan struct{})
	s.mu.Unlock()

	if failing {
		resp = response{status: f.status, body: []byte(f.body)}
	}
	resp.write(w)
}

// violate records a problem with req. Callers hold s.mu.
func (s *Server) violate(req Request, problem string) {
	s.violations = append(s.violations, fmt.Sprintf("%s %s: %s", req.Method, req.Path, problem))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
