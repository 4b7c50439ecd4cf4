package index

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// withTermQueries is qq with every absentTermQuery replaced by bleve's own term query, and how
// many it replaced.
func withTermQueries(qq query.Query) (query.Query, int) {
	switch x := qq.(type) {
	case *absentTermQuery:
		t := query.NewTermQuery(x.term)
		t.SetField(x.field)
		t.SetBoost(x.boost)
		return t, 1
	case *query.DisjunctionQuery:
		out, n := withTermQueriesAll(x.Disjuncts)
		return query.NewDisjunctionQuery(out), n
	case *query.ConjunctionQuery:
		out, n := withTermQueriesAll(x.Conjuncts)
		return query.NewConjunctionQuery(out), n
	}
	return qq, 0
}

func withTermQueriesAll(qs []query.Query) ([]query.Query, int) {
	out, total := make([]query.Query, len(qs)), 0
	for i, q := range qs {
		var n int
		out[i], n = withTermQueries(q)
		total += n
	}
	return out, total
}

// TestAbsentTermScores: the search with absentTermQuery stand-ins finds the same passages with the
// same scores, to the bit, as the one with bleve's term queries, on every question of the eval
// sets, over the whole corpus and within one document; and each stand-in's term is indeed absent
// from its field.
func TestAbsentTermScores(t *testing.T) {
	l, _ := defaultLive(t)
	e := acquired(t, l)
	run := func(qq query.Query) *bleve.SearchResult {
		t.Helper()
		res, err := e.idx.Search(bleve.NewSearchRequestOptions(qq, 100, 0, false))
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	standIns, questions := 0, 0
	eachEvalSearch(t, e, func(raw string, q question, doc string, qq query.Query) {
		questions++
		plain, n := withTermQueries(qq)
		standIns += n
		got, want := run(qq), run(plain)
		if len(got.Hits) != len(want.Hits) {
			t.Fatalf("%q in %q: %d hits with stand-ins, %d without", raw, doc, len(got.Hits), len(want.Hits))
		}
		for i := range got.Hits {
			if g, w := got.Hits[i], want.Hits[i]; g.ID != w.ID || g.Score != w.Score {
				t.Fatalf("%q in %q: hit %d is %s %v with stand-ins, %s %v without", raw, doc, i, g.ID, g.Score, w.ID, w.Score)
			}
		}
	})
	if standIns == 0 || questions < 100 {
		t.Fatalf("%d stand-ins in %d searches: the test compares nothing", standIns, questions)
	}
	// the stand-ins are for absent terms only: every (term, field) inField denies has no passage
	for term := range e.df {
		for _, field := range []string{fieldText, fieldHeading, fieldTitle} {
			if e.inField(term, field) {
				continue
			}
			tq := query.NewTermQuery(term)
			tq.SetField(field)
			if res := run(tq); res.Total != 0 {
				t.Fatalf("%q is in %s (%d passages), but inField says not", term, field, res.Total)
			}
		}
	}
}

// eachEvalSearch calls f with every question of the eval sets that leaves a query, over the whole
// corpus and within one document.
func eachEvalSearch(t *testing.T, e *engine, f func(raw string, q question, doc string, qq query.Query)) {
	t.Helper()
	files, _ := filepath.Glob("../testdata/eval/*.jsonl")
	if len(files) == 0 {
		t.Fatal("no eval sets")
	}
	n := 0
	for _, file := range files {
		for _, eq := range questionFile(t, file) {
			q := e.parseQuestion(cleanQuestion(eq.Q))
			n++
			for _, doc := range []string{"", e.docs[n%len(e.docs)].ID} {
				if qq := e.searchQuery(q, doc); qq != nil {
					f(eq.Q, q, doc, qq)
				}
			}
		}
	}
}

// TestCandidatesAsSearch: an answer's candidate passages, found without SearchInContext, are
// search's hits in the same order with the same scores, to the bit, on every question of the
// eval sets, over the whole corpus and within one document.
func TestCandidatesAsSearch(t *testing.T) {
	l, _ := defaultLive(t)
	e := acquired(t, l)
	ctx, compared := context.Background(), 0
	eachEvalSearch(t, e, func(raw string, q question, doc string, _ query.Query) {
		got, err := e.candidates(ctx, q, doc, candidatePassages)
		if err != nil {
			t.Fatal(err)
		}
		want, err := e.search(ctx, q, doc, candidatePassages, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want.Hits) {
			t.Fatalf("%q in %q: %d candidates, %d hits", raw, doc, len(got), len(want.Hits))
		}
		for i := range got {
			if g, w := got[i], want.Hits[i]; g.ID != w.ID || g.Score != w.Score {
				t.Fatalf("%q in %q: candidate %d is %s %v, hit %s %v", raw, doc, i, g.ID, g.Score, w.ID, w.Score)
			}
		}
		compared += len(got)
	})
	if compared < 1000 {
		t.Fatalf("only %d candidates compared", compared)
	}
}

// TestCandidatesTiesInCorpusOrder: passages that tie at the cut are chosen in corpus order, the
// same on every run, though bleve orders ties by document numbers that follow the order a batch
// happened to index in. Twelve copies of one paragraph tie (within tieSlack of the cut); the five
// chosen are the first five.
func TestCandidatesTiesInCorpusOrder(t *testing.T) {
	var docs []testDoc
	for i := range 5 + tieSlack - 1 {
		docs = append(docs, testDoc{id: fmt.Sprintf("copy-%02d", i), body: "The envoys met the delegation in Ruritania to discuss the draft.\n"})
	}
	for run := range 3 {
		l, _ := smallLive(t, docs...)
		e := acquired(t, l)
		q := e.parseQuestion("where did the envoys meet the delegation")
		hits, err := e.topCandidates(context.Background(), q, "", 5)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range hits {
			ids = append(ids, h.ID)
		}
		if want := []string{"copy-00/p01", "copy-01/p01", "copy-02/p01", "copy-03/p01", "copy-04/p01"}; !slices.Equal(ids, want) {
			t.Errorf("run %d: candidates %v, want the first five in corpus order %v", run, ids, want)
		}
	}
}

// Search pages through tied passages in corpus order, the same on every index built from the
// corpus: replicas behind a load balancer serve one member's pages, and with bleve's order a tie
// could show a passage on two pages and another on none. A tie wider than tieSlack past a page's
// end is fetched whole. Past the deepest page Search shows nothing, and never fails.
func TestSearchPagesTiesInCorpusOrder(t *testing.T) {
	var docs []testDoc
	var want []string
	for i := range 30 {
		id := fmt.Sprintf("copy-%02d", i)
		docs = append(docs, testDoc{id: id, body: "The envoys met the delegation in Ruritania to discuss the draft.\n"})
		want = append(want, id+"/p01")
	}
	ctx := context.Background()
	for run := range 3 {
		l, _ := smallLive(t, docs...)
		var ids []string
		for page := 1; page <= 7; page++ {
			r, err := l.Search(ctx, "envoys delegation", SearchOptions{Page: page, PerPage: 5})
			if err != nil {
				t.Fatal(err)
			}
			if r.Total != 30 || r.Pages != 6 {
				t.Errorf("run %d page %d: total %d in %d pages, want 30 in 6", run, page, r.Total, r.Pages)
			}
			for _, h := range r.Hits {
				ids = append(ids, h.PassageID)
			}
		}
		if !slices.Equal(ids, want) {
			t.Errorf("run %d: pages %v, want corpus order %v", run, ids, want)
		}
	}
	l, _ := smallLive(t, docs...)
	for _, o := range []SearchOptions{{Page: maxSearchDepth/DefaultPerPage + 1}, {Page: math.MaxInt}, {Page: 2, PerPage: math.MaxInt}, {Page: -1, PerPage: -1}} {
		r, err := l.Search(ctx, "envoys", o)
		if err != nil || o.Page > 1 && len(r.Hits) != 0 || o.Page < 1 && len(r.Hits) != DefaultPerPage {
			t.Errorf("%+v: %d hits of %d pages, err %v", o, len(r.Hits), r.Pages, err)
		}
	}
}

// Paging through every page of the built-in corpus shows each matching passage once.
func TestSearchPagesShowEachPassageOnce(t *testing.T) {
	l, _ := defaultLive(t)
	for _, q := range []string{"peace plan", "plan", "peace", "Zelenskyy"} {
		for _, doc := range []string{"", "wikipedia-us-peace-plan"} {
			seen := map[string]int{}
			total := 0
			for page := 1; ; page++ {
				r, err := l.Search(context.Background(), q, SearchOptions{Doc: doc, Page: page})
				if err != nil {
					t.Fatal(err)
				}
				total = r.Total
				if len(r.Hits) == 0 {
					break
				}
				for _, h := range r.Hits {
					seen[h.PassageID] = page
				}
			}
			if len(seen) != total || total == 0 {
				t.Errorf("%q in %q: %d passages shown once or more of %d", q, doc, len(seen), total)
			}
		}
	}
}
