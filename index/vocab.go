package index

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/planbot/planbot/index/internal/glove"
	"github.com/planbot/planbot/index/internal/irregular"
)

// vocabulary is what the engine knows about the corpus's words beyond the bleve index, computed
// once per index generation on first use.
type vocabulary struct {
	// words with a vector: their index term, id and unit vector (float32, contiguous) for the
	// nearest-neighbour scan that expands a question word the corpus lacks (neighbours), and one
	// it has when the first search answers only tentatively (seenNeighbours)
	terms []string
	ids   []glove.ID
	vecs  []float32
	probe *glove.Probe // the same words packed, for a quick exact bound before the float scan
	// names: transliteration skeleton → capitalised corpus words, as written and as index terms
	names map[string][]nameForm
	// acronyms: acronym term → the analysed terms of its expansion, from the documents' own
	// "Full Name (FN)" definitions and from commonAcronyms
	acronyms map[string][][]string
	// byFirst: every expansion of acronyms by its first term, each list ordered by acronym, then
	// as acronyms lists them (see expansion.rank), so that a question's expansions (and with them
	// the order of its query's clauses, and bleve's scores to the last digit) never depend on
	// map iteration order
	byFirst map[string][]expansion
	// reporting: the index terms of reportingVerbs
	reporting map[string]bool
	// forms: the index term of a form of an irregular verb or of a month's name → the terms of
	// its other forms (lead → led, led → lead, feb → february), which the stemmer cannot fold
	forms map[string][]string
	// negations: the index term of a word → its negations by a prefix and what they negate
	// (constitut → unconstitut, unconstitut → constitut), see negatedWords
	negations map[string][]negationLink
	// near caches seenNeighbours: glove.ID → []neighbour, for the life of the generation
	near sync.Map
}

// reportingVerbs introduce what someone said in English reporting; the word before them is the
// speaker.
var reportingVerbs = []string{"said", "says", "say", "wrote", "writes", "told", "tells", "stated", "states",
	"stressed", "warned", "argued", "noted", "insisted", "added", "emphasized", "urged", "called",
	"described", "welcomed", "rejected", "criticized", "announced", "declared", "confirmed",
	"acknowledged", "claimed", "repeated", "reiterated", "maintained", "highlighted", "reported",
	"emphasised", "criticised"}

// commonAcronyms are abbreviations of general English and of news writing, each with its
// expansion; acronyms a document defines itself are learned from it (see learnAcronyms).
var commonAcronyms = map[string][]string{
	"pm": {"prime minister"}, "un": {"united nations"}, "eu": {"european union"}, "uk": {"united kingdom"},
	"usa": {"united states"}, "nato": {"north atlantic treaty organization"}, "g7": {"group of seven"},
	"g8": {"group of eight"}, "g20": {"group of twenty"}, "unsc": {"united nations security council"},
	"pow": {"prisoner of war"}, "pows": {"prisoners of war"}, "mp": {"member of parliament"},
	"gdp": {"gross domestic product"}, "imf": {"international monetary fund"},
	"icc": {"international criminal court"}, "ceo": {"chief executive"},
	// outlets readers abbreviate
	"ft": {"financial times"}, "ap": {"associated press"}, "afp": {"agence france-presse"},
	"bbc": {"british broadcasting corporation"}, "nyt": {"new york times"}, "wsj": {"wall street journal"},
}

// capitalisedRun is a name of several capitalised words, joined by at most one small word.
var capitalisedRun = regexp.MustCompile(`[A-Z][\pL-]+(?:[ \t]+(?:(?:of|the|and|for|on)[ \t]+)?[A-Z][\pL-]+){2,5}`)

// definedAcronym is "Capitalised Words (CW)" as documents define an abbreviation.
var definedAcronym = regexp.MustCompile(`((?:[A-Z][\pL-]*[ \t]+(?:(?:of|the|and|for|on)[ \t]+)*){1,8})\(([A-Z][A-Za-z0-9]{1,7})\)`)

func (e *engine) vocab() *vocabulary {
	e.vocabOnce.Do(func() { e.vocabulary = e.buildVocabulary() })
	return e.vocabulary
}

