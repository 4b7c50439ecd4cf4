package discordtest

import (
	"encoding/json"
	"fmt"
)

// Message limits from Discord's documentation; discordgo checks none of them.
const (
	maxContentLen      = 2000
	maxEmbeds          = 10
	maxEmbedsTotalLen  = 6000
	maxEmbedFields     = 25
	maxActionRows      = 5
	maxRowComponents   = 5
	maxCustomIDLen     = 100
	actionRowComponent = 1
)

// message is the part of a message body the rules look at.
type message struct {
	Content         string           `json:"content"`
	Embeds          []embed          `json:"embeds"`
	Components      []component      `json:"components"`
	AllowedMentions *allowedMentions `json:"allowed_mentions"`
	Attachments     []any            `json:"attachments"`
	StickerIDs      []any            `json:"sticker_ids"`
	Poll            any              `json:"poll"`
}

type embed struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Fields      []struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	} `json:"fields"`
	Footer *struct {
		Text string `json:"text"`
	} `json:"footer"`
	Author *struct {
		Name string `json:"name"`
	} `json:"author"`
}

type component struct {
	Type       int         `json:"type"`
	CustomID   string      `json:"custom_id"`
	Components []component `json:"components"`
}

type allowedMentions struct {
	Parse       []string `json:"parse"`
	Users       []string `json:"users"`
	Roles       []string `json:"roles"`
	RepliedUser bool     `json:"replied_user"`
}

// embedTexts lists the texts of an embed that count towards the 6000-character total, with
// each one's own limit.
var embedTexts = []struct {
	name  string
	max   int
	texts func(e embed) []string
}{
	{"title", 256, func(e embed) []string { return []string{e.Title} }},
	{"description", 4096, func(e embed) []string { return []string{e.Description} }},
	{"field name", 256, func(e embed) []string {
		var s []string
		for _, f := range e.Fields {
			s = append(s, f.Name)
		}
		return s
	}},
	{"field value", 1024, func(e embed) []string {
		var s []string
		for _, f := range e.Fields {
			s = append(s, f.Value)
		}
		return s
	}},
	{"footer text", 2048, func(e embed) []string {
		if e.Footer == nil {
			return nil
		}
		return []string{e.Footer.Text}
	}},
	{"author name", 256, func(e embed) []string {
		if e.Author == nil {
			return nil
		}
		return []string{e.Author.Name}
	}},
}

// checkNewMessage checks a body that creates a message: it must say something.
func checkNewMessage(p payload) []string {
	m, _, problems := decodeMessage(p)
	if problems != nil {
		return problems
	}
	problems = checkMessage(m)
	if m.Content == "" && len(m.Embeds) == 0 && len(m.Components) == 0 && len(m.Attachments) == 0 &&
		len(m.StickerIDs) == 0 && m.Poll == nil && p.files == 0 {
		problems = append(problems, "empty message: no content, embeds, components or files")
	}
	return problems
}

// checkMessageEdit checks a body that edits a message. Absent fields keep their old value, so
// it is empty only if it clears content, embeds and components all at once.
func checkMessageEdit(p payload) []string {
	m, present, problems := decodeMessage(p)
	if problems != nil {
		return problems
	}
	problems = checkMessage(m)
	if present["content"] && present["embeds"] && present["components"] &&
		m.Content == "" && len(m.Embeds) == 0 && len(m.Components) == 0 && len(m.Attachments) == 0 && p.files == 0 {
		problems = append(problems, "edit empties the message: content, embeds and components all cleared")
	}
	return problems
}

func decodeMessage(p payload) (message, map[string]bool, []string) {
	var m message
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(p.json, &fields); err != nil {
		return m, nil, []string{fmt.Sprintf("rules: message body is not an object: %v", err)}
	}
	if err := json.Unmarshal(p.json, &m); err != nil {
		return m, nil, []string{fmt.Sprintf("rules: decode message: %v", err)}
	}
	present := map[string]bool{}
	for k := range fields {
		present[k] = true
	}
	return m, present, nil
}

// checkMessage applies the rules every message body obeys, new or edited.
func checkMessage(m message) []string {
	var problems []string
	problems = append(problems, checkMentions(m.AllowedMentions)...)
	if n := runeLen(m.Content); n > maxContentLen {
		problems = append(problems, fmt.Sprintf("content: %d characters, at most %d allowed", n, maxContentLen))
	}
	problems = append(problems, checkEmbeds(m.Embeds)...)
	problems = append(problems, checkComponents(m.Components)...)
	return problems
}

// checkMentions insists the bot can never ping: allowed_mentions must be sent (otherwise Discord
// parses every mention in the content) and allow nothing. A null parse, which discordgo sends
// for a zero MessageAllowedMentions, allows nothing too.
func checkMentions(am *allowedMentions) []string {
	switch {
	case am == nil:
		return []string{`allowed_mentions missing: send {"parse":[]} so the bot never pings`}
	case len(am.Parse) > 0:
		return []string{fmt.Sprintf("allowed_mentions.parse is %q: the bot must never ping", am.Parse)}
	case len(am.Users) > 0 || len(am.Roles) > 0:
		return []string{"allowed_mentions lists users or roles: the bot must never ping"}
	case am.RepliedUser:
		return []string{"allowed_mentions.replied_user is true: the bot must never ping"}
	}
	return nil
}

func checkEmbeds(embeds []embed) []string {
	var problems []string
	if len(embeds) > maxEmbeds {
		problems = append(problems, fmt.Sprintf("embeds: %d, at most %d allowed", len(embeds), maxEmbeds))
	}
	total := 0
	for i, e := range embeds {
		if len(e.Fields) > maxEmbedFields {
			problems = append(problems, fmt.Sprintf("embeds[%d]: %d fields, at most %d allowed", i, len(e.Fields), maxEmbedFields))
		}
		for _, t := range embedTexts {
			for _, text := range t.texts(e) {
				n := runeLen(text)
				total += n
				if n > t.max {
					problems = append(problems, fmt.Sprintf("embeds[%d] %s: %d characters, at most %d allowed", i, t.name, n, t.max))
				}
			}
		}
	}
	if total > maxEmbedsTotalLen {
		problems = append(problems, fmt.Sprintf("embeds: %d characters together, at most %d allowed", total, maxEmbedsTotalLen))
	}
	return problems
}

func checkComponents(top []component) []string {
	var problems []string
	rows := 0
	for i, c := range top {
		if c.Type != actionRowComponent {
			continue
		}
		rows++
		if len(c.Components) > maxRowComponents {
			problems = append(problems, fmt.Sprintf("components[%d]: %d components in an action row, at most %d allowed", i, len(c.Components), maxRowComponents))
		}
	}
	if rows > maxActionRows {
		problems = append(problems, fmt.Sprintf("components: %d action rows, at most %d allowed", rows, maxActionRows))
	}
	var walk func(cs []component)
	walk = func(cs []component) {
		for _, c := range cs {
			if n := runeLen(c.CustomID); n > maxCustomIDLen {
				problems = append(problems, fmt.Sprintf("custom_id %.20q…: %d characters, at most %d allowed", c.CustomID, n, maxCustomIDLen))
			}
			walk(c.Components)
		}
	}
	walk(top)
	return problems
}
