package web

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"
)

// BenchmarkSourcePage renders the largest document page of the built-in corpus (target: ≤ 5 ms
// p50) and reports its size.
func BenchmarkSourcePage(b *testing.B) {
	eng := defaultEngine(b)
	s := newTestSite(b, eng, Config{})
	largest, size := "", 0
	for _, d := range eng.Documents() {
		if d.Passages > size {
			largest, size = d.ID, d.Passages
		}
	}
	n := benchPage(b, s, "/sources/"+largest)
	b.ReportMetric(float64(n), "bytes/page")
}

// BenchmarkAnswerPage answers a question and renders it, as /?q= does (rate limit aside).
func BenchmarkAnswerPage(b *testing.B) {
	s := newTestSite(b, defaultEngine(b), Config{})
	s.limit = newClientLimiter(0, 1<<30, s.cfg.Now)
	benchPage(b, s, "/?q="+urlQuery(browserQuestion))
}

// benchPage serves path over and over, reports the median time of one page (p50-ms), and
// returns the size of the page.
func benchPage(b *testing.B, s *Site, path string) int {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	n := 0
	var took []time.Duration
	b.ReportAllocs()
	for b.Loop() {
		start := time.Now()
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		took = append(took, time.Since(start))
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
		n = rec.Body.Len()
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	return n
}
