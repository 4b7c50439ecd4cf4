package web

import (
	"context"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/corpus/ingest"
	"github.com/planbot/planbot/index"
)

// TestPages fetches every page of the built-in corpus and checks its status, type and landmarks.
func TestPages(t *testing.T) {
	eng := defaultEngine(t)
	s := newTestSite(t, eng, Config{})
	type page struct {
		path, want string
		status     int
	}
	pages := []page{
		{"/", "Questions the sources can answer", 200},
		{"/sources/", "passages", 200},
		{"/plan", "Point 2", 0},
		{"/timeline", "<time datetime=\"2025-11-", 200},
		{"/?q=" + urlQuery(browserQuestion), "What the sources say", 200},
		{"/?q=" + urlQuery("What is the capital of Australia?"), "No answer", 200},
		{"/?q=", "I didn&#39;t find a question", 200},
		{"/nothing-here", "Page not found", 404},
		{"/sources/not-a-document", "Page not found", 404},
		{"/sources/%3Cscript%3E", "Page not found", 404},
	}
	pages[2] = page{"/plan", "Military", 200}
	for _, d := range eng.Documents() {
		pages = append(pages, page{"/sources/" + d.ID, "<h1 id=\"doc-title\">", 200})
	}
	for _, p := range pages {
		status, body, res := get(t, s, p.path)
		if status != p.status {
			t.Errorf("GET %s: status %d, want %d", p.path, status, p.status)
		}
		if ct := res.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("GET %s: Content-Type %q", p.path, ct)
		}
		if !strings.Contains(body, p.want) {
			t.Errorf("GET %s: the page does not say %q", p.path, p.want)
		}
		for _, landmark := range []string{`<main id="main"`, `<nav aria-label="Site">`, `role="search"`, "<h1", `<html lang="en">`} {
			if !strings.Contains(body, landmark) {
				t.Errorf("GET %s: no %s", p.path, landmark)
			}
		}
		if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
			t.Errorf("GET %s: Content-Security-Policy %q", p.path, csp)
		}
		if res.Header.Get("Set-Cookie") != "" {
			t.Errorf("GET %s sets a cookie", p.path)
		}
	}
}

func TestStylesheetAndRedirects(t *testing.T) {
	s := newTestSite(t, defaultEngine(t), Config{})
	status, body, res := get(t, s, s.css)
	if status != 200 || !strings.Contains(body, "prefers-color-scheme: dark") || res.Header.Get("Content-Type") != "text/css; charset=utf-8" {
		t.Errorf("GET %s: %d %q", s.css, status, res.Header.Get("Content-Type"))
	}
	if status, _, _ := get(t, s, "/static/style.000000000000.css"); status != 404 {
		t.Errorf("a stale stylesheet name gives %d, want 404", status)
	}
	if status, _, res := get(t, s, "/sources"); status != http.StatusMovedPermanently || res.Header.Get("Location") != "/sources/" {
		t.Errorf("GET /sources: %d to %q", status, res.Header.Get("Location"))
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/plan", strings.NewReader("x")))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /plan: %d, want 405", rec.Code)
	}
}

// hostileDoc has markup and a javascript: link in every field a page shows.
const hostileDoc = `---
id: hostile
title: "<script>alert('title')</script> & Co"
outlet: "<b onmouseover=alert(1)>Outlet</b>"
author: "</dd><img src=x onerror=alert(2)>"
published: 2025-11-20
url: "https://example.org/a\"onmouseover=\"alert(3)"
kind: article
language: en
---
## Heading <i>ok</i>

The plan would limit the <script>army</script> to 600,000 troops, the "officials" said & others agreed. Ukraine would get security guarantees in return for the limit on its armed forces.

An <img src=x onerror=alert(4)> tag sits in this sentence about sanctions relief for Russia. The reconstruction fund would be managed by the United States with European partners.
`

func hostileEngine(t *testing.T) *index.Live {
	t.Helper()
	docs, problems := corpus.LoadFS(fstest.MapFS{"hostile.md": {Data: []byte(hostileDoc)}})
	if len(problems) > 0 || len(docs) != 1 {
		t.Fatalf("load: %v", problems)
	}
	eng, err := index.New(nil, docs, index.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })
	return eng
}

