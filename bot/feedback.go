package bot

import (
	"context"
	"log/slog"
	"time"
)

// Vote is one 👍 or 👎 on an answer.
type Vote struct {
	Up        bool
	Question  string // "" when the question behind the answer is no longer known
	AnswerKey string // the interaction or message id the answer was for
	// No user id or name: what people disliked is recorded, never who they are.
	GuildID   string // "" in DMs
	ChannelID string
	MessageID string // the answer message voted on
	// PassageIDs are the passages the answer quoted, when the bot still remembers them.
	PassageIDs []string
	At         time.Time
}

// feedback receives votes. The default writes them to the log; the moderators' records store
// plugs in with Bot.SetFeedback.
type feedback interface {
	RecordVote(ctx context.Context, v Vote) error
}

type logFeedback struct{ lg *slog.Logger }

func (f logFeedback) RecordVote(ctx context.Context, v Vote) error {
	f.lg.InfoContext(ctx, "answer feedback", "up", v.Up, "question", v.Question, "answer", v.AnswerKey,
		"guild", v.GuildID, "channel", v.ChannelID, "message", v.MessageID)
	return nil
}
