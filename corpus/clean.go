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

// Leading markers: an "[edit]" link glued to the text, list bullets, Markdown heading marks.
var (
	editMark    = regexp.MustCompile(`^\[edit\]\s*`)
	bulletMark  = regexp.MustCompile(`^([-*•]|\d{1,2}[.)])\s+`)
	headingMark = regexp.MustCompile(`^#{1,6}\s+`)
)

// Limits of the shapes the context rules look for, in words.
const (
	headingMaxWords    = 20 // a heading is a short line
	teaserMaxWords     = 20 // a teaser headline
	standfirstMaxWords = 30 // the one-sentence summary under a teaser headline
	captionMaxWords    = 50 // a caption before a credit line
	fragmentMinWords   = 6  // an unfinished last line this long is a cut-off sentence, not a label
)

// line is one non-empty line of the body, trimmed and without its leading marker.
type line struct {
	start, end int
	kind       blockKind // paragraph, item, or heading when marked up as one
	drop       DropKind  // "" while kept
	teaser     bool      // a related-content header alone on its line
}

// clean splits body into lines, drops chrome by its shape and classifies what is left. It returns
// the kept blocks (dropped lines and sentences become breaks, which passages never span) and what
// it dropped, in body order.
func clean(body, outlet string, titled *titleMatch) ([]block, []Dropped) {
	lines := splitLines(body)
	endMatter := len(lines)
	for i := range lines {
		l := &lines[i]
		text := body[l.start:l.end]
		if i < endMatter && terminalHeading.MatchString(text) {
			endMatter = i
		}
		if i >= endMatter {
			l.drop = DropEndMatter
			continue
		}
		l.drop, l.teaser = lineDrop(text, outlet)
	}
	dropTeasers(body, lines[:endMatter])
	dropCaptionsBeforeCredits(body, lines[:endMatter], outlet)
	markHeadings(body, lines[:endMatter], titled)

	last := -1 // the last kept paragraph: its last sentence may be cut off
	for i := range lines[:endMatter] {
		if lines[i].drop == "" && lines[i].kind != blockHeading {
			last = i
		}
	}
	if last >= 0 && lines[last].kind != blockParagraph {
		last = -1
	}
	var blocks []block
	var dropped []Dropped
	for i, l := range lines {
		if l.drop != "" {
			blocks = append(blocks, block{kind: blockBreak, start: l.start, end: l.end})
			dropped = append(dropped, Dropped{Kind: l.drop, Text: body[l.start:l.end], Start: l.start})
			continue
		}
		if l.kind != blockParagraph {
			blocks = append(blocks, block{kind: l.kind, start: l.start, end: l.end})
			continue
		}
		blocks, dropped = appendParagraph(blocks, dropped, body, l, i == last)
	}
	return blocks, dropped
}

// splitLines cuts body into its non-empty lines, trimmed, with "[edit]", bullet and "#" marks left
// out of the line's range.
func splitLines(body string) []line {
	var lines []line
	for pos := 0; pos < len(body); {
		start, end := pos, len(body)
		if nl := strings.IndexByte(body[pos:], '\n'); nl >= 0 {
			end = pos + nl
		}
		pos = end + 1
		for start < end && isSpaceByte(body[start]) {
			start++
		}
		for end > start && isSpaceByte(body[end-1]) {
			end--
		}
		l := line{start: start, end: end, kind: blockParagraph}
		if m := editMark.FindStringIndex(body[l.start:end]); m != nil {
			l.start += m[1]
		}
		if m := headingMark.FindStringIndex(body[l.start:end]); m != nil {
			l.start += m[1]
			l.kind = blockHeading
		} else if m := bulletMark.FindStringIndex(body[l.start:end]); m != nil {
			l.start += m[1]
			l.kind = blockItem
		}
		if l.start < end {
			lines = append(lines, l)
		}
	}
	return lines
}

