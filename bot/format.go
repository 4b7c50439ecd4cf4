package bot

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/bot/web"
	"github.com/planbot/planbot/index"
)

// highlight renders verbatim source text for Discord: each piece is escaped first, then the
// matched spans are wrapped in bold, so a bold marker can never be opened by the text itself.
// Spans that are out of range, overlap, or split a UTF-8 sequence are dropped or merged rather
// than trusted.
func highlight(text string, spans []index.Span) string {
	spans = cleanSpans(text, spans)
	var b strings.Builder
	b.Grow(len(text) + len(spans)*4 + 16)
	at := 0
	for _, sp := range spans {
		b.WriteString(escapeSource(text[at:sp.Start]))
		b.WriteString("**")
		b.WriteString(escapeSource(text[sp.Start:sp.End]))
		b.WriteString("**")
		at = sp.End
	}
	b.WriteString(escapeSource(text[at:]))
	return b.String()
}

// cleanSpans sorts spans, drops invalid ones and merges those that touch: "**a****b**" would
// render as literal asterisks.
func cleanSpans(text string, spans []index.Span) []index.Span {
	var out []index.Span
	for _, sp := range spans {
		if sp.Start < 0 || sp.End > len(text) || sp.Start >= sp.End ||
			!utf8.RuneStart(text[sp.Start]) || (sp.End < len(text) && !utf8.RuneStart(text[sp.End])) {
			continue
		}
		// Bold around leading or trailing space does not render: shrink to the word.
		for sp.Start < sp.End && text[sp.Start] == ' ' {
			sp.Start++
		}
		for sp.End > sp.Start && text[sp.End-1] == ' ' {
			sp.End--
		}
		if sp.Start < sp.End {
			out = append(out, sp)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	merged := out[:0]
	for _, sp := range out {
		if n := len(merged); n > 0 && sp.Start <= merged[n-1].End {
			merged[n-1].End = max(merged[n-1].End, sp.End)
			continue
		}
		merged = append(merged, sp)
	}
	return merged
}

// clipExcerpt shortens text to at most limit bytes at a sentence end, or else a word boundary,
// and keeps the spans that still fit. It never cuts inside a word, so a span is either whole or
// gone.
func clipExcerpt(text string, spans []index.Span, limit int) (string, []index.Span, bool) {
	if len(text) <= limit {
		return text, spans, false
	}
	cut := cutPoint(text, limit)
	var kept []index.Span
	for _, sp := range spans {
		if sp.End <= cut {
			kept = append(kept, sp)
		}
	}
	return strings.TrimRight(text[:cut], " "), kept, true
}

// shownExcerpt is an excerpt as a list line shows it: clipped to limit bytes by clipExcerpt, the
// kept spans bold, and " …" when it was cut.
func shownExcerpt(text string, spans []index.Span, limit int) string {
	text, spans, clipped := clipExcerpt(text, spans, limit)
	line := highlight(text, spans)
	if clipped {
		line += " …"
	}
	return line
}

// cutPoint is the last place at or before limit where text can be cut: after a sentence end, else
// at a space, else at a rune boundary.
func cutPoint(text string, limit int) int {
	if limit >= len(text) {
		return len(text)
	}
	window := text[:limit]
	best := -1
	for i := 0; i+1 < len(window); i++ {
		if (window[i] == '.' || window[i] == '?' || window[i] == '!') && (window[i+1] == ' ' || window[i+1] == '\n') {
			best = i + 1
		}
	}
	// A sentence end in the first third would throw most of the text away: prefer a word.
	if best > limit/3 {
		return best
	}
	if sp := strings.LastIndexAny(window, " \n"); sp > 0 {
		return sp
	}
	for limit > 0 && !utf8.RuneStart(text[limit]) {
		limit--
	}
	return limit
}

// citations numbers the documents a message cites, in order of first use.
type citations struct {
	order []index.Citation // each cited document, in order of first use
	num   map[string]int
	// publicURL is where the web pages are (bot/web), "" for none: a source with no link of its
	// own then links to its page there.
	publicURL string
}

func (c *citations) cite(e index.Citation) int {
	if c.num == nil {
		c.num = map[string]int{}
	}
	if n, ok := c.num[e.DocID]; ok {
		return n
	}
	c.order = append(c.order, e)
	c.num[e.DocID] = len(c.order)
	return len(c.order)
}

// fields lists the cited sources, one embed field each: "[1] Title" and outlet, date, link.
func (c *citations) fields() []*discordgo.MessageEmbedField {
	var out []*discordgo.MessageEmbedField
	for i, e := range c.order {
		out = append(out, &discordgo.MessageEmbedField{
			Name:  clipText(fmt.Sprintf("[%d] %s", i+1, escapeSource(orUntitled(e.Title))), maxFieldName),
			Value: c.sourceValue(e),
		})
	}
	return out
}

// sourceValue is a cited source's field: sourceLine, or when the document has no address of its
// own and the web pages are published, sourceLine and a link to its page there.
func (c *citations) sourceValue(e index.Citation) string {
	if linkable(e.URL) || c.publicURL == "" {
		return sourceLine(e.Outlet, e.Published, e.Retrieved, e.URL)
	}
	line := sourceLine(e.Outlet, e.Published, e.Retrieved, "")
	if page := web.PassageURL(c.publicURL, e.DocID, ""); linkable(page) && len(page) < 500 {
		line += "\n[read the document](" + page + ")"
	}
	return line
}

// sourceLine is the citation detail: outlet (or that it is not named), date — the day it was
// fetched, said as such, when the page gave none — and link when known.
func sourceLine(outlet, published, retrieved, url string) string {
	parts := []string{"outlet not named"}
	if outlet != "" {
		parts[0] = escapeSource(outlet)
	}
	if d := displayDate(published); d != "" {
		parts = append(parts, d)
	} else if d := displayDate(retrieved); d != "" {
		parts = append(parts, "fetched "+d)
	}
	line := strings.Join(parts, " · ")
	if linkable(url) && len(url) < 500 {
		line += "\n" + url
	}
	return line
}

func orUntitled(title string) string {
	if strings.TrimSpace(title) == "" {
		return "Untitled document"
	}
	return title
}

// displayDate turns YYYY-MM-DD into "21 Nov 2025"; anything else is shown as it is, escaped.
func displayDate(published string) string {
	if published == "" {
		return ""
	}
	if t, err := time.Parse("2006-01-02", published); err == nil {
		return t.Format("2 Jan 2006")
	}
	return escapeSource(published)
}

// quote renders an excerpt as a block quote followed by its citation, "[label]", and a link to it
// in context when link is not "".
func quote(text string, spans []index.Span, label, link string) string {
	q := blockquote(highlight(text, spans)) + " [" + label + "]"
	if linkable(link) {
		q += " · [context](" + link + ")"
	}
	return q
}

// blockquote quotes every line of markdown text.
func blockquote(md string) string {
	return "> " + strings.ReplaceAll(md, "\n", "\n> ")
}

// codeID shows a document id in a code span; ids are [a-z0-9-], but a hand-written file may say
// anything, and a backtick would end the span.
func codeID(id string) string {
	return "`" + strings.ReplaceAll(id, "`", "") + "`"
}

// linkable reports whether a document's url can be shown as a link: a space or line break in it
// would end the link early.
func linkable(url string) bool {
	return url != "" && !strings.ContainsAny(url, " \n")
}
