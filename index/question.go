package index

import (
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/planbot/planbot/index/internal/glove"
)

// questionKind is what sort of fact a question asks for; it steers sentence ranking.
type questionKind int

const (
	askAnything questionKind = iota
	askNumber
	askPerson
	askDate
	askPlace
	askOrg
	askStatement // what someone said or how they reacted: quotes and reporting verbs answer it
	askReason    // why: a cause or a purpose answers it
)

// Question frames of general English: how a question asks, not what about.
var (
	// ("numbers", "percentages", "tolls": the plurals that are never a verb; "who caps…", "what
	// limits…", "what counts as…" ask no number; "what %…", "different %" and "how many percent" ask
	// as "percentage" does, and a percentage the question states ("when did inflation hit 10%?")
	// asks none)
	numberQuestion = mustCompileWords(`(?i)\bhow (many|much|large|big|small|long|far|high|low)\b|\b(number|size|amount|limit|cap|ceiling|maximum|minimum|percentage|share|toll|count|numbers|percentages|tolls)\b|\b(what|which|how many|how much) percent\b|(^|[^0-9\s])\s*%`)
	personQuestion = mustCompileWords(`(?i)^\s*(who|whom|whose)\b|\b(which|what)( \pL+)? (official|officials|person|leader|leaders|adviser|advisor|envoy|minister|president|general|people|guy|man|woman)\b|\bwho\b`)
	orgQuestion    = mustCompileWords(`(?i)\b(which|what)( \pL+)? (outlet|outlets|newspaper|paper|media|agency|agencies|organi[sz]ation|publication|site|website|news)\b`)
	// a date asked for: plainly when the question opens with "when" or "what date…", loosely by a
	// "when" anywhere ("what did kallas say when…" is no date question)
	datePlain     = mustCompileWords(`(?i)^\s*(when|what (date|day|month|year|time))\b`)
	howLong       = mustCompileWords(`(?i)\bhow long(er)?\b|\bhow much (more )?(time|longer)\b|\bhow many (more )?(second|` + strings.Join(timeUnits, "|") + `)s\b`)
	dayQuestion   = mustCompileWords(`(?i)\b(what|which) (day|date|dates|days)\b`)
	dateQuestion  = mustCompileWords(`(?i)\bwhat (date|day|time|month|year)\b|\bhow soon\b|\bwhich (date|day|month|year)\b|\bwhen\b`)
	placeQuestion = mustCompileWords(`(?i)^\s*where\b|\b(which|what)( \pL+)? (cities|city|countries|country|place|places|nations?|states|region|regions)\b|\bwhere\b`)
	// "quick q", "genuine question", "random question but": chat that announces a question
	chatOpener = mustCompileWords(`(?i)\b(quick|random|dumb|stupid|silly|serious|honest|genuine|simple|real|noob|newbie)\s+(q|qn|question)\b`)
	// idioms of general English whose concrete noun is no topic: "is nato off the table" asks
	// whether NATO is ruled out, and a sentence about a table is no answer
	idiomFrame     = mustCompileWords(`(?i)\b(off|on) the table\b`)
	chatFrame      = mustCompileWords(`(?i)^\s*(so\s+|ok\s+|hey\s+)?what(')?s\s+(the\s+deal|up|going\s+on)\s+with\b`)
	reasonQuestion = mustCompileWords(`(?i)^\s*(and\s+|so\s+|but\s+)?why\b|\bwhat for\b|\b(reason|reasons|cause|motive)\b`)
	howAdjective   = mustCompileWords(`(?i)\bhow (large|big|small|long|far|high|low|soon|often|old)\b`)
	// the noun after "which"/"what" names the kind of answer, which the answer rarely repeats
	answerTypeNoun = mustCompileWords(`(?i)^\s*(which|what)\s+(\pL+)`)
	// "what does the plan say about…" asks for content, not for somebody's statement
	documentSays      = mustCompileWords(`(?i)\b(plan|draft|proposal|document|text|deal|agreement|framework|article|it|they|sources?)\s+(say|says|said|mention|mentions)\b`)
	statementQuestion = mustCompileWords(`(?i)\b(react|reacts|reacted|reaction|reactions|respond|responds|responded|response|say|says|said|think|thinks|thought|view|views|stance|position|comment|comments|commented|opinion|feel|feels|call|called)\b`)
	// words that ask for the newest state of things
	freshQuestion = mustCompileWords(`(?i)\b(now|latest|currently|current|still|revised|revision|updated|update|new|newest|recent|recently|today|anymore|any more|final|last)\b`)
	// nowQuestion asks what holds now in so many words: the part of freshQuestion that does ("the
	// final offer", "a new plan", "how long would it last" ask no such thing), with English's
	// idioms for the present
	nowQuestion = mustCompileWords(`(?i)\b(now|currently|current|latest|still|anymore|any more|today|` + presentIdioms + `)\b`)
	// presentIdiom: the idioms name no topic, and their nouns match none ("at present" is no
	// question about what was "presented", "at this point" none about a "28-point plan")
	presentIdiom = mustCompileWords(`(?i)\b(` + presentIdioms + `)\b`)
	// earlierState names an earlier state of things: a follow-up that does ("what about the cap in
	// the first draft?") does not ask what holds now, whatever the question before it asked
	earlierState = mustCompileWords(`(?i)\b(first|original|originally|initial|initially|earlier|previous|previously|old|older|at first|before)\b`)
)

