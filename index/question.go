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
)

var (
	numberQuestion = regexp.MustCompile(`(?i)\bhow (many|much|large|big|small|long|far)\b|\bnumber of\b|\bsize of\b|\bhow many\b`)
	personQuestion = regexp.MustCompile(`(?i)^\s*(who|whom|whose)\b|\bwhich (official|person|leader|adviser|advisor|envoy|minister|president|general|people)\b|\bwho\b`)
	dateQuestion   = regexp.MustCompile(`(?i)^\s*when\b|\bwhat (date|day|time|month|year)\b|\bhow soon\b|\bwhich (date|day|month)\b`)
	placeQuestion  = regexp.MustCompile(`(?i)^\s*where\b|\bin which (city|country|place)\b|\bwhat (city|country|place)\b`)
)

// group is one word of the question with the terms that count as a match for it: the analysed word
// first, then concept synonyms and typo corrections.
type group struct {
	word      string // as typed
	alts      []string
	idf       float64 // weight of the group in coverage
	seen      bool    // some alt occurs in the corpus
	corrected bool    // matched only through a typo correction
	pos       int     // position among the question's content words
}

// question is a question after analysis.
type question struct {
	text   string
	kind   questionKind
	groups []group
}

// fillerWords carry no topic in a question ("What does the plan say about…"). Analysed at start-up.
var fillerWords = []string{"say", "says", "said", "tell", "happen", "happens", "happened", "would", "could",
	"will", "mention", "mentioned", "mentions", "according", "know", "large", "big", "many", "much",
	"please", "anything", "something", "thing", "things", "get", "gets", "give", "gives", "really",
	"exactly", "kind", "sort", "type", "way", "going", "go"}

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
	"proposal":        {"counter-proposal", "plan"},
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
	"reaction":        {"reacted", "reacts", "response", "said", "ready", "honest"},
	"react":           {"reaction", "reacted", "reacts", "response"},
	"reacted":         {"reaction", "reacts", "response"},
	"respond":         {"response", "reaction", "said"},
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
	"agreed":          {"agree"},
	"lines":           {"line"},
	"security":        {"guarantees"},
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
	}
	plain := querySyntax.Replace(text)
	// Keep "50:50" and "counter-proposal" searchable: the analyzer splits them like the index does.
	words := strings.Fields(plain)
	seenTerm := map[string]bool{}
	for _, w := range words {
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
			g := group{word: w, alts: []string{t}, pos: len(q.groups)}
			for _, c := range concepts[lw] {
				ct := e.analyse(c).terms
				if len(ct) == 1 && ct[0] != t {
					g.alts = append(g.alts, ct[0])
				} else if len(ct) > 1 {
					// a multi-word concept counts through its last (head) word
					g.alts = append(g.alts, ct[len(ct)-1])
				}
			}
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
	filler map[string]bool
	plan   map[string]bool
}

func newLexicon(analyse func(string) sentenceTerms) lexicon {
	lx := lexicon{filler: map[string]bool{}, plan: map[string]bool{}}
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
	if best > 0 {
		g.seen = true
		g.idf = e.idf(best)
		if e.lex.plan[g.alts[0]] {
			g.idf *= 0.3
		}
		return
	}
	if c := e.correct(g.alts[0]); c != "" {
		g.alts = append(g.alts, c)
		g.seen, g.corrected = true, true
		g.idf = e.idf(e.df[c])
		return
	}
	g.idf = e.maxIDF + 1
	if isNumeric(g.alts[0]) {
		g.idf = e.maxIDF + 2
	}
}

func isNumeric(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return s != ""
}
