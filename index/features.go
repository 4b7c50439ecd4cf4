package index

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index/internal/glove"
)

// sentenceTerms is one sentence's analysed tokens with byte offsets into the sentence text and,
// per token, the word vector of its surface form (glove.None for names, numbers and rare words).
type sentenceTerms struct {
	terms []string
	spans []Span
	vecs  []glove.ID
	ids   []int32 // the terms' termIDs; only for the corpus's sentences and headings (termsOf)
}

// answerTag is a kind of fact a sentence holds, tagged once per index generation.
type answerTag uint16

const (
	tagQuantity     answerTag = 1 << iota // a count or amount, not a year or a day of the month
	tagDate                               // a date, a weekday, a year, a span of days, a time of day
	tagDay                                // a day: a month with its day, a weekday, yesterday, today
	tagDuration                           // a span of time: "30 days", "a four-year war", "for about a month"
	tagLength                             // a distance: "1,400 kilometres"
	tagPlace                              // "in/at/to/from" + a capitalised name
	tagOrg                                // an organisation or outlet: an acronym, or a name with an organisation head word
	tagStatement                          // a quotation or a reporting verb
	tagQuestion                           // the sentence is itself a question: a poor answer
	tagLeadIn                             // ends with a colon
	tagReference                          // opens with a pronoun or a bare reference: needs the sentence before
	tagCause                              // gives a cause or a purpose: because, amid, due to, in order to…
	tagWithPrevious                       // a reference whose sentence before is in the same run and fits with it: the two are one answer unit
)

// sentenceFeatures is everything about a sentence that does not depend on the question.
type sentenceFeatures struct {
	sentenceTerms
	tags  answerTag
	names [][]string // capitalised name runs (two words or more), lower case, for "who" questions
	// the distinct term ids, and those of numbers, sorted: for telling near copies apart (diversify)
	distinct, numbers []int32
	// centroid: the direction of the sentence's words (glove.Table.Centroid), for the ranking's
	// whole-sentence similarity
	centroid []int8
	// counted: the numeric index terms of the runs of digits that make the sentence hold a
	// quantity (tagQuantity); nil when it counts in words too, or holds none
	counted []string
}

// passageTerms is a passage's analysed sentences and heading.
type passageTerms struct {
	sentences []sentenceFeatures
	heading   sentenceTerms
	// referents: the sentences of the passages before that the first sentence refers back to
	// (referentsBefore), found on first need
	referentsOnce sync.Once
	referents     []*sentenceFeatures
}

// termsOf returns the features of a passage's sentences and heading, computing them on first use
// and keeping them for the life of the index generation: the first answers touch few passages, so
// computing lazily keeps cold start short, and no answer computes them twice.
func (e *engine) termsOf(p *corpus.Passage) *passageTerms {
	if v, ok := e.analysed.Load(p.ID); ok {
		return v.(*passageTerms)
	}
	pt := &passageTerms{sentences: make([]sentenceFeatures, len(p.Sentences)), heading: e.analyse(p.Heading)}
	for i, s := range p.Sentences {
		pt.sentences[i] = e.features(s.Text)
	}
	sts := []*sentenceTerms{&pt.heading}
	for i := range pt.sentences {
		sts = append(sts, &pt.sentences[i].sentenceTerms)
	}
	e.termIDs.number(sts...)
	for i := range pt.sentences {
		f := &pt.sentences[i]
		f.distinct = sortedSet(f.ids, nil)
		f.numbers = sortedSet(f.ids, func(i int) bool { return isNumeric(f.terms[i]) })
		if i > 0 && f.tags&tagReference != 0 && e.joined(p, i-1, i) &&
			p.Sentences[i].End-p.Sentences[i-1].Start <= maxExcerptLen {
			f.tags |= tagWithPrevious
		}
	}
	v, _ := e.analysed.LoadOrStore(p.ID, pt)
	return v.(*passageTerms)
}

