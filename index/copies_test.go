package index

import (
	"context"
	"github.com/planbot/planbot/corpus"
	"slices"
	"testing"
	"testing/fstest"
)

// Issue 7 (syndicated copies): when several documents carry one agency sentence, the answer shows
// it once and cites the other documents in Excerpt.Also; the next excerpts say something else.
// Copies differ in quote and apostrophe style and white space, as syndicated text does.
func TestSyndicatedCopyShownOnceAndCited(t *testing.T) {
	l, bodies := smallLive(t,
		testDoc{id: "agency", published: "2025-11-21", outlet: "Agency Wire", body: "The White House told Kyiv it had until Thursday to accept the framework or risk losing American intelligence support, two officials said.\n\n" +
			"Ukraine's parliament was not consulted on the text before it was sent.\n"},
		testDoc{id: "herald", published: "2025-11-22", outlet: "Daily Herald", body: "Pressure on Zelenskyy mounted over the weekend.\n\n" +
			"The White House told Kyiv it had until  Thursday to accept the framework or risk losing American intelligence support, two officials said.\n\n" +
			"European capitals were given no deadline, according to diplomats in Brussels who asked not to be named.\n"},
		testDoc{id: "courier", published: "2025-11-23", outlet: "Evening Courier", body: "THE WHITE HOUSE told Kyiv it had until Thursday to accept the framework or risk losing American intelligence support, two officials said.\n\n" +
			"A deadline set in Washington rarely survives contact with the battlefield, analysts warned.\n"},
	)
	a := askChecked(t, l, bodies, "what deadline did the white house give kyiv to accept the framework?", 3)
	if len(a.Excerpts) < 2 {
		t.Fatalf("%d excerpts, want at least 2: %+v", len(a.Excerpts), a)
	}
	first := a.Excerpts[0]
	if key := corpus.NormalizeSentence(first.Text); key != corpus.NormalizeSentence("The White House told Kyiv it had until Thursday to accept the framework or risk losing American intelligence support, two officials said.") {
		t.Fatalf("first excerpt %q, want the syndicated sentence", first.Text)
	}
	var also []string
	for _, c := range first.Also {
		also = append(also, c.DocID)
		if c.DocID == first.DocID {
			t.Errorf("Also cites the excerpt's own document %s", c.DocID)
		}
		if c.Title == "" || c.Outlet == "" || c.Published == "" || c.PassageID == "" {
			t.Errorf("Also citation incomplete: %+v", c)
		}
		if !slices.ContainsFunc(l.Documents(), func(d DocumentInfo) bool { return d.ID == c.DocID }) {
			t.Errorf("Also cites unknown document %q", c.DocID)
		}
	}
	slices.Sort(also)
	want := []string{"agency", "courier", "herald"}
	want = slices.DeleteFunc(want, func(id string) bool { return id == first.DocID })
	if !slices.Equal(also, want) {
		t.Errorf("first excerpt from %s cites also %q, want %q", first.DocID, also, want)
	}
	seen := map[string]bool{}
	for _, ex := range a.Excerpts {
		k := corpus.NormalizeSentence(ex.Text)
		if seen[k] {
			t.Errorf("the same text shown twice: %q", ex.Text)
		}
		seen[k] = true
		if ex.DocID != first.DocID && corpus.NormalizeSentence(ex.Text) == corpus.NormalizeSentence(first.Text) {
			t.Errorf("a syndicated copy from %s shown as its own excerpt", ex.DocID)
		}
	}
	for _, ex := range a.Excerpts[1:] {
		if len(ex.Also) > 0 {
			t.Errorf("excerpt %q from one document cites copies %+v", ex.Text, ex.Also)
		}
	}
}

// An excerpt of a document whose page gave no date carries the day it was fetched.
func TestExcerptCarriesRetrievedDate(t *testing.T) {
	docs, problems := corpus.LoadFS(fstest.MapFS{
		"a.md": {Data: []byte("---\nid: a\ntitle: A\nretrieved: 2025-12-03\n---\nThe delegation met in Abu Dhabi on Tuesday to discuss the prisoner exchange and the ceasefire lines.\n")},
	})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	l, err := New(nil, docs, Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	a, err := l.Answer(context.Background(), "where did the delegation meet?", Options{})
	if err != nil || !a.Answered {
		t.Fatalf("%+v %v", a, err)
	}
	if x := a.Excerpts[0]; x.Retrieved != "2025-12-03" || x.Published != "" {
		t.Errorf("excerpt dates published %q retrieved %q", x.Published, x.Retrieved)
	}
}

// Two word-for-word copies score the same, so corpus order decides which is shown and which is
// cited as its copy, on every build of the index. (On a corpus this small bleve sums the two
// copies' scores alike; the last-bits difference it can make on larger ones is pinned by
// TestQuantizeTiesLastBits.)
func TestCopiesTieTheSameWayOnEveryBuild(t *testing.T) {
	body := "Envoys said the security guarantees discussed in Berlin would be similar to NATO's Article 5 and approved by Congress.\n\n" +
		"The talks ended late on Monday without a joint statement.\n"
	for run := 0; run < 6; run++ {
		l, bodies := smallLive(t,
			testDoc{id: "a-wire", published: "2025-12-15", outlet: "Wire One", body: body},
			testDoc{id: "b-copy", published: "2025-12-15", outlet: "Wire Two", body: body},
			testDoc{id: "c-other", published: "2025-12-16", outlet: "Wire Three", body: "Markets in Kyiv were calm on Tuesday.\n"},
		)
		a := askChecked(t, l, bodies, "what guarantees did the envoys discuss in berlin", 3)
		if len(a.Excerpts) == 0 || a.Excerpts[0].DocID != "a-wire" || len(a.Excerpts[0].Also) != 1 || a.Excerpts[0].Also[0].DocID != "b-copy" {
			t.Fatalf("run %d: first excerpt %+v, want a-wire citing its copy b-copy", run, a.Excerpts)
		}
	}
}

func TestQuantizeTiesLastBits(t *testing.T) {
	x, y, z := 0.1, 0.2, 0.3
	a, b := x+y+z, z+y+x // the same sum in another order: 0.6000000000000001 and 0.6
	if a == b {
		t.Fatalf("%v == %v: the test needs two sums that differ in their last bit", a, b)
	}
	if quantize(a) != quantize(b) {
		t.Errorf("quantize(%v) = %v, quantize(%v) = %v: want a tie", a, quantize(a), b, quantize(b))
	}
}
