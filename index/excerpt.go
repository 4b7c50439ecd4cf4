package index

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/planbot/planbot/corpus"
)

// diversify orders the ranked sentences for display: each next excerpt must add something, so a
// sentence that repeats an earlier pick's words waits its turn, a sentence another document holds
// word for word (a syndicated copy) is not shown again (the pick it copies cites that document
// too, see Excerpt.Also), and one that matches question words the picks before it lack moves up
// (coverage). A sentence of a picked passage is not held back for that: see diversify's loop. m
// is the matcher that ranked them.
func (e *engine) diversify(m *matcher, ranked []scored, want int) []scored {
	// excerpts come from the top of the ranking: comparing every candidate with every pick costs
	// more than the rest of an answer
	ranked = ranked[:min(len(ranked), diversifyPool)]
	cover := newCoverage(m, ranked)
	var picked []scored
	used := make([]bool, len(ranked))      // picked, or passed over for good (ranked holds each sentence once)
	copies := make([]float64, len(ranked)) // how many picks each sentence nearly repeats
	var inX []uint64                       // the sentence near copies are counted against: its distinct terms, as a set of ids
	var shown shownSet                     // every sentence the picks' excerpts show
	// counted[k*len(ranked)+i]: sentence i was counted as a near copy of pick k, which it is
	// once however many of the pick's sentences it repeats
	counted := make([]bool, len(ranked)*max(0, min(want, len(ranked)))) // never more picks than sentences, whatever the offset asked for
	// countCopies counts the near copies of x, a sentence pick k's excerpt shows: a syndicated
	// rewrite of the answer, or of a sentence its window brought along, is no new excerpt. A
	// copy of the pick itself shares most of the shorter one's terms (the overlap coefficient);
	// of a sentence the pick brings along, most of both, by the cosine of the two term sets
	// (Ochiai's coefficient): a short scene setter's few words are in many sentences that say
	// more, while a rewrite that adds an attribution to a longer sentence is still a copy
	countCopies := func(k int, x scored, brought bool) {
		inX = idSet(inX, x.f.distinct)
		c := counted[k*len(ranked) : (k+1)*len(ranked)]
		for i := range ranked {
			if used[i] || c[i] || !sameNumbers(&ranked[i], &x) {
				continue
			}
			o := overlap(&ranked[i], &x, inX)
			if a, b := len(ranked[i].f.distinct), len(x.f.distinct); brought && a != b {
				o *= math.Sqrt(float64(min(a, b)) / float64(max(a, b)))
			}
			if o > 0.6 {
				copies[i]++
				c[i] = true
			}
		}
	}
	for len(picked) < want {
		best, bestScore := -1, 0.0
		for i, s := range ranked {
			if used[i] {
				continue
			}
			// its excerpt would show again a sentence an excerpt shows, or another document's
			// word-for-word copy of one (a short sentence takes the next along, a reference the
			// one before): passed over. A reference that joins a pick shows only itself
			if len(shown.groups) > 0 || slices.ContainsFunc(shown.at, func(x sentenceAt) bool { return x.p == s.p }) {
				first, last := s.si, s.si
				if !e.joinsPick(picked, &s) {
					first, last = e.excerptRange(s)
				}
				if e.repeats(&shown, s.p, first, last) {
					used[i] = true
					continue
				}
			}
			// no longer 0.2 less for each pick from its passage, as since the first engine: a
			// passage of a short news article holds several answers, and the sentences beside a
			// pick join its excerpt. Measured on the tuning sets with answer windows: hit@3 +4 of
			// 2,030 conversational and +20 of 820 new-article questions (+6 and +6 at 0.1, -18
			// and -24 at 0.4); answer@1 cannot change
			sc := s.score - copies[i] + weightNovel*cover.novelty(i)
			if best < 0 || sc > bestScore {
				best, bestScore = i, sc
			}
			if len(picked) == 0 {
				break // the first pick is the top of the ranking
			}
		}
		if best < 0 {
			break
		}
		s := &ranked[best]
		used[best] = true
		if len(picked) > 0 && bestScore < -0.5 {
			break // only near copies are left
		}
		// a sentence that refers back to a pick would show that pick again as the start of its
		// own excerpt: it joins the pick's excerpt instead ("Another scenario is… In that case, …")
		if k := slices.IndexFunc(picked, func(x scored) bool { return e.joins(&x, s) }); k >= 0 {
			picked[k].withNext = true
			cover.add(best)
			e.show(&shown, s.p, s.si, s.si)
			countCopies(k, *s, true)
			continue
		}
		// a sentence beside this one that ranks close behind is part of the same answer, shown
		// in one excerpt: "The proposal would require… It would also oblige Kyiv to…", "Costa
		// spoke after the summit in Luanda. There is a new momentum in the peace negotiations."
		if neighbourClose(ranked, used, copies, s, s.si+1) && e.reachesClose(*s, s.si+1) && !e.repeats(&shown, s.p, s.si+1, s.si+1) {
			s.withNext, s.nextClose = true, true
		}
		if neighbourClose(ranked, used, copies, s, s.si-1) {
			if first, ok := e.reachesBack(*s); ok && !e.repeats(&shown, s.p, first, s.si-1) {
				s.withPrev = true
			}
		}
		// the sentences the excerpt shows, s and those it brings along (the one before that s
		// refers back to, the one after that it takes along), are shown once: never as an
		// excerpt of their own, and what they match is covered. A window adds none that is
		// shown: each side is tested above, and the other rules keep to maxExcerptLen from the
		// window's first sentence, so they add none the window does not
		first, last := e.excerptRange(*s)
		e.show(&shown, s.p, first, last)
		for j := range ranked {
			if n := &ranked[j]; n.p == s.p && n.si >= first && n.si <= last {
				used[j] = true
				cover.add(j)
			}
		}
		picked = append(picked, *s)
		if len(picked) == want {
			break
		}
		feats := e.termsOf(s.p).sentences
		for si := first; si <= last; si++ {
			countCopies(len(picked)-1, scored{p: s.p, si: si, f: &feats[si]}, si != s.si)
		}
	}
	return picked
}

