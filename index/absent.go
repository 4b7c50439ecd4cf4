package index

import (
	"context"
	"fmt"
	"math"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/scorer"
	index "github.com/blevesearch/bleve_index_api"
)

// absentTermQuery is a term query on a field that holds no such term (engine.inField says so:
// the index of a generation never changes). It matches nothing, but it is no MatchNoneQuery: in a
// disjunction a term query's clause counts towards the coordination factor and its weight towards
// the query norm even when it matches nothing, so both would change every score. Its searcher
// gives the weight bleve's term searcher gives an absent term, from bleve's own scorer and the
// same statistics, without opening the field's dictionary in every segment and the postings and
// iterators that go with it: a question's terms are mostly absent from headings and titles (240
// of 445 clauses on the dev questions), and skipping those readers took an answer from 484 to 423
// allocations (allocs/op). TestAbsentTermScores checks that results and scores are
// the same to the bit.
type absentTermQuery struct {
	term, field string
	boost       float64
}

// Searcher follows bleve's NewTermSearcher (search/searcher/search_term.go, v2.6.1) for a term
// whose reader counts no passages.
func (q *absentTermQuery) Searcher(ctx context.Context, r index.IndexReader, _ mapping.IndexMapping,
	options search.SearcherOptions) (search.Searcher, error) {
	var model string
	if cb, ok := ctx.Value(search.GetScoringModelCallbackKey).(search.GetScoringModelCallbackFn); ok {
		model = cb()
	}
	var avgLen float64
	count, err := r.DocCount()
	if err != nil {
		return nil, err
	}
	if model == index.BM25Scoring {
		cardinality := 0
		if stats, ok := ctx.Value(search.BM25StatsKey).(*search.BM25Stats); ok {
			var known bool
			count = uint64(stats.DocCount)
			if cardinality, known = stats.FieldCardinality[q.field]; !known {
				return nil, fmt.Errorf("field stat for bm25 not present %s", q.field)
			}
		} else if br, ok := r.(index.BM25Reader); ok {
			if cardinality, err = br.FieldCardinality(q.field); err != nil {
				return nil, err
			}
		}
		if count == 0 && cardinality == 0 {
			avgLen = 0
		} else {
			avgLen = math.Ceil(float64(cardinality) / float64(count))
		}
	}
	return &absentSearcher{scorer.NewTermQueryScorer([]byte(q.term), q.field, q.boost, count, 0, avgLen, options)}, nil
}

// absentSearcher is the searcher of an absentTermQuery: no matches, a term searcher's weight.
type absentSearcher struct{ scorer *scorer.TermQueryScorer }

func (s *absentSearcher) Next(*search.SearchContext) (*search.DocumentMatch, error) { return nil, nil }
func (s *absentSearcher) Advance(*search.SearchContext, index.IndexInternalID) (*search.DocumentMatch, error) {
	return nil, nil
}
func (s *absentSearcher) Close() error               { return nil }
func (s *absentSearcher) Weight() float64            { return s.scorer.Weight() }
func (s *absentSearcher) SetQueryNorm(n float64)     { s.scorer.SetQueryNorm(n) }
func (s *absentSearcher) Count() uint64              { return 0 }
func (s *absentSearcher) Min() int                   { return 0 }
func (s *absentSearcher) Size() int                  { return s.scorer.Size() }
func (s *absentSearcher) DocumentMatchPoolSize() int { return 0 } // it never holds a match
