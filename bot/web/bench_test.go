package web

import (
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/corpus/ingest"
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

// BenchmarkSourceListWithTrash serves /sources/ for a corpus folder whose trash holds 200 removed
// documents (copies of the built-in ones, about 1.7 MB together), as years of /corpus remove leave.
func BenchmarkSourceListWithTrash(b *testing.B) {
	dir := b.TempDir()
	trash := ingest.TrashDir(dir)
	if err := os.MkdirAll(trash, 0o755); err != nil {
		b.Fatal(err)
	}
	entries, err := fs.ReadDir(corpus.DefaultFS(), ".")
	if err != nil {
		b.Fatal(err)
	}
	for i := range 200 {
		e := entries[i%len(entries)]
		data, err := fs.ReadFile(corpus.DefaultFS(), e.Name())
		if err != nil {
			b.Fatal(err)
		}
		id := fmt.Sprintf("removed-%03d", i)
		data = []byte(strings.Replace(string(data), "id: ", "id: "+id+"-", 1))
		removed := time.Date(2025, 11, 1, 0, 0, i, 0, time.UTC).Format("20060102T150405.000Z")
		name := removed + "--" + id + ".md"
		if err := os.WriteFile(filepath.Join(trash, name), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	s := newTestSite(b, defaultEngine(b), Config{CorpusDir: dir})
	if _, list, _ := get(b, s, "/sources/"); !strings.Contains(list, "removed 1 Nov 2025") {
		b.Fatalf("the trash is not listed:\n%.2000s", list)
	}
	benchPage(b, s, "/sources/")
}