// weightNovel weighs coverage.novelty in choosing the excerpts after the first: when the first
// is wrong, it is most often for matching the story's common words rather than the question's
// own, and the answer is likelier among the sentences that match what it lacks. Measured on the
// tuning sets (1,598 conversational and 603 new-article questions): hit@3 +16 and +5 at 2, about
// half that at 0.5 and 1, less from 5 on; on seven blind sets written after it, +3 of 288 and +2
// of 93, none losing. Answer@1 is unchanged by construction.
const weightNovel = 2

// coveragePool is how many of the best-ranked sentences novelty is computed for; below it, the
// ranking alone orders them. 20 did as well as all of diversifyPool (40) on the tuning sets, 10
// lost 2 of 2,201.
const coveragePool = 20

// coverage tracks how much of the question the excerpts picked so far match, word by word, for
// explicit query-aspect diversification with the question's words as the aspects (xQuAD: Santos,
// Macdonald and Ounis, "Exploiting query reformulations for web search result diversification",
// WWW 2010).
type coverage struct {
	w       *shareWeights // the question words' weights in ranking (matcher.byAlign)
	pool    []scored      // the ranked sentences, of which novelty counts the first coveragePool
	units   []float64     // matcher.units: each sentence's credits at scored.unit, a soft match negative by its cosine
	covered []float64     // per question word: the best credit of a pick, 0..1
}

// newCoverage is the coverage of the ranked sentences in pool, as rankSentences credited their
// answer units; m nil (no question words) gives a coverage whose novelty is always 0.
func newCoverage(m *matcher, pool []scored) coverage {
	if m == nil || m.units == nil || len(pool) < 2 {
		return coverage{}
	}
	return coverage{w: &m.byAlign, pool: pool, units: *m.units,
		covered: make([]float64, len(m.q.groups))}
}

// credit is pool sentence i's credit for question word g, 0..1.
func (c *coverage) credit(i, g int) float64 { return math.Abs(c.units[c.pool[i].unit+g]) }

// novelty is the weighted share of the question that pool sentence i matches beyond the picks so
// far, 0..1, 0 from coveragePool on (diversify takes the first pick from the top of the ranking,
// whatever its novelty).
func (c *coverage) novelty(i int) float64 {
	if i >= min(len(c.pool), coveragePool) || c.w.total == 0 {
		return 0
	}
	n := 0.0
	for g, have := range c.covered {
		if x := c.credit(i, g); x > have {
			n += c.w.w[g] * (x - have)
		}
	}
	return n / c.w.total
}

