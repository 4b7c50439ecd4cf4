package ingest

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/planbot/planbot/corpus"
)

func testLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func newsPage(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/news.html")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestFetchExtractsArticleBody(t *testing.T) {
	page := newsPage(t)
	var gotUA string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/old":
			http.Redirect(w, r, "/world/kyiv-plan", http.StatusMovedPermanently)
		case "/world/kyiv-plan":
			gotUA = r.Header.Get("User-Agent")
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	f := New(testLogger(), Config{AllowPrivate: true})
	a, err := f.Fetch(context.Background(), srv.URL+"/old")
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	if gotUA != DefaultUserAgent {
		t.Errorf("User-Agent = %q, want %q", gotUA, DefaultUserAgent)
	}
	if want := srv.URL + "/world/kyiv-plan"; a.URL != want {
		t.Errorf("URL = %q, want final URL %q", a.URL, want)
	}
	if a.Title != "Kyiv weighs US peace plan as allies push for changes" {
		t.Errorf("Title = %q", a.Title)
	}
	if a.Byline != "Olena Marchenko" {
		t.Errorf("Byline = %q", a.Byline)
	}
	if a.SiteName != "The Daily Ledger" {
		t.Errorf("SiteName = %q", a.SiteName)
	}
	if a.Published != "2025-11-21" {
		t.Errorf("Published = %q, want 2025-11-21", a.Published)
	}
	if a.Language != "en-GB" {
		t.Errorf("Language = %q, want en-GB", a.Language)
	}
	body := []string{
		"Ukrainian officials spent Friday studying a 28-point draft peace plan drawn up in Washington,",
		"cap its armed forces at 600,000 personnel",
		"a choice between losing its dignity and risking the loss of a key partner.",
		"European leaders meeting on the sidelines of the G20 summit",
		"hold elections within 100 days of signing",
		"where national security advisers from Ukraine, the United States and Europe were due to meet.",
	}
	for _, s := range body {
		if !strings.Contains(a.Text, s) {
			t.Errorf("Text lacks body sentence %q", s)
		}
	}
	chrome := []string{
		"cookies", "Accept all", "Subscribe", "Politics", "Luxury watches", "Refinance your mortgage",
		"Advertisement", "Related articles", "Five things to know", "Markets rally", "Comments",
		"sellout", "give it a chance", "Copyright", "Privacy policy", "Registered in England",
	}
	for _, s := range chrome {
		if strings.Contains(a.Text, s) {
			t.Errorf("Text contains chrome %q:\n%s", s, a.Text)
		}
	}
	paras := strings.Split(a.Text, "\n\n")
	if len(paras) != 6 {
		t.Errorf("got %d paragraphs, want the article's 6:\n%s", len(paras), a.Text)
	}
	for _, p := range paras {
		if strings.Contains(p, "\n") || strings.TrimSpace(p) != p {
			t.Errorf("paragraph %q is not one clean line", p)
		}
	}
}

