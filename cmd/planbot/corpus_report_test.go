package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// `planbot corpus add` says what cleaning left out of the page, like /corpus add.
func TestCorpusAddReportsLeftOut(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("..", "..", "corpus", "ingest", "testdata", "news.html"))
	if err != nil {
		t.Fatal(err)
	}
	withChrome := strings.Replace(string(page), "<p>Russian officials said",
		"<p>Rustem Umerov, second right, arrives for talks in Geneva, Sunday, Nov. 23, 2025. (AP Photo/Ivan Marchenko)</p><p>Edited by: Maria Kovac</p><p>Russian officials said", 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Path == "/chrome" {
			w.Write([]byte(withChrome))
			return
		}
		w.Write(page)
	}))
	t.Cleanup(srv.Close)
	dir := filepath.Join(t.TempDir(), "corpus")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"CORPUS_DIR": dir, "CORPUS_ALLOW_PRIVATE_URLS": "true"}
	var seen []string
	if r := runCorpusCLI(t, env, &seen, "corpus", "add", srv.URL+"/plain"); r.code != exitOK || !strings.Contains(r.stdout, "\nleft out: nothing\n") {
		t.Errorf("plain page: %+v", r)
	}
	r := runCorpusCLI(t, env, &seen, "corpus", "add", srv.URL+"/chrome")
	for _, want := range []string{"left out: 2 photo captions or credits, 1 byline or editorial credit (",
		"  caption: Rustem Umerov, second right,", "  credit: Edited by: Maria Kovac"} {
		if r.code != exitOK || !strings.Contains(r.stdout, want) {
			t.Errorf("page with chrome: output lacks %q: %+v", want, r)
		}
	}
}