// add counts pool sentence i as shown.
func (c *coverage) add(i int) {
	if i < len(c.pool) {
		for g, have := range c.covered {
			c.covered[g] = max(have, c.credit(i, g))
		}
	}
}

// sentenceAt is sentence si of passage p.
type sentenceAt struct {
	p  *corpus.Passage
	si int
}

// joins: s refers back to the sentence of pick x, which does not take its next sentence along
// yet and can (reaches): s is shown as the rest of x's excerpt rather than as its own.
func (e *engine) joins(x, s *scored) bool {
	return x.p == s.p && x.si+1 == s.si && !x.withNext && s.f.tags&tagWithPrevious != 0 && e.reaches(*x, s.si)
}

// reachesClose: x's excerpt, taking its next sentence along as an answer window (nextClose),
// shows sentence si, within windowExcerptLen.
func (e *engine) reachesClose(x scored, si int) bool {
	x.nextClose = true
	return e.reaches(x, si)
}

// joinsPick: s joins one of the picks (joins).
func (e *engine) joinsPick(picked []scored, s *scored) bool {
	return slices.ContainsFunc(picked, func(x scored) bool { return e.joins(&x, s) })
}

// reaches: x's excerpt, taking its next sentence along, shows sentence si: not when the sentences
// before it in the excerpt leave no room for it within maxExcerptLen (windowExcerptLen for an
// answer window: reachesClose).
func (e *engine) reaches(x scored, si int) bool {
	x.withNext = true
	_, last := e.excerptRange(x)
	return last >= si
}

// reachesBack: x's excerpt, taking the sentence before along (withPrev), starts earlier than it
// did, at first, and still shows all it showed after x's sentence: not when that sentence refers
// back to one it cannot show, when it is already shown (x refers back to it), or when there is no
// room for it within windowExcerptLen.
func (e *engine) reachesBack(x scored) (first int, ok bool) {
	wasFirst, was := e.excerptRange(x)
	x.withPrev = true
	first, last := e.excerptRange(x)
	return first, first < wasFirst && last == was
}

// sameNumbers: the two sentences state the same numbers (or none). Sentences that differ in a
// number are not copies: two sources disagreeing on a figure are both worth showing.
func sameNumbers(a, b *scored) bool { return slices.Equal(a.f.numbers, b.f.numbers) }

// neighbourWithin: the sentence before or after a pick's joins its excerpt when it ranks at most
// this much lower (and the excerpt stays within windowExcerptLen): an answer window of adjacent
// sentences that all match the question, as passage retrieval for question answering shows
// them (Tellex et al., "Quantitative evaluation of passage retrieval algorithms for question
// answering", SIGIR 2003). A news answer is often two sentences, the first setting the scene
// ("Costa spoke after the summit in Luanda."), the next holding the answer ("There is a new
// momentum…"), or the reverse. Measured on the tuning sets (2,030 conversational and 820
// new-article questions), against the sentence after that refers back alone at 0.2, as before:
// answer@1/hit@3 +18/+22 and +3/+9 at 0.4, +16/+20 and +1/+6 at 0.3, +19/+23 and +3/+12 at 0.5;
// +14/+19 and +3/+6 at 0.4 once a sentence before comes only with what it refers back to; the
// median first excerpt grows from 182 to 187 and from 203 to 219 characters. Eleven blind sets
// written after it: 0/0 of 432 conversational questions, +2/0 of 155 new-article ones.
const neighbourWithin = 0.4

// shownSet is what a reply's excerpts show: each sentence, and the group of word-for-word copies
// (sentenceIndex) of each that other documents hold too, so that a syndicated story's sentence is
// shown once (the excerpt that shows it as its own sentence cites the copies: Excerpt.Also).
type shownSet struct {
	at     []sentenceAt
	groups []**corpus.Passage // a copy group's identity: the address of its holders' first element
}

// show adds sentences first..last of p to ss.
func (e *engine) show(ss *shownSet, p *corpus.Passage, first, last int) {
	idx := e.sentenceIndex()
	for si := first; si <= last; si++ {
		ss.at = append(ss.at, sentenceAt{p, si})
		if h := idx[sentenceRef{p, si}]; len(h) > 0 {
			ss.groups = append(ss.groups, &h[0])
		}
	}
}