// presentIdioms are English's idioms for the present ("presently", which also means "soon", is
// left out).
const presentIdioms = `nowadays|these days|at the moment|at this point|at present`

// monthNames are time's English month names in lower case and their three-letter abbreviations
// (and "sept"), as askers type them; "may", far more often the verb, is left out.
var monthNames = func() map[string]time.Month {
	names := map[string]time.Month{"sept": time.September}
	for m := time.January; m <= time.December; m++ {
		if m != time.May {
			name := strings.ToLower(m.String())
			names[name], names[name[:3]] = m, m
		}
	}
	return names
}()

// frameWords are how English questions and chat ask, not what they ask about: interrogatives,
// auxiliaries, discourse particles. General English; the analyzer's stop list removes the rest.
var frameWords = map[string]bool{
	"what": true, "who": true, "whom": true, "whose": true, "which": true, "when": true, "where": true,
	"why": true, "how": true, "does": true, "did": true, "do": true, "is": true, "are": true, "was": true,
	"were": true, "be": true, "been": true, "can": true, "could": true, "would": true, "will": true,
	"should": true, "shall": true, "may": true, "might": true, "must": true, "tell": true, "know": true,
	"anything": true, "something": true, "say": true, "says": true, "said": true, "please": true,
	"pls": true, "plz": true, "mention": true, "mentioned": true, "happen": true, "happened": true,
	"exactly": true, "actually": true, "really": true, "basically": true, "like": true, "hey": true,
	"hi": true, "guys": true, "lol": true, "ok": true, "okay": true, "just": true, "also": true,
	"yeah": true, "u": true, "ur": true, "im": true, "thing": true, "things": true, "stuff": true,
	"kind": true, "get": true, "got": true, "gonna": true, "wanna": true, "idk": true,
	"btw": true, "anyone": true, "someone": true, "somebody": true, "anybody": true, "explain": true,
	"mean": true, "means": true, "there": true, "here": true, "any": true, "much": true, "many": true,
	"going": true, "go": true, "goes": true, "went": true, "gone": true, "gets": true, "getting": true,
	"tells": true, "knows": true, "knew": true, "mentions": true, "happens": true, "thinks": true,
	"explains": true, "think": true, "thought": true, "happening": true, "wondering": true,
	"curious": true, "wait": true, "um": true, "uh": true, "hmm": true, "honestly": true, "probably": true,
	"anyway": true, "whats": true, "what's": true, "who's": true, "whos": true, "hows": true,
	"wheres": true, "whens": true, "dont": true, "doesnt": true, "didnt": true, "isnt": true,
	// indefinite pronouns
	"everyone": true, "everybody": true, "everything": true, "nobody": true, "nothing": true, "anywhere": true,
	"somewhere": true, "everywhere": true,
	// chat abbreviations
	"smth": true, "sth": true, "ppl": true, "tbh": true, "imo": true, "imho": true, "rn": true, "bc": true,
	"cuz": true, "coz": true, "tho": true, "thx": true, "afaik": true, "iirc": true, "ngl": true,
	"srsly": true, "ya": true, "r": true, "wat": true, "wut": true, "abt": true, "bout": true, "wen": true,
	"hw": true, "y": true, "yo": true, "q": true, "sup": true, "gotta": true, "n": true, "da": true, "dat": true, "dis": true, "tho'": true, "yall": true, "y'all": true, "wtf": true, "omg": true,
}

