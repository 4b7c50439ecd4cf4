package corpus

import (
	"strings"
	"unicode"
)

// StripInvisible removes control characters (ESC, BEL… which a terminal obeys) and format
// characters (bidi overrides such as U+202E, which can make a citation title read backwards,
// zero-width spaces, soft hyphens, the BOM) from s. It keeps whitespace, turns the Unicode line
// and paragraph separators into spaces, and keeps the zero-width joiner and non-joiner, which
// some scripts and emoji need and which reorder nothing.
func StripInvisible(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\u200c' || r == '\u200d':
			return r
		case r == '\u2028' || r == '\u2029':
			return ' '
		case unicode.IsControl(r):
			if unicode.IsSpace(r) {
				return r
			}
			return -1
		case unicode.Is(unicode.Cf, r):
			return -1
		}
		return r
	}, s)
}
