package index

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/planbot/planbot/corpus"
)

// Ranking knobs. Coverage of the question's salient weight dominates; BM25 of the passage breaks
// ties and brings context; the question's kind nudges towards numbers, names, dates or places.
const (
	candidatePassages = 30   // passages fetched from bleve per question
	minCoverage       = 0.55 // below this share of salient weight the sources do not answer
	weightPassage     = 0.15 // normalised passage BM25
	weightContext     = 0.25 // salient weight matched elsewhere in the passage or its heading
	weightKind        = 0.12 // the sentence holds the kind of fact asked for (numbers and dates: more)
	weightAdjacent    = 0.06 // question words side by side in the sentence, per pair
	weightSpeaker     = 0.2  // statement questions: a question word is who speaks in the sentence
	weightDensity     = 0.08 // short sentences that cover the question beat long ones that mention it
	shortSentence     = 70   // a first excerpt shorter than this takes the next sentence along
	maxExcerptLen     = 320  // never grow an excerpt past this
)

// scored is a candidate sentence.
type scored struct {
	p        *corpus.Passage
	si       int // sentence index in p
	score    float64
	coverage float64 // sentence-level share of salient weight, with passage context
	terms    sentenceTerms
	termSet  map[string]bool // distinct terms, built when diversify first compares the sentence
}

// answer runs the whole pipeline on one engine generation.
func (e *engine) answer(ctx context.Context, raw string, opts Options) (a Answer, err error) {
	start := time.Now()
	a.Question = raw
	defer func() { a.Took = time.Since(start) }()
	text := cleanQuestion(raw)
	switch {
	case text == "":
		a.Reason = ReasonEmpty
		a.Suggestions = e.suggest(question{})
		return a, nil
	case utf8.RuneCountInString(text) > MaxQuestion:
		a.Reason = ReasonTooLong
		return a, nil
	}
	q := e.parseQuestion(text)
	if opts.Context != "" && isFollowUp(q) {
		q = e.withContext(q, opts.Context)
	}
	if len(q.groups) == 0 {
		a.Reason = ReasonNoTerms
		a.Suggestions = e.suggest(q)
		return a, nil
	}
	q.asked = q.wordSet()
	res, serr := e.search(ctx, q, opts.Doc, candidatePassages, 0)
	if serr != nil {
		return a, serr
	}
	ranked := e.rankSentences(q, res)
	if len(ranked) == 0 || ranked[0].coverage < minCoverage {
		a.Reason = ReasonNotCovered
		if len(ranked) > 0 {
			a.Confidence = ranked[0].coverage
		}
		a.Suggestions = e.suggest(q)
		return a, nil
	}
	a.Answered = true
	a.Confident = true
	a.Confidence = min(1, ranked[0].coverage)
	n := opts.N
	if n <= 0 {
		n = DefaultExcerpts
	}
	n = min(n, MaxExcerpts)
	picked := e.diversify(ranked, opts.Offset+n+1)
	if opts.Offset < len(picked) {
		end := min(len(picked), opts.Offset+n)
		for _, s := range picked[opts.Offset:end] {
			a.Excerpts = append(a.Excerpts, e.excerpt(q, s))
		}
		a.More = len(picked) > end
	}
	return a, ctx.Err()
}

