package index

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// TestFoldASCIIOrbits: the only non-ASCII letters that case-insensitive matching takes for ASCII
// ones are those foldRunes maps, each to the lower-case letter of its orbit.
func TestFoldASCIIOrbits(t *testing.T) {
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f < 0x80 {
				if got, want := foldRunes(string(r)), string(unicode.ToLower(f)); got != want {
					t.Errorf("%U folds with %q, foldRunes gives %q", r, f, got)
				}
				break
			}
		}
	}
}

// TestWordsRegexpNeverTurnsAwayAMatch: on every eval question, also in upper case and with the
// Kelvin sign and the long s for k and s, a question frame the regexp matches is never turned
// away by its words; and the words do turn most non-matching questions away.
func TestWordsRegexpNeverTurnsAwayAMatch(t *testing.T) {
	frames := map[string]wordsRegexp{"number": numberQuestion, "person": personQuestion, "org": orgQuestion,
		"date": dateQuestion, "place": placeQuestion, "chatOpener": chatOpener, "chatFrame": chatFrame,
		"reason": reasonQuestion, "how": howAdjective, "typeNoun": answerTypeNoun, "statement": statementQuestion,
		"documentSays": documentSays, "fresh": freshQuestion, "followUp": followUpStart}
	files, _ := filepath.Glob("../testdata/eval/*.jsonl")
	var texts []string
	for _, name := range files {
		for _, q := range questionFile(t, name) {
			texts = append(texts, q.Q, strings.ToUpper(q.Q),
				strings.NewReplacer("k", "\u212a", "s", "\u017f").Replace(q.Q),
				strings.NewReplacer("K", "\u212a", "S", "\u017f").Replace(strings.ToUpper(q.Q)))
		}
	}
	if len(texts) < 400 {
		t.Fatalf("%d questions: the eval sets are missing", len(texts))
	}
	for name, r := range frames {
		if r.need == nil {
			t.Errorf("%s: no words found, the frame always runs", name)
		}
		matched, turned := 0, 0
		for _, s := range texts {
			switch {
			case r.Regexp.MatchString(s):
				matched++
				if !r.mayMatch(s) {
					t.Errorf("%s matches %q but its words %q turn it away", name, s, r.need)
				}
			case !r.mayMatch(s):
				turned++
			}
		}
		if matched == 0 {
			t.Errorf("%s matches no question: the test checks nothing", name)
		}
		t.Logf("%s: %d of %d match, %d turned away without running", name, matched, len(texts), turned)
	}
}

// TestRequiredWords: what every match needs, on small expressions.
func TestRequiredWords(t *testing.T) {
	for _, c := range []struct {
		expr string
		want []string // nil: none
	}{
		{`(?i)\bhow (many|much)\b`, []string{"how many", "how much"}},
		{`(?i)\b(alpha|beta)\b`, []string{"alpha", "beta"}},
		{`(?i)^\s*(so\s+)?why\b`, []string{"why"}},
		{`(?i)\b(now|any ?more)\b`, []string{"now", "any more", "anymore"}},
		{`(?i)\borgani[sz]ation\b`, []string{"organisation", "organization"}},
		{`(?i)\b(which|what)( \pL+)? (city|cities)\b`, []string{" city", " cities"}}, // the longer run
		{`(?i)\b(now|(any)?)\b`, nil},                                                // one branch may match nothing
		{`[0-9]*`, nil},
		{`(?i)x?`, nil},
		{`Stra(ß|ss)e`, []string{"stra"}},
		{`(?i)ab+c`, []string{"a"}},
	} {
		r := mustCompileWords(c.expr)
		if strings.Join(r.need, "|") != strings.Join(c.want, "|") || (r.need == nil) != (c.want == nil) {
			t.Errorf("%s: words %q, want %q", c.expr, r.need, c.want)
		}
	}
}
