package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/corpus/ingest"
)

// maxURL bounds the url option: longer links are not articles anyone pastes by hand.
const maxURL = 1000

// openingShown is how much of a new document's text the /corpus add reply quotes.
const openingShown = 600

func corpusCommand() *discordgo.ApplicationCommand {
	str := func(name, desc string, required, auto bool, maxLen int) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: name,
			Description: desc, Required: required, Autocomplete: auto, MaxLength: maxLen}
	}
	sub := func(name, desc string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommandOption {
		return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionSubCommand, Name: name, Description: desc, Options: opts}
	}
	return &discordgo.ApplicationCommand{
		Name:        "corpus",
		Description: "Moderators: add, remove or restore the source documents I answer from",
		Options: []*discordgo.ApplicationCommandOption{
			sub("add", "Fetch an article from a link, add it to the sources and reindex",
				str("url", "The article's link (http or https)", true, false, maxURL),
				str("title", "Title to use instead of the page's", false, false, 200),
				str("outlet", "Outlet to credit instead of the page's, e.g. Reuters", false, false, 100),
				str("published", "Publication date as YYYY-MM-DD, when the page does not say", false, false, 10)),
			sub("remove", "Move a document to the trash and reindex (restore undoes it)",
				str("id", "The document (start typing its title)", true, true, 100)),
			sub("restore", "Bring a removed document back from the trash and reindex",
				str("id", "The removed document (start typing its title)", true, true, 100)),
		},
	}
}

// manageCorpus answers /corpus add|remove|restore. Every change holds reindexMu from the file
// operation to the swap, so two changes cannot interleave and each reply reports its own reindex.
func (b *Bot) manageCorpus(ctx context.Context, ic *discordgo.InteractionCreate) (response, error) {
	name, opts := subcommand(ic)
	dir, why := b.writableCorpus()
	if why != "" {
		return notice(why), nil
	}
	switch name {
	case "add":
		return b.corpusAdd(ctx, ic, dir, opts)
	case "remove":
		return b.corpusRemove(ctx, ic, dir, cleanInput(subString(opts, "id")))
	case "restore":
		return b.corpusRestore(ctx, ic, dir, cleanInput(subString(opts, "id")))
	}
	return notice("Use `/corpus add`, `/corpus remove` or `/corpus restore`."), nil
}

// noCorpusDirText explains, to a moderator, what the operator must do first.
const noCorpusDirText = "I'm serving the built-in sources, which can't be changed from Discord. " +
	"Ask whoever runs the bot to set `CORPUS_DIR` to a folder and restart it: an empty or missing folder " +
	"is filled with the built-in documents on start, and then moderators can add to it."

// writableCorpus returns the corpus folder, or why documents cannot be changed.
func (b *Bot) writableCorpus() (dir, why string) {
	if b.cfg.CorpusDir == "" {
		return "", noCorpusDirText
	}
	if err := ingest.Writable(b.cfg.CorpusDir); err != nil {
		b.lg.Warn("corpus folder not writable", "error", err)
		return "", "The corpus folder (`CORPUS_DIR`) is missing or read-only, so I can't change it. " +
			"Ask whoever runs the bot to make it writable for the bot."
	}
	return b.cfg.CorpusDir, ""
}

func (b *Bot) corpusAdd(ctx context.Context, ic *discordgo.InteractionCreate, dir string, opts []*discordgo.ApplicationCommandInteractionDataOption) (response, error) {
	meta := ingest.Meta{Title: cleanInput(subString(opts, "title")), Outlet: cleanInput(subString(opts, "outlet")),
		Published: strings.TrimSpace(subString(opts, "published"))}
	folder := ingest.NewFolder(b.lg, dir, b.fetcher)
	// The fetch holds no lock: a slow site must not hold up reindexing. Save checks for a
	// duplicate again under the folder's lock, so simultaneous adds of one link save it once.
	art, err := folder.Fetch(ctx, subString(opts, "url"), meta)
	if err != nil {
		return b.corpusRefused(ic, "add", err), nil
	}
	b.reindexMu.Lock()
	defer b.reindexMu.Unlock()
	doc, _, err := folder.Save(ctx, art, meta)
	if err != nil {
		return b.corpusRefused(ic, "add", err), nil
	}
	r, err := b.reindexLocked(ctx)
	resp := response{message: message{Embeds: []*discordgo.MessageEmbed{addedEmbed(doc)}}, Ephemeral: true}
	resp.Content = b.afterChange(ic, "Added to the sources.", r, err)
	return resp, nil
}

