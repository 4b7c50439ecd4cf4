// Package bot is planbot's Discord front end: it registers the slash commands, routes interactions
// and channel messages to handlers, and turns the answer engine's verbatim excerpts into Discord
// messages that stay within Discord's limits and never ping anyone.
//
// Handlers are plain functions that take a context and an interaction and return the response
// data; one dispatcher (dispatch.go) talks to Discord, defers slow handlers, recovers panics and
// turns errors into a short private message with an error id.
package bot

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/corpus/ingest"
	"github.com/planbot/planbot/index"
)

// Defaults for Config fields left zero.
const (
	DefaultCooldown       = 5
	DefaultCooldownWindow = 30 * time.Second
)

// Config says where and for whom the bot answers.
type Config struct {
	GuildID        string   // "" → global registration
	AnswerChannels []string // channel ids where questions are answered without a mention (and their threads)
	// ThreadAnswers answers a mention in a text channel in a new thread named after the question,
	// where later messages are follow-ups; forum posts and threads are answered in place.
	ThreadAnswers bool
	ModRoleIDs    []string // roles that may use moderator commands besides Manage Server

	// CorpusDir is the folder /reindex loads and /corpus writes; "" serves the built-in corpus,
	// which /reindex reloads and /corpus cannot change.
	CorpusDir string
	// PublicURL is where the web pages are published (bot/web); "" → answers carry no context links.
	PublicURL string
	// AllowPrivateURLs lets /corpus add fetch loopback and private addresses. Tests and dev only.
	AllowPrivateURLs bool

	// Cooldown questions per user in CooldownWindow; DefaultCooldown in DefaultCooldownWindow when zero.
	Cooldown       int
	CooldownWindow time.Duration

	Now func() time.Time // injected clock, nil → time.Now
}

// answerer is what the bot needs from the answer engine.
type answerer interface {
	Answer(ctx context.Context, question string, opts index.Options) (index.Answer, error)
	Search(ctx context.Context, query string, opts index.SearchOptions) (index.SearchResult, error)
	Documents() []index.DocumentInfo
	Document(id string) (index.DocumentInfo, bool)
	Provisions(topic corpus.Topic) []index.Excerpt
	Timeline() []index.Event
}

var _ answerer = (*index.Live)(nil)

// Bot answers questions on Discord from the engine's sources. Create it with New, then call
// Register once and Attach to a session.
type Bot struct {
	lg       *slog.Logger
	engine   answerer
	cfg      Config
	now      func() time.Time
	channels map[string]bool // AnswerChannels as a set
	modRoles map[string]bool

	cooldown *cooldown
	hinted   *cooldown // one followUpHint per member per hintEvery
	// refusalNoted: one DM per member per refusalNoteEvery about replies Discord refused
	refusalNoted *cooldown
	recent       *lru[asked]              // questions behind buttons, keyed by interaction or message id
	answers      *lru[string]             // our answer message id → the question it answers, for follow-ups
	handled      *lru[bool]               // ids of messages put to the bot (mention, DM) already taken up
	threads      *lru[string]             // threads the bot opened → the question so far, for follow-ups
	suggested    suggestions              // /ask autocomplete's questions, per corpus
	channelCache *lru[*discordgo.Channel] // channels looked up (nil: unknown), for threads' parents
	feedback     feedback
	usedMore     *lru[bool]     // message id + "/" + More's custom_id, once pressed
	votes        *lru[bool]     // answer page + "/" + voter → the vote's direction (true: 👍)
	voterKey     []byte         // hashes voters; the records store's when there is one
	observe      answerObserver // sees every answer to a question addressed to the bot; nil → none
	records      recordStore    // what /unanswered lists; nil → not kept
	shown        *lru[[]string] // answer key → passage ids shown, so a 👎 records what it disliked
	botID        atomic.Value   // string: the bot's user id, learned from Ready or the session state

	reloader  reloader // nil when the engine cannot be reindexed (test fakes)
	fetcher   *ingest.Fetcher
	trash     ingest.TrashListing // /corpus restore's choices, read again only when the trash changed
	reindexMu sync.Mutex          // one corpus change or reindex at a time, from any source

	// deferAfter is how long the dispatcher waits for a handler before it defers; a field so tests
	// can force both paths.
	deferAfter time.Duration

	work      *inflight          // accepted work, for Shutdown
	workCtx   context.Context    // handlers' parent context; cancelled when Shutdown gives up
	stopWork  context.CancelFunc // cancels workCtx
	telemetry telemetry          // counters and timings; never nil

	corpusPrint atomic.Value // string: corpus.Fingerprint of CorpusDir as last loaded
}

// Sizes of the in-memory memories; old entries simply expire.
const (
	recentQuestions = 2048
	recentAnswers   = 2048
	recentVotes     = 8192
	// deferAfter leaves a second of the 3 s interaction deadline for the network.
	defaultDeferAfter = 2 * time.Second
)

// New returns a bot answering from engine.
func New(lg *slog.Logger, engine *index.Live, cfg Config) *Bot {
	return newBot(lg, engine, cfg)
}

