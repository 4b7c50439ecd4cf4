package main

import (
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/planbot/planbot/bot/records"
)

// Config is what serve and register read from the environment.
type Config struct {
	Token          secret // DISCORD_TOKEN, required unless INTERACTIONS_ADDR is set (HTTP-only)
	GuildID        string // DISCORD_GUILD_ID: register commands in this server only (they appear at once)
	CorpusDir      string // CORPUS_DIR: serve these documents instead of the built-in ones
	IndexDir       string // INDEX_DIR: keep the index on disk here instead of in memory
	DataDir        string // DATA_DIR: the bot's own files (the records); DefaultDataDir when unset
	LogLevel       slog.Level
	AnswerChannels []string // ANSWER_CHANNELS: channel ids where the bot answers every message
	ModRoleIDs     []string // MOD_ROLE_IDS: roles allowed to use moderator commands

	RecordsRetention time.Duration // RECORDS_RETENTION_DAYS: how long unanswered questions are kept
	// AllowPrivateURLs (CORPUS_ALLOW_PRIVATE_URLS=true) lets /corpus add fetch loopback and private
	// addresses: for tests and development, never for a bot on a server's network.
	AllowPrivateURLs bool
	// ThreadAnswers (THREAD_ANSWERS=true) answers a channel mention in a new thread named after the
	// question, where later messages are follow-ups.
	ThreadAnswers bool

	Serving
	Web
}

// DefaultDataDir is where the records live when DATA_DIR is unset: beside the working folder,
// like .env, so a bot started the same way twice finds them again.
const DefaultDataDir = "data"

// maxRetentionDays bounds RECORDS_RETENTION_DAYS: records are for acting on soon, not an archive.
const maxRetentionDays = 365

// tokenHelp tells a new user where a token comes from, and that ask needs none.
const tokenHelp = "DISCORD_TOKEN is not set: in the Discord developer portal " +
	"(https://discord.com/developers/applications) open your application → Bot → Reset Token, " +
	"and put it in .env as DISCORD_TOKEN=<token>; to try planbot without Discord, run " +
	`planbot ask "How large could Ukraine's army be under the plan?", which needs no token`

// tokenPlaceholder is the value .env.example ships with.
const tokenPlaceholder = "your-bot-token-here"

// loadConfig reads the serve configuration from getenv. Its error lists every missing or invalid
// variable, in one line, and never contains the token.
func loadConfig(getenv func(string) string) (Config, error) {
	var problems []string
	cfg := Config{
		CorpusDir: strings.TrimSpace(getenv("CORPUS_DIR")),
		IndexDir:  strings.TrimSpace(getenv("INDEX_DIR")),
		DataDir:   strings.TrimSpace(getenv("DATA_DIR")),
	}

	token := strings.TrimSpace(getenv("DISCORD_TOKEN"))
	token = strings.TrimPrefix(token, "Bot ") // a common paste; discordgo adds it itself
	// Without a token serve answers over HTTP only, or serves just the web pages.
	httpOnly := strings.TrimSpace(getenv("INTERACTIONS_ADDR")) != "" || strings.TrimSpace(getenv("WEB_ADDR")) != ""
	switch {
	case token == "" && httpOnly:
	case token == "":
		problems = append(problems, tokenHelp)
	case token == tokenPlaceholder:
		problems = append(problems, "DISCORD_TOKEN is still the placeholder from .env.example: "+
			"replace it with your bot's token (developer portal → your application → Bot → Reset Token)")
	case strings.ContainsAny(token, " \t\r\n\"'"):
		problems = append(problems, "DISCORD_TOKEN contains spaces or quotes: copy it again from the developer portal")
	default:
		cfg.Token = secret(token)
	}

	// quote shows a bad value back, unless it holds the token pasted in the wrong place.
	quote := func(v string) string {
		if token != "" && strings.Contains(v, token) {
			return tokenLike
		}
		return quoteValue(v)
	}

	if g := strings.TrimSpace(getenv("DISCORD_GUILD_ID")); g != "" {
		if msg := checkSnowflake(g); msg != "" {
			problems = append(problems, fmt.Sprintf("DISCORD_GUILD_ID %s %s", quote(g), msg))
		} else {
			cfg.GuildID = g
		}
	}

	level, err := parseLevel(getenv("LOG_LEVEL"), slog.LevelInfo)
	if err != nil {
		problems = append(problems, err.Error())
	}
	cfg.LogLevel = level

	var bad []string
	cfg.AnswerChannels, bad = snowflakeList(getenv("ANSWER_CHANNELS"))
	for _, b := range bad {
		problems = append(problems, fmt.Sprintf("ANSWER_CHANNELS entry %s %s", quote(b), checkSnowflake(b)))
	}
	cfg.ModRoleIDs, bad = snowflakeList(getenv("MOD_ROLE_IDS"))
	for _, b := range bad {
		problems = append(problems, fmt.Sprintf("MOD_ROLE_IDS entry %s %s", quote(b), checkSnowflake(b)))
	}

	if cfg.DataDir == "" {
		cfg.DataDir = DefaultDataDir
	}
	cfg.RecordsRetention = records.DefaultRetention
	if v := strings.TrimSpace(getenv("RECORDS_RETENTION_DAYS")); v != "" {
		days, err := strconv.Atoi(v)
		if err != nil || days < 1 || days > maxRetentionDays {
			problems = append(problems, fmt.Sprintf("RECORDS_RETENTION_DAYS %s must be a whole number of days from 1 to %d", quote(v), maxRetentionDays))
		} else {
			cfg.RecordsRetention = time.Duration(days) * 24 * time.Hour
		}
	}
	if allow, err := allowPrivateURLs(getenv); err != nil {
		problems = append(problems, err.Error())
	} else {
		cfg.AllowPrivateURLs = allow
	}
	if v, err := envBool(getenv, "THREAD_ANSWERS"); err != nil {
		problems = append(problems, err.Error())
	} else {
		cfg.ThreadAnswers = v
	}

	problems = append(problems, loadServing(&cfg, getenv, quote)...)
	problems = append(problems, loadWeb(&cfg, getenv, quote)...)

	if len(problems) > 0 {
		return Config{}, fmt.Errorf("configuration: %s", strings.Join(problems, "; "))
	}
	return cfg, nil
}