// TestEscaping shows hostile document text, titles and questions as text, never as markup.
func TestEscaping(t *testing.T) {
	s := newTestSite(t, hostileEngine(t), Config{})
	question := `<script>alert("q")</script> army troops limit`
	for _, path := range []string{"/", "/sources/", "/sources/hostile", "/plan", "/timeline", "/?q=" + urlQuery(question)} {
		status, body, _ := get(t, s, path)
		if status != 200 {
			t.Errorf("GET %s: %d", path, status)
		}
		for _, bad := range []string{"<script", "<img", "<b ", `"onmouseover`, "<i>"} {
			if strings.Contains(body, bad) {
				t.Errorf("GET %s: the page contains %q unescaped", path, bad)
			}
		}
	}
	_, body, _ := get(t, s, "/sources/hostile")
	for _, want := range []string{"&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; Co", "&lt;img src=x onerror=alert(4)&gt;", "Heading &lt;i&gt;ok&lt;/i&gt;"} {
		if !strings.Contains(body, want) {
			t.Errorf("the source page does not show %q", want)
		}
	}
	_, body, _ = get(t, s, "/?q="+urlQuery(question))
	if !strings.Contains(body, "&lt;script&gt;alert(&#34;q&#34;)&lt;/script&gt;") {
		t.Error("the answer page does not show the question as text")
	}
}

var (
	hrefRe = regexp.MustCompile(`href="([^"]+)"`)
	idRe   = regexp.MustCompile(`id="([^"]+)"`)
)

// TestLinksAndAnchors follows every link inside the site from every page: each must answer 200,
// and each fragment must name an element of the page it points to.
func TestLinksAndAnchors(t *testing.T) {
	eng := defaultEngine(t)
	s := newTestSite(t, eng, Config{})
	start := []string{"/", "/sources/", "/plan", "/timeline", "/?q=" + urlQuery(browserQuestion), "/?q=" + urlQuery("What does the plan say about NATO?")}
	ids := map[string]map[string]bool{}
	fetch := func(path string) map[string]bool {
		if got, ok := ids[path]; ok {
			return got
		}
		status, body, _ := get(t, s, path)
		if status != 200 {
			t.Errorf("GET %s: %d", path, status)
		}
		set := map[string]bool{}
		for _, m := range idRe.FindAllStringSubmatch(body, -1) {
			if set[m[1]] {
				t.Errorf("%s: id %q twice", path, m[1])
			}
			set[m[1]] = true
		}
		ids[path] = set
		return set
	}
	followed := 0
	for _, page := range start {
		_, body, _ := get(t, s, page)
		for _, m := range hrefRe.FindAllStringSubmatch(body, -1) {
			href := html.UnescapeString(m[1])
			if strings.HasPrefix(href, "http") {
				continue
			}
			path, frag, _ := strings.Cut(href, "#")
			if path == "" {
				path = page
			}
			if frag != "" && !fetch(path)[frag] {
				t.Errorf("%s links to %s, but that page has no id %q", page, href, frag)
			}
			fetch(path)
			followed++
		}
	}
	if followed < 50 {
		t.Errorf("followed only %d links: the pages lost their links", followed)
	}
	// Every passage of every document is an anchor on its page.
	for _, d := range eng.Documents() {
		src, _ := eng.Source(d.ID)
		page := fetch("/sources/" + d.ID)
		for _, p := range src.Passages {
			if !page[Anchor(d.ID, p.ID)] {
				t.Errorf("/sources/%s has no anchor for passage %s", d.ID, p.ID)
			}
		}
	}
}

var citedMark = regexp.MustCompile(`<mark class="cited">([^<]*)</mark>`)

