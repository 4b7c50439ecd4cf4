package main

import (
	"context"
	"fmt"

	"github.com/planbot/planbot/bot"
)

var serveCommand = command{
	name:    "serve",
	summary: "run the Discord bot (needs DISCORD_TOKEN)",
	usage: `Usage: planbot serve

Runs the Discord bot until interrupted: registers the slash commands (one bulk overwrite, in
DISCORD_GUILD_ID or globally), connects to the gateway and answers. Its settings come from the
environment or .env:

  DISCORD_TOKEN     bot token (required)
  DISCORD_GUILD_ID  register commands in this server only; they appear at once
  CORPUS_DIR        documents to serve instead of the built-in corpus
  INDEX_DIR         keep the index on disk here instead of in memory
  LOG_LEVEL         debug, info (default), warn or error
  ANSWER_CHANNELS   channel ids, comma-separated, where every message is read as a question
  MOD_ROLE_IDS      role ids, comma-separated, allowed moderator commands
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

	engine, err := openEngine(lg, cfg.CorpusDir, cfg.IndexDir, c.stderr)
	if err != nil {
		return err
	}
	defer engine.Close()
	b := bot.New(lg, engine, botConfig(cfg))

	s, err := newSession(cfg, c.transport)
	if err != nil {
		return err
	}
	appID, err := applicationID(s)
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
	lg.Info("serving; interrupt (Ctrl-C) to stop", "application", appID)

	// Reloading on SIGHUP will join this wait as a second case: rebuild the engine from the corpus
	// and swap it in, keeping the session.
	<-ctx.Done()
	lg.Info("shutting down")
	if err := s.Close(); err != nil {
		lg.Warn("close Discord session", "err", err)
	}
	return nil
}
