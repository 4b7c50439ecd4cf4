package index

// correct finds the indexed term closest to an unknown one: one edit for short words, two for long
// ones, same first letter, the most frequent on a tie. It returns "" when nothing is close; fuzzy
// matching is a fallback, so it runs only for words the corpus does not have.
func (e *engine) correct(term string) string {
	n := len([]rune(term))
	if n < 4 || isNumeric(term) {
		return ""
	}
	maxEdits := 1
	if n >= 7 {
		maxEdits = 2
	}
	best, bestDist, bestDF := "", maxEdits+1, 0
	for _, v := range e.vocab {
		if v == "" || v[0] != term[0] {
			continue
		}
		if d := len(v) - len(term); d > maxEdits || -d > maxEdits {
			continue
		}
		d := editDistance(term, v, maxEdits)
		if d < bestDist || (d == bestDist && e.df[v] > bestDF) {
			best, bestDist, bestDF = v, d, e.df[v]
		}
	}
	if bestDist > maxEdits {
		return ""
	}
	return best
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
