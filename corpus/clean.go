package corpus

import (
	"regexp"
	"strings"
	"unicode"
)

// blockKind says what a line of the body is after cleaning.
type blockKind int

const (
	blockParagraph blockKind = iota
	blockHeading
	blockItem  // a "- " list item
	blockBreak // dropped chrome: passages never span it
)

// block is one line of the body that survived cleaning; Start and End exclude any leading marker
// ("[edit]", "- ") and trailing white space.
type block struct {
	kind       blockKind
	start, end int
}

// Chrome rules. They look at the shape of a line, not at any one site's wording, so the next article
// a moderator adds is cleaned the same way.
var (
	// Lines that are never text: social prompts, "Also Read" teasers, comment boxes, tag lists.
	chromeLine = regexp.MustCompile(`(?i)^(also read|read also|read more|related( articles| stories| posts)?|recommended|you may also like|more from|follow (us|our)\b|subscribe\b|sign up\b|join (our|the) .*(list|newsletter|channel)|share (this|on)\b|click here|leave a (reply|comment)|tags?:?$|advertisement$|image:|photo:|credit:|\[[^\]]*\]$)`)
	// Wikipedia-style maintenance notices.
	noticeLine = regexp.MustCompile(`(?i)(nominated (this|the) article for deletion|this article (needs|has multiple issues|may )|please help improve this article|this section (needs|is empty))`)
	// Headings after which the rest of the text is apparatus or promotion, not article.
	terminalHeading = regexp.MustCompile(`(?i)^(references|notes|sources|citations|further reading|external links|see also|bibliography|related (articles|stories|posts|coverage)|connect with the author|about the author|more from the author|free chapter|comments|tags|leave a reply)\s*:?$`)
	// A URL slug left by a scraper: one lower-case word of dashes and digits.
	slugLine = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+){3,}$`)
	// A table row, as Markdown or a flattened infobox.
	tableLine = regexp.MustCompile(`^\|`)
	// Leading markers: an "[edit]" link glued to the text, list bullets.
	editMark   = regexp.MustCompile(`^\[edit\]\s*`)
	bulletMark = regexp.MustCompile(`^([-*•]|\d{1,2}[.)])\s+`)
)

// byline is a credit line: "By Jane Doe", "By Jane Doe and John Roe, Reuters".
var byline = regexp.MustCompile(`^(By|Written by|Reporting by|Photo by) [A-Z][\pL.'’-]+( [A-Z][\pL.'’-]+){0,3}((,| and) .{0,60})?$`)

// clean splits body into lines and classifies them. The title line (repeated at the top of most
// scraped articles) is a heading; promotion, bylines and a line that is only the outlet's name
// (a photo credit) are breaks.
func clean(body, outlet string) []block {
	var blocks []block
	pos := 0
	cut := false
	for pos <= len(body) && !cut {
		nl := strings.IndexByte(body[pos:], '\n')
		end := len(body)
		if nl >= 0 {
			end = pos + nl
		}
		start := pos
		pos = end + 1
		// Trim white space on both sides of the line, keeping offsets into body.
		for start < end && isSpaceByte(body[start]) {
			start++
		}
		for end > start && isSpaceByte(body[end-1]) {
			end--
		}
		if start == end {
			if nl < 0 {
				break
			}
			continue
		}
		kind := blockParagraph
		if m := editMark.FindStringIndex(body[start:end]); m != nil {
			start += m[1]
			if start == end {
				continue
			}
		}
		line := body[start:end]
		if m := bulletMark.FindStringIndex(line); m != nil {
			start += m[1]
			line = body[start:end]
			kind = blockItem
		}
		switch {
		case terminalHeading.MatchString(line):
			cut = true
			continue
		case chromeLine.MatchString(line), noticeLine.MatchString(line), slugLine.MatchString(line),
			tableLine.MatchString(line), isShouting(line), byline.MatchString(line),
			outlet != "" && strings.EqualFold(line, outlet):
			blocks = append(blocks, block{kind: blockBreak, start: start, end: end})
			continue
		}
		if kind == blockParagraph && looksLikeHeading(line) {
			kind = blockHeading
		}
		blocks = append(blocks, block{kind: kind, start: start, end: end})
		if nl < 0 {
			break
		}
	}
	return blocks
}

// looksLikeHeading: short, no closing punctuation, starts with a capital or digit.
func looksLikeHeading(line string) bool {
	if len(line) > 160 {
		return false
	}
	last := []rune(strings.TrimRight(line, " "))
	r := last[len(last)-1]
	if strings.ContainsRune(".!?:;,”\"’)]", r) {
		return false
	}
	first := []rune(line)[0]
	return unicode.IsUpper(first) || unicode.IsDigit(first)
}

// isShouting catches navigation such as "HOME | WORLD | UKRAINE" or "SUBSCRIBE".
func isShouting(line string) bool {
	letters, upper := 0, 0
	for _, r := range line {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters >= 4 && upper == letters && len(line) < 80
}

func isSpaceByte(b byte) bool {
	return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '\f' || b == '\v'
}
