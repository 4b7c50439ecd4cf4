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

// outletNames are the names of a generation's outlets, by their terms joined and, those that name
// their outlet (engine.distinctive), by first term.
type outletNames struct {
	byKey   map[string]*outletName
	byFirst map[string][]*outletName
}

// addOutlet records the names of d's outlet: the name, and the publisher or agency it gives in
// parentheses ("Vera2 (North River Publications)", "Global Banking and Finance Review (Reuters)").
func (e *engine) addOutlet(d *corpus.Document) {
	if e.outlets.byKey == nil {
		e.outlets.byKey = map[string]*outletName{}
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
			}
			o.docs[d.ID] = true
		}
	}
}

// indexOutlets finishes the outlet names once the generation's vocabulary is built: the words of a
// name that no text holds get the passages of its documents as their frequency (outletDF), and
// the names that name their outlet are looked up by first term (markOutlets).
func (e *engine) indexOutlets() {
	e.outletDF, e.outlets.byFirst = map[string]int{}, map[string][]*outletName{}
	for _, o := range e.outlets.byKey {
		for _, t := range o.terms {
			if e.df[t] == 0 {
				for id := range o.docs {
					e.outletDF[t] += len(e.docByID[id].Passages)
				}
			}
		}
		if e.distinctive(o) {
			e.outlets.byFirst[o.terms[0]] = append(e.outlets.byFirst[o.terms[0]], o)
		}
	}
}

// outletTerms are the term sequences a question may write a name with, as parseQuestion analyses
// it: a hyphenated compound joined ("RBC-Ukraine": rbcukrain) or split (rbc ukrain), and a word
// the name repeats only once, as a question's words are ("Radio Free Europe/Radio Liberty").
func outletTerms(st sentenceTerms) [][]string {
	parts, inCompound := compounds(st)
	var joined, split []string
	for i, t := range st.terms {
		if !inCompound[i] && !slices.Contains(joined, t) {
			joined = append(joined, t)
		}
		if len(parts[i]) == 0 && !slices.Contains(split, t) {
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
// nor English knows (Vera2); a name of common words ("The Independent", "Time", "Foreign Policy")
// a question writes for their own sense far more often.
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
			if i+len(o.terms) > len(q.groups) {
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
		}
	}
}

// namesOutlet: a word of q names an outlet (markOutlets). A follow-up keeps the words of the
// question before, and with them the outlet they name.
func (q *question) namesOutlet() bool {
	return slices.ContainsFunc(q.groups, func(g group) bool { return len(g.outlets) > 0 })
}

// namedBy appends to named the index of each word of q that names doc's outlet, and returns it.
func namedBy(q *question, doc string, named []int) []int {
	for gi := range q.groups {
		if slices.ContainsFunc(q.groups[gi].outlets, func(o *outletName) bool { return o.docs[doc] }) {
			named = append(named, gi)
		}
	}
	return named
}

// neutralOutlets is confidence's weights (matcher.byConfidence) for the sentences of the documents
// a question names the outlet of: the words that name an outlet do not count, so that "according
// to wikipedia who won the world cup" is as unanswered as the rest of the question. In the other
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