// search builds the question's query in code — never bleve's query-string syntax, which user text
// could break — and runs it: every term and synonym on text, heading and title, boosted phrases for
// words that stood together in the question, optionally only in one document.
func (e *engine) search(ctx context.Context, q question, doc string, size, from int) (*bleve.SearchResult, error) {
	var should []query.Query
	rare := e.hasRareTerm(q)
	for _, g := range q.groups {
		for i, alt := range g.alts {
			if rare && e.tooCommon(alt) {
				continue
			}
			boost := 1.0
			if i > 0 {
				boost = 0.6
			}
			if g.corrected && i == len(g.alts)-1 {
				boost = 0.8
			}
			should = append(should, termQuery(alt, fieldText, boost), termQuery(alt, fieldHeading, 0.3*boost),
				termQuery(alt, fieldTitle, 0.15*boost))
		}
	}
	for i := 0; i+1 < len(q.groups); i++ {
		if !adjacentInQuestion(q.groups[i], q.groups[i+1]) {
			continue
		}
		pq := query.NewPhraseQuery([]string{q.groups[i].alts[0], q.groups[i+1].alts[0]}, fieldText)
		pq.SetBoost(1.5)
		should = append(should, pq)
	}
	var qq query.Query = query.NewDisjunctionQuery(should)
	if doc != "" {
		dq := query.NewTermQuery(doc)
		dq.SetField(fieldDoc)
		qq = query.NewConjunctionQuery([]query.Query{qq, dq})
	}
	req := bleve.NewSearchRequestOptions(qq, size, from, false)
	res, err := e.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return res, nil
}

// commonPostings: a term in more passages than this, and in most of them, costs a long postings
// walk while adding almost nothing to BM25; it is left out of the search (not out of the ranking)
// when the question has rarer words. Small corpora never reach it.
const commonPostings = 10000

func (e *engine) tooCommon(term string) bool {
	df := e.df[term]
	return df > commonPostings && df*4 > e.total
}

func (e *engine) hasRareTerm(q question) bool {
	for _, g := range q.groups {
		for _, a := range g.alts {
			if e.df[a] > 0 && !e.tooCommon(a) {
				return true
			}
		}
	}
	return false
}

func termQuery(term, field string, boost float64) query.Query {
	t := query.NewTermQuery(term)
	t.SetField(field)
	t.SetBoost(boost)
	return t
}

var (
	numberRun    = regexp.MustCompile(`\d[\d,.:]*`)
	monthBefore  = regexp.MustCompile(`(?i)(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.? $`)
	spelledCount = regexp.MustCompile(`(?i)\b(half|dozens?|hundreds?|thousands?|millions?|billions?|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty|hundred)\b`)
	hasDate      = regexp.MustCompile(`(?i)\b(January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|\b(19|20)\d\d\b|\b\d+ (days|weeks|months|years)\b`)
	hasPlace     = regexp.MustCompile(`\b(in|at|to|from) [A-Z][a-z]+|[A-Z][a-z]+( [A-Z][a-z]+)?, [A-Z][a-z]+( [A-Z][a-z]+)?,? and [A-Z][a-z]+`)
	// a statement: a quotation of three words or more, or a reporting verb
	hasStatement = regexp.MustCompile(`["“][^"”]*\S+ \S+ \S+[^"”]*["”]|\b(said|says|wrote|told|stated|stressed|warned|argued|noted|insisted|added|emphasi[sz]ed|urged|called|described|welcomed|rejected|criticized|criticised)\b`)
)

// rankSentences scores every sentence of the candidate passages bleve found.
func (e *engine) rankSentences(q question, res *bleve.SearchResult) []scored {
	total := 0.0
	for _, g := range q.groups {
		total += g.idf
	}
	var out []scored
	if len(res.Hits) > 0 {
		top := res.Hits[0].Score
		for _, h := range res.Hits {
			p := e.passages[h.ID]
			if p == nil {
				continue
			}
			pt := e.termsOf(p)
			sents := pt.sentences
			inPassage := make([]float64, len(q.groups))
			for _, st := range sents {
				markMatches(q, st.terms, inPassage)
			}
			markMatches(q, pt.heading, inPassage)
			for si, st := range sents {
				m := make([]float64, len(q.groups))
				markMatches(q, st.terms, m)
				cov, ctxCov := 0.0, 0.0
				for gi, g := range q.groups {
					cov += g.idf * m[gi]
					ctxCov += g.idf * max(0, inPassage[gi]-m[gi])
				}
				cov /= total
				ctxCov /= total
				if cov == 0 || !requiredMet(q, m) {
					continue
				}
				text := p.Sentences[si].Text
				out = append(out, scored{p: p, si: si, terms: st, coverage: cov + 0.5*ctxCov,
					score: cov + weightContext*ctxCov + weightPassage*(h.Score/top) + e.kindBonus(q, text) +
						adjacency(q, st.terms) + e.speakerBonus(q, st.terms) + shapePenalty(text) +
						weightDensity*cov*(1-min(float64(len(text)), 300)/300)})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].score != out[j].score {
			return out[i].score > out[j].score
		}
		return e.order[out[i].p.ID] < e.order[out[j].p.ID]
	})
	return out
}

