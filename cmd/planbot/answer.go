package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/planbot/planbot/bot/web"
	"github.com/planbot/planbot/index"
)

// jsonAnswer is one line of `ask --json`: the contract in README.md (Evaluating), plus keys a
// reader of that contract can ignore (reason, suggestions, passage, published, spans).
type jsonAnswer struct {
	Question    string        `json:"question"`
	Answered    bool          `json:"answered"`
	Confident   bool          `json:"confident"`
	Confidence  float64       `json:"confidence"`
	Reason      string        `json:"reason,omitempty"`
	Excerpts    []jsonExcerpt `json:"excerpts"`
	Suggestions []string      `json:"suggestions,omitempty"`
	TookMS      float64       `json:"took_ms"`
}

type jsonExcerpt struct {
	Text      string   `json:"text"`
	Doc       string   `json:"doc"`
	Title     string   `json:"title"`
	Outlet    string   `json:"outlet"`
	URL       string   `json:"url"`
	Score     float64  `json:"score"`
	Passage   string   `json:"passage,omitempty"`
	Published string   `json:"published,omitempty"`
	Retrieved string   `json:"retrieved,omitempty"` // the day the page was fetched, when it gave no date
	Also      []string `json:"also,omitempty"`      // ids of other documents holding the same text
	// Spans are the matched words of text as [start, end) offsets in Unicode code points
	// (characters, what Python's str and Go's []rune index), not UTF-8 bytes.
	Spans   [][2]int `json:"spans,omitempty"`
	Context string   `json:"context,omitempty"` // the passage on the web pages, with PUBLIC_URL
}

// toJSON is one line of ask --json; publicURL ("" for none) adds each excerpt's context link.
func toJSON(question string, a index.Answer, publicURL string) jsonAnswer {
	j := jsonAnswer{
		Question:    question,
		Answered:    a.Answered,
		Confident:   a.Confident,
		Confidence:  finite(a.Confidence),
		Reason:      a.Reason,
		Excerpts:    []jsonExcerpt{}, // [] rather than null when there are none
		Suggestions: a.Suggestions,
		TookMS:      float64(a.Took.Nanoseconds()/1000) / 1000, // milliseconds, to the microsecond
	}
	for _, e := range a.Excerpts {
		x := jsonExcerpt{Text: e.Text, Doc: e.DocID, Title: e.Title, Outlet: e.Outlet, URL: e.URL,
			Score: finite(e.Score), Passage: e.PassageID, Published: e.Published, Retrieved: e.Retrieved,
			Context: web.CitationURL(publicURL, e.DocID, e.PassageID, e.Text)}
		for _, c := range e.Also {
			x.Also = append(x.Also, c.DocID)
		}
		for _, s := range validSpans(e.Text, e.Spans) {
			start := utf8.RuneCountInString(e.Text[:s.Start])
			x.Spans = append(x.Spans, [2]int{start, start + utf8.RuneCountInString(e.Text[s.Start:s.End])})
		}
		j.Excerpts = append(j.Excerpts, x)
	}
	return j
}

// finite keeps NaN and infinities, which encoding/json refuses, out of the output.
func finite(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return math.Round(f*1000) / 1000
}

// reasonText says in plain words why a question got no answer.
func reasonText(reason string) string {
	switch reason {
	case index.ReasonEmpty:
		return "The question is empty."
	case index.ReasonTooLong:
		return fmt.Sprintf("The question is too long: at most %d characters.", index.MaxQuestion)
	case index.ReasonNoTerms:
		return "The question has no words to search for."
	}
	return "The sources don't answer this question."
}

