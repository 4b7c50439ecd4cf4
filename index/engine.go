package index

import (
	"fmt"
	"math"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/planbot/planbot/corpus"
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
	lex       lexicon
	gen       string // on-disk generation folder name, "" in memory

	timelineOnce sync.Once
	timeline     []Event
}

// sentenceTerms is one sentence's analysed tokens with byte offsets into the sentence text.
type sentenceTerms struct {
	terms []string
	spans []Span
}

func newEngine(idx bleve.Index, docs []corpus.Document) (*engine, error) {
	an, err := analyzerOf(idx)
	if err != nil {
		return nil, err
	}
	e := &engine{idx: idx, analyzer: an, docs: docs, docByID: map[string]*corpus.Document{},
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
	e.lex = newLexicon(e.analyse)
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

// analyse runs the index analyzer over text, returning terms and their byte spans.
func (e *engine) analyse(text string) sentenceTerms {
	toks := e.analyzer.Analyze([]byte(text))
	st := sentenceTerms{terms: make([]string, len(toks)), spans: make([]Span, len(toks))}
	for i, t := range toks {
		st.terms[i] = string(t.Term)
		st.spans[i] = Span{t.Start, t.End}
	}
	return st
}

// passageTerms is a passage's analysed sentences and heading.
type passageTerms struct {
	sentences []sentenceTerms
	heading   []string
}

// termsOf returns the analysed sentences and heading of a passage, computing them on first use:
// the first answers touch few passages, so analysing lazily keeps cold start short.
func (e *engine) termsOf(p *corpus.Passage) *passageTerms {
	if v, ok := e.analysed.Load(p.ID); ok {
		return v.(*passageTerms)
	}
	pt := &passageTerms{sentences: make([]sentenceTerms, len(p.Sentences)), heading: e.analyse(p.Heading).terms}
	for i, s := range p.Sentences {
		pt.sentences[i] = e.analyse(s.Text)
	}
	e.analysed.Store(p.ID, pt)
	return pt
}

func (e *engine) close() error { return e.idx.Close() }
