package index

import (
	"slices"
	"strings"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index/internal/glove"
)

// outletName is one name an outlet goes by — "Vera2", "North River Publications", "The Moscow
// Times" — as the analysed terms a question writes it with, and the documents it published.
type outletName struct {
	terms []string
	docs  map[string]bool
	// words: the name's words as written, their terms and vectors: it names the outlet only when
	// one of them is no common word (engine.distinctive)
	words sentenceTerms
	text  string
}

// outletNames are the names of a generation's outlets, by their terms joined and by first term.
type outletNames struct {
	byKey   map[string]*outletName
	byFirst map[string][]*outletName
}

// addOutlet records the names of d's outlet: the name, and the publisher or agency it gives in
// parentheses ("Vera2 (North River Publications)", "Global Banking and Finance Review (Reuters)").
func (e *engine) addOutlet(d *corpus.Document) {
	if e.outlets.byKey == nil {
		e.outlets = outletNames{byKey: map[string]*outletName{}, byFirst: map[string][]*outletName{}}
	}
	name, inner, _ := strings.Cut(d.Outlet, "(")
	for _, n := range [...]string{name, strings.TrimSuffix(strings.TrimSpace(inner), ")")} {
		st := e.analyse(n)
		for _, terms := range outletTerms(st) {
			key := strings.Join(terms, " ")
			o := e.outlets.byKey[key]
			if o == nil {
				o = &outletName{terms: terms, docs: map[string]bool{}, words: st, text: n}
				e.outlets.byKey[key] = o
				e.outlets.byFirst[terms[0]] = append(e.outlets.byFirst[terms[0]], o)
			}
			o.docs[d.ID] = true
		}
	}
}

// outletTerms are the term sequences a question may write a name with, as parseQuestion analyses
// it: a hyphenated compound joined ("RBC-Ukraine": rbcukrain) or split (rbc ukrain), and a word
// the name repeats only once, as a question's words are ("Radio Free Europe/Radio Liberty").
func outletTerms(st sentenceTerms) [][]string {
	var joined, split []string
	for i, sp := range st.spans {
		compound, part := false, false
		for j, o := range st.spans {
			if j != i && sp.Start <= o.Start && o.End <= sp.End && sp.End-sp.Start > o.End-o.Start {
				compound = true
			}
			if j != i && o.Start <= sp.Start && sp.End <= o.End && o.End-o.Start > sp.End-sp.Start {
				part = true
			}
		}
		if t := st.terms[i]; !part && !slices.Contains(joined, t) {
			joined = append(joined, t)
		}
		if t := st.terms[i]; !compound && !slices.Contains(split, t) {
			split = append(split, t)
		}
	}
	var out [][]string
	if len(joined) > 0 {
		out = append(out, joined)
	}
	if len(split) > 0 && !slices.Equal(split, joined) {
		out = append(out, split)
	}
	return out
}

// distinctive: an outlet's name names it only when one of its words is a name — one the corpus
// writes capitalised (Reuters, Moscow), an acronym (BBC, TASS), or one neither the corpus's text
// nor English knows (Vera2); a name of common words ("The Independent", "Time", "Foreign Policy") a question writes
// for their own sense far more often.
func (e *engine) distinctive(o *outletName) bool {
	for i, t := range o.words.terms {
		if o.words.vecs[i] == glove.None || e.df[t] == 0 {
			return true
		}
		w := o.text[o.words.spans[i].Start:o.words.spans[i].End]
		if isAcronym(w) {
			return true // BBC, AP, TASS
		}
		for _, f := range e.vocab().names[skeleton(w)] {
			if f.term == t {
				return true
			}
		}
	}
	return false
}

// markOutlets finds the outlets a question names, word for word and in order ("according to the
// moscow times", "the vera2 piece"), and marks each of their words as naming the outlet's
// documents: a question that names where something was published is answered by every sentence
// of what it published, as far as that word goes (rankSentences), and the word neither helps nor
// hurts their confidence (neutralOutlets).
func (e *engine) markOutlets(q *question) {
	for i := range q.groups {
		for _, o := range e.outlets.byFirst[q.groups[i].alts[0]] {
			if i+len(o.terms) > len(q.groups) || !e.distinctive(o) {
				continue
			}
			match := true
			for j, t := range o.terms[1:] {
				g, prev := &q.groups[i+j+1], &q.groups[i+j]
				// in order, with at most one stop word between ("Radio Free Europe/Radio Liberty")
				if !slices.Contains(g.alts, t) || g.pos <= prev.pos || g.pos > prev.pos+2 {
					match = false
					break
				}
			}
			if !match {
				continue
			}
			for j := range o.terms {
				q.groups[i+j].outlets = append(q.groups[i+j].outlets, o)
			}
			q.namesOutlet = true
		}
	}
}

// namedBy: some word of q names doc's outlet.
func namedBy(q *question, doc string) bool {
	for gi := range q.groups {
		if q.groups[gi].names(doc) {
			return true
		}
	}
	return false
}

// names: the word names doc's outlet.
func (g *group) names(doc string) bool {
	for _, o := range g.outlets {
		if o.docs[doc] {
			return true
		}
	}
	return false
}

// creditOutlet gives the words of q that name doc's outlet an exact match in one of its sentences'
// credits (matcher.credits).
func creditOutlet(q *question, doc string, credit []float64) {
	for gi := range q.groups {
		if q.groups[gi].names(doc) {
			credit[gi] = 1
		}
	}
}

// neutralOutlets is confidence's weights (matcher.byConfidence) for the sentences of the documents
// a question names the outlet of: the words that name it do not count, so that "according to
// wikipedia who won the world cup" is as unanswered as the rest of the question. In the other
// documents they count, and miss, as any other word. w is its memory, one value per group.
func neutralOutlets(sw shareWeights, q *question, w []float64) shareWeights {
	out := sw
	out.w = w[:len(q.groups)]
	copy(out.w, sw.w)
	for gi := range q.groups {
		if len(q.groups[gi].outlets) > 0 {
			out.total -= out.w[gi]
			out.w[gi] = 0
		}
	}
	return out
}