// requiredMet: when some groups are required, the sentence matches at least one of them.
func requiredMet(q question, m []float64) bool {
	any := false
	for gi, g := range q.groups {
		if g.required {
			if m[gi] > 0 {
				return true
			}
			any = true
		}
	}
	return !any
}

// altCredit is what a match through a synonym or a typo correction earns, against 1 for the word.
const altCredit = 0.7

// markMatches raises m[g] to the best credit terms give group g.
func markMatches(q question, terms []string, m []float64) {
	for gi, g := range q.groups {
		if m[gi] == 1 {
			continue
		}
		for _, t := range terms {
			for ai, a := range g.alts {
				if t != a {
					continue
				}
				c := 1.0
				if ai > 0 || g.corrected {
					c = altCredit
				}
				m[gi] = max(m[gi], c)
			}
		}
	}
}

func (e *engine) kindBonus(q question, s string) float64 {
	var ok bool
	switch q.kind {
	case askNumber:
		ok = hasQuantity(s)
	case askDate:
		ok = hasDate.MatchString(s)
	case askPlace:
		ok = hasPlace.MatchString(s)
	case askPerson:
		ok = e.newPerson(s, q)
	case askStatement:
		ok = hasStatement.MatchString(s)
	}
	if !ok {
		return 0
	}
	switch q.kind {
	case askNumber:
		return 2 * weightKind // "how many" answered without a number is no answer
	case askDate:
		return 1.5 * weightKind
	}
	return weightKind
}

// hasQuantity: a count or amount, not a date — "600,000", "26 people", "50:50", "by half" — so that
// "how many" is not answered by a sentence whose only number is a year or a day of the month.
func hasQuantity(s string) bool {
	for _, m := range numberRun.FindAllStringIndex(s, -1) {
		n := strings.TrimRight(s[m[0]:m[1]], ",.:")
		if len(n) == 4 && (strings.HasPrefix(n, "19") || strings.HasPrefix(n, "20")) {
			continue // a year
		}
		if monthBefore.MatchString(s[:m[0]]) {
			continue // a day of the month
		}
		return true
	}
	return spelledCount.MatchString(s)
}

// adjacentInQuestion: the two words stood side by side in the question, or one stop word apart
// ("prisoners of war").
func adjacentInQuestion(a, b group) bool { return b.pos-a.pos >= 1 && b.pos-a.pos <= 2 }

// titleWords are capitalised words that go with names without being names.
var titleWords = map[string]bool{"President": true, "Secretary": true, "Minister": true, "Prime": true,
	"General": true, "Gen": true, "Lt": true, "Col": true, "Army": true, "Chief": true, "Head": true,
	"Defense": true, "Defence": true, "Intelligence": true, "Treasury": true, "State": true, "White": true,
	"House": true, "Press": true, "Envoy": true, "Adviser": true, "Commander": true, "Sergeant": true,
	"Major": true, "Deputy": true, "Department": true, "Former": true, "Top": true, "Senior": true,
	"The": true, "A": true, "An": true, "In": true, "On": true, "According": true, "Despite": true,
	"While": true, "However": true, "Mr": true, "Ms": true, "Dr": true, "European": true, "Union": true,
	"United": true, "States": true, "Kingdom": true, "Ukrainian": true, "Russian": true, "American": true}

var capitalRun = regexp.MustCompile(`(?:[A-Z][\pL'’.-]*\s+)*[A-Z][\pL'’.-]*`)

