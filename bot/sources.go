package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/index"
)

func sourcesCommand() *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{
		Name:        "sources",
		Description: "List the documents my answers come from",
	}
}

func sourceCommand() *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{
		Name:        "source",
		Description: "Show one source document: where it is from and how it begins",
		Options: []*discordgo.ApplicationCommandOption{{
			Type:         discordgo.ApplicationCommandOptionString,
			Name:         "id",
			Description:  "The document (start typing its title)",
			Required:     true,
			Autocomplete: true,
		}},
	}
}

// sources answers /sources: every document with outlet, date and passage count.
func (b *Bot) sources(ctx context.Context, ic *discordgo.InteractionCreate) (response, error) {
	docs := b.engine.Documents()
	return packResponse(documentsList(fmt.Sprintf("My sources (%d documents)", len(docs)), docs).pack(), false), nil
}

// documentsMessage is a short list of documents in one message (the Sources button).
func documentsMessage(title string, docs []index.DocumentInfo) message {
	msgs := documentsList(title, docs).pack()
	return msgs[0]
}

func documentsList(title string, docs []index.DocumentInfo) longList {
	l := longList{
		Title:  title,
		Color:  colorAnswer,
		Empty:  "No documents are loaded right now.",
		More:   "…and %d more parts. Use `/source` to look one up.",
		Footer: "Answers quote these documents verbatim. /source shows one in detail.",
	}
	for _, d := range docs {
		l.Lines = append(l.Lines, documentLine(d))
	}
	return l
}

// documentLine: **Title** — outlet · date · N passages · `id`, then the link when known.
func documentLine(d index.DocumentInfo) string {
	var b strings.Builder
	b.WriteString("**")
	b.WriteString(escapeSource(orUntitled(d.Title)))
	b.WriteString("** — ")
	b.WriteString(strings.ReplaceAll(sourceLine(d.Outlet, d.Published, "", ""), "\n", " "))
	fmt.Fprintf(&b, " · %d passages · %s", d.Passages, codeID(d.ID))
	if linkable(d.URL) {
		b.WriteString("\n")
		b.WriteString(d.URL)
	}
	return b.String()
}

// source answers /source id: one document's details and its opening lines.
func (b *Bot) source(ctx context.Context, ic *discordgo.InteractionCreate) (response, error) {
	typed := cleanInput(optionString(ic, "id"))
	d, ok := b.findDocument(typed)
	if !ok {
		return notice("I have no source called " + quoteUser(typed) + ". Start typing a title and pick one from the list, or see `/sources`."), nil
	}
	e := &discordgo.MessageEmbed{
		Title: clipText(escapeSource(orUntitled(d.Title)), maxEmbedTitle),
		Color: colorAnswer,
		Fields: []*discordgo.MessageEmbedField{
			{Name: "Outlet", Value: orDash(d.Outlet, "not named"), Inline: true},
			{Name: "Published", Value: orDash(displayDate(d.Published), "unknown"), Inline: true},
			{Name: "Author", Value: orDash(d.Author, "unknown"), Inline: true},
			{Name: "Kind", Value: orDash(string(d.Kind), "unknown"), Inline: true},
			{Name: "Passages", Value: fmt.Sprint(d.Passages), Inline: true},
			{Name: "ID", Value: codeID(d.ID), Inline: true},
		},
	}
	if linkable(d.URL) {
		e.URL = d.URL
	}
	if d.Opening != "" {
		e.Description = blockquote(clipText(escapeSource(d.Opening), 1500))
	}
	return response{message: message{Embeds: []*discordgo.MessageEmbed{e}}}, nil
}

func orDash(s, missing string) string {
	if strings.TrimSpace(s) == "" {
		return missing
	}
	return clipText(escapeSource(s), maxFieldValue)
}
