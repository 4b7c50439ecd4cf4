package ingest

import (
	"net/url"
	"os"
	"strings"
	"testing"
	"unicode"

	"github.com/planbot/planbot/corpus"
)

// FuzzExtract: whatever page a site serves, extraction does not panic, what it extracts carries no
// control or format characters, and an article it accepts becomes a document the loader reads
// back unchanged (what Write relies on).
func FuzzExtract(f *testing.F) {
	news, err := os.ReadFile("testdata/news.html")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(news, "text/html; charset=utf-8")
	hostile := strings.Replace(string(news), `og:title" content="`, "og:title\" content=\"\u202Egnp.exe\u202C \x1b[31m\a", 1)
	hostile = strings.Replace(hostile, "Ukrainian officials", "\x1b]0;pwned\x07\u2066Ukrainian\u200B officials", 1)
	f.Add([]byte(hostile), "text/html")
	f.Add([]byte("<html><head><meta charset=windows-1251><title>\xca\xe8\xe5\xe2</title></head><body><p>\xd2\xe5\xea\xf1\xf2</p></body></html>"), "")
	f.Add([]byte("<html><body><article>"+strings.Repeat("<p>Word word word word word word word word word word.</p>", 12)+"</article></body></html>"), "text/html; charset=koi8-r")
	f.Add([]byte("<svg><script>alert(1)</script></svg><p>"+strings.Repeat("x ", 100)), "application/xhtml+xml")
	base, _ := url.Parse("https://news.example/world/a")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		a, err := extract(body, contentType, base)
		if err != nil {
			return
		}
		for name, v := range map[string]string{"title": a.Title, "byline": a.Byline, "site": a.SiteName, "excerpt": a.Excerpt, "text": a.Text} {
			for _, r := range v {
				if (unicode.IsControl(r) && r != '\n') || unicode.Is(unicode.Cf, r) && r != '\u200c' && r != '\u200d' {
					t.Fatalf("%s keeps %U: %q", name, r, v)
				}
			}
		}
		if wordCount(a.Text) < minWords {
			t.Fatalf("accepted %d words", wordCount(a.Text))
		}
		doc, err := buildDocument(a, Meta{})
		if err != nil {
			return
		}
		doc.ID = "fuzzed"
		parsed, err := corpus.Parse("fuzzed.md", corpus.Encode(doc))
		if err != nil {
			// The body is only prose extracted from HTML: it must load.
			if p, ok := err.(corpus.Problem); !ok || !strings.Contains(p.Msg, "no text to index") {
				t.Fatalf("extracted article does not load: %v", err)
			}
			return
		}
		if parsed.Title != doc.Title || parsed.Body != doc.Body || parsed.URL != doc.URL {
			t.Fatalf("document changed on the way through its file:\n%+v\n%+v", parsed, doc)
		}
	})
}
