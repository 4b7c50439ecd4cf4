package index

import (
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index/internal/glove"
)

// engine is one immutable generation of the index: the bleve index and the corpus it was built from.
// Live swaps whole engines, so an answer never mixes two generations.
type engine struct {
	idx       bleve.Index
	analyzer  analysis.Analyzer
	docs      []corpus.Document
	docByID   map[string]*corpus.Document
	passages  map[string]*corpus.Passage
	order     map[string]int // passage id → position in corpus order
	df        map[string]int // analysed term → passages that contain it (text, heading or title)
	words     []surfaceWord  // the corpus's words as written, for the typo fallback
	total     int            // passages
	maxIDF    float64
	analysed  sync.Map // passage id → *passageTerms, filled lazily
	suggested []suggestion
	vectors   *glove.Table
	recency   map[string]float64 // document id → 0 (oldest dated) … 1 (newest); 0 when undated

	copiesOnce sync.Once
	copies     map[string][]*corpus.Passage // sentence key → passages holding it

	vocabOnce  sync.Once
	vocabulary *vocabulary
	gen        string // on-disk generation folder name, "" in memory

	timelineOnce sync.Once
	timeline     []Event
}

func newEngine(idx bleve.Index, docs []corpus.Document) (*engine, error) {
	an, err := analyzerOf(idx)
	if err != nil {
		return nil, err
	}
	e := &engine{idx: idx, analyzer: an, vectors: glove.Load(), recency: recency(docs), docs: docs, docByID: map[string]*corpus.Document{},
		passages: map[string]*corpus.Passage{}, order: map[string]int{}, df: map[string]int{}}
	for i := range docs {
		d := &docs[i]
		e.docByID[d.ID] = d
		for j := range d.Passages {
			p := &d.Passages[j]
			e.passages[p.ID] = p
			e.order[p.ID] = len(e.order)
		}
	}
	e.total = len(e.passages)
	for _, field := range []string{fieldText, fieldHeading, fieldTitle} {
		dict, err := idx.FieldDict(field)
		if err != nil {
			return nil, fmt.Errorf("read terms of %s: %w", field, err)
		}
		for {
			entry, err := dict.Next()
			if err != nil {
				dict.Close()
				return nil, fmt.Errorf("read terms of %s: %w", field, err)
			}
			if entry == nil {
				break
			}
			if int(entry.Count) > e.df[entry.Term] {
				e.df[entry.Term] = int(entry.Count)
			}
		}
		dict.Close()
	}
	e.words = surfaceWords(docs)
	e.maxIDF = e.idf(0)
	e.suggested = buildSuggestions(docs)
	for i := range e.suggested {
		e.suggested[i].terms = map[string]bool{}
		for _, w := range e.suggested[i].words {
			for _, t := range e.analyse(w).terms {
				e.suggested[i].terms[t] = true
			}
		}
	}
	return e, nil
}

// idf is BM25's inverse document frequency of a term seen in df passages.
func (e *engine) idf(df int) float64 {
	n := float64(e.total)
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

func (e *engine) passageCount() int { return e.total }

func (e *engine) close() error { return e.idx.Close() }

// recency scores each dated document by how much later it is than the oldest dated one, on a
// scale of weeks: 1 - exp(-days/freshnessDays). Documents a few days apart score almost alike,
// a revision a month later clearly higher; undated documents score 0. Published is used when
// known, else the day the page was retrieved (corpus.Document.Date).
func recency(docs []corpus.Document) map[string]float64 {
	out := map[string]float64{}
	var oldest time.Time
	days := map[string]time.Time{}
	for i := range docs {
		day, _ := docs[i].Date()
		t, err := time.Parse(time.DateOnly, day)
		if err != nil {
			continue
		}
		days[docs[i].ID] = t
		if oldest.IsZero() || t.Before(oldest) {
			oldest = t
		}
	}
	for id, t := range days {
		out[id] = 1 - math.Exp(-t.Sub(oldest).Hours()/24/freshnessDays)
	}
	return out
}

// freshnessDays is the time scale of recency: a document this much newer scores 0.63.
const freshnessDays = 30