// Weights of a question word in alignment; chosen on dev, dev2 and the tuning half of the
// conversational set, never on the held-back half.
const (
	rarityPower     = 1    // how steeply general-English frequency damps a word ("let", "ever", "never")
	weightFloor     = 0.25 // share of a corpus word's weight that does not depend on its corpus IDF
	unseenWeight    = 0.6  // a word the corpus lacks, before rarity: a paraphrase or chatter, not a topic
	answerTypeShare = 0.5  // the noun after which/what names the kind of answer: it weighs half
	nameRarity      = 0.8  // a word rarer than this in English (rank ≈ 6,000) may be a name spelt another way
	lightVerbs      = 200  // frequency rank (GloVe order) under which an irregular verb's forms are not folded: make/made, take/took, leave/left; measured on the tuning sets (a chrome page's "made" answered "does the plan make…")
	neighbourCos    = 0.6  // a corpus word this close to an unseen question word expands the search
	// seenNeighbourCos, seenNeighbourN: the corpus words this close to a question word the corpus
	// has, at most this many, expand the search of a question the first search answers only
	// tentatively (expanded)
	seenNeighbourCos = 0.65
	seenNeighbourN   = 2
	settingShare     = 0.6 // a word in a clause that sets the scene ("…after the florida talks") weighs this share: the main clause says what is asked
)

// group is one content word of the question with the terms that count as a match for it: the
// analysed word first, then transliterations, typo corrections and acronym expansions.
type group struct {
	word       string   // as typed
	alts       []string // index terms that match it exactly
	phrases    [][]string
	vec        glove.ID // the word's vector, glove.None for names and numbers
	weight     float64
	seen       bool // the corpus has one of alts
	name       bool // unseen, and shaped like a name: a sign the sources don't cover the question
	corrected  bool // matched only through a typo correction
	answerType bool
	required   bool // a follow-up's own word: a sentence without any of them is no answer
	speaker    bool // a name the question asks a statement of: matched anywhere in the passage
	pos        int  // position of the word in the question, stop words counted
	near       []neighbour
	// superseded: a number in a question that asks what holds now ("is it still 600k?"), the
	// value the asker last heard; 0 for none. Any number within a factor of two matches it.
	superseded float64
	// month: the word names a month ("in february", "the dec 2 meeting"), 0 for none; a sentence
	// of a document published in that month matches it too
	month time.Month
	// outlets: the outlet names the word is part of, with the words around it (markOutlets);
	// every sentence of their documents has the word
	outlets []*outletName
}

// question is a question after analysis.
type question struct {
	text string
	asks
	fresh  bool // asks for the newest state of things
	now    bool // asks what holds now in so many words ("still", "now", "latest"): the search looks further (freshPassages)
	groups []group
	asked  map[string]bool // the question's words as typed (lower case) and their terms; askPerson only
}