// TestSourceMarksCitedText: every excerpt an answer quotes is on its passage's page, and its
// context link makes the page mark exactly that text, verbatim.
func TestSourceMarksCitedText(t *testing.T) {
	eng := defaultEngine(t)
	s := newTestSite(t, eng, Config{})
	marked := 0
	for _, q := range []string{browserQuestion, "What does the plan say about NATO?", "Who delivered the plan to Zelenskyy?", "When did the Geneva talks take place?"} {
		ans, err := eng.Answer(context.Background(), q, index.Options{N: 5})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ans.Excerpts {
			link := CitationURL("/", e.DocID, e.PassageID, e.Text)
			path, frag, _ := strings.Cut(link, "#")
			_, body, _ := get(t, s, path)
			at := strings.Index(body, `id="`+frag+`"`)
			if at < 0 {
				t.Fatalf("%s: no anchor %s", path, frag)
			}
			passage := body[at:]
			passage = passage[:strings.Index(passage, "</div>")]
			var got []string
			for _, m := range citedMark.FindAllStringSubmatch(passage, -1) {
				got = append(got, html.UnescapeString(m[1]))
			}
			if want := strings.Join(strings.Fields(e.Text), " "); strings.Join(strings.Fields(strings.Join(got, " ")), " ") != want {
				t.Errorf("%q: %s marks %q, want the excerpt %q", q, link, got, want)
			}
			if strings.Count(body, `<mark class="cited">`) != len(got) {
				t.Errorf("%s marks text outside the cited passage", link)
			}
			marked++
		}
	}
	if marked < 10 {
		t.Errorf("only %d excerpts checked", marked)
	}
	// Without a key, or with one that matches nothing, nothing is marked.
	for _, path := range []string{"/sources/wikipedia-us-peace-plan", "/sources/wikipedia-us-peace-plan?cite=00000000", "/sources/wikipedia-us-peace-plan?cite=<b>"} {
		if status, body, _ := get(t, s, path); status != 200 || strings.Contains(body, "<mark") {
			t.Errorf("GET %s: %d, marks text", path, status)
		}
	}
}