// analyse runs the index analyzer over text, returning terms, byte spans and surface-word vectors.
func (e *engine) analyse(text string) sentenceTerms {
	toks := e.analyzer.Analyze([]byte(text))
	st := sentenceTerms{terms: make([]string, len(toks)), spans: make([]Span, len(toks)), vecs: make([]glove.ID, len(toks))}
	for i, t := range toks {
		st.terms[i] = string(t.Term)
		st.spans[i] = Span{t.Start, t.End}
		st.vecs[i] = e.vectors.Lookup(surface(text[t.Start:t.End]))
	}
	return st
}

// surface is the lower-case form of a word as written, without a possessive, for the vector table.
func surface(w string) string {
	if strings.ContainsFunc(w, func(r rune) bool { return r >= 0x80 || r == '`' }) {
		w = apostropheFold.Replace(w) // every apostrophe it folds is one of these
	}
	w = strings.ToLower(w)
	w = strings.TrimSuffix(w, "'s")
	return strings.TrimSuffix(w, "'")
}

// English month and day names, for the date patterns below, as alternations: time's names of the
// months and weekdays; a month also abbreviated as news writes it ("Sept.", "Dec.": AP style
// shortens no others); the weekdays with yesterday, today and tomorrow.
var (
	monthNamesWhole = alternation(12, func(i int) string { return time.Month(i + 1).String() })
	monthsAsWritten = monthNamesWhole + `|Jan|Feb|Aug|Sept?|Oct|Nov|Dec`
	weekdayNames    = alternation(7, func(i int) string { return time.Weekday(i).String() })
	dayNames        = weekdayNames + `|yesterday|today|tomorrow`
)

// alternation joins name(0) … name(n-1) with "|".
func alternation(n int, name func(int) string) string {
	names := make([]string, n)
	for i := range names {
		names[i] = name(i)
	}
	return strings.Join(names, "|")
}