// corpusRefused tells a moderator why a corpus change did not happen. Failures on the bot's side
// (a full disk, a name that does not resolve, an unexpected error) are logged with an error id,
// which the reply gives, so whoever runs the bot can find the details.
func (b *Bot) corpusRefused(ic *discordgo.InteractionCreate, op string, err error) response {
	msg := ingest.Message(err)
	if !ingest.NeedsErrorID(err) {
		b.lg.Info("corpus "+op+" refused", "interaction", ic.ID, "error", err)
		return notice(msg)
	}
	id := errorID()
	b.lg.Error("corpus "+op+" failed", "error_id", id, "interaction", ic.ID, "error", err)
	return notice(msg + " (error id `" + id + "`)")
}

// addedEmbed shows a new document: title, id and the first lines extracted, so a moderator sees
// at once whether the page's text or its chrome was captured.
func addedEmbed(doc corpus.Document) *discordgo.MessageEmbed {
	opening := strings.TrimSpace(doc.Body)
	if len(doc.Passages) > 0 {
		opening = doc.Passages[0].Text
	}
	e := &discordgo.MessageEmbed{
		Title:       clipText(escapeSource(orUntitled(doc.Title)), maxEmbedTitle),
		Color:       colorAnswer,
		Description: blockquote(clipText(escapeSource(opening), openingShown)),
		Fields: []*discordgo.MessageEmbedField{
			{Name: "ID", Value: codeID(doc.ID), Inline: true},
			{Name: "Outlet", Value: orDash(doc.Outlet, "not named"), Inline: true},
			{Name: "Published", Value: publishedOrRetrieved(doc), Inline: true},
			{Name: "Passages", Value: fmt.Sprint(len(doc.Passages)), Inline: true},
			{Name: "Left out", Value: leftOut(ingest.Summarize(doc))},
		},
	}
	if linkable(doc.URL) {
		e.URL = doc.URL
	}
	return e
}

// publishedOrRetrieved shows the document's date, saying when it is only the day it was fetched.
func publishedOrRetrieved(doc corpus.Document) string {
	if doc.Published == "" && doc.Retrieved != "" {
		return "not given (fetched " + displayDate(doc.Retrieved) + ")"
	}
	return orDash(displayDate(doc.Published), "unknown")
}

// droppedLineShown is how much of each dropped line the /corpus add reply quotes.
const droppedLineShown = 150

// leftOut tells a moderator what cleaning dropped as chrome, by kind, with the first lines.
func leftOut(c ingest.Cleaning) string {
	counts := c.Counts()
	if counts == "" {
		return "nothing"
	}
	lines := []string{escapeSource(counts) + fmt.Sprintf(" (%d words; %d kept)", c.DroppedWords, c.KeptWords)}
	for _, d := range c.First {
		lines = append(lines, "> "+clipText(escapeSource(clipWords(d.Text, droppedLineShown)), droppedLineShown+20))
	}
	return clipText(strings.Join(lines, "\n"), maxFieldValue)
}

func (b *Bot) corpusRemove(ctx context.Context, ic *discordgo.InteractionCreate, dir, id string) (response, error) {
	title := id
	if d, ok := b.engine.Document(id); ok {
		title = orUntitled(d.Title)
	}
	b.reindexMu.Lock()
	defer b.reindexMu.Unlock()
	path, err := ingest.NewFolder(b.lg, dir, b.fetcher).Remove(ctx, id)
	if errors.Is(err, ingest.ErrNotFound) {
		b.lg.Info("corpus remove refused", "interaction", ic.ID, "error", err)
		return notice("There is no document " + quoteUser(id) + " in the corpus folder. Pick one from the list as you type."), nil
	}
	if err != nil {
		return b.corpusRefused(ic, "remove", err), nil
	}
	b.lg.Info("corpus remove: moved to trash", "id", id, "file", path)
	r, err := b.reindexLocked(ctx)
	done := fmt.Sprintf("Removed **%s** (%s): it is in the trash beside the corpus folder, and `/corpus restore` brings it back.",
		escapeSource(clipWords(title, 200)), codeID(id))
	return notice(b.afterChange(ic, done, r, err)), nil
}

