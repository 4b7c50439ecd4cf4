package bot

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/index"
)

// maxHitShown keeps one search hit to a readable paragraph; a page of five stays within an embed.
const maxHitShown = 600

// maxQuery is the longest search query accepted; a search is keywords, not an essay.
const maxQuery = 200

func searchCommand() *discordgo.ApplicationCommand {
	minPage := 1.0
	return &discordgo.ApplicationCommand{
		Name:        "search",
		Description: "Search the source articles and show the matching passages",
		Options: []*discordgo.ApplicationCommandOption{
			{
				Type:        discordgo.ApplicationCommandOptionString,
				Name:        "query",
				Description: "Words to look for, e.g. security guarantees",
				Required:    true,
				MaxLength:   maxQuery,
			},
			{
				Type:         discordgo.ApplicationCommandOptionString,
				Name:         "source",
				Description:  "Only this document",
				Autocomplete: true,
			},
			{
				Type:        discordgo.ApplicationCommandOptionInteger,
				Name:        "page",
				Description: "Page of results (5 passages a page)",
				MinValue:    &minPage,
				MaxValue:    100,
			},
		},
	}
}

// search answers /search query: [source:] [page:].
func (b *Bot) search(ctx context.Context, ic *discordgo.InteractionCreate) (response, error) {
	q := cleanInput(optionString(ic, "query"))
	if q == "" {
		return notice("Tell me what to look for, e.g. `/search query: security guarantees`."), nil
	}
	if textLen(q) > maxQuery {
		return notice(fmt.Sprintf("That search is too long (at most %d characters). Use a few keywords.", maxQuery)), nil
	}
	doc := ""
	if src := cleanInput(optionString(ic, "source")); src != "" {
		d, ok := b.findDocument(src)
		if !ok {
			return notice("I have no source called " + quoteUser(src) + ". Pick one from the list, or see `/sources`."), nil
		}
		doc = d.ID
	}
	a := asked{Question: q, Doc: doc}
	b.recent.put(ic.ID, a)
	return b.searchPageFor(ctx, ic.ID, a, optionInt(ic, "page", 1), false)
}

// searchPage answers the Prev/Next buttons by replacing the page shown.
func (b *Bot) searchPage(ctx context.Context, ic *discordgo.InteractionCreate) (response, error) {
	key, page, a, ok := b.recallButton(ic)
	if !ok || page < 1 {
		return notice("I no longer remember that search. Please search again with `/search`."), nil
	}
	return b.searchPageFor(ctx, key, a, page, true)
}

func (b *Bot) searchPageFor(ctx context.Context, key string, a asked, page int, update bool) (response, error) {
	res, err := b.engine.Search(ctx, a.Question, index.SearchOptions{Doc: a.Doc, Page: max(page, 1)})
	if err != nil {
		return response{}, fmt.Errorf("search %q page %d: %w", clipWords(a.Question, 80), page, err)
	}
	title := ""
	if a.Doc != "" {
		if d, ok := b.engine.Document(a.Doc); ok {
			title = d.Title
		}
	}
	return response{message: searchMessage(res, a, title, key), Update: update}, nil
}

// searchMessage shows one page of hits with their matched words bold, cited, and Prev/Next.
func searchMessage(res index.SearchResult, a asked, docTitle, key string) message {
	embed := &discordgo.MessageEmbed{
		Title:  clipText("Search: "+escapeUser(a.Question), maxEmbedTitle),
		Color:  colorAnswer,
		Footer: footerFor(a.Question, a.Doc),
	}
	if len(res.Hits) == 0 {
		embed.Color = colorNoAnswer
		embed.Description = "No passage matches that. Try other words, or `/ask` a question."
		if res.Page > 1 && res.Total > 0 {
			embed.Description = fmt.Sprintf("There is no page %d: the results end at page %d.", res.Page, res.Pages)
		}
		return message{Embeds: []*discordgo.MessageEmbed{embed}}
	}
	var cites citations
	lines := []string{fmt.Sprintf("*Page %d of %d · %d matching passages%s*", res.Page, max(res.Pages, 1), res.Total, inDoc(docTitle))}
	for i, h := range res.Hits {
		n := cites.cite(h.Citation)
		rank := (res.Page-1)*index.DefaultPerPage + i + 1 // the bot never sets PerPage
		lines = append(lines, fmt.Sprintf("**%d.** %s [%d]", rank, shownExcerpt(h.Text, h.Spans, maxHitShown), n))
	}
	embed.Description = joinWithin(lines, "\n\n", maxEmbedDesc)
	embed.Fields = cites.fields()
	m := message{Embeds: []*discordgo.MessageEmbed{embed}}
	if res.Pages > 1 {
		m.Components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "Prev", Style: discordgo.SecondaryButton, CustomID: answerID(prefixPage, key, res.Page-1), Disabled: res.Page <= 1},
			discordgo.Button{Label: "Next", Style: discordgo.SecondaryButton, CustomID: answerID(prefixPage, key, res.Page+1), Disabled: res.Page >= res.Pages},
		}}}
	}
	return m
}

func inDoc(title string) string {
	if title == "" {
		return ""
	}
	return " in " + escapeSource(title)
}

// quoteUser shows a bit of user text inline, escaped and short.
func quoteUser(s string) string {
	return "“" + clipText(escapeUser(s), 80) + "”"
}

// findDocument resolves what a user typed for a source: the id autocomplete sends, or a title.
func (b *Bot) findDocument(s string) (index.DocumentInfo, bool) {
	if d, ok := b.engine.Document(s); ok {
		return d, true
	}
	for _, d := range b.engine.Documents() {
		if strings.EqualFold(d.Title, s) {
			return d, true
		}
	}
	return index.DocumentInfo{}, false
}

// completeDocument offers the documents whose title, outlet or id match what is typed: prefix
// matches first, then the rest, at most 25, named by title and outlet, valued by id.
func (b *Bot) completeDocument(ctx context.Context, ic *discordgo.InteractionCreate) []*discordgo.ApplicationCommandOptionChoice {
	return b.documentChoices(focused(ic.ApplicationCommandData().Options))
}

// documentChoices are the autocomplete choices of documents for what is typed.
func (b *Bot) documentChoices(typed string) []*discordgo.ApplicationCommandOptionChoice {
	typed = strings.ToLower(cleanInput(typed))
	type cand struct {
		d    index.DocumentInfo
		rank int
	}
	var cands []cand
	for _, d := range b.engine.Documents() {
		title, id, outlet := strings.ToLower(d.Title), strings.ToLower(d.ID), strings.ToLower(d.Outlet)
		switch {
		case typed == "":
			cands = append(cands, cand{d, 1})
		case strings.HasPrefix(title, typed) || strings.HasPrefix(id, typed):
			cands = append(cands, cand{d, 0})
		case strings.Contains(title, typed) || strings.Contains(id, typed) || strings.Contains(outlet, typed):
			cands = append(cands, cand{d, 1})
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].rank < cands[j].rank })
	var out []*discordgo.ApplicationCommandOptionChoice
	for _, c := range cands {
		name := orUntitled(c.d.Title)
		if c.d.Outlet != "" {
			name += " — " + c.d.Outlet
		}
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: clipWords(name, maxChoiceName), Value: c.d.ID})
		if len(out) == maxChoices {
			break
		}
	}
	return out
}
