package web

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

var (
	defaultOnce sync.Once
	defaultEng  *index.Live
	defaultErr  error
)

// defaultEngine is the real engine over the built-in corpus, built once for the package's tests
// and never changed by them.
func defaultEngine(t testing.TB) *index.Live {
	t.Helper()
	defaultOnce.Do(func() {
		docs, problems := corpus.Default()
		if len(problems) > 0 {
			defaultErr = problems[0]
			return
		}
		defaultEng, defaultErr = index.New(nil, docs, index.Config{})
	})
	if defaultErr != nil {
		t.Fatal(defaultErr)
	}
	return defaultEng
}

// get fetches path from h and returns the status, the body and the response.
func get(t testing.TB, h http.Handler, path string) (int, string, *http.Response) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body), res
}

func newTestSite(t testing.TB, e engine, cfg Config) *Site {
	t.Helper()
	s, err := newSite(nil, e, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func indexOptions() index.Options { return index.Options{} }

// jsString puts a Go string into a script as a JavaScript string literal (%q is valid JS for
// the text of the corpus: it escapes quotes, backslashes and control characters).
func jsString(script, s string) string { return fmt.Sprintf(script, s) }