func (b *Bot) corpusRestore(ctx context.Context, ic *discordgo.InteractionCreate, dir, id string) (response, error) {
	b.reindexMu.Lock()
	defer b.reindexMu.Unlock()
	path, err := ingest.NewFolder(b.lg, dir, b.fetcher).Restore(ctx, id)
	if err != nil {
		switch {
		case errors.Is(err, ingest.ErrNotFound):
			b.lg.Info("corpus restore refused", "interaction", ic.ID, "error", err)
			return notice("Nothing called " + quoteUser(id) + " is in the trash. Pick one from the list as you type."), nil
		case errors.Is(err, ingest.ErrExists):
			b.lg.Info("corpus restore refused", "interaction", ic.ID, "error", err)
			return notice("A document " + quoteUser(id) + " is already in the corpus, so I left the trashed copy where it is."), nil
		}
		return b.corpusRefused(ic, "restore", err), nil
	}
	b.lg.Info("corpus restore: back from trash", "id", id, "file", path)
	r, err := b.reindexLocked(ctx)
	return notice(b.afterChange(ic, "Restored "+codeID(id)+" from the trash.", r, err)), nil
}

// afterChange reports a corpus change and the reindex that followed it, which can fail without
// undoing the change: the file is saved, it is just not served yet.
func (b *Bot) afterChange(ic *discordgo.InteractionCreate, done string, r Reindexed, err error) string {
	if msg, failed := b.reindexFailure(ic, err); failed {
		return clipText(done+"\nBut the index was not rebuilt: "+msg, maxContent)
	}
	if !r.Swapped() {
		var lines []string
		for i, p := range r.Problems {
			if i == 5 {
				lines = append(lines, fmt.Sprintf("…and %d more; `/reindex` lists them all.", len(r.Problems)-5))
				break
			}
			lines = append(lines, "• `"+strings.ReplaceAll(clipWords(p.Error(), 200), "`", "'")+"`")
		}
		return clipText(done+"\nBut the index was not rebuilt, because other files have problems (the old index keeps serving):\n"+
			strings.Join(lines, "\n"), maxContent)
	}
	return clipText(done+"\n"+diffSummary(r), maxContent)
}

// completeCorpus offers documents for /corpus remove and trashed documents for /corpus restore.
func (b *Bot) completeCorpus(ctx context.Context, ic *discordgo.InteractionCreate) []*discordgo.ApplicationCommandOptionChoice {
	name, opts := subcommand(ic)
	typed := focused(opts)
	switch name {
	case "remove":
		return b.documentChoices(typed)
	case "restore":
		return b.trashChoices(typed)
	}
	return nil
}

// trashChoices lists the newest trashed copy of each removed document matching typed.
func (b *Bot) trashChoices(typed string) []*discordgo.ApplicationCommandOptionChoice {
	if b.cfg.CorpusDir == "" {
		return nil
	}
	items, err := b.trash.List(b.cfg.CorpusDir) // every keystroke: the trashed files are read only when changed
	if err != nil {
		b.lg.Warn("list trash", "error", err)
		return nil
	}
	typed = strings.ToLower(cleanInput(typed))
	seen := map[string]bool{}
	var out []*discordgo.ApplicationCommandOptionChoice
	for _, it := range items {
		if seen[it.ID] || (typed != "" && !strings.Contains(strings.ToLower(it.ID+" "+it.Title), typed)) {
			continue
		}
		seen[it.ID] = true
		label := orUntitled(it.Title) + " — removed " + it.Removed.Format("2 Jan 15:04")
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: clipWords(label, maxChoiceName), Value: it.ID})
		if len(out) == maxChoices {
			break
		}
	}
	return out
}