// String describes the configuration as LogValue does, without the token.
func (c Config) String() string { return c.LogValue().String() }

// LogValue lets slog log the configuration as a group, without the token.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Any("token", c.Token),
		slog.String("guild", c.GuildID),
		slog.String("corpus", c.CorpusDir),
		slog.String("index", c.IndexDir),
		slog.String("data", c.DataDir),
		slog.String("log", c.LogLevel.String()),
		slog.Any("answer_channels", c.AnswerChannels),
		slog.Any("mod_roles", c.ModRoleIDs),
		slog.Duration("records_retention", c.RecordsRetention),
		slog.Bool("allow_private_urls", c.AllowPrivateURLs),
		slog.Bool("thread_answers", c.ThreadAnswers),
		slog.String("interactions_addr", c.InteractionsAddr),
		slog.String("application", c.ApplicationID),
		slog.String("metrics_addr", c.MetricsAddr),
		slog.Any("database", c.DatabaseURL),
		slog.Int("shard_count", c.ShardCount),
		slog.Int("shard_id", c.ShardID),
		slog.String("web_addr", c.WebAddr),
		slog.String("public_url", c.PublicURL),
	)
}

const redacted = "[redacted]"

// secret holds the bot token. Every way of printing it prints "[redacted]"; reveal gives the value.
type secret string

func (s secret) reveal() string { return string(s) }

func (s secret) String() string {
	if s == "" {
		return "[unset]"
	}
	return redacted
}

// GoString covers %#v.
func (s secret) GoString() string { return s.String() }

// Format covers every fmt verb, %x and %q included.
func (s secret) Format(f fmt.State, _ rune) { io.WriteString(f, s.String()) }

// LogValue covers slog.
func (s secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalText covers encoding/json and friends.
func (s secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// parseLevel reads LOG_LEVEL; "" gives def.
func parseLevel(v string, def slog.Level) (slog.Level, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "":
		return def, nil
	case "debug":
		return slog.LevelDebug, nil
	case "info":
		return slog.LevelInfo, nil
	case "warn", "warning":
		return slog.LevelWarn, nil
	case "error":
		return slog.LevelError, nil
	}
	return def, fmt.Errorf("LOG_LEVEL %s must be debug, info, warn or error", quoteValue(v))
}

// checkSnowflake returns why s is not a Discord id, or "".
func checkSnowflake(s string) string {
	if _, err := strconv.ParseUint(s, 10, 64); err != nil || len(s) < 17 || len(s) > 20 {
		return "is not a Discord id (17 to 20 digits; with Developer Mode on, right-click → Copy ID)"
	}
	return ""
}

// snowflakeList splits a comma-separated list of ids, returning the good ones and the bad ones.
func snowflakeList(v string) (good, bad []string) {
	for _, f := range strings.Split(v, ",") {
		f = strings.TrimSpace(f)
		switch {
		case f == "":
		case checkSnowflake(f) != "":
			bad = append(bad, f)
		default:
			good = append(good, f)
		}
	}
	return good, bad
}

// looksLikeToken reports whether v has the shape of a bot token: three dot-separated parts.
func looksLikeToken(v string) bool {
	return len(v) > 30 && strings.Count(v, ".") >= 2
}

// tokenLike stands for a bad value that is not shown back because it may be the token.
const tokenLike = "(a value that looks like a token)"

// quoteValue quotes a bad value for an error, shortened, unless it looks like a token.
func quoteValue(v string) string {
	if looksLikeToken(v) {
		return tokenLike
	}
	return strconv.Quote(clip(v))
}

// clip shortens a bad value quoted back in an error.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// newLogger returns a text logger on w at level.
func newLogger(w io.Writer, level slog.Level) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}
