package bot

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/bot/records"
	"github.com/planbot/planbot/index"
)

// AnsweredQuestion is one answer to a question put to the bot, as the moderators' records see it:
// where and what, never who.
type AnsweredQuestion struct {
	At         time.Time
	GuildID    string // "" in direct messages
	ChannelID  string
	Question   string
	Answered   bool
	Confident  bool     // false with Answered: a tentative answer, the closest excerpts
	Reason     string   // the engine's reason when not answered
	PassageIDs []string // the passages the answer quoted
}

// answerObserver sees every answer to a question addressed to the bot: /ask, the message command,
// mentions, replies and DMs — not the silent non-answers to chatter in answer channels.
type answerObserver interface {
	ObserveAnswer(ctx context.Context, a AnsweredQuestion)
}

// SetAnswerObserver sets who sees the answers (by default nobody). Call it before Attach.
func (b *Bot) SetAnswerObserver(o answerObserver) { b.observe = o }

// recordStore is the part of *records.Store the bot uses.
type recordStore interface {
	Add(r records.Record) error
	AddVote(v records.Vote) (changed bool, err error)
	VoterKey() ([]byte, error)
	Top(since time.Time, guildID string, n int) ([]records.Entry, error)
}

var _ recordStore = (*records.Store)(nil)

// UseRecords keeps every unanswered or tentatively answered question and every vote in store and lets /unanswered list them.
// Votes still reach the log as before. Call it before Attach.
func (b *Bot) UseRecords(store recordStore) {
	b.records = store
	if key, err := store.VoterKey(); err != nil {
		b.lg.Warn("records: no voter key; votes dedupe only until a restart", "error", err)
	} else {
		b.voterKey = key
	}
	b.SetFeedback(recordingFeedback{lg: b.lg, next: b.feedback, store: store})
	b.SetAnswerObserver(recordingObserver{lg: b.lg, store: store})
}

// rememberShown keeps the passages one page of an answer showed, so a 👎 on that page can record
// what it disliked.
func (b *Bot) rememberShown(key string, offset int, ans index.Answer) {
	if ans.Answered {
		b.shown.put(shownKey(key, offset), passageIDs(ans))
	}
}

func passageIDs(ans index.Answer) []string {
	ids := make([]string, 0, len(ans.Excerpts))
	for _, e := range ans.Excerpts {
		ids = append(ids, e.PassageID)
	}
	return ids
}

// observeAnswer tells the observer about an answer (its first page).
func (b *Bot) observeAnswer(ctx context.Context, guildID, channelID, question string, ans index.Answer) {
	var ids []string
	if ans.Answered {
		ids = passageIDs(ans)
	}
	if b.observe == nil {
		return
	}
	b.observe.ObserveAnswer(ctx, AnsweredQuestion{At: b.now(), GuildID: guildID, ChannelID: channelID,
		Question: question, Answered: ans.Answered, Confident: ans.Confident, Reason: ans.Reason, PassageIDs: ids})
}

// userMention matches a user mention; a question may name a person, and records must not.
var userMention = regexp.MustCompile(`<@!?\d+>`)

func recordable(question string) string {
	return strings.TrimSpace(userMention.ReplaceAllString(cleanInput(question), "@someone"))
}

type recordingObserver struct {
	lg    *slog.Logger
	store recordStore
}

// ObserveAnswer records a question that got no answer, or only a tentative one (with the passages
// shown), so moderators see what to add. An empty question is not one anybody could add a source for.
func (o recordingObserver) ObserveAnswer(ctx context.Context, a AnsweredQuestion) {
	q := recordable(a.Question)
	if (a.Answered && a.Confident) || q == "" || a.Reason == index.ReasonEmpty {
		return
	}
	r := records.Record{Time: a.At, Kind: records.KindUnanswered, GuildID: a.GuildID, ChannelID: a.ChannelID, Question: q}
	if a.Answered {
		r.Kind, r.ExcerptIDs = records.KindTentative, a.PassageIDs
	}
	err := o.store.Add(r)
	if err != nil {
		o.lg.Warn("record unanswered question", "error", err)
	}
}