// repeats: one of sentences first..last of p is in ss, or is a word-for-word copy of one that is.
func (e *engine) repeats(ss *shownSet, p *corpus.Passage, first, last int) bool {
	for _, x := range ss.at {
		if x.p == p && x.si >= first && x.si <= last {
			return true
		}
	}
	if len(ss.groups) == 0 {
		return false
	}
	idx := e.sentenceIndex()
	for si := first; si <= last; si++ {
		if h := idx[sentenceRef{p, si}]; len(h) > 0 && slices.Contains(ss.groups, &h[0]) {
			return true
		}
	}
	return false
}

// neighbourClose: sentence si of s's passage is among the ranked sentences, not yet used, ranks
// within neighbourWithin of s, repeats no excerpt picked before (copies: a syndicated story's
// sentence shown from another document) and is no question (a rhetorical question echoes the
// asker: see shapePenalty).
func neighbourClose(ranked []scored, used []bool, copies []float64, s *scored, si int) bool {
	for j := range ranked {
		if n := &ranked[j]; n.p == s.p && n.si == si {
			return !used[j] && copies[j] == 0 && n.score >= s.score-neighbourWithin && n.f.tags&tagQuestion == 0
		}
	}
	return false
}

// diversifyPool is how many of the best-ranked sentences excerpts are chosen from: at most
// MaxExcerpts picks plus Offset, from well inside the top of the ranking.
const diversifyPool = 40

// overlap is the share of the smaller sentence's distinct terms that the other also has. inB is
// b's distinct terms as idSet makes them: a test per term, where merging two sorted lists
// mispredicted a branch a step (7% of an answer).
func overlap(a, b *scored, inB []uint64) float64 {
	sa, sb := a.f.distinct, b.f.distinct
	if len(sa) == 0 || len(sb) == 0 {
		return 0
	}
	common := 0
	for _, id := range sa {
		if w := int(id >> 6); w < len(inB) {
			common += int(inB[w] >> (id & 63) & 1) // a sum, not a branch on the bit
		}
	}
	return float64(common) / float64(min(len(sa), len(sb)))
}

// idSet is the set of sorted term ids as bits, in buf's memory when it is large enough.
func idSet(buf []uint64, ids []int32) []uint64 {
	buf = buf[:0]
	if len(ids) > 0 {
		n := int(ids[len(ids)-1]>>6) + 1
		buf = slices.Grow(buf, n)[:n]
		clear(buf)
	}
	for _, id := range ids {
		buf[id>>6] |= 1 << (id & 63)
	}
	return buf
}

// excerpt turns a ranked sentence into a cited excerpt: the sentence, with the one before when it
// opens with a pronoun or a bare reference ("He said…", "The outlet reported…") and the one after
// when it is too short to stand alone, leads in with a colon or opens a quotation that goes on,
// and the sentences beside it that rank close (an answer window) — only as one verbatim run of the
// document, maxExcerptLen bytes at most, windowExcerptLen for an answer window (excerptRange).
func (e *engine) excerpt(m *matcher, s scored) Excerpt {
	p := s.p
	d := e.docByID[p.DocID]
	feats := e.termsOf(p).sentences
	first, last := e.excerptRange(s)
	start, end := p.Sentences[first].Start, p.Sentences[last].End
	var parts []sentenceTerms
	var starts []int
	for i := first; i <= last; i++ {
		parts = append(parts, feats[i].sentenceTerms)
		starts = append(starts, p.Sentences[i].Start-start)
	}
	text := d.Body[start:end]
	x := Excerpt{Citation: citationOf(d, p.ID), Text: text, Heading: p.Heading, Provision: p.Provision,
		Score: round2(s.score), Spans: markSpans(m, text, parts, starts)}
	x.Also = e.copiesOf(p, s.si)
	return x
}

