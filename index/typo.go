package index

import (
	"math/bits"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index/internal/glove"
)

// correct finds the word closest to an unknown one as typed: among the corpus's words, and among
// the most frequent words of English (so that "whcih" becomes "which", a word to drop, rather than
// a corpus word two edits away). One edit for short words, two for long ones, same first letter; on
// a tie a corpus word, then the more frequent. It returns the corrected word's index term, or stop
// when the correction is a word that carries no topic; "" when nothing is close. Only words the
// vector table lacks are corrected, so a dictionary word ("crimes") never turns into a name.
func (e *engine) correct(word string) (term string, stop bool) {
	n := utf8.RuneCountInString(word)
	if n < 4 || isNumeric(word) {
		return "", false
	}
	maxEdits := 1
	if n >= 7 {
		maxEdits = 2
	}
	best, bestDist, bestCount, fromCorpus := "", maxEdits+1, 0, false
	letters := letterMask(word)
	consider := func(w string, wLetters uint32, count int, corpusWord bool) {
		if w == "" || w[0] != word[0] {
			return
		}
		if d := len(w) - len(word); d > maxEdits || -d > maxEdits {
			return
		}
		if editsAtLeast(letters, wLetters) > bestDist {
			return // farther than the best so far: it could neither win nor tie
		}
		d := editDistance(word, w, maxEdits)
		if d < bestDist || d == bestDist && (corpusWord && !fromCorpus || corpusWord == fromCorpus && count > bestCount) {
			best, bestDist, bestCount, fromCorpus = w, d, count, corpusWord
		}
	}
	// only words with word's first letter can be considered: e.words is sorted, and the dictionary
	// is indexed by first byte, so the scan visits just those, in the same order as a full one
	from := sort.Search(len(e.words), func(i int) bool { return e.words[i].word >= word[:1] })
	for _, v := range e.words[from:] {
		if v.word[0] != word[0] {
			break
		}
		consider(v.word, v.letters, v.count, true)
	}
	dict := dictionaryByFirstByte(e.vectors)
	for k, i := range dict.ids[word[0]] {
		consider(e.vectors.Word(glove.ID(i)), dict.letters[word[0]][k], typoDictionary-int(i), false)
	}
	if bestDist > maxEdits {
		return "", false
	}
	if frameWords[best] {
		return "", true
	}
	terms := e.analyse(best).terms
	if len(terms) == 0 {
		return "", true
	}
	if len(terms) != 1 || e.df[terms[0]] == 0 {
		return "", false
	}
	return terms[0], false
}

// typoDictionary is how many of the most frequent English words typo correction considers.
const typoDictionary = 20000

var (
	dictionaryOnce  sync.Once
	dictionaryFirst firstByteDictionary
)

// firstByteDictionary is the typo dictionary by first byte: ids, each list in frequency order,
// and the letterMask of each word.
type firstByteDictionary struct {
	ids     [256][]int32
	letters [256][]uint32
}

// dictionaryByFirstByte lists the typoDictionary most frequent words of t by their first byte.
func dictionaryByFirstByte(t *glove.Table) *firstByteDictionary {
	dictionaryOnce.Do(func() {
		d := &dictionaryFirst
		for i := 0; i < min(t.Len(), typoDictionary); i++ {
			if w := t.Word(glove.ID(i)); w != "" {
				d.ids[w[0]] = append(d.ids[w[0]], int32(i))
				d.letters[w[0]] = append(d.letters[w[0]], letterMask(w))
			}
		}
	})
	return &dictionaryFirst
}

// letterMask has bit r&31 set for each rune r of w (letters a–z each have their own bit).
func letterMask(w string) uint32 {
	var m uint32
	for _, r := range w {
		m |= 1 << (r & 31)
	}
	return m
}

// editsAtLeast is a lower bound of the edit distance of two words from their letterMasks: each
// bit one word has and the other lacks is a rune of it that an edit must delete or replace, and
// an edit touches one rune of each word. (Runes sharing a bit only weaken the bound.) It spares
// typo correction most of its edit distances: few words of the right length and first letter
// are within two edits.
func editsAtLeast(a, b uint32) int {
	return max(bits.OnesCount32(a&^b), bits.OnesCount32(b&^a))
}

// surfaceWord is a lower-cased word as written in the corpus, with how often it occurs.
type surfaceWord struct {
	word    string
	count   int
	letters uint32 // letterMask(word)
}

// surfaceWords lists the corpus's words as written, for typo correction.
func surfaceWords(docs []corpus.Document) []surfaceWord {
	counts := map[string]int{}
	for _, d := range docs {
		for _, p := range d.Passages {
			for _, w := range strings.FieldsFunc(p.Text, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
				w = strings.ToLower(strings.Trim(w, "-"))
				if len(w) >= 3 {
					counts[w]++
				}
			}
		}
	}
	out := make([]surfaceWord, 0, len(counts))
	for w, c := range counts {
		out = append(out, surfaceWord{w, c, letterMask(w)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].word < out[j].word })
	return out
}

// editDistance is the Levenshtein distance of a and b in runes, or limit+1 once it must exceed limit.
// Words of up to 32 runes are compared in arrays on the stack: typo correction compares hundreds.
func editDistance(a, b string, limit int) int {
	var bufA, bufB [32]rune
	var rows [2][33]int
	ra, rb := appendRunes(bufA[:0], a), appendRunes(bufB[:0], b)
	prev, cur := rows[0][:0], rows[1][:0]
	if len(rb) >= len(rows[0]) {
		prev, cur = make([]int, 0, len(rb)+1), make([]int, 0, len(rb)+1)
	}
	prev, cur = prev[:len(rb)+1], cur[:len(rb)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// appendRunes appends the runes of s to buf, as []rune(s) would give them.
func appendRunes(buf []rune, s string) []rune {
	for _, r := range s {
		buf = append(buf, r)
	}
	return buf
}
