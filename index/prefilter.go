package index

import (
	"regexp"
	"regexp/syntax"
	"slices"
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
func (r wordsRegexp) mayMatch(s string) bool { return r.need == nil || r.mayMatchFolded(foldASCII(s)) }

// mayMatchFolded is mayMatch of a text given as foldASCII returns it.
func (r wordsRegexp) mayMatchFolded(f string) bool {
	if r.need == nil {
		return true
	}
	for _, w := range r.need {
		if strings.Contains(f, w) {
			return true
		}
	}
	return false
}

func (r wordsRegexp) MatchString(s string) bool { return r.mayMatch(s) && r.Regexp.MatchString(s) }

// matchFolded is MatchString(t.s): a text that goes through several expressions is folded once.
func (r wordsRegexp) matchFolded(t foldedText) bool {
	return r.mayMatchFolded(t.folded) && r.Regexp.MatchString(t.s)
}

// foldedText is a text with its foldASCII.
type foldedText struct{ s, folded string }

func foldText(s string) foldedText { return foldedText{s, foldASCII(s)} }

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
	if set, ok := exactSet(re); ok && !slices.Contains(set, "") {
		return set, true
	}
	switch re.Op {
	case syntax.OpCapture, syntax.OpPlus:
		return requiredWords(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredWords(re.Sub[0])
		}
	case syntax.OpConcat:
		// every part matches, so any part's words will do, and so will the strings that a run of
		// parts with finite languages spells together ("(which|what) (city|cities)"): take the
		// most selective
		var best []string
		better := func(w []string) {
			if len(w) == 0 || slices.Contains(w, "") {
				return
			}
			// the longest shortest string; on a tie the longest string: "(which|what) (president|man…)"
			// keeps the nouns, which fewer questions hold
			if best == nil || shortest(w) > shortest(best) || shortest(w) == shortest(best) && longest(w) > longest(best) {
				best = w
			}
		}
		run := []string{""}
		for _, sub := range re.Sub {
			if set, ok := exactSet(sub); ok && len(run)*len(set) <= maxExactSet {
				run = crossProduct(run, set)
				continue
			}
			better(run)
			run = []string{""}
			if w, ok := requiredWords(sub); ok {
				better(w)
			}
		}
		better(run)
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

// maxExactSet bounds the strings exactSet spells out.
const maxExactSet = 64

// exactSet is every string re matches, lower-cased and folded as foldASCII folds, when they are
// few (maxExactSet) and ASCII; ok is false otherwise. Zero-width assertions match "".
func exactSet(re *syntax.Regexp) (set []string, ok bool) {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return []string{""}, true
	case syntax.OpLiteral:
		w := string(re.Rune)
		for _, r := range w {
			if r >= 0x80 {
				return nil, false // folds beyond ASCII: left to the regexp
			}
		}
		return []string{strings.ToLower(w)}, true
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				f := foldRunes(string(r))
				if f[0] >= 0x80 || len(set) == maxExactSet {
					return nil, false
				}
				if !slices.Contains(set, f) {
					set = append(set, f)
				}
			}
		}
		return set, len(set) > 0
	case syntax.OpCapture:
		return exactSet(re.Sub[0])
	case syntax.OpQuest:
		if set, ok := exactSet(re.Sub[0]); ok && len(set) < maxExactSet {
			return append(set, ""), true
		}
	case syntax.OpConcat:
		set = []string{""}
		for _, sub := range re.Sub {
			s, ok := exactSet(sub)
			if !ok || len(set)*len(s) > maxExactSet {
				return nil, false
			}
			set = crossProduct(set, s)
		}
		return set, true
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			s, ok := exactSet(sub)
			if !ok || len(set)+len(s) > maxExactSet {
				return nil, false
			}
			set = append(set, s...)
		}
		return set, true
	}
	return nil, false
}

func crossProduct(a, b []string) []string {
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return out
}

func longest(words []string) int {
	n := 0
	for _, w := range words {
		n = max(n, len(w))
	}
	return n
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