// excerptRange is the first and last sentence (indexes in s.p) of the excerpt that shows s: with
// the one before when s refers back, with the one after when s is short, leads in with a colon,
// opens a quotation that goes on or takes it along (withNext), as one verbatim run of
// maxExcerptLen bytes at most; an answer window (withPrev, nextClose) runs to windowExcerptLen.
func (e *engine) excerptRange(s scored) (first, last int) {
	p := s.p
	feats := e.termsOf(p).sentences
	first, last = unitStart(feats, s.si), s.si
	if s.withPrev && first == s.si && s.si > 0 && e.joined(p, s.si-1, s.si) {
		// the sentence before as it would be shown as a pick: with the one it refers back to
		// (unitStart), all within windowExcerptLen; not at all when the window would open with a
		// sentence that refers back to one it cannot show ("He said…" with no one named before),
		// or with a question (neighbourClose keeps those out of windows)
		if u := unitStart(feats, s.si-1); feats[u].tags&(tagReference|tagQuestion) == 0 &&
			p.Sentences[s.si].End-p.Sentences[u].Start <= windowExcerptLen {
			first = u
		}
	}
	if s.si+1 >= len(p.Sentences) {
		return first, last
	}
	// the cheap tests first: diversify asks this of many candidates, and continuesQuote runs a
	// regular expression
	if n := p.Sentences[s.si+1].End - p.Sentences[first].Start; (s.nextClose && n <= windowExcerptLen ||
		n <= maxExcerptLen && (s.withNext || len(p.Sentences[s.si].Text) < shortSentence || feats[s.si].tags&tagLeadIn != 0 ||
			continuesQuote(&feats[s.si], p.Sentences[s.si+1].Text))) && e.joined(p, s.si, s.si+1) {
		last = s.si + 1
	}
	return first, last
}

// joined: sentences a and b (a < b) of p are one run of the document's body.
func (e *engine) joined(p *corpus.Passage, a, b int) bool {
	return strings.TrimSpace(e.docByID[p.DocID].Body[p.Sentences[a].End:p.Sentences[b].Start]) == ""
}

// unitStart is the first sentence of the answer unit that sentence si belongs to (feats are its
// passage's): the one before it when si opens with a pronoun or a bare reference ("He", "The
// outlet") and the two fit in maxExcerptLen together, else si itself.
func unitStart(feats []sentenceFeatures, si int) int {
	if feats[si].tags&tagWithPrevious != 0 {
		return si - 1
	}
	return si
}

// citationOf cites passage passageID of document d.
func citationOf(d *corpus.Document, passageID string) Citation {
	return Citation{DocID: d.ID, Title: d.Title, Outlet: d.Outlet, Published: d.Published, Retrieved: d.Retrieved,
		URL: d.URL, PassageID: passageID}
}

// maxCopies bounds the copies an excerpt lists: a story syndicated to dozens of sites is cited
// by the first few.
const maxCopies = 10

// copiesOf lists the other documents holding sentence si of p word for word (after folding white
// space, quotes and case): syndicated copies of one agency story.
func (e *engine) copiesOf(p *corpus.Passage, si int) []Citation {
	var out []Citation
	seen := map[string]bool{p.DocID: true}
	for _, cp := range e.sentenceIndex()[sentenceRef{p, si}] {
		if seen[cp.DocID] {
			continue
		}
		seen[cp.DocID] = true
		d := e.docByID[cp.DocID]
		out = append(out, citationOf(d, cp.ID))
		if len(out) == maxCopies {
			break
		}
	}
	return out
}

// passageSpans marks the question's words in a passage's Text (its sentences joined by spaces).
func (e *engine) passageSpans(q question, p *corpus.Passage) []Span {
	feats := e.termsOf(p).sentences
	m := newMatcher(&q, e) // after termsOf, which numbers the passage's terms
	defer m.release()
	parts := make([]sentenceTerms, len(feats))
	starts := make([]int, len(feats))
	at := 0
	for i, s := range p.Sentences {
		parts[i] = feats[i].sentenceTerms
		starts[i] = at
		at += len(s.Text) + 1
	}
	return markSpans(m, p.Text, parts, starts)
}

// markSpans marks the words of text that match the question — its terms, and words whose vectors
// are as close as a synonym's — merging neighbours. text is made of the analysed sentences parts,
// each starting at the matching offset of starts: the analysis cached per passage is reused.
func markSpans(m *matcher, text string, parts []sentenceTerms, starts []int) []Span {
	q := m.q
	var out []Span
	for pi, st := range parts {
		for i, t := range st.ids {
			hit := false
			for gi := range q.groups {
				if m.exactly(gi, t) || m.cosine(gi, st.vecs[i]) >= markCos {
					hit = true
					break
				}
				for _, x := range m.phrases[gi] {
					hit = hit || indexOfID(x, t) >= 0
				}
			}
			if !hit {
				continue
			}
			sp := Span{st.spans[i].Start + starts[pi], st.spans[i].End + starts[pi]}
			if n := len(out); n > 0 && sp.Start <= out[n-1].End {
				out[n-1].End = max(out[n-1].End, sp.End) // a joined compound overlaps its parts
				continue
			}
			if n := len(out); n > 0 && strings.TrimSpace(text[out[n-1].End:sp.Start]) == "" {
				out[n-1].End = sp.End
				continue
			}
			out = append(out, sp)
		}
	}
	return out
}

