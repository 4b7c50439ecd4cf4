package index

import (
	"context"
	"testing"
)

// Every excerpt of every page of answers to the dev2 questions (written independently of the
// engine; a copy of shared/eval/dev2.jsonl) is verbatim text of the document it cites, and so is
// every syndicated-copy citation's passage. dev and extra are checked by TestExcerptsAreVerbatim.
func TestDev2ExcerptsAreVerbatim(t *testing.T) {
	l, docs, bodies := defaultBodies(t)
	passages := map[string]bool{}
	for _, d := range docs {
		for _, p := range d.Passages {
			passages[p.ID] = true
		}
	}
	qs := questionFile(t, "../testdata/eval/dev2.jsonl")
	if len(qs) < 50 {
		t.Fatalf("read %d dev2 questions, want the 60 of the file", len(qs))
	}
	n := 0
	for _, q := range qs {
		for _, offset := range []int{0, MaxExcerpts} { // the first page and the one "More" shows
			a, err := l.Answer(context.Background(), q.Q, Options{N: MaxExcerpts, Offset: offset})
			if err != nil {
				t.Fatalf("%q: %v", q.Q, err)
			}
			for _, ex := range a.Excerpts {
				checkExcerpt(t, bodies, ex)
				if !passages[ex.PassageID] {
					t.Errorf("%q: excerpt cites unknown passage %q", q.Q, ex.PassageID)
				}
				for _, c := range ex.Also {
					if !passages[c.PassageID] || bodies[c.DocID] == "" {
						t.Errorf("%q: Also cites unknown %s %s", q.Q, c.DocID, c.PassageID)
					}
				}
				n++
			}
		}
	}
	if n < 200 {
		t.Fatalf("checked only %d excerpts", n)
	}
	t.Logf("%d excerpts checked", n)
}