// writeText renders an answer for a person: numbered excerpts with the matched words marked, then
// the sources they come from. With publicURL ("" for none) each excerpt is followed by its link in
// context on the web pages.
func writeText(b *strings.Builder, question string, a index.Answer, bold bool, publicURL string) {
	fmt.Fprintf(b, "Q: %s\n", terminalSafe(oneLine(question)))
	if !a.Answered || len(a.Excerpts) == 0 {
		b.WriteString(reasonText(a.Reason) + "\n")
		if len(a.Suggestions) > 0 {
			b.WriteString("You could ask:\n")
			for _, s := range a.Suggestions {
				fmt.Fprintf(b, "  - %s\n", terminalSafe(s))
			}
		}
		return
	}
	if !a.Confident {
		b.WriteString(tentativeText + "\n")
	}
	b.WriteString("\n")
	var sources []index.Citation
	ref := map[string]int{} // document id → source number
	cite := func(c index.Citation) int {
		n, ok := ref[c.DocID]
		if !ok {
			sources = append(sources, c)
			n = len(sources)
			ref[c.DocID] = n
		}
		return n
	}
	for i, e := range a.Excerpts {
		nums := []string{strconv.Itoa(cite(e.Citation))}
		for _, c := range e.Also {
			nums = append(nums, strconv.Itoa(cite(c)))
		}
		point := ""
		if e.Provision != nil {
			point = fmt.Sprintf(" (plan point %d)", e.Provision.Number)
		}
		fmt.Fprintf(b, "%d. %s [%s]%s\n", i+1, oneLine(mark(e.Text, e.Spans, bold)), strings.Join(nums, ", "), point)
		if link := web.CitationURL(publicURL, e.DocID, e.PassageID, e.Text); link != "" {
			fmt.Fprintf(b, "   context: %s\n", link)
		}
	}
	b.WriteString("\nSources:\n")
	for i, s := range sources {
		outlet := s.Outlet
		if outlet == "" {
			outlet = "outlet not named"
		}
		parts := []string{outlet}
		if s.Published != "" {
			parts = append(parts, s.Published)
		} else if s.Retrieved != "" {
			parts = append(parts, "fetched "+s.Retrieved)
		}
		if s.URL != "" {
			parts = append(parts, s.URL)
		}
		fmt.Fprintf(b, "[%d] %s — %s\n", i+1, terminalSafe(oneLine(s.Title)), terminalSafe(strings.Join(parts, ", ")))
	}
}

// tentativeText heads an answer whose excerpts are the closest the sources have, not a sure answer.
const tentativeText = "My sources may not answer this exactly; the closest they come:"

// terminalSafe shows control and format characters as escapes (\x1b, \u202e) instead of
// sending them to the terminal, which would obey ESC sequences and BEL, and reorder text for a
// bidi override. The corpus is text from the web: it may hold any of them.
func terminalSafe(s string) string {
	if !strings.ContainsFunc(s, invisible) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case invisible(r) && r <= 0xff:
			fmt.Fprintf(&b, "\\x%02x", r)
		case invisible(r):
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func invisible(r rune) bool {
	return (unicode.IsControl(r) && r != '\n' && r != '\t') || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029'
}

// mark wraps the matched words of text in ANSI bold or in **…**, the text itself made
// terminalSafe.
func mark(text string, spans []index.Span, bold bool) string {
	open, shut := "**", "**"
	if bold {
		open, shut = "\x1b[1m", "\x1b[0m"
	}
	var b strings.Builder
	at := 0
	for _, s := range validSpans(text, spans) {
		b.WriteString(terminalSafe(text[at:s.Start]))
		b.WriteString(open + terminalSafe(text[s.Start:s.End]) + shut)
		at = s.End
	}
	b.WriteString(terminalSafe(text[at:]))
	return b.String()
}

// validSpans drops spans that fall outside text, overlap or run backwards, so that a bad span
// from the engine costs a highlight, not a panic.
func validSpans(text string, spans []index.Span) []index.Span {
	var out []index.Span
	at := 0
	for _, s := range spans {
		if s.Start < at || s.End <= s.Start || s.End > len(text) {
			continue
		}
		out = append(out, s)
		at = s.End
	}
	return out
}