// dropTeasers drops the block after a related-content header that stands alone: teaser headlines,
// each maybe followed by a one-sentence summary, and any chrome among them. The block ends at the
// first line of another shape.
func dropTeasers(body string, lines []line) {
	for i := range lines {
		if !lines[i].teaser {
			continue
		}
		headline := 0 // words of the plain-line headline just dropped; 0 after anything else
	block:
		for j := i + 1; j < len(lines) && !lines[j].teaser; j++ {
			l := &lines[j]
			text := body[l.start:l.end]
			words := countWords(text)
			switch {
			case l.drop != "":
				headline = 0
			case (!terminated(text) || l.kind == blockHeading) && words <= teaserMaxWords:
				l.drop, headline = DropRelated, words
				if l.kind == blockItem {
					headline = 0 // listed headlines come without summaries
				}
			case headline >= 4 && l.kind != blockItem && words <= standfirstMaxWords &&
				len(splitSentences(body, l.start, l.end)) == 1 && teaserOrEnd(body, lines[j+1:]):
				// A summary under a headline is followed by the next teaser or the end of the
				// block; article text resuming after the block is followed by more article text.
				l.drop, headline = DropRelated, 0
			default:
				break block
			}
		}
	}
}

// teaserOrEnd: the next line is a teaser headline, chrome, or there is none.
func teaserOrEnd(body string, rest []line) bool {
	if len(rest) == 0 || rest[0].drop != "" || rest[0].kind == blockHeading {
		return true
	}
	text := body[rest[0].start:rest[0].end]
	return !terminated(text) && countWords(text) <= teaserMaxWords
}

// dropCaptionsBeforeCredits drops a caption-shaped paragraph (short, ending with the date the
// picture was taken) directly before a line that is only a picture credit ("Reuters", "AFP via
// Getty Images"), when article text follows.
func dropCaptionsBeforeCredits(body string, lines []line, outlet string) {
	for i := 1; i+1 < len(lines); i++ {
		prev := &lines[i-1]
		if lines[i].drop == "" || !isCreditOnly(body[lines[i].start:lines[i].end], outlet) ||
			prev.drop != "" || prev.kind != blockParagraph {
			continue
		}
		text := body[prev.start:prev.end]
		if countWords(text) <= captionMaxWords && captionDate.MatchString(text) &&
			len(splitSentences(body, prev.start, prev.end)) <= 2 && keptAfter(lines, i) >= 0 {
			prev.drop = DropCaption
		}
	}
}

// markHeadings makes a heading of each line shaped like one (or marked up as one) that is followed
// by article text. Heading-shaped lines followed by no text are labels, menus or alt text, and are
// dropped; such a line at the very end, long enough to be a sentence, is a cut-off fragment. A
// line before the article's first text that repeats the document's title (titled; nil when it
// has none to compare with) is its headline however it ends ("Budanov: peace by winter
// ‘realistic’", "'Difficult but practical' — Russia describes day 2…"), no sentence of the
// article: it becomes a heading too.
func markHeadings(body string, lines []line, titled *titleMatch) {
	firstText := len(lines) // the first kept line of article text that is not the title
	for i, l := range lines {
		text := body[l.start:l.end]
		if l.drop == "" && (l.kind == blockItem || l.kind == blockParagraph && !looksLikeHeading(text) && !titled.is(text)) {
			firstText = i
			break
		}
	}
	for i := range lines {
		l := &lines[i]
		text := body[l.start:l.end]
		if l.drop != "" || l.kind == blockItem {
			continue
		}
		if l.kind == blockParagraph && !looksLikeHeading(text) {
			if i < firstText && firstText < len(lines) {
				l.kind = blockHeading // a kept paragraph before the first text repeats the title
			}
			continue
		}
		if kind, _ := sentenceDrop(text); kind != "" {
			l.drop = kind // a caption or credit is never a heading
			continue
		}
		if l.kind == blockParagraph && len(splitSentences(body, l.start, l.end)) > 1 {
			continue // sentences, maybe with a caption or a cut-off end: appendParagraph sorts them out
		}
		next := keptAfter(lines, i)
		switch {
		case next >= 0 && (lines[next].kind == blockItem ||
			lines[next].kind == blockParagraph && !looksLikeHeading(body[lines[next].start:lines[next].end])):
			l.kind = blockHeading
		case next < 0 && countWords(text) >= fragmentMinWords && l.kind == blockParagraph:
			l.drop = DropFragment
		default:
			l.drop = DropNavigation
		}
	}
}

// keptAfter is the index of the next kept line after i, or -1.
func keptAfter(lines []line, i int) int {
	for j := i + 1; j < len(lines); j++ {
		if lines[j].drop == "" {
			return j
		}
	}
	return -1
}

