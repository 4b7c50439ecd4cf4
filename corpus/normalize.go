package corpus

import (
	"strings"
	"unicode"
)

// NormalizeSentence folds a sentence so that copies of one text published by different outlets
// compare equal: runs of white space (no-break and other Unicode spaces included) become one
// space, curly quotes, primes and modifier apostrophes become ' or ", dashes and the minus sign
// become -, "…" becomes "...", zero-width characters and soft hyphens go, letters are lower-cased
// and the ends are trimmed. It is for comparison only: excerpts always show the verbatim text.
func NormalizeSentence(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case strings.ContainsRune("\u200b\u200c\u200d\u2060\ufeff\u00ad", r):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		switch {
		case strings.ContainsRune("‘’‚‛′ʼʻ`´", r):
			b.WriteByte('\'')
		case strings.ContainsRune("“”„‟″«»", r):
			b.WriteByte('"')
		case strings.ContainsRune("‐‑‒–—―−", r):
			b.WriteByte('-')
		case r == '…':
			b.WriteString("...")
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
