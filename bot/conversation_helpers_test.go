package bot

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/bot/internal/discordtest"
	"github.com/planbot/planbot/index"
)

// newFakeE2E is newE2E on the hand-written engine: the real discordgo session and the schema-
// checking fake Discord, with answers the test chooses (a tentative one, a refusal).
func newFakeE2E(t testing.TB, cfg Config) (*e2e, *fakeEngine) {
	t.Helper()
	srv := discordtest.New(t)
	lg := slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	eng := newFakeEngine()
	b := newBot(lg, eng, cfg)
	b.botID.Store(discordtest.BotUserID)
	return &e2e{t: t, srv: srv, sess: srv.Session("test-token"), bot: b}, eng
}

// tentativeAnswer is cannedAnswer as the engine gives it when unsure: the closest excerpts.
func tentativeAnswer(q string, o index.Options) (index.Answer, error) {
	a := cannedAnswer(q, o)
	a.Confident, a.Confidence = false, 0.4
	return a, nil
}

// say delivers a channel message to the bot as the gateway would, and waits for it to be handled.
func (e *e2e) say(m *discordgo.Message) {
	e.t.Helper()
	e.bot.onMessage(context.Background(), e.sess, &discordgo.MessageCreate{Message: m})
}

// toBot is a guild message from alice that mentions the bot the way Discord delivers it: the
// mention in the text and the bot listed in mentions.
func toBot(id, text string) *discordgo.Message {
	m := userMessage(id, "<@"+discordtest.BotUserID+"> "+text)
	m.Mentions = []*discordgo.User{{ID: discordtest.BotUserID, Username: discordtest.BotUsername, Bot: true}}
	return m
}

// replyTo is alice's reply to message target (by the bot), with text as Discord delivers it:
// without the Message Content intent and without a ping, text is "".
func replyTo(id, target, text string) *discordgo.Message {
	m := userMessage(id, text)
	m.Type = discordgo.MessageTypeReply
	m.MessageReference = &discordgo.MessageReference{MessageID: target, ChannelID: channelID, GuildID: guildID}
	m.ReferencedMessage = &discordgo.Message{ID: target, ChannelID: channelID,
		Author: &discordgo.User{ID: discordtest.BotUserID, Username: discordtest.BotUsername, Bot: true}}
	return m
}

// settle gives the fake a moment for requests a handler may still send, for tests asserting
// that nothing more is sent.
func settle() { time.Sleep(20 * time.Millisecond) }
