package index

import (
	"time"

	"github.com/planbot/planbot/corpus"
)

// Limits and defaults of the answer API.
const (
	DefaultExcerpts = 3  // excerpts an answer carries when Options.N is 0
	MaxExcerpts     = 10 // the most Options.N may ask for
	MaxQuestion     = 2000
	DefaultPerPage  = 5 // passages a search page carries when SearchOptions.PerPage is 0
	// MaxExcerptSentences is the most sentences of its passage one Excerpt spans: the sentence,
	// the one after it, and the one before it with the one that one refers back to (an answer
	// window whose sentence before opens with "He")
	MaxExcerptSentences = 4
)

// Reasons an Answer is not answered.
const (
	ReasonEmpty      = "empty"       // no words to search for
	ReasonTooLong    = "too-long"    // longer than MaxQuestion runes
	ReasonNoTerms    = "no-terms"    // only stop words, symbols or an unsupported script
	ReasonNotCovered = "not-covered" // the sources do not answer it
)

// Options tune one call of Answer.
type Options struct {
	N       int    // how many excerpts, DefaultExcerpts when 0, at most MaxExcerpts
	Offset  int    // skip the first Offset excerpts (the "More" button)
	Doc     string // only excerpts from this document id, "" for all
	Context string // an earlier question: a short follow-up is read with it as context
}

// Span marks matched words in an excerpt: Text[Start:End], byte offsets.
type Span struct{ Start, End int }

// Excerpt is one or two whole sentences, verbatim from the document it cites.
type Excerpt struct {
	Citation        // the document and passage it is taken from
	Text     string // verbatim substring of the document's Body, no markup
	Spans    []Span // matched words, sorted, not overlapping
	Heading  string
	// Provision is set when the excerpt is a plan provision.
	Provision *corpus.Provision
	Score     float64
	// Also lists the other documents that hold the same text (syndicated copies of one story),
	// so one excerpt shows it once and cites them all.
	Also []Citation
}

// Citation is a document as it is cited, and the passage cited: for an excerpt, a search hit, or
// another document an excerpt's text also appears in.
type Citation struct {
	DocID     string
	Title     string
	Outlet    string
	Published string // YYYY-MM-DD or ""
	Retrieved string // YYYY-MM-DD the page was fetched, set only when Published is ""
	URL       string // "" when unknown
	PassageID string
}

// Answer is the engine's reply to one question.
type Answer struct {
	Question    string
	Answered    bool   // excerpts are shown: confidently, or as the closest the sources have
	Confident   bool   // the first excerpt answers the question; Answered && !Confident is tentative
	Reason      string // one of the Reason constants when !Answered
	Excerpts    []Excerpt
	More        bool     // further excerpts exist past Offset+N
	Suggestions []string // up to three questions the corpus can answer, when !Answered
	Confidence  float64  // 0..1: share of the question's salient weight the first excerpt covers
	Took        time.Duration
}

// SearchOptions tune one call of Search.
type SearchOptions struct {
	Doc     string // only passages of this document id
	Page    int    // 1-based
	PerPage int    // DefaultPerPage when 0
}

// Hit is one passage found by Search, with its matched words marked.
type Hit struct {
	Citation
	Heading string
	Text    string // the passage text, verbatim
	Spans   []Span // offsets into Text
	Score   float64
}

// SearchResult is one page of ranked passages.
type SearchResult struct {
	Query string
	Total int // passages that matched
	Page  int
	Pages int
	Hits  []Hit
}

// DocumentInfo describes one document of the corpus being served.
type DocumentInfo struct {
	ID        string
	Title     string
	Outlet    string
	Author    string
	Published string
	URL       string
	Kind      corpus.Kind
	Language  string
	File      string
	Passages  int
	Opening   string // the first cleaned sentences, verbatim, about 300 characters
}

// Event is one dated event the sources report, found by rule from their text.
type Event struct {
	Date    time.Time // day precision, UTC
	Excerpt Excerpt   // the sentence that reports it
}

// Diff says what a Reload changed.
type Diff struct {
	DocsAdded, DocsRemoved, DocsChanged []string // document ids
	PassagesAdded, PassagesRemoved      int
	PassagesChanged                     int
	Docs, Passages                      int // totals after the reload
	Took                                time.Duration
}
