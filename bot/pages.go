package bot

import (
	"fmt"

	"github.com/bwmarrin/discordgo"
)

// Budgets for long lists, a little under Discord's limits so titles and notes still fit.
const (
	descBudget     = 3800 // of an embed description's 4096
	messageBudget  = 5600 // of a message's 6000 over all embeds
	maxListReplies = 4    // a response and three follow-ups: more is a wall of text
)

// longList is a long, line-oriented reply (/sources, /plan, /timeline) to be split over embeds and
// messages at line boundaries, so no entry is ever cut in two.
type longList struct {
	Title  string
	Lines  []string // already escaped markdown, each well under descBudget
	Fields []*discordgo.MessageEmbedField
	Footer string
	Color  int
	Empty  string // shown when there are no lines
	More   string // shown when lines had to be left out, with %d for how many
}

// pack splits l into messages within Discord's limits: lines fill embed descriptions, embeds fill
// messages, the fields (the cited sources) go last, and what does not fit in maxListReplies
// messages is counted in a note instead of silently dropped.
func (l longList) pack() []message {
	if len(l.Lines) == 0 {
		return []message{{Embeds: []*discordgo.MessageEmbed{{Title: l.Title, Description: l.Empty, Color: l.Color}}}}
	}
	var embeds []*discordgo.MessageEmbed
	cur := &discordgo.MessageEmbed{Title: l.Title, Color: l.Color}
	for _, line := range l.Lines {
		line = clipText(line, descBudget)
		if cur.Description != "" && textLen(cur.Description)+1+textLen(line) > descBudget {
			embeds = append(embeds, cur)
			cur = &discordgo.MessageEmbed{Color: l.Color}
		}
		if cur.Description != "" {
			cur.Description += "\n"
		}
		cur.Description += line
	}
	embeds = append(embeds, cur)

	var tail *discordgo.MessageEmbed
	if len(l.Fields) > 0 || l.Footer != "" {
		tail = &discordgo.MessageEmbed{Color: l.Color, Fields: l.Fields}
		if len(tail.Fields) > maxFields {
			tail.Fields = tail.Fields[:maxFields]
		}
		if l.Footer != "" {
			tail.Footer = &discordgo.MessageEmbedFooter{Text: l.Footer}
		}
		if len(tail.Fields) == 0 {
			// A footer alone is not worth an embed: hang it on the last description.
			cur.Footer, tail = tail.Footer, nil
		} else {
			embeds = append(embeds, tail)
		}
	}

	var msgs []message
	var m message
	total := 0
	for _, e := range embeds {
		n := embedLen(e)
		if len(m.Embeds) > 0 && (total+n > messageBudget || len(m.Embeds) == maxEmbeds) {
			msgs = append(msgs, m)
			m, total = message{}, 0
		}
		m.Embeds = append(m.Embeds, e)
		total += n
	}
	msgs = append(msgs, m)
	if len(msgs) > maxListReplies {
		left := 0
		for _, m := range msgs[maxListReplies:] {
			left += len(m.Embeds)
		}
		msgs = msgs[:maxListReplies]
		if l.More != "" {
			msgs[len(msgs)-1].Content = fmt.Sprintf(l.More, left)
		}
	}
	return msgs
}

// packResponse turns packed messages into a response: the first is the reply, the rest follow-ups.
func packResponse(msgs []message, private bool) response {
	r := response{message: msgs[0], Ephemeral: private}
	r.FollowUps = msgs[1:]
	return r
}