func (e *engine) buildVocabulary() *vocabulary {
	v := &vocabulary{names: map[string][]nameForm{}, acronyms: map[string][][]string{}, reporting: map[string]bool{},
		forms: map[string][]string{}}
	for _, verb := range irregular.Verbs() {
		v.addForms(e.analysedTerms(verb))
	}
	// a month's name and its abbreviations ("feb", "february") are forms of one word too
	for _, names := range monthSpellings() {
		v.addForms(e.analysedTerms(names))
	}
	for _, w := range reportingVerbs {
		for _, t := range e.analyse(w).terms {
			v.reporting[t] = true
		}
	}
	// a name is written capitalised more often than not; a common word only at the start of a
	// sentence or in a title ("Media outlets reported")
	capitalised := map[string]int{}
	for _, d := range e.docs {
		for _, p := range d.Passages {
			for _, w := range strings.FieldsFunc(p.Text, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
				if startsUpper(w) {
					capitalised[strings.ToLower(strings.Trim(w, "-"))]++
				} else {
					capitalised[strings.Trim(w, "-")]--
				}
			}
		}
	}
	var negated negatedWords
	for _, w := range e.words {
		terms := e.analyse(w.word).terms
		if len(terms) != 1 {
			continue
		}
		negated.add(e, w.word, terms[0])
		id := e.vectors.Lookup(w.word)
		// a word the corpus mostly capitalises may be a name: short ones only when English lacks them
		if capitalised[w.word] > 0 && (id == glove.None || len(w.word) >= 4) {
			if k := skeleton(w.word); len(k) >= 2 {
				v.names[k] = append(v.names[k], nameForm{w.word, terms[0]})
			}
		}
		if id == glove.None {
			continue
		}
		vec := e.vectors.Vector(id)
		v.terms = append(v.terms, terms[0])
		v.ids = append(v.ids, id)
		v.vecs = append(v.vecs, vec...)
	}
	v.probe = e.vectors.NewProbe(v.ids)
	v.negations = negated.links()
	for k, exps := range commonAcronyms {
		for _, x := range exps {
			v.addAcronym(k, e.analyse(x).terms)
		}
	}
	for _, d := range e.docs {
		// a name of three capitalised words or more stands for its initials ("Zaporizhzhia Nuclear
		// Power Plant" for ZNPP) even where the document never writes them
		for _, run := range capitalisedRun.FindAllString(d.Body, -1) {
			var initials []rune
			var full []string
			for _, w := range strings.Fields(run) {
				if startsUpper(w) && !(len(full) == 0 && titleWords[w]) {
					initials = append(initials, unicode.ToLower([]rune(w)[0]))
					full = append(full, w)
				}
			}
			if len(initials) >= 3 {
				v.addAcronym(string(initials), e.analyse(strings.Join(full, " ")).terms)
			}
		}
		for _, m := range definedAcronym.FindAllStringSubmatch(d.Body, -1) {
			words, acr := strings.Fields(m[1]), m[2]
			var initials []rune
			var full []string
			for _, w := range words {
				if startsUpper(w) {
					initials = append(initials, []rune(w)[0])
					full = append(full, w)
				}
			}
			// the last len(acr) capitalised words whose initials spell the acronym
			letters := []rune(strings.ToUpper(strings.Map(func(r rune) rune {
				if unicode.IsLetter(r) {
					return r
				}
				return -1
			}, acr)))
			if len(letters) < 2 || len(letters) > len(initials) {
				continue
			}
			if string(initials[len(initials)-len(letters):]) != string(letters) {
				continue
			}
			phrase := strings.Join(full[len(full)-len(letters):], " ")
			if t := e.analyse(acr).terms; len(t) == 1 {
				v.addAcronym(t[0], e.analyse(phrase).terms)
			}
		}
	}
	v.byFirst = map[string][]expansion{}
	rank := 0
	for _, acr := range slices.Sorted(maps.Keys(v.acronyms)) {
		for _, x := range v.acronyms[acr] {
			v.byFirst[x[0]] = append(v.byFirst[x[0]], expansion{acr: acr, terms: x, rank: rank})
			rank++
		}
	}
	return v
}

// analysedTerms is the distinct index terms of words, in order.
func (e *engine) analysedTerms(words []string) []string {
	var terms []string
	for _, w := range words {
		for _, t := range e.analyse(w).terms {
			if !containsString(terms, t) {
				terms = append(terms, t)
			}
		}
	}
	return terms
}

// addForms records terms as forms of one word: each is a form of every other.
func (v *vocabulary) addForms(terms []string) {
	for _, t := range terms {
		for _, o := range terms {
			if o != t && !containsString(v.forms[t], o) {
				v.forms[t] = append(v.forms[t], o)
			}
		}
	}
}

// monthSpellings groups monthNames by month, January first, each group's names sorted.
func monthSpellings() [][]string {
	groups := make([][]string, 12)
	for name, m := range monthNames {
		groups[m-1] = append(groups[m-1], name)
	}
	for _, g := range groups {
		slices.Sort(g)
	}
	return groups
}

