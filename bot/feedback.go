package bot

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Vote is one member's 👍 or 👎 on one page of an answer.
type Vote struct {
	Up        bool
	Question  string // "" when the question behind the answer is no longer known
	AnswerKey string // the interaction or message id the answer was for
	Offset    int    // the page of the answer: the offset of its first excerpt
	// Voter is a keyed hash of the member (HMAC-SHA256 under the bot's voter key), so a member
	// votes once per answer page and may change their mind, while records never hold who they are.
	Voter     string
	GuildID   string // "" in DMs
	ChannelID string
	MessageID string // the answer message voted on
	// PassageIDs are the passages the answer quoted, when the bot still remembers them.
	PassageIDs []string
	At         time.Time
}

// feedback receives votes, at most one per voter and answer page unless the voter changes it.
// The default writes them to the log; the moderators' records store plugs in with SetFeedback.
type feedback interface {
	RecordVote(ctx context.Context, v Vote) error
}

type logFeedback struct{ lg *slog.Logger }

func (f logFeedback) RecordVote(ctx context.Context, v Vote) error {
	f.lg.InfoContext(ctx, "answer feedback", "up", v.Up, "question", v.Question, "answer", v.AnswerKey,
		"guild", v.GuildID, "channel", v.ChannelID, "message", v.MessageID)
	return nil
}

// newVoterKey is a fresh random key for hashing voters, used until a records store brings the
// persistent one.
func newVoterKey() []byte {
	k := make([]byte, 32)
	_, _ = rand.Read(k) // crypto/rand.Read never fails on supported platforms
	return k
}

// voterHash names a member for votes without naming them: 128 bits of HMAC-SHA256 of the user id.
func voterHash(key []byte, userID string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(userID))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// vote records 👍/👎, one per member and answer page (a member may change it), and thanks the
// voter privately.
func (b *Bot) vote(ctx context.Context, ic *discordgo.InteractionCreate) (response, error) {
	key, offset, up, ok := parseVoteID(ic.MessageComponentData().CustomID)
	if !ok {
		return notice(txtExpired.in(interactionLang(ic))), nil
	}
	voter := voterHash(b.voterKey, userID(ic))
	page := shownKey(key, offset)
	if was, seen := b.votes.get(page + "/" + voter); seen && was == up {
		return notice(txtVotedAlready.in(interactionLang(ic))), nil
	}
	a, _ := b.recall(key, ic.Message)
	v := Vote{
		Up: up, Question: a.Question, AnswerKey: key, Offset: offset, Voter: voter,
		GuildID: ic.GuildID, ChannelID: ic.ChannelID, At: b.now(),
	}
	if ic.Message != nil {
		v.MessageID = ic.Message.ID
	}
	v.PassageIDs, _ = b.shown.get(page)
	if err := b.feedback.RecordVote(ctx, v); err != nil {
		return response{}, fmt.Errorf("record vote: %w", err)
	}
	b.votes.put(page+"/"+voter, up)
	if up {
		return notice(txtThanksUp.in(interactionLang(ic))), nil
	}
	return notice(txtThanksDown.in(interactionLang(ic))), nil
}
