package index

import (
	"slices"
	"strings"

	"github.com/planbot/planbot/corpus"
)

// outletName is one name an outlet goes by — "Vera2", "North River Publications", "The Moscow
// Times" — as analysed terms, and the documents it published.
type outletName struct {
	terms []string
	docs  []string
}

// addOutlet records the names of d's outlet: the name, and the publisher or agency it gives in
// parentheses ("Vera2 (North River Publications)", "Global Banking and Finance Review (Reuters)").
func (e *engine) addOutlet(d *corpus.Document) {
	name, inner, _ := strings.Cut(d.Outlet, "(")
	for _, n := range []string{name, strings.TrimSuffix(strings.TrimSpace(inner), ")")} {
		terms := e.analyse(n).terms
		if len(terms) == 0 {
			continue
		}
		i := slices.IndexFunc(e.outlets, func(o outletName) bool { return slices.Equal(o.terms, terms) })
		if i < 0 {
			e.outlets = append(e.outlets, outletName{terms: terms})
			i = len(e.outlets) - 1
		}
		if !slices.Contains(e.outlets[i].docs, d.ID) {
			e.outlets[i].docs = append(e.outlets[i].docs, d.ID)
		}
	}
}

// markOutlets finds the outlets a question names, word for word and in order ("according to the
// moscow times", "the vera2 piece"), and marks each of their words as naming the outlet's
// documents: a question that names where something was published is answered by every sentence
// of what it published, as far as that word goes (rankSentences).
func (e *engine) markOutlets(q *question) {
	for _, o := range e.outlets {
		for i := 0; i+len(o.terms) <= len(q.groups); i++ {
			match := true
			for j, t := range o.terms {
				g := &q.groups[i+j]
				if !slices.Contains(g.alts, t) || j > 0 && g.pos != q.groups[i+j-1].pos+1 {
					match = false
					break
				}
			}
			if !match {
				continue
			}
			for j := range o.terms {
				g := &q.groups[i+j]
				if g.outletOf == nil {
					g.outletOf = map[string]bool{}
				}
				for _, d := range o.docs {
					g.outletOf[d] = true
				}
			}
			q.namesOutlet = true
		}
	}
}

// creditOutlet gives the words of q that name doc's outlet an exact match in one of its sentences'
// credits (matcher.credits).
func creditOutlet(q question, doc string, credit []float64) {
	for gi := range q.groups {
		if q.groups[gi].outletOf[doc] {
			credit[gi] = 1
		}
	}
}
