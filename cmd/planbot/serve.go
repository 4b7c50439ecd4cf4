package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/planbot/planbot/bot"
	"github.com/planbot/planbot/bot/records"
)

// recordsFile is the records' bbolt file inside DATA_DIR.
const recordsFile = "planbot.db"

var serveCommand = command{
	name:    "serve",
	summary: "run the Discord bot (needs DISCORD_TOKEN)",
	usage: `Usage: planbot serve

Runs the Discord bot until interrupted: registers the slash commands (one bulk overwrite, in
DISCORD_GUILD_ID or globally), connects to the gateway and answers. Its settings come from the
environment or .env:

  DISCORD_TOKEN     bot token (required)
  DISCORD_GUILD_ID  register commands in this server only; they appear at once
  CORPUS_DIR        documents to serve instead of the built-in corpus; moderators add to it with
                    /corpus (a missing or empty folder is filled with the built-in documents)
  INDEX_DIR         keep the index on disk here instead of in memory
  DATA_DIR          the bot's own files: records of unanswered questions (default "data")
  RECORDS_RETENTION_DAYS  days those records are kept (default 30)
  LOG_LEVEL         debug, info (default), warn or error
  ANSWER_CHANNELS   channel ids, comma-separated, where every message is read as a question
  MOD_ROLE_IDS      role ids, comma-separated, allowed moderator commands
  CORPUS_ALLOW_PRIVATE_URLS  true lets /corpus add fetch private addresses (tests, dev only)

Send SIGHUP to reload the corpus and swap in a new index without a restart, as /reindex does.
`,
	run: runServe,
}

func runServe(ctx context.Context, c *cli, args []string) (err error) {
	fs := newFlagSet("serve")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("serve takes no arguments, got %q; it reads its settings from the environment", clip(rest[0]))
	}
	cfg, err := loadConfig(c.getenv)
	if err != nil {
		return err
	}
	defer func() { err = redactError(err, cfg.Token) }()
	lg := newLogger(newRedactWriter(c.stderr, cfg.Token), cfg.LogLevel)
	lg.Info("starting", "config", cfg)

	if _, err := seedCorpusDir(lg, cfg.CorpusDir); err != nil {
		return err
	}
	engine, err := openEngine(lg, cfg.CorpusDir, cfg.IndexDir, c.stderr)
	if err != nil {
		return err
	}
	defer engine.Close()
	b := bot.New(lg, engine, botConfig(cfg))

	store, err := records.Open(lg, filepath.Join(cfg.DataDir, recordsFile), cfg.RecordsRetention, nil)
	if errors.Is(err, records.ErrInUse) {
		return fmt.Errorf("%w (DATA_DIR=%s; is another planbot using it?)", err, cfg.DataDir)
	}
	if err != nil {
		return fmt.Errorf("%w (DATA_DIR=%s)", err, cfg.DataDir)
	}
	defer store.Close()
	b.UseRecords(store)
	pruneCtx, stopPruning := context.WithCancel(ctx)
	pruned := make(chan struct{})
	go func() { defer close(pruned); store.RunPruner(pruneCtx, 0) }()
	defer func() { stopPruning(); <-pruned }() // before store.Close

	s, appID, err := openSession(cfg, c.transport)
	if err != nil {
		return err
	}
	if err := b.Register(s, appID); err != nil {
		return explainDiscord(err)
	}
	b.Attach(s) // before Open, so that no event is missed; it logs Ready with the server count
	if err := s.Open(); err != nil {
		return explainDiscord(fmt.Errorf("connect to Discord's gateway: %w", err))
	}
	hangup := make(chan os.Signal, 1)
	signal.Notify(hangup, syscall.SIGHUP)
	defer signal.Stop(hangup)
	lg.Info("serving; interrupt (Ctrl-C) to stop, SIGHUP to reindex", "application", appID)

	for waiting := true; waiting; {
		select {
		case <-ctx.Done():
			waiting = false
		case <-hangup:
			reindexOnSignal(ctx, lg, b)
		}
	}
	lg.Info("shutting down")
	if err := s.Close(); err != nil {
		lg.Warn("close Discord session", "err", err)
	}
	return nil
}

// reindexOnSignal reloads the corpus and swaps in a new index, as /reindex does, and logs what
// changed or each problem that kept the old index serving.
func reindexOnSignal(ctx context.Context, lg *slog.Logger, b *bot.Bot) {
	lg.Info("SIGHUP: reindexing")
	r, err := b.Reindex(ctx)
	switch {
	case err != nil:
		lg.Error("SIGHUP reindex failed; the old index keeps serving", "err", err)
	case !r.Swapped():
		for _, p := range r.Problems {
			lg.Error("SIGHUP reindex: corpus problem; the old index keeps serving", "problem", p.Error())
		}
	default:
		d := r.Diff
		lg.Info("SIGHUP reindex done", "docs", d.Docs, "passages", d.Passages, "docs_added", d.DocsAdded,
			"docs_removed", d.DocsRemoved, "docs_changed", d.DocsChanged, "passages_added", d.PassagesAdded,
			"passages_removed", d.PassagesRemoved, "passages_changed", d.PassagesChanged, "took", r.Took)
	}
}
