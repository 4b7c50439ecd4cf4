package bot

import (
	"context"
	"fmt"

	"github.com/bwmarrin/discordgo"
)

// maxEventShown keeps one event to its sentence or two.
const maxEventShown = 500

func timelineCommand() *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{
		Name:        "timeline",
		Description: "Dated events around the plan, in date order, each with its source",
	}
}

// timeline answers /timeline: the engine's dated events, oldest first, each cited.
func (b *Bot) timeline(ctx context.Context, ic *discordgo.InteractionCreate) (response, error) {
	events := b.engine.Timeline() // in date order: corpus.Events sorts, and index tests it
	cites := citations{publicURL: b.cfg.PublicURL}
	l := longList{
		Title: "Timeline",
		Color: colorAnswer,
		Empty: "My sources report no dated events.",
		More:  "…and %d more parts left out.",
	}
	for _, ev := range events {
		date := "Undated"
		if !ev.Date.IsZero() {
			date = ev.Date.Format("2 Jan 2006")
		}
		l.Lines = append(l.Lines, fmt.Sprintf("**%s** — %s [%d]", date, shownExcerpt(ev.Excerpt.Text, nil, maxEventShown), cites.cite(ev.Excerpt.Citation)))
	}
	l.Fields = cites.fields()
	return packResponse(l.pack(), false), nil
}