func TestFetchRefuses(t *testing.T) {
	big := strings.Repeat("<p>"+strings.Repeat("word ", 200)+"</p>\n", 10<<20/1010)
	mux := http.NewServeMux()
	html := func(w http.ResponseWriter) { w.Header().Set("Content-Type", "text/html; charset=utf-8") }
	mux.HandleFunc("/pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		io.WriteString(w, "%PDF-1.7\n")
	})
	mux.HandleFunc("/json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"title": "not a page"}`)
	})
	mux.HandleFunc("/png-sniffed", func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = nil // stop net/http from sniffing for us
		w.Write([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	})
	mux.HandleFunc("/big-declared", func(w http.ResponseWriter, r *http.Request) {
		html(w)
		w.Header().Set("Content-Length", strconv.Itoa(len(big)))
		io.WriteString(w, big)
	})
	mux.HandleFunc("/big-chunked", func(w http.ResponseWriter, r *http.Request) {
		html(w)
		for i := 0; i < len(big); i += 64 << 10 {
			if _, err := io.WriteString(w, big[i:min(i+64<<10, len(big))]); err != nil {
				return
			}
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/loop/a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/b", http.StatusFound) })
	mux.HandleFunc("/loop/b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/a", http.StatusFound) })
	mux.HandleFunc("/hop/{n}", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.PathValue("n"))
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n+1), http.StatusFound)
	})
	mux.HandleFunc("/to-ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://example.com/file.html", http.StatusFound)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(time.Minute): // far past the bound below: only Timeout ends it sooner
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusGone) })
	mux.HandleFunc("/stub", func(w http.ResponseWriter, r *http.Request) {
		html(w)
		io.WriteString(w, "<html><body><nav><a href=/>Home</a></nav><p>Subscribe to read this story.</p></body></html>")
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	tests := []struct {
		name    string
		url     string
		cfg     Config
		want    error
		maxTime time.Duration
	}{
		{"pdf", srv.URL + "/pdf", Config{AllowPrivate: true}, ErrNotHTML, 0},
		{"json", srv.URL + "/json", Config{AllowPrivate: true}, ErrNotHTML, 0},
		{"image without content type", srv.URL + "/png-sniffed", Config{AllowPrivate: true}, ErrNotHTML, 0},
		{"10 MB declared", srv.URL + "/big-declared", Config{AllowPrivate: true}, ErrTooLarge, 0},
		{"10 MB chunked", srv.URL + "/big-chunked", Config{AllowPrivate: true}, ErrTooLarge, 0},
		{"redirect loop", srv.URL + "/loop/a", Config{AllowPrivate: true}, ErrRedirects, 0},
		{"too many redirects", srv.URL + "/hop/1", Config{AllowPrivate: true, MaxRedirects: 5}, ErrRedirects, 0},
		{"redirect to ftp", srv.URL + "/to-ftp", Config{AllowPrivate: true}, ErrScheme, 0},
		{"loopback address", srv.URL + "/pdf", Config{}, ErrPrivateAddress, 0},
		{"loopback by host name", strings.Replace(srv.URL, "127.0.0.1", "localhost", 1) + "/pdf", Config{}, ErrPrivateAddress, 0},
		{"ftp url", "ftp://example.com/article.html", Config{}, ErrScheme, 0},
		{"file url", "file:///etc/passwd", Config{}, ErrScheme, 0},
		{"no host", "https:///path", Config{}, ErrNoHost, 0},
		{"port but no host", "http://:8080/path", Config{}, ErrNoHost, 0},
		{"user info but no host", "http://user:secret@/path", Config{}, ErrNoHost, 0},
		{"longer than an embed url", "https://example.com/" + strings.Repeat("a", corpus.MaxURL), Config{}, ErrURLTooLong, 0},
		{"status", srv.URL + "/gone", Config{AllowPrivate: true}, ErrStatus, 0},
		{"too little text", srv.URL + "/stub", Config{AllowPrivate: true}, ErrNoArticle, 0},
		{"timeout", srv.URL + "/slow", Config{AllowPrivate: true, Timeout: 200 * time.Millisecond}, ErrTimeout, 30 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := New(testLogger(), tt.cfg)
			start := time.Now()
			_, err := f.Fetch(context.Background(), tt.url)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Fetch(%s) error = %v, want %v", tt.url, err, tt.want)
			}
			if tt.maxTime > 0 && time.Since(start) > tt.maxTime {
				t.Errorf("took %s, want under %s", time.Since(start), tt.maxTime)
			}
			if msg := Message(err); msg == "" || strings.Contains(msg, "127.0.0.1") || strings.Contains(msg, srv.URL) {
				t.Errorf("Message = %q: want a short sentence without addresses", msg)
			}
		})
	}
}

func TestFetchCancelled(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err := New(testLogger(), Config{AllowPrivate: true}).Fetch(ctx, srv.URL)
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrTimeout) {
		t.Fatalf("error = %v, want context.Canceled and not ErrTimeout", err)
	}
}

