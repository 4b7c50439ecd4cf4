package index

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// wordsRegexp is a regular expression with the words one of which every match must contain, so
// that a text holding none of them is turned away without running it: a question goes through a
// dozen case-insensitive frames of word alternatives (2 to 5 µs each, a tenth of an answer), and
// most questions hold none of a given frame's words. Exact: the words come from the expression's
// syntax tree, and the text is folded the way case-insensitive matching folds it (see foldASCII).
type wordsRegexp struct {
	*regexp.Regexp
	need []string // lower case; nil when the expression gives no such words: always run
}

func mustCompileWords(expr string) wordsRegexp {
	re := regexp.MustCompile(expr)
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		panic(err)
	}
	need, ok := requiredWords(tree.Simplify())
	if !ok {
		need = nil
	}
	return wordsRegexp{re, need}
}

// mayMatch is false when s holds none of the words every match needs.
func (r wordsRegexp) mayMatch(s string) bool {
	if r.need == nil {
		return true
	}
	f := foldASCII(s)
	for _, w := range r.need {
		if strings.Contains(f, w) {
			return true
		}
	}
	return false
}

func (r wordsRegexp) MatchString(s string) bool { return r.mayMatch(s) && r.Regexp.MatchString(s) }

func (r wordsRegexp) FindStringIndex(s string) []int {
	if !r.mayMatch(s) {
		return nil
	}
	return r.Regexp.FindStringIndex(s)
}

func (r wordsRegexp) FindStringSubmatch(s string) []string {
	if !r.mayMatch(s) {
		return nil
	}
	return r.Regexp.FindStringSubmatch(s)
}

func (r wordsRegexp) FindStringSubmatchIndex(s string) []int {
	if !r.mayMatch(s) {
		return nil
	}
	return r.Regexp.FindStringSubmatchIndex(s)
}

func (r wordsRegexp) FindAllStringIndex(s string, n int) [][]int {
	if !r.mayMatch(s) {
		return nil
	}
	return r.Regexp.FindAllStringIndex(s, n)
}

// requiredWords returns lower-case strings one of which every match of re contains, as written or
// case-folded; ok is false when re gives none (a class, an optional part, a non-ASCII literal).
func requiredWords(re *syntax.Regexp) (words []string, ok bool) {
	switch re.Op {
	case syntax.OpLiteral:
		w := string(re.Rune)
		for _, r := range w {
			if r >= 0x80 {
				return nil, false // folds beyond ASCII: left to the regexp
			}
		}
		return []string{strings.ToLower(w)}, true
	case syntax.OpCapture, syntax.OpPlus:
		return requiredWords(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredWords(re.Sub[0])
		}
	case syntax.OpConcat:
		// every part matches, so any part's words will do: take the most selective
		best, bestLen := []string(nil), 0
		for _, sub := range re.Sub {
			if w, ok := requiredWords(sub); ok && shortest(w) > bestLen {
				best, bestLen = w, shortest(w)
			}
		}
		return best, best != nil
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			w, ok := requiredWords(sub)
			if !ok {
				return nil, false
			}
			words = append(words, w...)
		}
		return words, true
	}
	return nil, false
}

func shortest(words []string) int {
	n := -1
	for _, w := range words {
		if n < 0 || len(w) < n {
			n = len(w)
		}
	}
	return n
}

// foldASCII lower-cases ASCII letters and maps the two non-ASCII letters that case-insensitive
// matching takes for ASCII ones (the Kelvin sign for k, the long s for s); everything else stays
// as it is, so an ASCII word that a case-insensitive expression matches in s is a substring of
// the result.
func foldASCII(s string) string {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'A' <= c && c <= 'Z',
			c == 0xe2 && strings.HasPrefix(s[i:], "\u212a"),
			c == 0xc5 && strings.HasPrefix(s[i:], "\u017f"):
			return foldRunes(s)
		}
	}
	return s // nothing to fold, the usual lower-case question: no copy
}

func foldRunes(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case 'A' <= r && r <= 'Z':
			return r + 'a' - 'A'
		case r == '\u212a': // Kelvin sign
			return 'k'
		case r == '\u017f': // long s
			return 's'
		}
		return r
	}, s)
}
