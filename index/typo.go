package index

import (
	"sort"
	"strings"
	"unicode"

	"github.com/planbot/planbot/corpus"
)

// correct finds the corpus word closest to an unknown one as typed, and returns its indexed term:
// one edit for short words, two for long ones, same first letter, the most frequent on a tie.
// Typos are corrected on surface words, not stems: "elctions" is one edit from "elections" but three
// from the stem "elect". It returns "" when nothing is close; it runs only for words the corpus lacks.
func (e *engine) correct(word string) string {
	word = strings.ToLower(strings.Trim(word, ".,;:?!'’\"“”()"))
	n := len([]rune(word))
	if n < 4 || isNumeric(word) {
		return ""
	}
	maxEdits := 1
	if n >= 7 {
		maxEdits = 2
	}
	best, bestDist, bestCount := "", maxEdits+1, 0
	for _, v := range e.words {
		if v.word[0] != word[0] {
			continue
		}
		if d := len(v.word) - len(word); d > maxEdits || -d > maxEdits {
			continue
		}
		d := editDistance(word, v.word, maxEdits)
		if d < bestDist || (d == bestDist && v.count > bestCount) {
			best, bestDist, bestCount = v.word, d, v.count
		}
	}
	if bestDist > maxEdits {
		return ""
	}
	terms := e.analyse(best).terms
	if len(terms) != 1 || e.df[terms[0]] == 0 {
		return ""
	}
	return terms[0]
}

// surfaceWord is a lower-cased word as written in the corpus, with how often it occurs.
type surfaceWord struct {
	word  string
	count int
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
		out = append(out, surfaceWord{w, c})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].word < out[j].word })
	return out
}

// editDistance is the Levenshtein distance of a and b in runes, or limit+1 once it must exceed limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
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
