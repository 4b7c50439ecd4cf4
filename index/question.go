package index

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// questionKind is what sort of fact a question asks for; it steers sentence ranking.
type questionKind int

const (
	askAnything questionKind = iota
	askNumber
	askPerson
	askDate
	askPlace
	askStatement // what someone said or how they reacted: quotes and reporting verbs answer it
)

var (
	numberQuestion = regexp.MustCompile(`(?i)\bhow (many|much|large|big|small|long|far)\b|\b(number|size|amount|limit|cap|ceiling|maximum|minimum|percentage|share|toll)\b`)
	personQuestion = regexp.MustCompile(`(?i)^\s*(who|whom|whose)\b|\bwhich (official|person|leader|adviser|advisor|envoy|minister|president|general|people)\b|\bwho\b`)
	dateQuestion   = regexp.MustCompile(`(?i)^\s*when\b|\bwhat (date|day|time|month|year)\b|\bhow soon\b|\bwhich (date|day|month)\b`)
	placeQuestion  = regexp.MustCompile(`(?i)^\s*where\b|\b(which|what) (cities|city|countries|country|place|places|nations?|states)\b`)
	// the noun after "which"/"what" names the kind of answer, which the answer rarely repeats
	answerTypeNoun = regexp.MustCompile(`(?i)^\s*(which|what)\s+(\pL+)`)
	// "what does the plan say about…" asks for content, not for somebody's statement
	documentSays      = regexp.MustCompile(`(?i)\b(plan|draft|proposal|document|text|deal|agreement|framework|article|it|they|sources?)\s+(say|says|said|mention|mentions)\b`)
	statementQuestion = regexp.MustCompile(`(?i)\b(react|reacts|reacted|reaction|reactions|respond|responds|responded|response|say|says|said|think|thinks|thought|view|views|stance|position|comment|comments|commented|opinion|feel|feels)\b`)
)

// group is one word of the question with the terms that count as a match for it: the analysed word
// first, then concept synonyms and typo corrections.
type group struct {
	word       string // as typed
	alts       []string
	idf        float64 // weight of the group in coverage
	corrected  bool    // matched only through a typo correction
	answerType bool    // the noun after which/what: it names the kind of answer, weighs half
	required   bool    // a follow-up's own word: a sentence without any of them is no answer
	pos        int     // position of the word in the question, stop words counted
}

// question is a question after analysis.
type question struct {
	text   string
	kind   questionKind
	groups []group
	asked  map[string]bool // the question's words as typed (lower case) and their terms: see wordSet
}

// wordSet lists the question's words, lower-cased as typed and as analysed terms, so that a name
// in a sentence can be checked against what was asked.
func (q question) wordSet() map[string]bool {
	set := map[string]bool{}
	for _, g := range q.groups {
		set[strings.ToLower(strings.Trim(g.word, ".,;:?!'’\"“”()"))] = true
		for _, a := range g.alts {
			set[a] = true
		}
	}
	return set
}

// fillerWords carry no topic in a question ("What does the plan say about…"). Analysed at start-up.
var fillerWords = []string{"say", "says", "said", "tell", "happen", "happens", "happened", "would", "could",
	"will", "mention", "mentioned", "mentions", "according", "know", "large", "big", "many", "much",
	"please", "anything", "something", "thing", "things", "get", "gets", "give", "gives", "really",
	"exactly", "kind", "sort", "type", "way", "going", "go",
	// How a question asks, not what about: generic verbs and adjectives a source rarely repeats.
	"allow", "allowed", "allows", "able", "permitted", "possible", "possibly", "still", "become", "becomes",
	"let", "want", "wants", "need", "needs", "likely", "expected", "supposed", "keep", "remain", "stay",
	"mean", "means", "include", "includes", "involve", "involved", "contain", "contains", "take", "put",
	"make", "makes", "made", "use", "used", "role", "part", "main", "important", "new", "current",
	"currently", "now", "today", "actually", "official", "specific", "specifically", "detail", "details",
	"happen", "exist", "exists", "there", "like", "look", "looks", "write", "written", "anyone", "someone",
	"react", "reacts", "reacted", "reaction", "reactions", "respond", "responds", "responded", "response",
	"think", "thinks", "thought", "view", "views", "stance", "position", "comment", "comments", "commented",
	"opinion", "feel", "feels", "regarding", "concerning", "provision", "provisions", "point", "points",
	"might", "may", "must", "shall", "come", "comes", "came"}

// planWords are the corpus's theme: they match everywhere, so they weigh little in coverage but are
// not misses either.
var planWords = map[string]bool{"ukraine": true, "ukrainian": true, "plan": true, "peace": true, "draft": true}

