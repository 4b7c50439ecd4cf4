package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// reloader swaps in a new index built from docs while the old one keeps answering.
type reloader interface {
	Reload(ctx context.Context, docs []corpus.Document) (index.Diff, error)
}

var _ reloader = (*index.Live)(nil)

// ErrNotReloadable is returned by Reindex when the bot's engine cannot be rebuilt while it runs.
var ErrNotReloadable = errors.New("the engine cannot be reindexed")

// Reindexed is what one reindex did.
type Reindexed struct {
	Diff index.Diff
	// Problems are the files that failed to load. When there are any, nothing was swapped: a
	// corpus with one broken file would otherwise silently lose that document.
	Problems []corpus.Problem
	Took     time.Duration // loading and building together
}

// Swapped reports whether the new index is now serving.
func (r Reindexed) Swapped() bool { return len(r.Problems) == 0 }

// Reindex reloads the corpus (Config.CorpusDir, or the built-in one), builds a new index while
// questions keep being answered from the old one, and swaps it in. Files that fail to load come
// back in Reindexed.Problems with a nil error, and the old index keeps serving. Errors:
// index.ErrReloading while another reindex or corpus change runs, ErrNotReloadable, or the build's
// error (the old index keeps serving then too). /reindex and SIGHUP both come here.
func (b *Bot) Reindex(ctx context.Context) (Reindexed, error) {
	if !b.reindexMu.TryLock() {
		return Reindexed{}, index.ErrReloading
	}
	defer b.reindexMu.Unlock()
	return b.reindexLocked(ctx)
}

// reindexLocked is Reindex for a caller that holds reindexMu (a corpus change).
func (b *Bot) reindexLocked(ctx context.Context) (Reindexed, error) {
	if b.reloader == nil {
		return Reindexed{}, ErrNotReloadable
	}
	start := time.Now()
	b.notePrint() // before loading: a change during the load is seen by the next poll
	docs, problems := b.loadCorpus()
	if len(problems) > 0 {
		b.lg.Warn("reindex refused: corpus has problems", "problems", len(problems), "first", problems[0].Error())
		return Reindexed{Problems: problems, Took: time.Since(start)}, nil
	}
	diff, err := b.reloader.Reload(ctx, docs)
	if err != nil {
		b.corpusPrint.Store("") // not indexed after all: the next poll tries again
		return Reindexed{}, fmt.Errorf("reindex %d documents: %w", len(docs), err)
	}
	b.dropSuggestions() // built from the index just replaced
	r := Reindexed{Diff: diff, Took: time.Since(start)}
	b.telemetry.Reindexed(r.Took, diff.Docs, diff.Passages)
	b.lg.Info("reindex swapped", "docs", diff.Docs, "passages", diff.Passages,
		"docs_added", diff.DocsAdded, "docs_removed", diff.DocsRemoved, "docs_changed", diff.DocsChanged, "took", r.Took)
	return r, nil
}

// loadCorpus reads the corpus the bot serves. Every way it can fail is a problem a moderator can
// act on, named by file (relative to the corpus folder: the server's paths are not their business).
func (b *Bot) loadCorpus() ([]corpus.Document, []corpus.Problem) {
	dir := b.cfg.CorpusDir
	if dir == "" {
		return corpus.Default()
	}
	docs, problems, err := corpus.LoadDir(dir)
	if err != nil {
		b.lg.Error("load corpus folder", "dir", dir, "error", err)
		return nil, []corpus.Problem{{File: "CORPUS_DIR", Msg: "the corpus folder is missing or cannot be read"}}
	}
	if len(docs) == 0 && len(problems) == 0 {
		problems = []corpus.Problem{{File: "CORPUS_DIR", Msg: "the corpus folder holds no documents (.md files with front matter)"}}
	}
	return docs, problems
}

func reindexCommand() *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{
		Name:        "reindex",
		Description: "Moderators: reload the source documents and rebuild the index without downtime",
	}
}

// reindex answers /reindex, privately: what changed, or why nothing did.
func (b *Bot) reindex(ctx context.Context, ic *discordgo.InteractionCreate) (response, error) {
	r, err := b.Reindex(ctx)
	if msg, ok := b.reindexFailure(ic, err); ok {
		return notice(msg), nil
	}
	if !r.Swapped() {
		return problemsResponse("Nothing changed: the old index keeps serving", r.Problems), nil
	}
	b.touchReindexMarker() // the other replicas serving the folder reindex too
	return notice("Reindexed. " + diffSummary(r)), nil
}

// reindexFailure turns a Reindex error into what a moderator reads; ok is false for no error.
func (b *Bot) reindexFailure(ic *discordgo.InteractionCreate, err error) (msg string, ok bool) {
	switch {
	case err == nil:
		return "", false
	case errors.Is(err, index.ErrReloading):
		return "A reindex or corpus change is already running. Try again when it has finished.", true
	case errors.Is(err, ErrNotReloadable):
		return "This bot's index can't be rebuilt while it runs.", true
	}
	id := errorID()
	b.lg.Error("reindex failed", "error_id", id, "interaction", ic.ID, "error", err)
	return fmt.Sprintf("Building the new index failed (error id `%s`), so the old index keeps serving. "+
		"The details are in the bot's log.", id), true
}

// diffSummary says what a swap changed, in three short lines.
func diffSummary(r Reindexed) string {
	d := r.Diff
	var b strings.Builder
	fmt.Fprintf(&b, "Now serving %d documents, %d passages (took %s).\n", d.Docs, d.Passages, r.Took.Round(time.Millisecond))
	fmt.Fprintf(&b, "Documents: %d added%s, %d removed%s, %d changed%s.\n",
		len(d.DocsAdded), idList(d.DocsAdded), len(d.DocsRemoved), idList(d.DocsRemoved), len(d.DocsChanged), idList(d.DocsChanged))
	fmt.Fprintf(&b, "Passages: %d added, %d removed, %d changed.", d.PassagesAdded, d.PassagesRemoved, d.PassagesChanged)
	return b.String()
}

// idList shows up to five ids in code spans.
func idList(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	const shown = 5
	var parts []string
	for i, id := range ids {
		if i == shown {
			parts = append(parts, fmt.Sprintf("+%d more", len(ids)-shown))
			break
		}
		parts = append(parts, codeID(clipWords(id, 64)))
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// problemsResponse lists each problem as file:line and what is wrong, privately.
func problemsResponse(title string, problems []corpus.Problem) response {
	l := longList{
		Title:  title,
		Color:  colorNoAnswer,
		More:   "…and %d more parts. The full list is in the bot's log.",
		Footer: "Fix these files in the corpus folder (or /corpus remove them), then run /reindex again.",
	}
	for _, p := range problems {
		where := p.File
		if p.Line > 0 {
			where = fmt.Sprintf("%s:%d", p.File, p.Line)
		}
		l.Lines = append(l.Lines, "• `"+strings.ReplaceAll(clipWords(where, 200), "`", "'")+"` — "+escapeSource(clipWords(p.Msg, 300)))
	}
	return packResponse(l.pack(), true)
}
