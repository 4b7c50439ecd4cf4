package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/bot"
)

// botConfig is the part of Config the bot package reads.
func botConfig(cfg Config) bot.Config {
	return bot.Config{GuildID: cfg.GuildID, AnswerChannels: cfg.AnswerChannels, ModRoleIDs: cfg.ModRoleIDs,
		CorpusDir: cfg.CorpusDir, AllowPrivateURLs: cfg.AllowPrivateURLs, PublicURL: cfg.PublicURL,
		ThreadAnswers: cfg.ThreadAnswers}
}

// openSession returns a discordgo session for the bot token, not yet connected, and the id of
// the application the token belongs to, which it asks Discord. transport, when not nil, carries
// its HTTP requests (tests point it at a fake Discord).
func openSession(cfg Config, token secret, transport http.RoundTripper) (*discordgo.Session, string, error) {
	s := newSession(cfg, token, transport)
	app, err := s.Application("@me")
	if err != nil {
		return nil, "", explainDiscord(fmt.Errorf("look up the application of DISCORD_TOKEN: %w", err))
	}
	return s, app.ID, nil
}

// newSession returns a discordgo session for token ("" for one that only uses interaction
// webhooks, which need no token), configured as every planbot session is.
func newSession(cfg Config, token secret, transport http.RoundTripper) *discordgo.Session {
	auth := ""
	if token != "" {
		auth = "Bot " + token.reveal()
	}
	s, _ := discordgo.New(auth) // it never fails in v0.29.0
	s.Identify.Intents = bot.Intents(botConfig(cfg))
	// discordgo logs its identify packet, token included, at LogDebug: never go that low.
	s.LogLevel = discordgo.LogWarning
	if cfg.LogLevel <= slog.LevelDebug {
		s.LogLevel = discordgo.LogInformational
	}
	if transport != nil {
		s.Client = &http.Client{Transport: transport, Timeout: s.Client.Timeout}
	}
	return s
}

// explainDiscord turns the Discord errors a new user meets into advice.
func explainDiscord(err error) error {
	var rest *discordgo.RESTError
	if errors.As(err, &rest) && rest.Response != nil && rest.Response.StatusCode == http.StatusUnauthorized {
		return errors.New("Discord refused DISCORD_TOKEN (401 Unauthorized): reset it in the developer portal " +
			"(your application → Bot → Reset Token) and update .env")
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "4014"):
		return fmt.Errorf("Discord refused the gateway intents: ANSWER_CHANNELS needs Message Content Intent, "+
			"enabled in the developer portal (your application → Bot → Privileged Gateway Intents), or unset ANSWER_CHANNELS: %w", err)
	case strings.Contains(msg, "4004"):
		return fmt.Errorf("Discord refused DISCORD_TOKEN: reset it in the developer portal (your application → Bot → Reset Token): %w", err)
	}
	return err
}

// redactWriter replaces the token wherever it appears in what is written through it: the last
// guard for logs, whatever a library decides to print.
type redactWriter struct {
	w     io.Writer
	token []byte
}

func newRedactWriter(w io.Writer, token secret) io.Writer {
	if token == "" {
		return w
	}
	return &redactWriter{w: w, token: []byte(token.reveal())}
}

func (r *redactWriter) Write(p []byte) (int, error) {
	if _, err := r.w.Write(bytes.ReplaceAll(p, r.token, []byte(redacted))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// redactError removes the token from an error's text.
func redactError(err error, token secret) error {
	if err == nil || token == "" || !strings.Contains(err.Error(), token.reveal()) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), token.reveal(), redacted))
}