// continuesQuote: the sentence attributes a quotation (f is its features: tagStatement is
// hasStatement, tagged once per generation) and the next one is more of it, unattributed
// ("…," Zelenskyy wrote on Telegram. "We are ready…"): the two are one statement.
func continuesQuote(f *sentenceFeatures, next string) bool {
	r, _ := utf8.DecodeRuneInString(next)
	if r != '"' && r != '“' {
		return false
	}
	return f.tags&tagStatement != 0 && !hasStatement.MatchString(strings.Trim(next, `"“”`))
}

// minCopyKey: sentences whose key is shorter than this ("He said.") repeat by chance, not as copies.
const minCopyKey = 40

// sentenceRef names sentence si of passage p.
type sentenceRef struct {
	p  *corpus.Passage
	si int
}

// sentenceIndex maps each sentence of the corpus that another document also holds (same key,
// NormalizeSentence, of minCopyKey bytes or more) to every passage that holds it, built once per
// index generation, so that an answer's excerpts need neither a key nor a string map.
func (e *engine) sentenceIndex() map[sentenceRef][]*corpus.Passage {
	e.copiesOnce.Do(func() {
		holders := map[string][]*corpus.Passage{}
		var refs []sentenceRef
		var keys []string
		for i := range e.docs {
			for j := range e.docs[i].Passages {
				p := &e.docs[i].Passages[j]
				for si, s := range p.Sentences {
					k := corpus.NormalizeSentence(s.Text)
					if len(k) < minCopyKey {
						continue
					}
					holders[k] = append(holders[k], p)
					refs, keys = append(refs, sentenceRef{p, si}), append(keys, k)
				}
			}
		}
		e.copies = map[sentenceRef][]*corpus.Passage{}
		for i, r := range refs {
			for _, h := range holders[keys[i]] {
				if h.DocID != r.p.DocID {
					e.copies[r] = holders[keys[i]]
					break
				}
			}
		}
	})
	return e.copies
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// referentsBefore are the sentences a passage's first sentence refers back to across a paragraph
// break ("He said discussions will continue…" after "…, Witkoff said the negotiations have been
// detailed"): news stories break paragraphs after one or two sentences, so the person a sentence
// means is often named in the passage before. The sentence before, and when that one is a
// quotation or refers back itself, the one before it too; at most two, in p's document, one run of
// its body. Empty when p's first sentence names its own subject, p opens its document, or either
// is a provision of the plan. pt is p's terms; the result is found once per index generation and
// kept with them. Read-only for callers.
func (e *engine) referentsBefore(p *corpus.Passage, pt *passageTerms) []*sentenceFeatures {
	pt.referentsOnce.Do(func() { pt.referents = e.findReferents(p, pt) })
	return pt.referents
}

// findReferents is referentsBefore, computed.
func (e *engine) findReferents(p *corpus.Passage, pt *passageTerms) []*sentenceFeatures {
	if len(pt.sentences) == 0 || pt.sentences[0].tags&tagReference == 0 || p.Provision != nil {
		return nil // a provision of the plan refers to the plan, not to the point before it
	}
	var out []*sentenceFeatures
	d := e.docByID[p.DocID]
	j := e.order[p.ID] - e.order[d.Passages[0].ID]
	start := p.Sentences[0].Start
	for j > 0 && len(out) < 2 {
		prev := &d.Passages[j-1]
		if prev.Provision != nil {
			return out
		}
		feats := e.termsOf(prev).sentences
		for k := len(prev.Sentences) - 1; k >= 0 && len(out) < 2; k-- {
			s := prev.Sentences[k]
			if strings.TrimSpace(d.Body[s.End:start]) != "" {
				return out
			}
			out = append(out, &feats[k])
			if !opensQuote(s.Text) && feats[k].tags&tagReference == 0 {
				return out
			}
			start = s.Start
		}
		j--
	}
	return out
}

// opensQuote: the sentence opens with a quotation mark, so its speaker is named after it or before.
func opensQuote(text string) bool {
	return strings.HasPrefix(text, `"`) || strings.HasPrefix(text, "“")
}
