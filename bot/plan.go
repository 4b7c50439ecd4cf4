package bot

import (
	"context"
	"fmt"
	"slices"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// maxProvisionShown keeps one provision to a paragraph; whole sentences are kept when cut.
const maxProvisionShown = 700

func planCommand() *discordgo.ApplicationCommand {
	var choices []*discordgo.ApplicationCommandOptionChoice
	for _, t := range corpus.Topics {
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: corpus.TopicLabel(t), Value: string(t)})
	}
	return &discordgo.ApplicationCommand{
		Name:        "plan",
		Description: "List the peace plan's provisions by topic, each with its source",
		Options: []*discordgo.ApplicationCommandOption{{
			Type:        discordgo.ApplicationCommandOptionString,
			Name:        "topic",
			Description: "Only provisions about this",
			Choices:     choices,
		}},
	}
}

// plan answers /plan [topic:]: the provisions grouped by topic in plan order, each cited.
func (b *Bot) plan(ctx context.Context, ic *discordgo.InteractionCreate) (response, error) {
	topic := corpus.Topic(optionString(ic, "topic"))
	if topic != "" && !slices.Contains(corpus.Topics, topic) {
		return notice("I don't know that topic. Pick one from the list."), nil
	}
	provisions := b.engine.Provisions(topic)
	title := "The 28-point plan"
	if topic != "" {
		title += ": " + corpus.TopicLabel(topic)
	}
	cites := citations{publicURL: b.cfg.PublicURL}
	l := longList{
		Title: title,
		Color: colorAnswer,
		Empty: "My sources list no provisions of the plan on that topic.",
		More:  "…and %d more parts left out. Narrow it with `/plan topic:`.",
	}
	for _, t := range corpus.Topics {
		var group []index.Excerpt
		for _, p := range provisions {
			if p.Provision != nil && p.Provision.Topic == t || p.Provision == nil && t == corpus.TopicOther {
				group = append(group, p)
			}
		}
		if len(group) == 0 {
			continue
		}
		l.Lines = append(l.Lines, "", "__**"+corpus.TopicLabel(t)+"**__")
		for _, p := range group {
			l.Lines = append(l.Lines, provisionLine(p, cites.cite(p.Citation)))
		}
	}
	if len(l.Lines) > 0 {
		l.Lines = l.Lines[1:] // the blank line before the first heading
	}
	l.Fields = cites.fields()
	return packResponse(l.pack(), false), nil
}

func provisionLine(p index.Excerpt, n int) string {
	num := ""
	if p.Provision != nil && p.Provision.Number > 0 {
		num = fmt.Sprintf("`%d.` ", p.Provision.Number)
	}
	return fmt.Sprintf("%s%s [%d]", num, shownExcerpt(p.Text, nil, maxProvisionShown), n)
}