// newPerson: the sentence names someone the question does not — the likely answer to "who".
func (e *engine) newPerson(s string, q question) bool {
	asked := q.asked
	for _, run := range capitalRun.FindAllString(s, -1) {
		var name []string
		flush := func() bool {
			if len(name) < 2 {
				name = name[:0]
				return false
			}
			for _, w := range name {
				lw := strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(strings.TrimRight(w, ",.;:"), "’s"), "'s"))
				if asked[lw] || asked[foldVariant(lw)] {
					name = name[:0]
					return false
				}
			}
			return true
		}
		for _, w := range strings.Fields(run) {
			if titleWords[strings.TrimRight(w, ".")] || strings.Contains(w, ".") && len(w) <= 5 || isAcronym(w) {
				if flush() {
					return true
				}
				continue
			}
			name = append(name, w)
		}
		if flush() {
			return true
		}
	}
	return false
}

func isAcronym(w string) bool { return len(w) >= 2 && strings.ToUpper(w) == w }

// speakerBonus: in a statement question, a question word right before a reporting verb ("Zelenskyy
// said", "Kallas warned") marks the sentence as that person's statement, not one merely about them.
func (e *engine) speakerBonus(q question, terms []string) float64 {
	if q.kind != askStatement {
		return 0
	}
	for i, t := range terms {
		if !e.lex.reporting[t] {
			continue
		}
		for k := max(0, i-2); k < i; k++ {
			for _, g := range q.groups {
				if !e.lex.plan[g.alts[0]] && terms[k] == g.alts[0] {
					return weightSpeaker
				}
			}
		}
	}
	return 0
}

// adjacency rewards question words that stand next to each other in the sentence too.
func adjacency(q question, terms []string) float64 {
	pos := map[string]int{}
	for i, t := range terms {
		if _, ok := pos[t]; !ok {
			pos[t] = i
		}
	}
	bonus := 0.0
	for i := 0; i+1 < len(q.groups); i++ {
		if !adjacentInQuestion(q.groups[i], q.groups[i+1]) {
			continue
		}
		a, okA := pos[q.groups[i].alts[0]]
		b, okB := pos[q.groups[i+1].alts[0]]
		if okA && okB && b-a >= 1 && b-a <= 2 {
			bonus += weightAdjacent
		}
	}
	return min(bonus, 2*weightAdjacent)
}

// shapePenalty demotes sentences that make poor answers: questions (an FAQ heading echoes the
// asker's words), fragments, run-ons, and lead-ins that end in a colon.
func shapePenalty(s string) float64 {
	p := 0.0
	t := strings.TrimRight(s, `"”’' `)
	switch {
	case strings.HasSuffix(t, "?"):
		p -= 0.35
	case strings.HasSuffix(t, ":"):
		p -= 0.25
	}
	if n := len(s); n < 30 {
		p -= 0.1
	} else if n > 400 {
		p -= 0.1
	}
	return p
}

