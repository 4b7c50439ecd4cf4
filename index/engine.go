package index

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
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
	idx      bleve.Index
	analyzer analysis.Analyzer
	docs     []corpus.Document
	docByID  map[string]*corpus.Document
	passages map[string]*corpus.Passage
	order    map[string]int // passage id → position in corpus order
	df       map[string]int // analysed term → passages that contain it (text, heading or title)
	// headed: the fields (fieldBit) of every term the heading or title field holds; any other term
	// with a df is in the text field only
	headed    map[string]uint8
	words     []surfaceWord // the corpus's words as written, for the typo fallback
	total     int           // passages
	maxIDF    float64
	analysed  sync.Map // passage id → *passageTerms, filled lazily
	termIDs   *termIDs
	suggested []suggestion
	vectors   *glove.Table
	days      map[string]float64         // document id → its day, for recency; absent when undated
	months    map[string]time.Month      // document id → the month it was published in; absent when not known
	leads     map[string]int             // document id → byte offset in its Body of its first sentence, its lead (weightLead); absent under leadMinSentences
	settings  map[string]map[string]bool // document id → the terms of the names its title and lead hold (settingCredit)
	outlets   outletNames                // the outlets the documents name, for questions that name one (markOutlets)
	outletDF  map[string]int             // a term of an outlet's name that no text holds → its documents' passages

	copiesOnce sync.Once
	copies     map[sentenceRef][]*corpus.Passage // a sentence another document holds too → every passage holding it

	numbersOnce sync.Once
	numbers     []numberTerm // the index's numeric terms by value, built on first need (numbersWithin)

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
	e := &engine{idx: idx, analyzer: an, vectors: glove.Load(), docs: docs, docByID: map[string]*corpus.Document{},
		passages: map[string]*corpus.Passage{}, order: map[string]int{}, df: map[string]int{},
		headed: map[string]uint8{}}
	e.days, e.months = docDates(docs)
	e.leads, e.settings = map[string]int{}, map[string]map[string]bool{}
	for i := range docs {
		d := &docs[i]
		e.docByID[d.ID] = d
		lead, leadText, sentences := 0, "", 0
		for j := range d.Passages {
			p := &d.Passages[j]
			e.passages[p.ID] = p
			e.order[p.ID] = len(e.order)
			for _, s := range p.Sentences {
				if sentences == 0 || s.Start < lead {
					lead, leadText = s.Start, s.Text
				}
				sentences++
			}
		}
		setting := d.Title
		if sentences >= leadMinSentences {
			e.leads[d.ID] = lead
			setting += ". " + leadText
		}
		e.settings[d.ID] = e.names(setting)
		e.addOutlet(d)
	}
	e.total = len(e.passages)
	for _, field := range []string{fieldHeading, fieldTitle, fieldText} { // text last: see headed
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
			// (an entry without a passage, had the index deletions, is still in its field)
			if m, ok := e.headed[entry.Term]; ok || field != fieldText || entry.Count == 0 {
				e.headed[entry.Term] = m | fieldBit(field)
			}
		}
		dict.Close()
	}
	e.termIDs = newTermIDs(e.df)
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
	// tables every answer needs, built with the generation rather than by its first question (on
	// 100k passages that question waited 9 s): Reload builds them while the old index still serves
	e.vocab()
	e.indexOutlets()
	e.sentenceIndex()
	return e, nil
}

// fieldBit is a searched field's bit in engine.headed.
func fieldBit(field string) uint8 {
	switch field {
	case fieldText:
		return 1
	case fieldHeading:
		return 2
	}
	return 4
}

// inField: the index holds term in field (text, heading or title).
func (e *engine) inField(term, field string) bool {
	if m, ok := e.headed[term]; ok {
		return m&fieldBit(field) != 0
	}
	return field == fieldText && e.df[term] > 0
}

// idf is BM25's inverse document frequency of a term seen in df passages.
func (e *engine) idf(df int) float64 {
	n := float64(e.total)
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

func (e *engine) passageCount() int { return e.total }

func (e *engine) close() error { return e.idx.Close() }

// numberTerm is a numeric index term and its value.
type numberTerm struct {
	value float64
	term  string
}

// numbersWithin lists the index's numeric terms whose value is in [lo, hi], by value. The sorted
// list is built on the first call of a generation: only a question that asks whether a figure
// still holds needs it.
func (e *engine) numbersWithin(lo, hi float64) []numberTerm {
	e.numbersOnce.Do(func() {
		for t := range e.df {
			if v, ok := numericValue(t); ok {
				e.numbers = append(e.numbers, numberTerm{v, t})
			}
		}
		slices.SortFunc(e.numbers, func(a, b numberTerm) int {
			return cmp.Or(cmp.Compare(a.value, b.value), strings.Compare(a.term, b.term))
		})
	})
	from, _ := slices.BinarySearchFunc(e.numbers, lo, func(n numberTerm, v float64) int { return cmp.Compare(n.value, v) })
	to := from
	for to < len(e.numbers) && e.numbers[to].value <= hi {
		to++
	}
	return e.numbers[from:to]
}

// names are the terms of the words text writes capitalised: in a document's title and lead, the
// people, places and organisations that set the scene of all its sentences (settingCredit), with
// a headline's capitalised common words, which the corpus-rarity test there leaves out.
func (e *engine) names(text string) map[string]bool {
	st := e.analyse(text)
	out := make(map[string]bool, len(st.terms))
	for i, t := range st.terms {
		if startsUpper(text[st.spans[i].Start:st.spans[i].End]) {
			out[t] = true
		}
	}
	return out
}

// docDates gives each dated document its day (days since the Unix epoch), for recency: Published
// when known, else the day the page was retrieved (corpus.Document.Date); undated documents are
// absent. And each document with a known publication date its month: a retrieval date says
// nothing of what the document is about, so it gives none.
func docDates(docs []corpus.Document) (days map[string]float64, months map[string]time.Month) {
	days, months = map[string]float64{}, map[string]time.Month{}
	for i := range docs {
		day, retrieved := docs[i].Date()
		if t, err := time.Parse(time.DateOnly, day); err == nil {
			days[docs[i].ID] = float64(t.Unix()) / 86400
			if !retrieved {
				months[docs[i].ID] = t.Month()
			}
		}
	}
	return days, months
}

// freshnessDays is the time scale of recency: among an answer's candidates, a document this many
// days newer than the oldest dated one gets the whole freshness weight, one a few days newer
// almost none.
const freshnessDays = 30
