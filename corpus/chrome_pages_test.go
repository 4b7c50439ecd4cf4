package corpus

import (
	"os"
	"strings"
	"testing"
)

// readLines reads a testdata list, one entry a line, blank lines skipped.
func readLines(t testing.TB, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Issue 12's "done when", on the text the index receives: the built-in documents plus realistic
// pages with every kind of chrome give no sentence or heading that is a caption, credit, teaser,
// prompt or fragment, and keep the pages' article text.
func TestChromePagesGiveOnlyArticleText(t *testing.T) {
	pages, problems, err := LoadDir("../testdata/chrome/pages")
	if err != nil || len(problems) > 0 || len(pages) < 5 {
		t.Fatalf("%d pages, problems %v, err %v", len(pages), problems, err)
	}
	chrome := readLines(t, "../testdata/chrome/chrome.txt")
	isPage := map[string]bool{}
	kinds := map[DropKind]bool{}
	for _, d := range pages {
		isPage[d.ID] = true
		for _, x := range d.Dropped {
			kinds[x.Kind] = true
		}
	}
	for _, k := range []DropKind{DropCaption, DropCredit, DropRelated, DropPrompt, DropFragment} {
		if !kinds[k] {
			t.Errorf("the pages have no %s: the test does not cover it", k)
		}
	}
	var texts []string
	for _, d := range append(loadDefault(t), pages...) {
		for _, text := range allText(d) {
			texts = append(texts, text)
			for _, c := range chrome {
				if strings.Contains(strings.ToLower(text), strings.ToLower(c)) {
					t.Errorf("%s: %q is chrome (%q)", d.ID, text, c)
				}
			}
		}
		if !isPage[d.ID] {
			continue
		}
		for _, p := range d.Passages {
			for _, s := range p.Sentences {
				if !terminated(s.Text) {
					t.Errorf("%s: %q is a fragment", d.ID, s.Text)
				}
			}
		}
	}
	for _, k := range readLines(t, "../testdata/chrome/kept.txt") {
		found := false
		for _, text := range texts {
			found = found || strings.HasPrefix(text, k)
		}
		if !found {
			t.Errorf("article text lost: %q", k)
		}
	}
}