// TestRemovedDocument: a document removed with /corpus remove (to the trash) or dropped from the
// corpus by a reindex says "removed", and the list shows the change at once.
func TestRemovedDocument(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"kyiv-confirms-draft.md", "reuters-zelenskyy-ready.md"} {
		data, err := corpus.DefaultFS().(interface {
			ReadFile(string) ([]byte, error)
		}).ReadFile(name)
		if err != nil {
			t.Skipf("the built-in corpus has no %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	load := func() []corpus.Document {
		docs, problems, err := corpus.LoadDir(dir)
		if err != nil || len(problems) > 0 {
			t.Fatalf("load %s: %v %v", dir, err, problems)
		}
		return docs
	}
	eng, err := index.New(nil, load(), index.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	now := time.Now()
	s := newTestSite(t, eng, Config{CorpusDir: dir, Now: func() time.Time { return now }})
	if status, _, _ := get(t, s, "/sources/reuters-zelenskyy-ready"); status != 200 {
		t.Fatalf("before removal: %d", status)
	}
	if _, err := ingest.Remove(dir, "reuters-zelenskyy-ready"); err != nil {
		t.Fatal(err)
	}
	if _, err := eng.Reload(context.Background(), load()); err != nil {
		t.Fatal(err)
	}
	status, body, _ := get(t, s, "/sources/reuters-zelenskyy-ready")
	if status != http.StatusGone || !strings.Contains(body, "was removed from the sources on "+time.Now().UTC().Format("2 Jan 2006")) {
		t.Errorf("after /corpus remove: %d\n%s", status, body)
	}
	_, list, _ := get(t, s, "/sources/")
	if strings.Contains(list, `href="/sources/reuters-zelenskyy-ready"`) || !strings.Contains(list, "removed ") {
		t.Errorf("the list still links the removed document or does not list it as removed:\n%s", list)
	}

	// Without a trash (the file deleted by hand, then a reindex) the page still says removed.
	os.Remove(filepath.Join(dir, "kyiv-confirms-draft.md"))
	os.WriteFile(filepath.Join(dir, "reuters-zelenskyy-ready.md"), []byte(strings.Replace(hostileDoc, "id: hostile", "id: other", 1)), 0o644)
	if _, err := eng.Reload(context.Background(), load()); err != nil {
		t.Fatal(err)
	}
	status, body, _ = get(t, s, "/sources/kyiv-confirms-draft")
	if status != http.StatusGone || !strings.Contains(body, "was removed from the sources.") {
		t.Errorf("after a reindex without it: %d\n%s", status, body)
	}
	if status, _, _ := get(t, s, "/sources/other"); status != 200 {
		t.Errorf("a document added by reindex: %d, want 200 at once", status)
	}

	// Added by one reindex and removed by the next, never opened: still "removed", once any page
	// was served in between.
	os.WriteFile(filepath.Join(dir, "third.md"), []byte(strings.Replace(hostileDoc, "id: hostile", "id: third", 1)), 0o644)
	if _, err := eng.Reload(context.Background(), load()); err != nil {
		t.Fatal(err)
	}
	now = now.Add(knownRefresh)
	get(t, s, "/plan")
	os.Remove(filepath.Join(dir, "third.md"))
	if _, err := eng.Reload(context.Background(), load()); err != nil {
		t.Fatal(err)
	}
	if status, _, _ := get(t, s, "/sources/third"); status != http.StatusGone {
		t.Errorf("a document removed before anyone opened it: %d, want 410", status)
	}
}

// tentativeEngine gives the real engine's answers, marked not confident: the engine's threshold
// for confidence is the lead's to set, the page's wording is ours to test.
type tentativeEngine struct{ *index.Live }

func (e tentativeEngine) Answer(ctx context.Context, q string, o index.Options) (index.Answer, error) {
	a, err := e.Live.Answer(ctx, q, o)
	a.Confident = false
	return a, err
}

// TestAnswerKinds: a confident, a tentative and a refused answer each say what they are.
func TestAnswerKinds(t *testing.T) {
	eng := defaultEngine(t)
	confident := newTestSite(t, eng, Config{})
	tentative := newTestSite(t, tentativeEngine{eng}, Config{})
	q := "/?q=" + urlQuery(browserQuestion)
	_, body, _ := get(t, confident, q)
	if !strings.Contains(body, `class="answer confident"`) || strings.Contains(body, "may not answer") {
		t.Error("a confident answer is not shown as one")
	}
	_, body, _ = get(t, tentative, q)
	if !strings.Contains(body, `class="answer tentative"`) || !strings.Contains(body, "Closest excerpts") || !strings.Contains(body, "may not answer your question exactly") {
		t.Error("a tentative answer does not say it may not answer exactly")
	}
	_, body, _ = get(t, confident, "/?q="+urlQuery("What did the Pope say about Australia?"))
	if !strings.Contains(body, `class="answer refused"`) || strings.Contains(body, "<blockquote>") {
		t.Error("a refused question shows excerpts or is not shown as refused")
	}
}

// TestAnswerRateLimit: each client address gets a burst of answers, then 429 with Retry-After,
// and its questions are answered again once its bucket refills; other addresses are not slowed.
func TestAnswerRateLimit(t *testing.T) {
	now := time.Date(2025, 11, 21, 12, 0, 0, 0, time.UTC)
	s := newTestSite(t, defaultEngine(t), Config{Now: func() time.Time { return now }})
	ask := func(addr string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/?q=army", nil)
		req.RemoteAddr = addr
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		return rec
	}
	for i := 0; i < answerBurst; i++ {
		if rec := ask("192.0.2.1:1000"); rec.Code != 200 {
			t.Fatalf("question %d: %d", i+1, rec.Code)
		}
	}
	rec := ask("192.0.2.1:2000") // another port, same client
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "6" || !strings.Contains(rec.Body.String(), "Too many questions") {
		t.Errorf("past the burst: %d, Retry-After %q", rec.Code, rec.Header().Get("Retry-After"))
	}
	if rec := ask("[2001:db8::1]:1000"); rec.Code != 200 {
		t.Errorf("another client: %d", rec.Code)
	}
	for i := 1; i < answerBurst; i++ { // the rest of the burst of 2001:db8::/64
		ask("[2001:db8::1]:1000")
	}
	if rec := ask("[2001:db8::ffff:2]:1000"); rec.Code != http.StatusTooManyRequests {
		t.Errorf("another address of the same IPv6 /64: %d, want 429", rec.Code)
	}
	if rec := ask("[::ffff:192.0.2.1]:1000"); rec.Code != http.StatusTooManyRequests {
		t.Errorf("the first client as an IPv4-mapped address: %d, want 429", rec.Code)
	}
	if rec := httptest.NewRecorder(); true { // reading pages is not limited
		req := httptest.NewRequest(http.MethodGet, "/plan", nil)
		req.RemoteAddr = "192.0.2.1:1000"
		s.ServeHTTP(rec, req)
		if rec.Code != 200 {
			t.Errorf("GET /plan when out of answers: %d", rec.Code)
		}
	}
	now = now.Add(answerEvery)
	if rec := ask("192.0.2.1:1000"); rec.Code != 200 {
		t.Errorf("after %v: %d", answerEvery, rec.Code)
	}
}

// TestLimiterForgetsIdleClients: the map of buckets does not grow without bound.
func TestLimiterForgetsIdleClients(t *testing.T) {
	now := time.Unix(0, 0)
	l := newClientLimiter(answerEvery, answerBurst, func() time.Time { return now })
	for i := 0; i < 3*sweepAt; i++ {
		l.allow(strings.Repeat("x", i%7) + string(rune('a'+i%26)) + time.Duration(i).String())
		now = now.Add(time.Minute)
	}
	if n := len(l.clients); n > sweepAt+1 {
		t.Errorf("%d buckets kept for clients idle for minutes, want at most %d", n, sweepAt+1)
	}
}

// TestPublicURLPrefix: under a path prefix every link starts with it, and both prefixed and
// stripped requests are served.
func TestPublicURLPrefix(t *testing.T) {
	s := newTestSite(t, defaultEngine(t), Config{PublicURL: "https://example.org/planbot/"})
	for _, path := range []string{"/planbot/plan", "/plan"} {
		status, body, _ := get(t, s, path)
		if status != 200 {
			t.Fatalf("GET %s: %d", path, status)
		}
		for _, m := range hrefRe.FindAllStringSubmatch(body, -1) {
			if strings.HasPrefix(m[1], "/") && !strings.HasPrefix(m[1], "/planbot/") {
				t.Errorf("GET %s: link %s lacks the prefix", path, m[1])
			}
		}
	}
}

// TestWholeCorpusSize: every page of the built-in corpus together stays under 1 MB.
func TestWholeCorpusSize(t *testing.T) {
	eng := defaultEngine(t)
	s := newTestSite(t, eng, Config{})
	total := 0
	paths := []string{"/", "/sources/", "/plan", "/timeline", s.css}
	for _, d := range eng.Documents() {
		paths = append(paths, "/sources/"+d.ID)
	}
	for _, p := range paths {
		_, body, _ := get(t, s, p)
		total += len(body)
	}
	t.Logf("%d pages, %d bytes", len(paths), total)
	if total >= 1<<20 {
		t.Errorf("the corpus's pages weigh %d bytes, want under 1 MB", total)
	}
}

func TestOriginalURL(t *testing.T) {
	for in, want := range map[string]string{"https://x.org/a": "https://x.org/a", "http://x.org": "http://x.org",
		"javascript:alert(1)": "", "JaVaScRiPt:alert(1)": "", "data:text/html,x": "", "//evil.org": "", "": ""} {
		if got := originalURL(in); got != want {
			t.Errorf("originalURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPassageURL(t *testing.T) {
	for _, tc := range []struct{ base, doc, passage, want string }{
		{"https://x.org", "doc", "doc/p07", "https://x.org/sources/doc#p07"},
		{"https://x.org/bot/", "doc", "doc/p07", "https://x.org/bot/sources/doc#p07"},
		{"https://x.org", "d(1)", "other/p1", "https://x.org/sources/d%281%29#other%2Fp1"},
		{"https://x.org", "doc", "", "https://x.org/sources/doc"},
		{"", "doc", "doc/p1", ""},
	} {
		if got := CitationURL(tc.base, tc.doc, tc.passage, "Some text."); tc.want != "" && !regexp.MustCompile(`\?cite=[0-9a-f]{8}(#|$)`).MatchString(got) {
			t.Errorf("CitationURL(%q, %q, %q) = %q: no cite key before the fragment", tc.base, tc.doc, tc.passage, got)
		}
		if got := PassageURL(tc.base, tc.doc, tc.passage); got != tc.want {
			t.Errorf("PassageURL(%q, %q, %q) = %q, want %q", tc.base, tc.doc, tc.passage, got, tc.want)
		}
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

// TestAnswerCitesSyndicatedCopies: an excerpt whose text another document also holds links to
// that copy's passage too, and the link's anchor is on its page.
func TestAnswerCitesSyndicatedCopies(t *testing.T) {
	story := "The delegation would meet in Geneva on Sunday to examine the draft and propose amendments to the peace framework."
	doc := func(id, outlet string) string {
		return "---\nid: " + id + "\ntitle: \"Talks in Geneva\"\noutlet: " + outlet + "\npublished: 2025-11-22\nkind: article\nlanguage: en\n---\n" +
			story + " Officials from both sides confirmed the meeting time to reporters gathered outside.\n"
	}
	docs, problems := corpus.LoadFS(fstest.MapFS{"a.md": {Data: []byte(doc("agency", "Agency"))}, "b.md": {Data: []byte(doc("reprint", "Reprint"))}})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	eng, err := index.New(nil, docs, index.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	s := newTestSite(t, eng, Config{})
	_, body, _ := get(t, s, "/?q="+urlQuery("Where would the delegation meet to examine the draft?"))
	m := regexp.MustCompile(`also in <a href="(/sources/([a-z]+)\?cite=[0-9a-f]{8}#([a-z0-9]+))">Talks in Geneva \(([A-Za-z]+)\)</a>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("the excerpt does not cite its copy:\n%s", body)
	}
	if _, page, _ := get(t, s, "/sources/"+m[2]); !strings.Contains(page, `id="`+m[3]+`"`) {
		t.Errorf("%s: no anchor %s", m[1], m[3])
	}
}

// The list of removed documents follows the trash: a document trashed after the list was shown
// appears on the next view, and a trashed file rewritten shows its new title.
func TestRemovedListFollowsTrash(t *testing.T) {
	dir := t.TempDir()
	trash := ingest.TrashDir(dir)
	if err := os.MkdirAll(trash, 0o755); err != nil {
		t.Fatal(err)
	}
	trashDoc := func(second int, id, title string) {
		t.Helper()
		name := time.Date(2025, 11, 1, 0, 0, second, 0, time.UTC).Format("20060102T150405.000Z") + "--" + id + ".md"
		doc := "---\nid: " + id + "\ntitle: " + title + "\n---\nNegotiators met in Geneva to discuss the revised plan.\n"
		if err := os.WriteFile(filepath.Join(trash, name), []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := newTestSite(t, defaultEngine(t), Config{CorpusDir: dir})
	trashDoc(1, "gone-one", "First gone")
	if _, list, _ := get(t, s, "/sources/"); !strings.Contains(list, "First gone") {
		t.Fatalf("the trashed document is not listed:\n%s", list)
	}
	trashDoc(2, "gone-two", "Second gone")
	if _, list, _ := get(t, s, "/sources/"); !strings.Contains(list, "Second gone") || !strings.Contains(list, "First gone") {
		t.Errorf("a document trashed after the list was shown is missing:\n%s", list)
	}
	trashDoc(1, "gone-one", "First gone, retitled")
	if _, list, _ := get(t, s, "/sources/"); !strings.Contains(list, "First gone, retitled") {
		t.Errorf("a rewritten trashed file keeps its old title:\n%s", list)
	}
}

// TestCitedRunSpansAWindow: an excerpt can span four sentences (an answer window whose sentence
// before brings the one it refers back to, the pick, the next sentence), and the page marks all
// four; five is no excerpt the engine makes.
func TestCitedRunSpansAWindow(t *testing.T) {
	texts := []string{"Umerov briefed reporters in Geneva.", "He said the gaps were small.", "The delegation said the draft met its priorities.", "Talks resume on Monday.", "Markets barely moved."}
	body := strings.Join(texts, " ")
	var sents []corpus.Sentence
	for _, x := range texts {
		start := strings.Index(body, x)
		sents = append(sents, corpus.Sentence{Start: start, End: start + len(x), Text: x})
	}
	if i, j := citedRun(body, sents, citeKey(body[sents[0].Start:sents[3].End])); i != 0 || j != 3 {
		t.Errorf("four sentences: run %d..%d, want 0..3", i, j)
	}
	if i, j := citedRun(body, sents, citeKey(body[sents[1].Start:sents[2].End])); i != 1 || j != 2 {
		t.Errorf("two sentences: run %d..%d, want 1..2", i, j)
	}
	if i, _ := citedRun(body, sents, citeKey(body)); i != -1 {
		t.Errorf("five sentences: run from %d, want none", i)
	}
}
