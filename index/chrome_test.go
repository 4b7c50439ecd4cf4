package index

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/planbot/planbot/corpus"
)

// chromeLines reads testdata/chrome/chrome.txt: pieces of captions, credits, teasers, prompts and
// fragments that no excerpt may contain.
func chromeLines(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile("../testdata/chrome/chrome.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, strings.ToLower(l))
		}
	}
	return out
}

// Issue 12's "done when" on a real bleve index: with the built-in documents plus realistic pages
// carrying every kind of chrome, no excerpt for any question of dev, dev2 or a set aimed at the
// chrome's own words is a caption, credit, teaser, prompt or fragment; and dev and dev2 score as
// they do with the pages' article text alone.
func TestNoChromeExcerpts(t *testing.T) {
	ctx := context.Background()
	docs, problems := corpus.Default()
	pages, pageProblems, err := corpus.LoadDir("../testdata/chrome/pages")
	if len(problems)+len(pageProblems) > 0 || err != nil || len(pages) == 0 {
		t.Fatalf("problems %v %v, err %v", problems, pageProblems, err)
	}
	isPage := map[string]bool{}
	for _, d := range pages {
		isPage[d.ID] = true
	}
	l, err := New(nil, append(append([]corpus.Document(nil), docs...), pages...), Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	chrome := chromeLines(t)
	sets := map[string][]EvalQuestion{
		"dev":    questionFile(t, "../testdata/eval/dev.jsonl"),
		"dev2":   questionFile(t, "../testdata/eval/dev2.jsonl"),
		"chrome": questionFile(t, "../testdata/chrome/questions.jsonl"),
	}
	excerpts := 0
	for name, qs := range sets {
		for _, q := range qs {
			a, err := l.Answer(ctx, q.Q, Options{N: MaxExcerpts})
			if err != nil {
				t.Fatalf("%s %s: %v", name, q.ID, err)
			}
			for _, e := range a.Excerpts {
				excerpts++
				shown := strings.ToLower(e.Text + "\n" + e.Heading)
				for _, c := range chrome {
					if strings.Contains(shown, c) {
						t.Errorf("%s %s %q: excerpt from %s is chrome (%q): %q (heading %q)", name, q.ID, q.Q, e.DocID, c, e.Text, e.Heading)
					}
				}
				if isPage[e.DocID] && !endsSentence(e.Text) {
					t.Errorf("%s %s %q: excerpt from %s is a fragment: %q", name, q.ID, q.Q, e.DocID, e.Text)
				}
			}
		}
	}
	if excerpts < 200 {
		t.Errorf("only %d excerpts checked", excerpts)
	}

	// The chrome must not move the dev sets: the same pages written without it answer alike.
	clean, err := New(nil, append(append([]corpus.Document(nil), docs...), articleOnly(t, pages)...), Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer clean.Close()
	for _, name := range []string{"dev", "dev2"} {
		want, err := Evaluate(ctx, clean, sets[name])
		if err != nil {
			t.Fatal(err)
		}
		got, err := Evaluate(ctx, l, sets[name])
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: answer@1 %.2f, hit@3 %.2f with the pages; %.2f, %.2f with the pages' article text only",
			name, got.AnswerAt1, got.HitAt3, want.AnswerAt1, want.HitAt3)
		// Chrome moves passage boundaries and headings, so a near tie may fall the other way: a
		// question the article text answers first and the page does not is excused only when the
		// page's first excerpt is, in the article-only index, among the first three and within
		// nearTie of the first, and at most one a set.
		lost, excused := 0, 0
		for _, id := range got.Misses {
			if slices.Contains(want.Misses, id) {
				continue
			}
			if nearTieInClean(t, l, clean, sets[name], id) {
				excused++
			} else {
				lost++
			}
		}
		if lost > 0 || excused > 1 || got.Correct3 < want.Correct3-excused {
			t.Errorf("%s dropped because of the chrome: answer@1 %.2f → %.2f, hit@3 %.2f → %.2f (%d near ties turned, %d lost)",
				name, want.AnswerAt1, got.AnswerAt1, want.HitAt3, got.HitAt3, excused, lost)
		}
	}
}

// nearTie: scores this close are a coin toss that passage boundaries may turn.
const nearTie = 0.02

// nearTieInClean: question id's first excerpt from the pages index (l) is, in the article-only
// index, among the first three excerpts and within nearTie of the first one's score.
func nearTieInClean(t *testing.T, l, clean *Live, qs []EvalQuestion, id string) bool {
	t.Helper()
	for _, q := range qs {
		if q.ID != id {
			continue
		}
		a, err := l.Answer(context.Background(), q.Q, Options{})
		if err != nil || len(a.Excerpts) == 0 {
			return false
		}
		b, err := clean.Answer(context.Background(), q.Q, Options{})
		if err != nil {
			return false
		}
		for _, e := range b.Excerpts {
			if e.Text == a.Excerpts[0].Text && e.DocID == a.Excerpts[0].DocID {
				t.Logf("%s %q: a near tie (%.2f against %.2f) that the chrome turns", id, q.Q, e.Score, b.Excerpts[0].Score)
				return b.Excerpts[0].Score-e.Score <= nearTie
			}
		}
		return false
	}
	return false
}

// articleOnly rewrites each page as its article text alone: headings and kept sentences, nothing
// the loader dropped.
func articleOnly(t *testing.T, pages []corpus.Document) []corpus.Document {
	t.Helper()
	var out []corpus.Document
	for _, d := range pages {
		var b strings.Builder
		heading := ""
		for _, p := range d.Passages {
			if p.Heading != heading && p.Heading != "" {
				b.WriteString("## " + p.Heading + "\n\n")
			}
			heading = p.Heading
			b.WriteString(p.Text + "\n\n")
		}
		c := d
		c.Body, c.Passages, c.Dropped = b.String(), nil, nil
		parsed, err := corpus.Parse(d.File, corpus.Encode(c))
		if err != nil {
			t.Fatal(err)
		}
		if len(parsed.Dropped) > 0 {
			t.Fatalf("%s: article text alone still drops %+v", d.ID, parsed.Dropped)
		}
		out = append(out, parsed)
	}
	return out
}

// endsSentence: the text ends as a whole sentence does.
func endsSentence(text string) bool {
	t := strings.TrimRight(text, " ”\"’')]")
	return strings.HasSuffix(t, ".") || strings.HasSuffix(t, "!") || strings.HasSuffix(t, "?") || strings.HasSuffix(t, "…")
}
