package index

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/blevesearch/bleve/v2/registry"
	"github.com/planbot/planbot/corpus"
)

// testDoc is one file of a small corpus built for a test: its id, publication date ("" for none),
// outlet and body.
type testDoc struct{ id, published, outlet, body string }

// smallLive indexes docs in memory the way a corpus folder is loaded (front matter, cleaning,
// passages), failing the test on any load problem. It returns the index and each document's Body.
func smallLive(t *testing.T, docs ...testDoc) (*Live, map[string]string) {
	t.Helper()
	files := fstest.MapFS{}
	for _, d := range docs {
		var b strings.Builder
		b.WriteString("---\nid: " + d.id + "\ntitle: \"Test article " + d.id + "\"\nkind: article\nlanguage: en\n")
		if d.published != "" {
			b.WriteString("published: " + d.published + "\n")
		}
		if d.outlet != "" {
			b.WriteString("outlet: " + d.outlet + "\n")
		}
		b.WriteString("---\n" + d.body)
		files[d.id+".md"] = &fstest.MapFile{Data: []byte(b.String())}
	}
	loaded, problems := corpus.LoadFS(files)
	if len(problems) > 0 {
		t.Fatalf("test corpus: %v", problems)
	}
	if len(loaded) != len(docs) {
		t.Fatalf("loaded %d documents of %d", len(loaded), len(docs))
	}
	l, err := New(nil, loaded, Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	bodies := map[string]string{}
	for _, d := range loaded {
		bodies[d.ID] = d.Body
	}
	return l, bodies
}

// askChecked answers q with n excerpts and checks every excerpt is verbatim text of its document.
func askChecked(t *testing.T, l *Live, bodies map[string]string, q string, n int) Answer {
	t.Helper()
	return askWith(t, l, bodies, q, Options{N: n})
}

// askWith is askChecked with any options: a follow-up's Context, a document.
func askWith(t *testing.T, l *Live, bodies map[string]string, q string, opts Options) Answer {
	t.Helper()
	a, err := l.Answer(context.Background(), q, opts)
	if err != nil {
		t.Fatalf("Answer(%q): %v", q, err)
	}
	for _, ex := range a.Excerpts {
		checkExcerpt(t, bodies, ex)
	}
	return a
}

// marked is the words an excerpt marks as matching the question, joined by "|".
func marked(ex Excerpt) string {
	var out []string
	for _, sp := range ex.Spans {
		out = append(out, ex.Text[sp.Start:sp.End])
	}
	return strings.Join(out, "|")
}

// firstExcerpt is the text of the first excerpt, "" when the question was not answered.
func firstExcerpt(a Answer) string {
	if !a.Answered || len(a.Excerpts) == 0 {
		return ""
	}
	return a.Excerpts[0].Text
}

// registryTerms analyses s with the analyzer bleve's registry knows as AnalyzerName — the one an
// index opened from disk uses — and returns its terms.
func registryTerms(t *testing.T, s string) []string {
	t.Helper()
	an, err := registry.NewCache().AnalyzerNamed(AnalyzerName)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, tok := range an.Analyze([]byte(s)) {
		out = append(out, string(tok.Term))
	}
	return out
}

// expectFirst answers q and reports an error unless the first excerpt contains want; it returns
// the answer and whether it did.
func expectFirst(t *testing.T, l *Live, bodies map[string]string, q, want string) (Answer, bool) {
	t.Helper()
	return expectFirstWith(t, l, bodies, q, Options{N: 3}, want)
}

// expectFirstWith is expectFirst with any options: "how many points?" as a follow-up of
// opts.Context.
func expectFirstWith(t *testing.T, l *Live, bodies map[string]string, q string, opts Options, want string) (Answer, bool) {
	t.Helper()
	a := askWith(t, l, bodies, q, opts)
	if got := firstExcerpt(a); !strings.Contains(got, want) {
		asked := fmt.Sprintf("%q", q)
		if opts.Context != "" {
			asked += fmt.Sprintf(" after %q", opts.Context)
		}
		t.Errorf("%s: first excerpt %q, want the sentence with %q", asked, got, want)
		return a, false
	}
	return a, true
}

// expectMarked is expectFirst, and the first excerpt marks mark as the asker's word: a form the
// question wrote otherwise (a spelling, a number's digits) counted as that word itself.
func expectMarked(t *testing.T, l *Live, bodies map[string]string, q, want, mark string) {
	t.Helper()
	a, ok := expectFirst(t, l, bodies, q, want)
	if !ok {
		return
	}
	if m := marked(a.Excerpts[0]); !strings.Contains(m, mark) {
		t.Errorf("%q: marked %q, want %q marked (confidence %.2f)", q, m, mark, a.Confidence)
	}
}

// defaultBodies is the shared index of the embedded corpus with each document's Body.
func defaultBodies(t *testing.T) (*Live, []corpus.Document, map[string]string) {
	t.Helper()
	l, docs := defaultLive(t)
	bodies := map[string]string{}
	for _, d := range docs {
		bodies[d.ID] = d.Body
	}
	return l, docs, bodies
}

// questionFile reads an eval question file (shared/eval's JSON lines format).
func questionFile(t *testing.T, path string) []EvalQuestion {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qs, err := ReadQuestions(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return qs
}

// acquired is l's current engine, held until the test ends; it is released before the cleanups
// registered earlier run (smallLive's Close among them).
func acquired(t testing.TB, l *Live) *engine {
	t.Helper()
	e, release, err := l.acquire()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(release)
	return e
}

// groupOf is the word group of question q, as the engine of l analyses it, whose word is word; the
// test fails when there is none.
func groupOf(t *testing.T, l *Live, q, word string) group {
	t.Helper()
	for _, g := range parsed(t, l, q).groups {
		if g.word == word {
			return g
		}
	}
	t.Fatalf("%q has no word %q", q, word)
	return group{}
}

// parsed is question q as the engine of l analyses it.
func parsed(t *testing.T, l *Live, q string) question {
	t.Helper()
	e, done, err := l.acquire()
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	return e.parseQuestion(q)
}