// asks is the kind of fact a question asks for, as plainly and as finely as it asks it: what a
// follow-up that asks no kind of its own takes from the question before.
type asks struct {
	kind  questionKind
	plain bool // the frame states the kind plainly: a confident reply must hold that kind of fact
	day   bool // a date question that asks for the day ("what day", "which date"): a year alone is no answer
	long  bool // "how long", "how much time", "how many days": a span of time (or a length) answers it, a count does not
}

// wordSet lists the question's words, lower-cased as typed and as analysed terms, so that a name
// in a sentence can be checked against what was asked.
func (q question) wordSet() map[string]bool {
	set := map[string]bool{}
	for _, g := range q.groups {
		set[surface(strings.Trim(g.word, ".,;:?!'’\"“”()"))] = true
		for _, a := range g.alts {
			set[a] = true
		}
	}
	return set
}

// cleanQuestion removes what cannot be searched: control and format characters (zero-width spaces,
// bidi marks), and folds runs of white space. It never errors.
func cleanQuestion(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ")
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == '\u00a0' || r == '\u202f' || r == '\u2009' {
			b.WriteRune(r) // digit-group separators: "600 000"
			space = false
			continue
		}
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.IsSpace(r) {
			if !space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

// querySyntax is bleve query-string punctuation and other symbols: they separate words, never operate.
var querySyntax = strings.NewReplacer(`"`, " ", `~`, " ", `*`, " ", `+`, " ", `(`, " ", `)`, " ",
	`\`, " ", `^`, " ", `{`, " ", `}`, " ", `[`, " ", `]`, " ", `/`, " ", `|`, " ", `&`, " ", `!`, " ", `=`, " ", `<`, " ", `>`, " ", `?`, " ")

// parseQuestion analyses a cleaned question into weighted word groups.
func (e *engine) parseQuestion(text string) question {
	ft := foldText(text)
	now := nowQuestion.matchFolded(ft)
	q := question{text: text, fresh: now || freshQuestion.matchFolded(ft), now: now}
	switch {
	case numberQuestion.matchFolded(ft):
		q.kind = askNumber
	case orgQuestion.matchFolded(ft):
		q.kind = askOrg
	case (datePlain.matchFolded(ft) || dateQuestion.matchFolded(ft)) && !personQuestion.matchFolded(ft):
		q.kind = askDate
	case placeQuestion.matchFolded(ft):
		q.kind = askPlace
	case personQuestion.matchFolded(ft):
		q.kind = askPerson
	case reasonQuestion.matchFolded(ft):
		q.kind = askReason
	case statementQuestion.matchFolded(ft) && !documentSays.matchFolded(ft):
		q.kind = askStatement
	}
	q.day = q.kind == askDate && dayQuestion.matchFolded(ft)
	q.long = q.kind == askNumber && howLong.matchFolded(ft)
	// the kinds a confident reply must hold (see holdsKind): those the frame states plainly
	q.plain = q.kind == askNumber || q.kind == askPerson || q.kind == askStatement ||
		q.kind == askDate && datePlain.matchFolded(ft)
	plain := querySyntax.Replace(text)
	typeNoun := ""
	if m := answerTypeNoun.FindStringSubmatch(text); m != nil {
		typeNoun = strings.ToLower(m[2])
	}
	// "what's the deal with X", "what's up with X": chat for "tell me about X"
	if m := chatFrame.FindStringIndex(plain); m != nil {
		plain = strings.Repeat(" ", m[1]) + plain[m[1]:]
	}
	plain = blankMatches(blankMatches(blankMatches(plain, idiomFrame), chatOpener), presentIdiom)
	// "how large/big/long…" asks for a quantity: the adjective is the frame, not the topic
	if m := howAdjective.FindStringSubmatchIndex(plain); m != nil {
		plain = plain[:m[2]] + strings.Repeat(" ", m[3]-m[2]) + plain[m[3]:]
	}
	st := e.analyse(plain)
	seen := map[string]bool{}
	voc := e.vocab()
	// a hyphenated compound is one question word: its joined term, with its parts as an expansion
	parts, inCompound := compounds(st)
	for i, t := range st.terms {
		if inCompound[i] {
			continue
		}
		w := plain[st.spans[i].Start:st.spans[i].End]
		sw := surface(w)
		if t == "us" {
			t = "usa" // a question's "us" is the country far more often than the pronoun
		}
		if seen[t] || frameWords[sw] || frameWords[strings.ReplaceAll(sw, "'", "")] {
			continue
		}
		seen[t] = true
		g := group{word: w, alts: []string{t}, vec: st.vecs[i], pos: wordIndex(plain, st.spans[i].Start)}
		g.answerType = typeNoun != "" && sw == typeNoun
		g.month = monthNames[sw] // its other spellings come with the vocabulary's forms (weigh)
		for _, x := range voc.acronyms[t] {
			g.phrases = append(g.phrases, x)
		}
		if len(parts[i]) > 1 {
			g.phrases = append(g.phrases, parts[i])
		}
		q.groups = append(q.groups, g)
	}
	e.expandPhrases(&q, voc)
	if q.kind == askStatement {
		for i := range q.groups {
			// a name: capitalised where the corpus writes it, or no English word
			w := surface(q.groups[i].word)
			q.groups[i].speaker = q.groups[i].vec == glove.None || len(voc.names[skeleton(w)]) > 0 && e.vectors.Rarity(q.groups[i].vec) > 0.8
		}
	}
	setting := settingStart(plain)
	for i := range q.groups {
		e.weigh(&q.groups[i], i == 0 && q.groups[i].pos == 0, voc)
		if setting > 0 && q.groups[i].pos > setting {
			q.groups[i].weight *= settingShare
		}
	}
	// a typo corrected into a frame or stop word ("whcih") is no content word
	kept := q.groups[:0]
	for _, g := range q.groups {
		if len(g.alts) > 0 {
			kept = append(kept, g)
		}
	}
	q.groups = kept
	e.markOutlets(&q)
	if q.fresh {
		for i := range q.groups {
			if v, ok := numericValue(q.groups[i].alts[0]); ok && v > 0 {
				q.groups[i].superseded = v
			}
		}
	}
	return q
}

// compounds finds the hyphenated compounds among st's tokens, which the analyzer emits joined and
// split ("non-aggression": nonaggress, non, aggress): parts maps a joined token to its parts'
// terms, and inCompound marks each part.
func compounds(st sentenceTerms) (parts map[int][]string, inCompound map[int]bool) {
	parts, inCompound = map[int][]string{}, map[int]bool{}
	for i, sp := range st.spans {
		for j, other := range st.spans {
			if j != i && sp.Start <= other.Start && other.End <= sp.End && sp.End-sp.Start > other.End-other.Start {
				parts[i] = append(parts[i], st.terms[j])
				inCompound[j] = true
			}
		}
	}
	return parts, inCompound
}

// blankMatches blanks every match of re in s with spaces: the words are no question words, and
// the others keep their byte offsets.
func blankMatches(s string, re wordsRegexp) string {
	for _, m := range re.FindAllStringIndex(s, -1) {
		s = s[:m[0]] + strings.Repeat(" ", m[1]-m[0]) + s[m[1]:]
	}
	return s
}

// subordinators are the general-English temporal and circumstantial subordinators that open a
// clause setting the scene after the question proper ("…after the florida talks"); "now that" is
// the two-word one.
var subordinators = map[string]bool{"after": true, "since": true, "once": true, "following": true,
	"before": true, "while": true, "during": true, "when": true}

// settingStart is the position of the word (stop words counted, as wordIndex counts) that opens a
// scene-setting clause after the question's first word ("who leads the team now that yermak is
// out" → 5), -1 for none. A scan of the words, not a regular expression: this runs for every
// question, and the expression with its submatch cost 4 µs of an answer's 160.
func settingStart(s string) int {
	i, prev := 0, ""
	for f := range strings.FieldsSeq(s) {
		w := surface(strings.Trim(f, ".,;:?!'’\"“”()"))
		if i > 0 && subordinators[w] {
			return i
		}
		if i > 1 && prev == "now" && w == "that" {
			return i - 1
		}
		prev = w
		i++
	}
	return -1
}

// wordIndex is the position of the word starting at byte at, counting every word of s before it.
// strings.FieldsSeq splits as strings.Fields does, without a slice of the prefix's words.
func wordIndex(s string, at int) int {
	n := 0
	for range strings.FieldsSeq(s[:at]) {
		n++
	}
	return n
}

// expandPhrases gives consecutive question words that spell out a known acronym ("prime
// minister", "group of eight") that acronym as an alternative match. Only the expansions that
// start with a question word can match; they are tried in the order of all expansions, the order
// in which the acronyms join the words' alternatives.
func (e *engine) expandPhrases(q *question, voc *vocabulary) {
	var candidates []expansion
	for gi, g := range q.groups {
		if !slices.ContainsFunc(q.groups[:gi], func(h group) bool { return h.alts[0] == g.alts[0] }) {
			candidates = append(candidates, voc.byFirst[g.alts[0]]...)
		}
	}
	slices.SortFunc(candidates, func(a, b expansion) int { return a.rank - b.rank })
	for _, c := range candidates {
		x, acr := c.terms, c.acr
		for i := 0; i+len(x) <= len(q.groups); i++ {
			ok := true
			for k := range x {
				if q.groups[i+k].alts[0] != x[k] {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			for k := range x {
				if !containsString(q.groups[i+k].alts, acr) {
					q.groups[i+k].alts = append(q.groups[i+k].alts, acr)
				}
			}
		}
	}
}

// weigh sets a group's weight from its corpus IDF and its rarity in general English, and finds
// what a word the corpus lacks may stand for: a transliteration of a name the corpus has, a typo of
// a corpus word (never of a dictionary word), or nearest neighbours in the vector table.
func (e *engine) weigh(g *group, first bool, voc *vocabulary) {
	rarity := e.vectors.Rarity(g.vec)
	best := e.bestDF(g)
	sw := surface(strings.Trim(g.word, ".,;:?!'’\"“”()"))
	// other spellings of a name, also when the typed one is in the corpus too (Zelensky and
	// Zelenskyy both are); a common English word is never taken for a name
	if len(sw) >= 4 && !isNumeric(sw) && (best == 0 && g.vec == glove.None || rarity > nameRarity) {
		for _, alt := range voc.spellings(sw, best > 0) {
			if !containsString(g.alts, alt) {
				g.alts = append(g.alts, alt)
			}
		}
		best = e.bestDF(g)
	}
	// the other forms of an irregular verb: "leading" meets "led", "meeting" meets "met";
	// reporting verbs (say, said) are left alone, statement questions weigh them apart, and so
	// are the most frequent verbs (make, take, left), whose forms are light or mean other things
	for _, t := range voc.forms[g.alts[0]] {
		if g.vec >= lightVerbs && e.df[t] > 0 && !containsString(g.alts, t) && !voc.reporting[t] && !voc.reporting[g.alts[0]] {
			g.alts = append(g.alts, t)
			best = e.bestDF(g)
		}
	}
	// a word's negation by a prefix, or the word a negation negates: "constitutional" meets
	// "unconstitutional", when the question's word is the one the link was made for (negatedWords)
	for _, n := range voc.negations[g.alts[0]] {
		if g.vec != glove.None && e.df[n.term] > 0 && !containsString(g.alts, n.term) &&
			slices.ContainsFunc(n.words, func(id glove.ID) bool { return e.vectors.Cosine(g.vec, id) >= markCos }) {
			g.alts = append(g.alts, n.term)
			best = e.bestDF(g)
		}
	}
	if best == 0 && !isNumeric(g.alts[0]) {
		// a capitalised word in mid-question is a name: never "corrected" into a word (Starmer → starter)
		if g.vec == glove.None && !(startsUpper(g.word) && !first) {
			if c, stop := e.correct(sw); stop {
				g.alts = nil
				return
			} else if c != "" {
				g.alts = append(g.alts, c)
				g.corrected = true
				best = e.bestDF(g)
				if id := e.vectors.Lookup(c); id != glove.None {
					g.vec = id
				}
			}
		}
	}
	for _, x := range g.phrases {
		if df := e.df[x[len(x)-1]]; df > 0 && (best == 0 || df < best) {
			best = df
		}
	}
	if best == 0 {
		best = e.outletDF[g.alts[0]] // an outlet's name that only the documents' metadata holds
	}
	if best > 0 {
		g.seen = true
		g.weight = (weightFloor + (1-weightFloor)*e.idf(best)/e.maxIDF) * math.Pow(rarity, rarityPower)
	} else {
		g.weight = unseenWeight * math.Pow(rarity, rarityPower)
		g.near = voc.neighbours(e.vectors, g.vec, 3, neighbourCos)
		upper := startsUpper(g.word) && !first
		// A capitalised word the sources never use names someone or something they don't cover;
		// a lower-case one English doesn't know either may be a name or slang: it weighs fully.
		g.name = !isNumeric(g.alts[0]) && upper
		switch {
		case g.name || isNumeric(g.alts[0]):
			g.weight = 1.5 // a name or number the sources never mention decides
		case g.vec == glove.None && len(g.near) == 0 && utf8.RuneCountInString(sw) <= 3:
			g.weight = 0.2 // a short unknown word is chat shorthand or an abbreviation more often than a topic
		case g.vec == glove.None && len(g.near) == 0:
			g.weight = 1
		}
	}
	if g.answerType {
		g.weight *= answerTypeShare
	}
}

// bestDF is the smallest positive document frequency of a group's alternatives, 0 when the corpus
// has none of them.
func (e *engine) bestDF(g *group) int {
	best := 0
	for _, a := range g.alts {
		if df := e.df[a]; df > 0 && (best == 0 || df < best) {
			best = df
		}
	}
	return best
}

// centroid is the direction of the question's words (glove.Table.Centroid), each weighted as it
// counts in ranking, and the share of the question's weight it speaks for (its words without a
// vector, numbers and most names, are not in it); nil and 0 when no word has a vector.
func (q *question) centroid(t *glove.Table) ([]int8, float64) {
	ids := make([]glove.ID, len(q.groups))
	weights := make([]float64, len(q.groups))
	in, total := 0.0, 0.0
	for gi, g := range q.groups {
		ids[gi], weights[gi] = g.vec, g.weight
		total += g.weight
		if g.vec != glove.None {
			in += g.weight
		}
	}
	c := t.Centroid(ids, weights)
	if c == nil || total == 0 {
		return nil, 0
	}
	return c, in / total
}

// expanded is q with its words that the corpus has expanded by their nearest corpus words
// (vocabulary.seenNeighbours), for a second search when the first finds no confident answer: a
// passage that says "armed forces" for the asker's "army", and shares little else with the
// question, is then among the candidates ranking sees. New articles name things in their own
// words. Only then: every expansion costs bleve a term searcher per field, and expanding every
// question made an answer on the embedded corpus 7.1 times a bare match query instead of 5.6;
// it also moved confident answers, which it seldom mends. ok is false when no word expands.
func (e *engine) expanded(q question) (x question, ok bool) {
	voc := e.vocab()
	x = q
	x.groups = slices.Clone(q.groups)
	for gi := range x.groups {
		g := &x.groups[gi]
		if !g.seen || isNumeric(g.alts[0]) {
			continue
		}
		for _, n := range voc.seenNeighbours(e.vectors, g.vec) {
			if !containsString(g.alts, n.term) {
				g.near = append(slices.Clip(g.near), n)
				ok = true
			}
		}
	}
	return x, ok
}