// expansion is one expansion of an acronym: its terms (two or more); rank orders all expansions
// by acronym (sorted), then as acronyms lists them.
type expansion struct {
	acr   string
	terms []string
	rank  int
}

func (v *vocabulary) addAcronym(acr string, terms []string) {
	if len(terms) < 2 {
		return
	}
	for _, x := range v.acronyms[acr] {
		if strings.Join(x, " ") == strings.Join(terms, " ") {
			return
		}
	}
	v.acronyms[acr] = append(v.acronyms[acr], terms)
}

// neighbours returns the corpus terms whose vectors are nearest a word's, most similar first, at
// most n of them with a cosine of at least minCos.
func (v *vocabulary) neighbours(t *glove.Table, id glove.ID, n int, minCos float32) []neighbour {
	if id == glove.None || len(v.ids) == 0 {
		return nil
	}
	q := t.Vector(id)
	dims := len(q)
	// the packed int8 cosines (four words a pass) differ from the float ones below by rounding
	// only, under 1e-5: a word more than neighbourMargin under minCos is skipped, unchanged
	buf, _ := neighbourScratch.Get().(*[]float32)
	if buf == nil {
		buf = new([]float32)
	}
	defer neighbourScratch.Put(buf)
	cos := slices.Grow((*buf)[:0], len(v.ids))[:len(v.ids)]
	*buf = cos
	v.probe.Cosines(id, cos)
	var out []neighbour
	for i := range v.ids {
		if cos[i] < minCos-neighbourMargin {
			continue
		}
		row := v.vecs[i*dims : (i+1)*dims]
		s := float32(0)
		for j, x := range q {
			s += x * row[j]
		}
		if s < minCos || v.ids[i] == id {
			continue
		}
		out = append(out, neighbour{v.terms[i], v.ids[i], s})
		for k := len(out) - 1; k > 0 && out[k].cos > out[k-1].cos; k-- {
			out[k], out[k-1] = out[k-1], out[k]
		}
		if len(out) > n {
			out = out[:n]
		}
	}
	return out
}

// seenNeighbours are the corpus words nearest the word id, at most seenNeighbourN at
// seenNeighbourCos or closer, best first: neighbours, computed once per word and generation, for
// a question word the corpus has (a scan of the corpus's words costs a sixth of an answer on the
// embedded corpus, and members ask with the same words over and over). Read-only for callers.
func (v *vocabulary) seenNeighbours(t *glove.Table, id glove.ID) []neighbour {
	if id == glove.None {
		return nil
	}
	if x, ok := v.near.Load(id); ok {
		return x.([]neighbour)
	}
	x, _ := v.near.LoadOrStore(id, v.neighbours(t, id, seenNeighbourN, seenNeighbourCos))
	return x.([]neighbour)
}

// nameForm is one spelling of a name in the corpus.
type nameForm struct{ word, term string }

// spellings returns the index terms of the corpus's spellings of the name w: every one with w's
// skeleton when the corpus lacks w itself, else only those a couple of letters from it
// (Zelensky, Zelenskyy), so a name's other forms (Ukraine, Ukrainian) are not taken for spellings.
// A word ending in "s" whose skeleton no name has is tried without it: "zelenskys office".
func (v *vocabulary) spellings(w string, known bool) []string {
	forms := v.names[skeleton(w)]
	if len(forms) == 0 && strings.HasSuffix(w, "s") {
		// a possessive typed without its apostrophe ("zelenskys office"), as members type
		w = w[:len(w)-1]
		forms = v.names[skeleton(w)]
	}
	var out []string
	for _, f := range forms {
		if known && editDistance(w, f.word, 2) > 2 {
			continue
		}
		if !containsString(out, f.term) {
			out = append(out, f.term)
		}
	}
	return out
}

// neighbourScratch holds neighbours' cosines with every corpus word (*[]float32): a few kB a call.
var neighbourScratch sync.Pool

// neighbourMargin is far wider than the rounding that separates the two cosines neighbours compares.
const neighbourMargin = 0.01

type neighbour struct {
	term string
	id   glove.ID
	cos  float32
}

// transliterationFold is skeleton's letter folding, built once (a Replacer is safe for concurrent use).
var transliterationFold = strings.NewReplacer("kh", "h", "zh", "z", "ph", "f", "ck", "k", "g", "h", "w", "v", "j", "y")