func newBot(lg *slog.Logger, engine answerer, cfg Config) *Bot {
	if lg == nil {
		lg = slog.New(slog.DiscardHandler)
	}
	if cfg.Cooldown <= 0 {
		cfg.Cooldown = DefaultCooldown
	}
	if cfg.CooldownWindow <= 0 {
		cfg.CooldownWindow = DefaultCooldownWindow
	}
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	b := &Bot{
		lg:           lg,
		engine:       engine,
		cfg:          cfg,
		now:          now,
		channels:     set(cfg.AnswerChannels),
		modRoles:     set(cfg.ModRoleIDs),
		cooldown:     newCooldown(cfg.Cooldown, cfg.CooldownWindow, now),
		hinted:       newCooldown(1, hintEvery, now),
		refusalNoted: newCooldown(1, refusalNoteEvery, now),
		recent:       newLRU[asked](recentQuestions),
		answers:      newLRU[string](recentAnswers),
		handled:      newLRU[bool](recentAnswers),
		threads:      newLRU[string](recentAnswers),
		channelCache: newLRU[*discordgo.Channel](recentAnswers),
		feedback:     logFeedback{lg: lg},
		shown:        newLRU[[]string](recentAnswers),
		votes:        newLRU[bool](recentVotes),
		usedMore:     newLRU[bool](recentAnswers),
		voterKey:     newVoterKey(),
		fetcher:      ingest.New(lg, ingest.Config{AllowPrivate: cfg.AllowPrivateURLs}),
		deferAfter:   defaultDeferAfter,
		work:         newInflight(),
		telemetry:    noTelemetry{},
	}
	b.workCtx, b.stopWork = context.WithCancel(context.Background())
	b.notePrint() // the engine was just built from the folder as it is now
	if r, ok := engine.(reloader); ok {
		b.reloader = r
	}
	b.botID.Store("")
	return b
}

// SetFeedback replaces where 👍/👎 votes go (by default: the log). Call it before Attach.
func (b *Bot) SetFeedback(f feedback) { b.feedback = f }

// Intents returns the fewest gateway intents the bot needs: guild and direct messages for
// mentions, replies and DMs (which carry their text without the privileged intent), plus
// MESSAGE_CONTENT only when it must read unprompted questions in AnswerChannels.
func Intents(cfg Config) discordgo.Intent {
	in := discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	if len(cfg.AnswerChannels) > 0 {
		in |= discordgo.IntentMessageContent
	}
	return in
}

// Register replaces every command of the application with planbot's in one bulk overwrite: in
// the configured guild (GuildCommands) or globally (Commands). It returns Discord's error when the
// overwrite is refused.
func (b *Bot) Register(s *discordgo.Session, appID string) error {
	cmds := Commands()
	if b.cfg.GuildID != "" {
		cmds = GuildCommands()
	}
	if _, err := s.ApplicationCommandBulkOverwrite(appID, b.cfg.GuildID, cmds); err != nil {
		return fmt.Errorf("register %d commands (guild %q): %w", len(cmds), b.cfg.GuildID, err)
	}
	b.lg.Info("registered commands", "count", len(cmds), "guild", b.cfg.GuildID)
	return nil
}

// ClearGuild removes the application's commands registered in guildID (an empty bulk overwrite),
// so a server that had a test registration does not show every command twice once they are
// global. It returns Discord's error when refused.
func (b *Bot) ClearGuild(s *discordgo.Session, appID, guildID string) error {
	if guildID == "" {
		return fmt.Errorf("clear guild commands: no guild id")
	}
	if _, err := s.ApplicationCommandBulkOverwrite(appID, guildID, []*discordgo.ApplicationCommand{}); err != nil {
		return fmt.Errorf("clear the commands of guild %s: %w", guildID, err)
	}
	b.lg.Info("cleared guild commands", "guild", guildID)
	return nil
}

// Attach adds the bot's handlers to s and routes discordgo's own logging into the bot's logger.
func (b *Bot) Attach(s *discordgo.Session) {
	routeDiscordgoLogs(b.lg)
	s.AddHandler(func(s *discordgo.Session, r *discordgo.Ready) {
		if r.User != nil {
			b.botID.Store(r.User.ID)
		}
		b.lg.Info("connected to discord", "user", userName(r.User), "guilds", len(r.Guilds))
	})
	s.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		b.track(func(ctx context.Context) { b.dispatch(ctx, s, ic) })
	})
	s.AddHandler(func(s *discordgo.Session, m *discordgo.MessageCreate) {
		b.track(func(ctx context.Context) { b.onMessage(ctx, s, m) })
	})
	s.AddHandler(func(s *discordgo.Session, m *discordgo.MessageUpdate) {
		if m != nil {
			b.track(func(ctx context.Context) {
				b.handleEdit(withWay(ctx, WayMessage), b.watch(s, ""), b.selfID(s), m.Message)
			})
		}
	})
	s.AddHandler(func(s *discordgo.Session, _ *discordgo.Connect) { b.telemetry.GatewayConnected(true) })
	s.AddHandler(func(s *discordgo.Session, _ *discordgo.Disconnect) { b.telemetry.GatewayConnected(false) })
}

func set(ids []string) map[string]bool {
	m := make(map[string]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

func userName(u *discordgo.User) string {
	if u == nil {
		return ""
	}
	return u.Username
}
