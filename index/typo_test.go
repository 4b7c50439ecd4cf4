package index

import (
	"testing"

	"github.com/planbot/planbot/index/internal/glove"
)

// TestLetterMaskBoundsEditDistance: the letter-mask bound typo correction prunes with never
// exceeds the edit distance, on pairs of frequent English words, near misses among them (one or
// two letters changed, added or dropped), and non-ASCII words.
func TestLetterMaskBoundsEditDistance(t *testing.T) {
	tb := glove.Load()
	var words []string
	for i := 0; i < 2000; i++ {
		words = append(words, tb.Word(glove.ID(i*7)))
	}
	words = append(words, "zelenskyy", "zelensky", "zelenskiy", "kyiv", "kiev", "київ", "straße", "strasse", "ǅemal", "dzemal")
	checked, tight := 0, 0
	check := func(a, b string) {
		d, bound := editDistance(a, b, 64), editsAtLeast(letterMask(a), letterMask(b))
		if bound > d {
			t.Fatalf("%q, %q: bound %d above edit distance %d", a, b, bound, d)
		}
		checked++
		if bound == d && d > 0 {
			tight++
		}
	}
	for i, a := range words {
		for j := i % 97; j < len(words); j += 97 {
			check(a, words[j])
		}
		if len(a) > 2 {
			check(a, a[1:])
			check(a, a[:1]+"x"+a[2:])
			check(a, a[:len(a)-1]+"qz")
			check(a, "j"+a)
		}
	}
	if tight == 0 {
		t.Fatalf("the bound was never tight in %d pairs: it prunes nothing", checked)
	}
}
