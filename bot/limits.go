package bot

import (
	"fmt"
	"strings"
	"unicode/utf16"

	"github.com/bwmarrin/discordgo"
)

// Discord's message limits (discordgo enforces none of them). Lengths are counted in UTF-16 code
// units, which is never fewer than Discord's count.
const (
	maxContent       = 2000
	maxEmbeds        = 10
	maxEmbedTitle    = 256
	maxEmbedDesc     = 4096
	maxFields        = 25
	maxFieldName     = 256
	maxFieldValue    = 1024
	maxFooter        = 2048
	maxEmbedsTotal   = 6000
	maxCustomID      = 100
	maxButtonLabel   = 80
	maxRows          = 5
	maxButtonsPerRow = 5
	maxChoices       = 25
	maxChoiceName    = 100
	maxChoiceValue   = 100
)

// ellipsis marks text that was trimmed.
const ellipsis = " …"

// textLen counts like Discord does at worst.
func textLen(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// message is one Discord message as the bot builds it, before it is sent as a response, edit,
// follow-up or channel message.
type message struct {
	Content    string
	Embeds     []*discordgo.MessageEmbed
	Components []discordgo.MessageComponent
}

// checkMessage lists every Discord limit m breaks; nil means Discord will accept it.
func checkMessage(m message) []string {
	var bad []string
	add := func(format string, a ...any) { bad = append(bad, fmt.Sprintf(format, a...)) }
	if n := textLen(m.Content); n > maxContent {
		add("content %d > %d", n, maxContent)
	}
	if m.Content == "" && len(m.Embeds) == 0 {
		add("empty message")
	}
	if len(m.Embeds) > maxEmbeds {
		add("%d embeds > %d", len(m.Embeds), maxEmbeds)
	}
	total := 0
	urls := map[string]bool{}
	for i, e := range m.Embeds {
		n := embedLen(e)
		total += n
		if n == 0 {
			add("embed %d is empty", i)
		}
		if l := textLen(e.Title); l > maxEmbedTitle {
			add("embed %d title %d > %d", i, l, maxEmbedTitle)
		}
		if l := textLen(e.Description); l > maxEmbedDesc {
			add("embed %d description %d > %d", i, l, maxEmbedDesc)
		}
		if len(e.Fields) > maxFields {
			add("embed %d has %d fields > %d", i, len(e.Fields), maxFields)
		}
		for j, f := range e.Fields {
			if l := textLen(f.Name); l > maxFieldName || l == 0 {
				add("embed %d field %d name length %d", i, j, l)
			}
			if l := textLen(f.Value); l > maxFieldValue || l == 0 {
				add("embed %d field %d value length %d", i, j, l)
			}
		}
		if e.Footer != nil {
			if l := textLen(e.Footer.Text); l > maxFooter {
				add("embed %d footer %d > %d", i, l, maxFooter)
			}
		}
		if e.URL != "" {
			if urls[e.URL] {
				add("embeds share the url %s (the client merges them)", e.URL)
			}
			urls[e.URL] = true
		}
	}
	if total > maxEmbedsTotal {
		add("embeds total %d > %d", total, maxEmbedsTotal)
	}
	bad = append(bad, checkComponents(m.Components)...)
	return bad
}

func checkComponents(rows []discordgo.MessageComponent) []string {
	var bad []string
	if len(rows) > maxRows {
		bad = append(bad, fmt.Sprintf("%d rows > %d", len(rows), maxRows))
	}
	ids := map[string]bool{}
	for _, c := range rows {
		row, ok := c.(discordgo.ActionsRow)
		if !ok {
			bad = append(bad, "top-level component is not an action row")
			continue
		}
		if len(row.Components) > maxButtonsPerRow {
			bad = append(bad, fmt.Sprintf("row has %d buttons > %d", len(row.Components), maxButtonsPerRow))
		}
		for _, c := range row.Components {
			btn, ok := c.(discordgo.Button)
			if !ok {
				continue
			}
			if len(btn.CustomID) > maxCustomID {
				bad = append(bad, fmt.Sprintf("custom_id %q longer than %d", btn.CustomID, maxCustomID))
			}
			if btn.CustomID != "" && ids[btn.CustomID] {
				bad = append(bad, fmt.Sprintf("custom_id %q used twice", btn.CustomID))
			}
			ids[btn.CustomID] = true
			if textLen(btn.Label) > maxButtonLabel {
				bad = append(bad, fmt.Sprintf("button label %q too long", btn.Label))
			}
		}
	}
	return bad
}

// embedLen is what counts toward the 6000 characters of a message's embeds.
func embedLen(e *discordgo.MessageEmbed) int {
	n := textLen(e.Title) + textLen(e.Description)
	for _, f := range e.Fields {
		n += textLen(f.Name) + textLen(f.Value)
	}
	if e.Footer != nil {
		n += textLen(e.Footer.Text)
	}
	if e.Author != nil {
		n += textLen(e.Author.Name)
	}
	return n
}

// fitMessage trims m in place until it is within Discord's limits, at sentence or word
// boundaries and never inside a markdown span: the last fields and embeds go first, then long
// texts are shortened. It reports whether it changed anything.
func fitMessage(m *message) bool {
	changed := false
	if textLen(m.Content) > maxContent {
		m.Content = clipText(m.Content, maxContent)
		changed = true
	}
	if len(m.Embeds) > maxEmbeds {
		m.Embeds = m.Embeds[:maxEmbeds]
		changed = true
	}
	seen := map[string]bool{}
	for _, e := range m.Embeds {
		if e.URL != "" {
			if seen[e.URL] {
				e.URL = "" // a second embed with the same url would be merged into the first
				changed = true
			}
			seen[e.URL] = true
		}
		changed = clipInto(&e.Title, maxEmbedTitle) || changed
		changed = clipInto(&e.Description, maxEmbedDesc) || changed
		if len(e.Fields) > maxFields {
			e.Fields = e.Fields[:maxFields]
			changed = true
		}
		for _, f := range e.Fields {
			changed = clipInto(&f.Name, maxFieldName) || changed
			changed = clipInto(&f.Value, maxFieldValue) || changed
		}
		if e.Footer != nil {
			changed = clipInto(&e.Footer.Text, maxFooter) || changed
		}
	}
	// Over the total: shorten the longest description, which is where the excerpts are.
	for total := embedsLen(m.Embeds); total > maxEmbedsTotal; total = embedsLen(m.Embeds) {
		changed = true
		longest := m.Embeds[0]
		for _, e := range m.Embeds {
			if textLen(e.Description) > textLen(longest.Description) {
				longest = e
			}
		}
		if over := total - maxEmbedsTotal; textLen(longest.Description) > over+len(ellipsis)+200 {
			longest.Description = clipText(longest.Description, textLen(longest.Description)-over)
			continue
		}
		last := m.Embeds[len(m.Embeds)-1]
		switch {
		case len(last.Fields) > 0:
			last.Fields = last.Fields[:len(last.Fields)-1]
		case len(m.Embeds) > 1:
			m.Embeds = m.Embeds[:len(m.Embeds)-1]
		default:
			last.Description = clipText(last.Description, max(0, maxEmbedsTotal-(total-textLen(last.Description))))
		}
	}
	return changed
}

func embedsLen(es []*discordgo.MessageEmbed) int {
	n := 0
	for _, e := range es {
		n += embedLen(e)
	}
	return n
}

func clipInto(s *string, limit int) bool {
	if textLen(*s) <= limit {
		return false
	}
	*s = clipText(*s, limit)
	return true
}

// clipText shortens markdown text to at most limit (UTF-16 units) with an ellipsis, cutting at the
// last sentence end, else line break, else space, where every markdown span opened so far is
// closed; only when there is none does it cut bare, with the markdown removed.
func clipText(s string, limit int) string {
	if textLen(s) <= limit {
		return s
	}
	budget := limit - textLen(ellipsis)
	if budget <= 0 {
		return strings.Repeat(".", max(0, min(limit, 3)))
	}
	var sentence, line, word = -1, -1, -1
	n := 0
	var st mdState
	for i, r := range s {
		if n > budget {
			break
		}
		if st.balanced() {
			switch {
			case r == '\n':
				line = i
			case r == ' ':
				if i > 0 && strings.ContainsRune(".?!", rune(s[i-1])) {
					sentence = i
				}
				word = i
			}
		}
		st.step(s, i, r)
		n += utf16.RuneLen(r)
	}
	if n <= budget && st.balanced() {
		// The whole text up to the budget ends balanced: rare, keep it as it is.
		return strings.TrimRight(s, " \n") + ellipsis
	}
	for _, cut := range []int{sentence, line, word} {
		// A boundary in the first half would throw away too much; keep looking for a later kind.
		if cut > 0 && textLen(s[:cut]) > budget/2 {
			return strings.TrimRight(s[:cut], " \n") + ellipsis
		}
	}
	for _, cut := range []int{sentence, line, word} {
		if cut > 0 {
			return strings.TrimRight(s[:cut], " \n") + ellipsis
		}
	}
	plain := strings.NewReplacer("**", "", "`", "", "\\", "").Replace(s)
	out := []rune{}
	n = 0
	for _, r := range plain {
		if n+utf16.RuneLen(r) > budget {
			break
		}
		out = append(out, r)
		n += utf16.RuneLen(r)
	}
	return string(out) + ellipsis
}

// mdState follows the markdown spans the bot itself writes (bold, code, masked links) to know
// where a cut leaves none of them open. Escaped characters do not count.
type mdState struct {
	bold, code, link bool
	escaped          bool
}

func (m *mdState) balanced() bool { return !m.bold && !m.code && !m.link && !m.escaped }

func (m *mdState) step(s string, i int, r rune) {
	if m.escaped {
		m.escaped = false
		return
	}
	switch r {
	case '\\':
		if !m.code {
			m.escaped = true
		}
	case '`':
		m.code = !m.code
	case '*':
		// Only a pair opens or closes bold; check the second star of the pair.
		if !m.code && i > 0 && s[i-1] == '*' && (i < 2 || s[i-2] != '\\') {
			m.bold = !m.bold
		}
	case '[':
		if !m.code {
			m.link = true
		}
	case ')':
		m.link = false
	}
}