var (
	numberRun    = regexp.MustCompile(`\d[\d,.:]*`)
	monthBefore  = regexp.MustCompile(`(?i)\b(` + monthsAsWritten + `)\.? (\d{1,2}[-–])?$`)
	monthAfter   = regexp.MustCompile(`(?i)^([-–]\d{1,2})?(st|nd|rd|th)? (of )?(` + monthsAsWritten + `)\b`)
	clockAfter   = regexp.MustCompile(`(?i)^ ?[ap]\.?m\b`)
	spelledCount = regexp.MustCompile(`(?i)\b(` + spelledNumbers + `|` + spelledOrdinals + `)\b`)
	hasDate      = regexp.MustCompile(`(?i)\b(` + monthNamesWhole + `|` + dayNames + `)\b|\b(19|20)\d\d\b|\b\d+ (days|weeks|months|years)\b|\b\d{1,2}(:\d\d)? ?([ap]\.m\.|[ap]m\b)|\b(noon|midday|midnight)\b`)
	hasDay       = regexp.MustCompile(`(?i)\b(` + monthsAsWritten + `)\.? \d{1,2}\b|\b\d{1,2}(st|nd|rd|th)?[-–]?(\d{1,2})? (of )?(` + monthsAsWritten + `)\b|\b(` + dayNames + `)\b`)
	hasPlace     = regexp.MustCompile(`\b(in|at|to|from|near|into|against|across|towards?|via|through|throughout|inside|outside) (the )?[A-Z][a-z]+|[A-Z][a-z]+( [A-Z][a-z]+)?, [A-Z][a-z]+( [A-Z][a-z]+)?,? (and|or) [A-Z][a-z]+`)
	// a statement: a quotation of three words or more, or a reporting verb
	hasStatement = regexp.MustCompile(`["“][^"”]*\S+ \S+ \S+[^"”]*["”]|\b(` + strings.Join(reportingVerbs, "|") + `|according)\b`)
	// an organisation: an acronym of two capitals or more, or a capitalised name ending in a head
	// word English uses for organisations and outlets
	hasOrg = regexp.MustCompile(`\b[A-Z]{2,}\b|\b[A-Z][a-z]+ (Times|Post|Journal|News|Agency|Council|Union|Ministry|Office|Committee|Fund|Organization|Organisation|Bank|Commission|Institute|Party|Parliament|Press|Service|Guardian|Herald|Telegraph|Tribune|Independent|Review|Network|Broadcasting|Department|Forces)\b|\b(Reuters|Axios|Politico|Bloomberg)\b`)
	// English connectives of cause and purpose
	hasCause   = regexp.MustCompile(`(?i)\b(because|due to|amid|owing to|as a result|in response to|following|after|since|driven by|prompted|led to|so that|in order to|aimed at|reason|reasons|over concerns?|for fear|fearing|to avoid|to ensure|to prevent)\b`)
	capitalRun = regexp.MustCompile(`(?:[A-Z][\pL'’.-]*\s+)*[A-Z][\pL'’.-]*`)
	// a sentence that refers back: it opens with a pronoun or a bare reference ("He said", "The
	// outlet reported"), after at most a short opener ("Later, he"), or its subject is a personal
	// pronoun after an opening subordinate or prepositional clause of general English ("While
	// praising the mediators, he warned"); a coordinating conjunction may come first ("But it
	// capped…", "And that is why…", "But his office said…"). See presentDeixis for the openers
	// that look like one and are not
	referenceOpen = regexp.MustCompile(`^["“]?` + conjunctionOpen + `((?i:in (that|this|which|such a) case|if so|as a result|consequently|therefore|thus|otherwise|in turn|in response|even so|in addition|by contrast|in contrast|instead|nevertheless|nonetheless)\b|(?i:while|although|though|after|before|when|as|despite|since|speaking|asked|in|at|during|on)\b[^,.;:!?"“”]{1,80}, (?i:he|she|they)|(\pL+( \pL+){0,2}, )?(?i:he|she|it|they|this|that|these|those|his|her|its|their|such|the (outlet|report|official|officials|document|statement|source|sources|newspaper|agency|spokesman|spokesperson|envoy|move|deal|agreement|proposal|draft|text|leader|president|minister|ministry|report|publication|paper|site)))\b`)
	// openers that look like a reference and point at no earlier sentence: "this" or "these"
	// before a word of time points at the day of writing ("This week, Kyiv agreed…", "These
	// days…"; "that week" points back), and "those who" at whoever the clause names. A personal
	// pronoun after the opener still refers back ("This week, he said…")
	presentDeixis = regexp.MustCompile(`^["“]?` + conjunctionOpen + `(?i:(?:this|these) (?:` + strings.Join(timeUnits, "|") + `|` + weekdayNames +
		`|weekend|morning|afternoon|evening|night|spring|summer|autumn|winter)s?|those (?:who|whose|whom))\b(?:[^,.;:!?"“”]{0,40}, )?`)
)

// conjunctionOpen is a coordinating conjunction that may open a sentence before what it says
// ("But it capped…"), as an optional regular-expression group.
const conjunctionOpen = `(?i:(?:and|but|yet|so) )?`

// Numbers English spells out. An ordinal counts too: "Witkoff's sixth visit" answers "how many
// times", "the remaining fifth of the region" "how much".
const (
	spelledNumbers  = `half|dozens?|hundreds?|thousands?|millions?|billions?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred`
	spelledOrdinals = `third|thirds|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth`
)

// Units of time and of length, each also in the plural. "second" is no unit of time here: it is an
// ordinal far more often.
var (
	timeUnits   = []string{"minute", "hour", "day", "week", "fortnight", "month", "year", "decade"}
	lengthUnits = []string{"kilometer", "kilometre", "km", "mile", "meter", "metre"}
	// a unit of time, maybe after a word that counts on ("30 more days", "hundreds of days")
	timeUnit = `(more |of |additional |extra |consecutive |straight |full )?(` + strings.Join(timeUnits, "|") + `)s?\b`
	// a unit of length: "how long is the front line" is answered by "1,400 kilometres"
	lengthUnit = `(` + strings.Join(lengthUnits, "|") + `)s?\b`
)

