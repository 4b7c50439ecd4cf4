package bot

import (
	"strings"
	"unicode"
)

// zwsp is inserted after "@" and "<" so Discord no longer reads a mention; allowed_mentions
// already stops the ping, this also stops the highlighted @everyone and the rendered <@id>.
const zwsp = "\u200b"

// cleanInput strips what a user can hide in text: zero-width and other invisible format
// characters, control characters (except newline and tab), and surrounding space.
func cleanInput(s string) string {
	s = strings.ToValidUTF8(s, "")
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r == '\r':
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r), r == '\u2028', r == '\u2029':
			// Cf covers zero-width spaces and joiners, bidi overrides and the BOM.
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// neutralizeMentions breaks @everyone, @here and <@…>, <@&…>, <#…>, </…> so they show as text.
func neutralizeMentions(s string) string {
	if !strings.ContainsAny(s, "@<") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		b.WriteByte(c)
		switch c {
		case '@':
			b.WriteString(zwsp)
		case '<':
			if i+1 < len(s) && strings.IndexByte("@#/:a", s[i+1]) >= 0 {
				b.WriteString(zwsp)
			}
		}
	}
	return b.String()
}

// markdownSpecial are the characters Discord's markdown gives a meaning anywhere in a line.
const markdownSpecial = "\\*_~`|[]()"

// escapeMarkdown backslash-escapes Discord markdown so text shows literally: the inline markers
// everywhere, and headings, lists and quotes at the start of a line. Code fences lose their power
// with their backticks.
func escapeMarkdown(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	lineStart := true
	for _, r := range s {
		switch {
		case r < 128 && strings.ContainsRune(markdownSpecial, r):
			b.WriteByte('\\')
		case lineStart && (r == '#' || r == '>' || r == '-' || r == '+'):
			b.WriteByte('\\')
		}
		b.WriteRune(r)
		if r == '\n' {
			lineStart = true
		} else if r != ' ' && r != '\t' {
			lineStart = false
		}
	}
	return b.String()
}

// escapeUser makes user text safe to show where markdown renders (titles, descriptions).
func escapeUser(s string) string {
	return neutralizeMentions(escapeMarkdown(cleanInput(s)))
}

// escapeSource makes corpus text safe to show: it is verbatim from articles, so it may contain
// asterisks or an @handle, but it carries no hidden characters a user planted.
func escapeSource(s string) string {
	return neutralizeMentions(escapeMarkdown(s))
}

// plainUser makes user text safe where Discord shows it without markdown (embed footers, button
// labels): no backslashes, which would show; mentions still neutralised and fences defused.
func plainUser(s string) string {
	s = cleanInput(s)
	s = strings.ReplaceAll(s, "```", "ʼʼʼ")
	s = strings.Join(strings.Fields(s), " ")
	return neutralizeMentions(s)
}

// unplain undoes what plainUser added that would disturb a search (the zero-width spaces).
func unplain(s string) string { return strings.ReplaceAll(s, zwsp, "") }