type recordingFeedback struct {
	lg    *slog.Logger
	next  feedback
	store recordStore
}

// RecordVote passes the vote on and keeps it (by voter hash, never the voter) for /unanswered:
// one per voter and answer page, replaced when the voter changes it.
func (f recordingFeedback) RecordVote(ctx context.Context, v Vote) error {
	if err := f.next.RecordVote(ctx, v); err != nil {
		return err
	}
	q := recordable(v.Question)
	if q == "" {
		return nil // a vote on an answer whose question is forgotten tells a moderator nothing
	}
	_, err := f.store.AddVote(records.Vote{Time: v.At, Up: v.Up, Answer: shownKey(v.AnswerKey, v.Offset), Voter: v.Voter,
		GuildID: v.GuildID, ChannelID: v.ChannelID, Question: q, ExcerptIDs: v.PassageIDs})
	return err
}

// Bounds of /unanswered.
const (
	defaultUnansweredDays = 7
	maxUnansweredDays     = 90
	unansweredShown       = 25 // per kind: what a moderator can act on in one sitting
)

func unansweredCommand() *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{
		Name:        "unanswered",
		Description: "Moderators: questions I couldn't answer or answered only tentatively, and disliked answers",
		Options: []*discordgo.ApplicationCommandOption{{
			Type:        discordgo.ApplicationCommandOptionInteger,
			Name:        "days",
			Description: "How far back to look, 1–90 days (default 7)",
			MinValue:    ptr(1.0),
			MaxValue:    maxUnansweredDays,
		}},
	}
}

// unanswered answers /unanswered [days:], privately, for this server only.
func (b *Bot) unanswered(ctx context.Context, ic *discordgo.InteractionCreate) (response, error) {
	if b.records == nil {
		return notice("I'm not keeping records of unanswered questions here: whoever runs the bot can set `DATA_DIR` to turn them on."), nil
	}
	days := min(max(optionInt(ic, "days", defaultUnansweredDays), 1), maxUnansweredDays)
	entries, err := b.records.Top(b.now().Add(-time.Duration(days)*24*time.Hour), ic.GuildID, 0)
	if err != nil {
		return response{}, fmt.Errorf("unanswered: %w", err)
	}
	l := longList{
		Title:  fmt.Sprintf("What people couldn't get here in the last %d days", days),
		Color:  colorNoAnswer,
		Empty:  "Nothing: every question was answered, and nobody disliked an answer.",
		More:   "…and %d more parts left out.",
		Footer: "Most asked first. Add a source that answers them with /corpus add. No names are kept.",
	}
	var unanswered, tentative, disliked, liked []string
	for _, e := range entries {
		line := fmt.Sprintf("**%d×** %s — last <t:%d:R>", e.Count, escapeUser(clipWords(e.Question, 300)), e.Last.Unix())
		switch e.Kind {
		case records.KindUnanswered:
			if len(unanswered) < unansweredShown {
				unanswered = append(unanswered, line)
			}
		case records.KindTentative:
			if len(tentative) < unansweredShown {
				tentative = append(tentative, line+idList(e.ExcerptIDs))
			}
		case records.KindDisliked:
			if len(disliked) < unansweredShown {
				disliked = append(disliked, line+idList(e.ExcerptIDs))
			}
		case records.KindLiked:
			if len(liked) < unansweredShown {
				liked = append(liked, line)
			}
		}
	}
	if len(unanswered) > 0 {
		l.Lines = append(l.Lines, "__Questions I couldn't answer__")
		l.Lines = append(l.Lines, unanswered...)
	}
	if len(tentative) > 0 {
		l.Lines = append(l.Lines, "__Answered only tentatively__ (the closest passages, which may not answer it)")
		l.Lines = append(l.Lines, tentative...)
	}
	if len(disliked) > 0 {
		l.Lines = append(l.Lines, "__Answers marked 👎__ (one vote per member, with the passages they quoted)")
		l.Lines = append(l.Lines, disliked...)
	}
	if len(liked) > 0 {
		l.Lines = append(l.Lines, "__Answers marked 👍__ (one vote per member)")
		l.Lines = append(l.Lines, liked...)
	}
	return packResponse(l.pack(), true), nil
}