// concepts expand a word a user may type into the words the sources use. Keys and values are plain
// words, analysed when the engine starts; a value with a space is several words that must all match.
var concepts = map[string][]string{
	"army":            {"military", "troops", "armed forces", "soldiers", "personnel", "forces"},
	"military":        {"army", "troops", "armed forces", "soldiers", "personnel"},
	"troops":          {"army", "military", "armed forces", "soldiers", "personnel"},
	"soldiers":        {"army", "military", "troops", "armed forces", "personnel"},
	"forces":          {"army", "military", "troops", "personnel"},
	"vote":            {"elections", "election", "referendum"},
	"votes":           {"elections", "election"},
	"election":        {"elections", "vote"},
	"elections":       {"election", "vote"},
	"counterproposal": {"counter-proposal", "counter proposal"},
	"nuclear":         {"IAEA", "ZNPP"},
	"znpp":            {"Zaporizhzhia nuclear power plant", "nuclear"},
	"rebuild":         {"reconstruction", "rebuilding", "development fund", "restoration"},
	"rebuilding":      {"reconstruction", "rebuild", "development fund"},
	"reconstruction":  {"rebuild", "development fund"},
	"pow":             {"prisoners", "prisoner exchange"},
	"pows":            {"prisoners", "prisoner exchange"},
	"prisoners":       {"prisoner", "detainees", "all for all"},
	"swap":            {"exchange", "exchanged"},
	"sanctions":       {"sanction", "lifting sanctions"},
	"relief":          {"lifting", "lift"},
	"eu":              {"European Union", "European"},
	"europe":          {"European", "Europeans", "EU"},
	"european":        {"Europe", "Europeans", "EU"},
	"europeans":       {"Europe", "European", "EU"},
	"drafted":         {"drawn up", "drafting", "authored", "developed", "created"},
	"wrote":           {"drafted", "drawn up", "authored"},
	"authored":        {"drafted", "drawn up"},
	"author":          {"drafted", "authored"},
	"land":            {"territory", "territories", "territorial"},
	"territory":       {"land", "territories", "territorial", "regions"},
	"regions":         {"territory", "territories", "region"},
	"guarantees":      {"guarantee", "security guarantees"},
	"join":            {"membership", "joining", "member"},
	"member":          {"membership", "join"},
	"membership":      {"join", "member"},
	"weapons":         {"weaponry", "arms", "capabilities", "strike"},
	"missiles":        {"long-range", "strike", "weapons"},
	"killed":          {"dead", "died", "deaths", "killing"},
	"dead":            {"killed", "died"},
	"talks":           {"negotiations", "discussions", "meet"},
	"negotiations":    {"talks", "discussions"},
	"language":        {"languages"},
	"church":          {"orthodox"},
	"russia":          {"russian", "moscow", "kremlin"},
	"russian":         {"russia", "moscow"},
	"kremlin":         {"moscow", "russia"},
	"washington":      {"usa", "united states"},
	"usa":             {"united states", "washington"},
	"america":         {"united states", "washington"},
	"treaties":        {"treaty"},
	"arms":            {"weapons", "nuclear"},
	"rejoin":          {"rejoining", "reintegrated"},
	"head":            {"chief", "leader"},
	"chief":           {"head"},
	"leader":          {"head", "chief", "led"},
	"led":             {"leader", "head"},
	"delegation":      {"team", "visit"},
	"offer":           {"proposal"},
	"adviser":         {"advisor"},
	"advisor":         {"adviser"},
	"agree":           {"agreed"},
	"chance":          {"opportunity", "possibility"},
	"met":             {"meeting", "meet", "talks"},
	"agreed":          {"agree"},
	"lines":           {"line"},
	"security":        {"guarantees"},
}