func TestCheckAddress(t *testing.T) {
	tests := []struct {
		addr   string
		public bool
	}{
		{"93.184.215.14:443", true},
		{"[2606:2800:21f:cb07:6820:80da:af6b:8b2c]:443", true},
		{"127.0.0.1:80", false},
		{"127.8.9.10:80", false},
		{"10.1.2.3:80", false},
		{"172.16.0.1:80", false},
		{"172.31.255.255:80", false},
		{"172.32.0.1:80", true},
		{"192.168.1.1:80", false},
		{"169.254.169.254:80", false},
		{"100.64.0.1:80", false},
		{"100.127.255.255:80", false},
		{"100.128.0.1:80", true},
		{"0.0.0.0:80", false},
		{"224.0.0.1:80", false},
		{"255.255.255.255:80", false},
		{"[::1]:80", false},
		{"[::]:80", false},
		{"[fc00::1]:80", false},
		{"[fd12:3456::1]:80", false},
		{"[fe80::1%eth0]:80", false},
		{"[ff02::1]:80", false},
		{"[::ffff:127.0.0.1]:80", false},
		{"[::ffff:10.0.0.1]:80", false},
		{"[64:ff9b::a9fe:a9fe]:80", false}, // NAT64 of 169.254.169.254
		{"not-an-address:80", false},
	}
	for _, tt := range tests {
		network := "tcp4"
		if strings.HasPrefix(tt.addr, "[") {
			network = "tcp6"
		}
		err := checkAddress(network, tt.addr)
		if got := err == nil; got != tt.public {
			t.Errorf("checkAddress(%s) = %v, want public=%v", tt.addr, err, tt.public)
		}
		if err != nil && !errors.Is(err, ErrPrivateAddress) {
			t.Errorf("checkAddress(%s) = %v, not ErrPrivateAddress", tt.addr, err)
		}
	}
}

func TestMessageCoversEverySentinel(t *testing.T) {
	sentinels := map[string]error{
		"ErrScheme": ErrScheme, "ErrPrivateAddress": ErrPrivateAddress, "ErrNotHTML": ErrNotHTML,
		"ErrTooLarge": ErrTooLarge, "ErrRedirects": ErrRedirects, "ErrStatus": ErrStatus,
		"ErrNoArticle": ErrNoArticle, "ErrTimeout": ErrTimeout, "ErrBadDate": ErrBadDate,
		"ErrNotFound": ErrNotFound, "ErrExists": ErrExists, "ErrNotWritable": ErrNotWritable,
		"ErrMostlyChrome": ErrMostlyChrome,
		"ErrURLTooLong":   ErrURLTooLong, "ErrNoHost": ErrNoHost, "ErrDNS": ErrDNS, "ErrDiskFull": ErrDiskFull,
		"ErrDuplicate": ErrDuplicate, "ErrLastDocument": ErrLastDocument,
	}
	// Every exported Err variable of the package must be in the table above.
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	declared := 0
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.VAR {
				for _, spec := range g.Specs {
					for _, name := range spec.(*ast.ValueSpec).Names {
						if strings.HasPrefix(name.Name, "Err") {
							declared++
							if sentinels[name.Name] == nil {
								t.Errorf("%s is not in this test's table", name.Name)
							}
						}
					}
				}
			}
		}
	}
	if declared != len(sentinels) {
		t.Errorf("the package declares %d Err variables, the table has %d", declared, len(sentinels))
	}

	generic := Message(errors.New("boom"))
	seen := map[string]bool{}
	for name, e := range sentinels {
		got := Message(fmt.Errorf("layer: %w", e))
		if got == generic || got == "" {
			t.Errorf("Message(%s) = %q", name, got)
		}
		if seen[got] {
			t.Errorf("two sentinels share the message %q", got)
		}
		seen[got] = true
	}
	if got := Message(fmt.Errorf("x: %w", &statusError{404})); got != "The site answered 404 Not Found." {
		t.Errorf("status message = %q", got)
	}
	if Message(nil) != "" {
		t.Error("Message(nil) is not empty")
	}
}