// holdsWordOf: lower (lower-cased) holds one of words. A sentence can hold a span of time or a
// length only if it holds the unit's word, a test much cheaper than the patterns. With the
// patterns alone, tagging the embedded corpus's sentences took 194 µs a sentence against 133 µs
// before them (a16679c); with this test first, 145 µs (BenchmarkSentenceFeatures).
func holdsWordOf(lower string, words []string) bool {
	for _, w := range words {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

var (
	// duration is a span of time, counted or not: "30 days", "a four-year war", "for about a
	// month", "several weeks", "half a year".
	// "one" is a span with its unit ("one year"), though alone it is seldom a count
	duration = regexp.MustCompile(`(?i)\b(\d+|one|` + spelledNumbers + `)[ -]` + timeUnit + `|\b(a|an|several|few|couple of|half an?)\s+` + timeUnit)
	// length is a distance counted: "a 1,400-kilometre line", "some 30 km", "five miles"
	length = regexp.MustCompile(`(?i)(\d[ -]?|\b(` + spelledNumbers + `)[ -])` + lengthUnit)
	// timeUnitAfter: a unit of time after a number makes it a span of time, not a count of
	// things: "two days of talks", "a 90-day pause" answer no "how many troops".
	timeUnitAfter = regexp.MustCompile(`(?i)^[ -]` + timeUnit)
)

// features tags a sentence once per index generation.
func (e *engine) features(text string) sentenceFeatures {
	f := sentenceFeatures{sentenceTerms: e.analyse(text)}
	if runs, spelled := quantities(text); len(runs) > 0 || spelled {
		f.tags |= tagQuantity
		if !spelled {
			f.counted = countedTerms(&f.sentenceTerms, runs) // only a count in digits can be the question's own
		}
	}
	lower := strings.ToLower(text)
	if holdsWordOf(lower, timeUnits) && duration.MatchString(text) {
		f.tags |= tagDuration
	}
	if holdsWordOf(lower, lengthUnits) && length.MatchString(text) {
		f.tags |= tagLength
	}
	if hasDate.MatchString(text) {
		f.tags |= tagDate
		if hasDay.MatchString(text) {
			f.tags |= tagDay
		}
	}
	if hasPlace.MatchString(text) {
		f.tags |= tagPlace
	}
	if hasOrg.MatchString(text) {
		f.tags |= tagOrg
	}
	if hasStatement.MatchString(text) {
		f.tags |= tagStatement
	}
	if hasCause.MatchString(text) {
		f.tags |= tagCause
	}
	t := strings.TrimRight(text, `"”’' `)
	if strings.HasSuffix(t, "?") {
		f.tags |= tagQuestion
	}
	if strings.HasSuffix(t, ":") {
		f.tags |= tagLeadIn
	}
	if refersBack(text) {
		f.tags |= tagReference
	}
	f.names = nameRuns(text)
	f.centroid = e.vectors.Centroid(f.vecs, nil)
	return f
}

// refersBack: the sentence opens with a reference to an earlier one (referenceOpen), unless its
// opener points at the day of writing or at whoever a clause names (presentDeixis) and no
// reference follows it ("This week, he said…" and "This week he said…" refer back).
func refersBack(text string) bool {
	if m := presentDeixis.FindStringIndex(text); m != nil {
		return referenceOpen.MatchString(strings.TrimLeft(text[m[1]:], " "))
	}
	return referenceOpen.MatchString(text)
}

// quantities are the counts or amounts s holds, not a date, a time of day or a span of time —
// "600,000", "26 people", "50:50", "by half", "his sixth visit" — so that "how many" is not
// answered by a sentence whose only number is a year, a day of the month or "two days": the byte
// spans of its runs of digits that count things ("600,000", "20"), and whether it counts in words
// too ("half", "a million", "dozens").
func quantities(s string) (runs []Span, spelled bool) {
	for _, m := range numberRun.FindAllStringIndex(s, -1) {
		n := strings.TrimRight(s[m[0]:m[1]], ",.:")
		if len(n) == 4 && (strings.HasPrefix(n, "19") || strings.HasPrefix(n, "20")) && !strings.ContainsAny(n, ",.:") {
			continue // a year (not "20.5")
		}
		if monthBefore.MatchString(s[:m[0]]) || monthAfter.MatchString(s[m[1]:]) {
			continue // a day of the month: "December 14-15", "23 November", "14–15 Dec"
		}
		if clockAfter.MatchString(s[m[1]:]) {
			continue // a time of day: "11:30 a.m.", "3pm"
		}
		if timeUnitAfter.MatchString(s[m[1]:]) {
			continue // a span of time: "30 days", "a 90-day pause"
		}
		runs = append(runs, Span{m[0], m[0] + len(n)})
	}
	for _, m := range spelledCount.FindAllStringIndex(s, -1) {
		if !timeUnitAfter.MatchString(s[m[1]:]) {
			return runs, true
		}
	}
	return runs, false
}

// countedTerms are the numeric index terms of st whose words overlap runs (quantities): the
// counts as the analyser folds them ("600 000", "600k" → 600000), so that they compare with a
// question's numbers.
func countedTerms(st *sentenceTerms, runs []Span) []string {
	var out []string
	for i, sp := range st.spans {
		if !isNumeric(st.terms[i]) || slices.Contains(out, st.terms[i]) {
			continue
		}
		if slices.ContainsFunc(runs, func(r Span) bool { return r.Start < sp.End && sp.Start < r.End }) {
			out = append(out, st.terms[i])
		}
	}
	return out
}

// titleWords are capitalised words that go with names without being names: titles, articles and
// sentence openers of general English.
var titleWords = map[string]bool{"President": true, "Secretary": true, "Minister": true, "Prime": true,
	"General": true, "Gen": true, "Lt": true, "Col": true, "Army": true, "Chief": true, "Head": true,
	"Defense": true, "Defence": true, "Intelligence": true, "Treasury": true, "State": true,
	"Press": true, "Envoy": true, "Adviser": true, "Commander": true, "Sergeant": true,
	"Major": true, "Deputy": true, "Department": true, "Former": true, "Top": true, "Senior": true,
	"The": true, "A": true, "An": true, "In": true, "On": true, "According": true, "Despite": true,
	"While": true, "However": true, "Mr": true, "Ms": true, "Mrs": true, "Dr": true, "Foreign": true,
	"Special": true, "Vice": true, "Sen": true, "Rep": true, "Gov": true, "Ambassador": true}

// nameRuns lists the runs of two or more capitalised words that are not titles: likely people.
func nameRuns(s string) [][]string {
	var out [][]string
	for _, run := range capitalRun.FindAllString(s, -1) {
		var name []string
		flush := func() {
			if len(name) >= 2 {
				out = append(out, name)
			}
			name = nil
		}
		for _, w := range strings.Fields(run) {
			if titleWords[strings.TrimRight(w, ".")] || strings.Contains(w, ".") && len(w) <= 5 || isAcronym(w) {
				flush()
				continue
			}
			name = append(name, surface(strings.TrimRight(w, ",.;:")))
		}
		flush()
	}
	return out
}

func isAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n >= 2
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// numericValue is the value of a numeric term (isNumeric); false for any other term.
func numericValue(t string) (float64, bool) {
	if !isNumeric(t) {
		return 0, false
	}
	v, err := strconv.ParseFloat(t, 64)
	return v, err == nil
}

func isNumeric(s string) bool {
	dot := false
	for _, r := range s {
		if r == '.' && !dot {
			dot = true
			continue
		}
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return s != ""
}
