package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/planbot/planbot/bot"
	"github.com/planbot/planbot/bot/web"
)

// shutdownGrace is how long a stopping serve lets work in flight (an answer, a reindex, a /corpus
// add) finish before it cancels it and closes the index and the records.
const shutdownGrace = 20 * time.Second

var serveCommand = command{
	name:    "serve",
	summary: "run the Discord bot (gateway with DISCORD_TOKEN, HTTP with INTERACTIONS_ADDR) and the web pages (WEB_ADDR)",
	usage: `Usage: planbot serve

Runs the Discord bot until interrupted. With DISCORD_TOKEN it registers the slash commands (one
bulk overwrite, in DISCORD_GUILD_ID or globally), connects to the gateway and answers; with
INTERACTIONS_ADDR it answers Discord's signed POSTs on /interactions; with both, both. Its
settings come from the environment or .env:

  DISCORD_TOKEN     bot token (required unless INTERACTIONS_ADDR is set)
  DISCORD_GUILD_ID  register commands in this server only; they appear at once
  CORPUS_DIR        documents to serve instead of the built-in corpus; moderators add to it with
                    /corpus (a missing or empty folder is filled with the built-in documents);
                    polled, so a change made by another replica is served within 30 s
  INDEX_DIR         keep the index on disk here instead of in memory
  DATA_DIR          the bot's own files: records of unanswered questions (default "data")
  DATABASE_URL      postgres://… keeps the records in PostgreSQL instead, shared by replicas
  RECORDS_RETENTION_DAYS  days those records are kept (default 30)
  LOG_LEVEL         debug, info (default), warn or error
  ANSWER_CHANNELS   channel ids, comma-separated, where every message is read as a question
                    (their threads and forum posts too)
  THREAD_ANSWERS    true answers a channel mention in a new thread named after the question
  MOD_ROLE_IDS      role ids, comma-separated, allowed moderator commands
  CORPUS_ALLOW_PRIVATE_URLS  true lets /corpus add fetch private addresses (tests, dev only)

  INTERACTIONS_ADDR       listen address (e.g. :8080) of POST /interactions, GET /healthz and
                          GET /metrics; needs DISCORD_PUBLIC_KEY and DISCORD_APPLICATION_ID
  DISCORD_PUBLIC_KEY      the application's public key (portal → General Information)
  DISCORD_APPLICATION_ID  the application's id (portal → General Information)
  METRICS_ADDR            listen address of /healthz and /metrics when INTERACTIONS_ADDR is unset
  SHARD_COUNT, SHARD_ID   run gateway shard SHARD_ID of SHARD_COUNT (all of them without SHARD_ID)
  CORPUS_POLL             how often CORPUS_DIR is checked for other replicas' changes (default 10s)

  WEB_ADDR    listen address (e.g. :8080) of the read-only web pages of the sources; with
              INTERACTIONS_ADDR they are served there instead. With only WEB_ADDR set (no
              Discord settings) serve runs the web pages alone.
  PUBLIC_URL  where readers reach those pages (https://planbot.example.org); every citation
              in Discord and in planbot ask then links to its sentences there:
              PUBLIC_URL/sources/{doc}?cite={key}#{passage}

Send SIGHUP to reload the corpus and swap in a new index without a restart, as /reindex does.
SIGTERM or SIGINT stops taking new work and lets work in flight finish for up to 20 s.
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
	m := newMetrics()
	m.corpusOf(engine.Documents())
	b.SetTelemetry(m)

	store, err := openRecords(ctx, lg, cfg)
	if err != nil {
		return err
	}
	defer store.Close()
	b.UseRecords(store)
	pruneCtx, stopPruning := context.WithCancel(ctx)
	pruned := make(chan struct{})
	go func() { defer close(pruned); store.RunPruner(pruneCtx, 0) }()
	defer func() { stopPruning(); <-pruned }() // before store.Close

	h := &health{}
	var pages http.Handler
	if webPagesServed(cfg) {
		site, err := web.New(lg, engine, web.Config{PublicURL: cfg.PublicURL, CorpusDir: cfg.CorpusDir})
		if err != nil {
			return fmt.Errorf("web pages: %w", err)
		}
		pages = site
	}
	httpListener, err := startListener(lg, cfg, c.transport, b, m, h, pages)
	if err != nil {
		return err
	}
	var gw *gateway
	if cfg.Token != "" {
		if gw, err = openGateway(lg, cfg, c.transport, b); err != nil {
			httpListener.stop(context.Background())
			return err
		}
	}
	watchCtx, stopWatching := context.WithCancel(ctx)
	watched := make(chan struct{})
	go func() { defer close(watched); b.WatchCorpus(watchCtx, cfg.CorpusPoll) }()
	defer func() { stopWatching(); <-watched }()
	h.serving.Store(true)
	hangup := make(chan os.Signal, 1)
	signal.Notify(hangup, syscall.SIGHUP)
	defer signal.Stop(hangup)
	lg.Info("serving; interrupt (Ctrl-C) to stop, SIGHUP to reindex", "gateway", gw != nil, "http", httpListener.addr())

	for waiting := true; waiting; {
		select {
		case <-ctx.Done():
			waiting = false
		case <-hangup:
			// Not ctx: a SIGTERM arriving mid-reindex lets it finish, like any work in flight.
			reindexOnSignal(context.WithoutCancel(ctx), lg, b)
		}
	}
	lg.Info("shutting down: no new work; waiting for work in flight", "grace", shutdownGrace)
	h.serving.Store(false)
	graceCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer cancel()
	gw.close(lg)
	httpListener.stop(graceCtx)
	if err := b.Shutdown(graceCtx); err != nil {
		lg.Warn("work cut short", "err", err)
	}
	lg.Info("stopped; closing the index and the records")
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