// appendParagraph adds a kept paragraph line. A line that may hold a caption or credit sentence is
// checked sentence by sentence, and so is the last paragraph, whose last sentence may be cut off;
// the sentences kept become runs between breaks.
func appendParagraph(blocks []block, dropped []Dropped, body string, l line, last bool) ([]block, []Dropped) {
	text := body[l.start:l.end]
	if !last && !mayHoldChrome(text) {
		return append(blocks, block{kind: blockParagraph, start: l.start, end: l.end}), dropped
	}
	sents := splitSentences(body, l.start, l.end)
	kinds := make([]DropKind, len(sents))
	for j, s := range sents {
		k, alone := sentenceDrop(s.Text)
		kinds[j] = k
		if alone && j > 0 {
			kinds[j-1] = DropCaption // the caption a bare credit follows
		}
	}
	if last && len(sents) > 0 && kinds[len(sents)-1] == "" && !terminated(sents[len(sents)-1].Text) {
		kinds[len(sents)-1] = DropFragment
	}
	runStart := -1
	for j, s := range sents {
		if kinds[j] == "" {
			if runStart < 0 {
				runStart = s.Start
			}
			if j == len(sents)-1 || kinds[j+1] != "" {
				blocks = append(blocks, block{kind: blockParagraph, start: runStart, end: s.End})
				runStart = -1
			}
			continue
		}
		blocks = append(blocks, block{kind: blockBreak, start: s.Start, end: s.End})
		dropped = append(dropped, Dropped{Kind: kinds[j], Text: s.Text, Start: s.Start})
	}
	return blocks, dropped
}

// terminated: the text ends as a sentence does, with a full stop, question or exclamation mark or
// ellipsis, maybe inside closing quotes or brackets, or with a closing curly quote.
func terminated(text string) bool {
	t := strings.TrimRight(text, " ")
	if strings.HasSuffix(t, "”") {
		return true
	}
	t = strings.TrimRight(t, `"’')]`)
	return strings.HasSuffix(t, ".") || strings.HasSuffix(t, "!") || strings.HasSuffix(t, "?") || strings.HasSuffix(t, "…")
}

// looksLikeHeading: short, no closing punctuation, starts with a capital or digit.
func looksLikeHeading(line string) bool {
	if len(line) > 160 || countWords(line) > headingMaxWords {
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

// SameTitle: line is the title, as pages repeat it: compared without regard to case, white space,
// invisible characters, quotation marks, the kind of dash and the spaces around it, an ellipsis,
// or a full stop, question or exclamation mark at the end. False when either is empty.
func SameTitle(line, title string) bool { return newTitleMatch(title).is(line) }

// titleMatch compares lines with one title (SameTitle), folded once; nil matches no line.
type titleMatch struct{ folded string }

// newTitleMatch: nil for a title that folds to nothing.
func newTitleMatch(title string) *titleMatch {
	if f := foldTitle(title); f != "" {
		return &titleMatch{f}
	}
	return nil
}

func (m *titleMatch) is(line string) bool {
	// most lines are decided by length without folding them: folding removes a few quotation
	// marks, spaces and invisible characters, never most of a line
	if m == nil || len(line) > 2*len(m.folded)+16 || 2*len(line)+16 < len(m.folded) {
		return false
	}
	return strings.EqualFold(foldTitle(line), m.folded) // case by Unicode's folding: σ, ς and Σ are one
}

// titleFold deletes quotation marks and ellipses and makes every dash a hyphen, for foldTitle.
var titleFold = strings.NewReplacer(
	`"`, "", "'", "", "‘", "", "’", "", "‚", "", "‛", "", "“", "", "”", "", "„", "", "‟", "",
	"«", "", "»", "", "‹", "", "›", "", "ʼ", "", "`", "",
	"…", "", "...", "",
	"–", "-", "—", "-", "‒", "-", "−", "-", "―", "-")

// foldTitle is s as SameTitle compares it, but for case, which strings.EqualFold leaves to
// Unicode's folding.
func foldTitle(s string) string {
	s = strings.Join(strings.Fields(titleFold.Replace(StripInvisible(s))), " ")
	s = strings.ReplaceAll(strings.ReplaceAll(s, " -", "-"), "- ", "-") // "Kyiv – a city", "Kyiv—a city"
	return strings.TrimRight(s, ".!? ")
}