// skeleton reduces a name to the consonants that survive transliteration, so that Zelenskyy,
// Zelensky and Zelenskiy, Kyiv and Kiev, Luhansk and Lugansk, Kharkiv and Kharkov meet: lower
// case, kh→h, zh→z, g→h, w→v, ph→f, ck→k, j→y, then vowels (and y) dropped after the first letter
// and doubled letters collapsed.
func skeleton(w string) string {
	w = strings.ToLower(w)
	w = transliterationFold.Replace(w)
	var b []rune
	for i, r := range w {
		if !unicode.IsLetter(r) {
			continue
		}
		if i > 0 && strings.ContainsRune("aeiouy", r) {
			continue
		}
		if n := len(b); n > 0 && b[n-1] == r {
			continue
		}
		b = append(b, r)
	}
	return string(b)
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// negationPrefixes are English's negating prefixes ("unlikely", "nonbinding", "insufficient",
// "impossible", "illiterate", "irreversible", "disagree").
var negationPrefixes = []string{"un", "non", "in", "im", "il", "ir", "dis"}

// minNegated is the shortest word a prefix negates: under it, a prefix is mostly the start of
// another word (un-ion, in-n, dis-h).
const minNegated = 4

// negationCos is the cosine from which the vector table holds a word and the word its prefix
// negates to be one word's two senses. In the whole table, the 164 pairs from 0.6 up are negations
// or near kin (unable, unlikely, insufficient, impossible, unconstitutional at 0.63, unresolved
// at 0.60; immigrant and migrant), while just under it prefixes only look like negations: inside
// and side 0.598, intense and tense 0.575, unless and less 0.51. At 0.5 those cost three
// new-article answers.
const negationCos = 0.6

// negationLink is a word's negation by a prefix, or the word a negation negates: its index term,
// and the words of the corpus (their vectors) that the link joins to it from the other side.
type negationLink struct {
	term  string
	words []glove.ID
}

// negatedWords collects the corpus's negations by a prefix, to link them with what they negate
// once all of the corpus's words are seen (links). The link is made between the words, and a
// stemmer's term stands for several: "inconsistent" negates "consistent", and the term consist
// also stands for the verb "consist"; "informal" negates "formal", and the term inform also stands
// for "information". So a question's word meets the other side only when it is as close to the
// word the link was made for as a word is to itself in an excerpt (markCos: "constitution" and
// "constitutional" 0.79; "consist" and "consistent" 0.30), and a word meets the negations' side
// only when every corpus word of that term is a negation of the same word.
type negatedWords struct {
	pairs []negationPair
	words map[string]int // term → how many corpus words it stands for
}

// negationPair is a corpus word that negates another by a prefix: their terms and vectors
// ("unconstitutional": unconstitut; "constitutional": constitut).
type negationPair struct {
	term, baseTerm   string
	wordVec, baseVec glove.ID
}

// add records the corpus word w, whose index term is term, and its negation pair if it is one.
func (n *negatedWords) add(e *engine, w, term string) {
	if n.words == nil {
		n.words = map[string]int{}
	}
	n.words[term]++
	for _, pre := range negationPrefixes {
		base, ok := strings.CutPrefix(w, pre)
		if !ok || len(base) < minNegated {
			continue
		}
		iw, ib := e.vectors.Lookup(w), e.vectors.Lookup(base)
		if iw == glove.None || ib == glove.None || e.vectors.Cosine(iw, ib) < negationCos {
			continue
		}
		if bt := e.analyse(base).terms; len(bt) == 1 && bt[0] != term {
			n.pairs = append(n.pairs, negationPair{term, bt[0], iw, ib})
			return
		}
	}
}

// links are the negation links by the term a question's word has: from what is negated to its
// negations when every corpus word of the negation's term is one, and from a negation to what it
// negates.
func (n *negatedWords) links() map[string][]negationLink {
	type termPair struct{ term, baseTerm string }
	negating := map[termPair]int{} // how many corpus words of a term negate the same word
	for _, p := range n.pairs {
		negating[termPair{p.term, p.baseTerm}]++
	}
	out := map[string][]negationLink{}
	link := func(from, to string, id glove.ID) {
		k := slices.IndexFunc(out[from], func(l negationLink) bool { return l.term == to })
		if k < 0 {
			out[from] = append(out[from], negationLink{term: to})
			k = len(out[from]) - 1
		}
		if !slices.Contains(out[from][k].words, id) {
			out[from][k].words = append(out[from][k].words, id)
		}
	}
	for _, p := range n.pairs {
		link(p.term, p.baseTerm, p.wordVec)
		if negating[termPair{p.term, p.baseTerm}] == n.words[p.term] {
			link(p.baseTerm, p.term, p.baseVec)
		}
	}
	return out
}