func init() {
	// A concept relation holds both ways: "killed" → "died" implies "died" → "killed".
	for k, vs := range concepts {
		for _, v := range vs {
			if strings.Contains(v, " ") || strings.EqualFold(v, k) {
				continue
			}
			lv := strings.ToLower(v)
			if !containsFold(concepts[lv], k) {
				concepts[lv] = append(concepts[lv], k)
			}
		}
	}
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
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
var querySyntax = strings.NewReplacer(`"`, " ", `:`, " ", `~`, " ", `*`, " ", `+`, " ", `(`, " ", `)`, " ",
	`\`, " ", `^`, " ", `{`, " ", `}`, " ", `[`, " ", `]`, " ", `/`, " ", `|`, " ", `&`, " ", `!`, " ", `=`, " ", `<`, " ", `>`, " ")

// parseQuestion analyses a cleaned question into weighted word groups.
func (e *engine) parseQuestion(text string) question {
	q := question{text: text}
	switch {
	case numberQuestion.MatchString(text):
		q.kind = askNumber
	case dateQuestion.MatchString(text):
		q.kind = askDate
	case placeQuestion.MatchString(text):
		q.kind = askPlace
	case personQuestion.MatchString(text):
		q.kind = askPerson
	case statementQuestion.MatchString(text) && !documentSays.MatchString(text):
		q.kind = askStatement
	}
	plain := querySyntax.Replace(text)
	// Keep "50:50" and "counter-proposal" searchable: the analyzer splits them like the index does.
	words := strings.Fields(plain)
	typeNoun := ""
	if m := answerTypeNoun.FindStringSubmatch(text); m != nil {
		typeNoun = m[2]
	}
	seenTerm := map[string]bool{}
	for wi, w := range words {
		st := e.analyse(w)
		lw := strings.ToLower(strings.Trim(w, ".,;?!'’"))
		for _, t := range st.terms {
			if t == "us" {
				t = "usa" // a question's "us" is the country far more often than the pronoun
			}
			if seenTerm[t] || e.isFiller(t) {
				continue
			}
			seenTerm[t] = true
			g := group{word: w, alts: []string{t}, pos: wi}
			for _, alt := range e.lex.concepts[lw] {
				if !containsFold(g.alts, alt) {
					g.alts = append(g.alts, alt)
				}
			}
			g.answerType = typeNoun != "" && strings.EqualFold(strings.Trim(w, "?.,!"), typeNoun)
			q.groups = append(q.groups, g)
		}
	}
	for i := range q.groups {
		e.weigh(&q.groups[i])
	}
	return q
}

// lexicon holds the analysed forms of the word lists above.
type lexicon struct {
	filler    map[string]bool
	plan      map[string]bool
	reporting map[string]bool // analysed reporting verbs: said, wrote, warned, …
	// concepts maps a lower-case word to the terms of its synonyms; a multi-word synonym counts
	// through its last (head) word.
	concepts map[string][]string
}

// reportingVerbs introduce what someone said; the word before them is the speaker.
var reportingVerbs = []string{"said", "says", "say", "wrote", "writes", "told", "tells", "stated", "states",
	"stressed", "warned", "argued", "noted", "insisted", "added", "emphasized", "emphasised", "urged",
	"called", "described", "welcomed", "rejected", "criticized", "criticised", "announced", "declared",
	"confirmed", "acknowledged", "claimed", "repeated", "reiterated", "maintained", "highlighted"}

func newLexicon(analyse func(string) sentenceTerms) lexicon {
	lx := lexicon{filler: map[string]bool{}, plan: map[string]bool{}, reporting: map[string]bool{},
		concepts: map[string][]string{}}
	for w, syns := range concepts {
		for _, c := range syns {
			if ct := analyse(c).terms; len(ct) > 0 {
				lx.concepts[w] = append(lx.concepts[w], ct[len(ct)-1])
			}
		}
	}
	for _, w := range reportingVerbs {
		for _, t := range analyse(w).terms {
			lx.reporting[t] = true
		}
	}
	for _, w := range fillerWords {
		for _, t := range analyse(w).terms {
			lx.filler[t] = true
		}
	}
	for w := range planWords {
		for _, t := range analyse(w).terms {
			lx.plan[t] = true
		}
	}
	return lx
}

func (e *engine) isFiller(t string) bool { return e.lex.filler[t] }

// weigh sets a group's idf: the rarest of its alternatives that the corpus has, a heavy miss when the
// corpus has none (a word the sources never use is strong evidence they don't answer the question),
// and a typo correction when one is close.
func (e *engine) weigh(g *group) {
	best := -1
	for _, a := range g.alts {
		if df := e.df[a]; df > 0 && (best < 0 || df < best) {
			best = df
		}
	}
	g.idf = e.baseIDF(g, best)
	if g.answerType {
		g.idf *= 0.5
	}
}

// baseIDF is a group's weight before the answer-type halving; it adds a typo correction to the
// group's terms when the corpus has none of them.
func (e *engine) baseIDF(g *group, best int) float64 {
	if best > 0 {
		if e.lex.plan[g.alts[0]] {
			return 0.3 * e.idf(best)
		}
		return e.idf(best)
	}
	if c := e.correct(g.word); c != "" {
		g.alts = append(g.alts, c)
		g.corrected = true
		return e.idf(e.df[c])
	}
	switch {
	case isNumeric(g.alts[0]):
		return e.maxIDF + 2
	case utf8.RuneCountInString(g.alts[0]) <= 3:
		return 1 // a short unknown word is more likely a typo or an abbreviation than a topic
	case startsUpper(g.word):
		// A name the sources never mention (a person, a country, an event) is the strongest sign
		// that they do not answer the question.
		return e.maxIDF + 1
	default:
		// An ordinary word they never use may be a paraphrase: a miss, but not a decisive one.
		return 0.6 * e.maxIDF
	}
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func isNumeric(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return s != ""
}