// diversify orders the ranked sentences for display: each next excerpt must add something, so a
// sentence that repeats an earlier pick's words or comes from a picked passage waits its turn.
func (e *engine) diversify(ranked []scored, want int) []scored {
	var picked []scored
	usedPassage := map[string]int{}
	type key struct {
		p  string
		si int
	}
	used := map[key]bool{}
	copies := make([]float64, len(ranked)) // how many picks each sentence nearly repeats
	for len(picked) < want {
		if n := len(picked); n > 0 {
			last := &picked[n-1]
			for i := range ranked {
				if !used[key{ranked[i].p.ID, ranked[i].si}] && overlap(&ranked[i], last) > 0.6 {
					copies[i]++
				}
			}
		}
		best, bestScore := -1, 0.0
		for i, s := range ranked {
			if used[key{s.p.ID, s.si}] {
				continue
			}
			sc := s.score - 0.2*float64(usedPassage[s.p.ID]) - copies[i]
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
		used[key{s.p.ID, s.si}] = true
		if len(picked) > 0 && bestScore < -0.5 {
			break // only near copies are left
		}
		picked = append(picked, *s)
		usedPassage[s.p.ID]++
	}
	return picked
}

// overlap is the share of the smaller sentence's distinct terms that the other also has.
func overlap(a, b *scored) float64 {
	sa, sb := a.distinct(), b.distinct()
	if len(sa) == 0 || len(sb) == 0 {
		return 0
	}
	if len(sa) > len(sb) {
		sa, sb = sb, sa
	}
	common := 0
	for t := range sa {
		if sb[t] {
			common++
		}
	}
	return float64(common) / float64(len(sa))
}

func (s *scored) distinct() map[string]bool {
	if s.termSet == nil {
		s.termSet = make(map[string]bool, len(s.terms.terms))
		for _, t := range s.terms.terms {
			s.termSet[t] = true
		}
	}
	return s.termSet
}

// excerpt turns a ranked sentence into a cited excerpt: the sentence, plus the next one when the
// first is too short to stand alone or leads in with a colon, as long as both are one verbatim run
// of the document.
func (e *engine) excerpt(q question, s scored) Excerpt {
	p := s.p
	d := e.docByID[p.DocID]
	sent := p.Sentences[s.si]
	start, end := sent.Start, sent.End
	sents := e.termsOf(p).sentences
	parts := []sentenceTerms{sents[s.si]}
	starts := []int{0}
	trimmed := strings.TrimRight(sent.Text, `"”’' `)
	if s.si+1 < len(p.Sentences) && (len(sent.Text) < shortSentence || strings.HasSuffix(trimmed, ":") ||
		continuesQuote(sent.Text, p.Sentences[s.si+1].Text)) {
		next := p.Sentences[s.si+1]
		if strings.TrimSpace(d.Body[end:next.Start]) == "" && next.End-start <= maxExcerptLen {
			end = next.End
			parts = append(parts, sents[s.si+1])
			starts = append(starts, next.Start-start)
		}
	}
	text := d.Body[start:end]
	return Excerpt{Text: text, DocID: d.ID, Title: d.Title, Outlet: d.Outlet, Published: d.Published,
		URL: d.URL, PassageID: p.ID, Heading: p.Heading, Provision: p.Provision, Score: round2(s.score),
		Spans: markSpans(q, text, parts, starts)}
}

// passageSpans marks the question's words in a passage's Text (its sentences joined by spaces).
func (e *engine) passageSpans(q question, p *corpus.Passage) []Span {
	sents := e.termsOf(p).sentences
	starts := make([]int, len(sents))
	at := 0
	for i, s := range p.Sentences {
		starts[i] = at
		at += len(s.Text) + 1
	}
	return markSpans(q, p.Text, sents, starts)
}

// markSpans marks the words of text that match the question, merging neighbours. text is made of
// the analysed sentences parts, each starting at the matching offset of starts: the analysis cached
// per passage is reused rather than run again.
func markSpans(q question, text string, parts []sentenceTerms, starts []int) []Span {
	want := map[string]bool{}
	for _, g := range q.groups {
		for _, a := range g.alts {
			want[a] = true
		}
	}
	var out []Span
	for pi, st := range parts {
		for i, t := range st.terms {
			if !want[t] {
				continue
			}
			sp := Span{st.spans[i].Start + starts[pi], st.spans[i].End + starts[pi]}
			if n := len(out); n > 0 && strings.TrimSpace(text[out[n-1].End:sp.Start]) == "" {
				out[n-1].End = sp.End
				continue
			}
			out = append(out, sp)
		}
	}
	return out
}

// continuesQuote: the sentence attributes a quotation and the next one is more of it, unattributed
// ("…," Zelenskyy wrote on Telegram. "We are ready…"): the two are one statement.
func continuesQuote(sent, next string) bool {
	r, _ := utf8.DecodeRuneInString(next)
	if r != '"' && r != '“' {
		return false
	}
	return hasStatement.MatchString(sent) && !hasStatement.MatchString(strings.Trim(next, `"“”`))
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }
