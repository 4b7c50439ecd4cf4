package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/bot/internal/discordtest"
)

// snowflakeAt is a message id made at t, as Discord makes them (ms since 2015, shifted by 22).
func snowflakeAt(t time.Time, n int) string {
	return fmt.Sprint((t.UnixMilli()-1420070400000)<<22 + int64(n))
}

// quiet checks that the bot neither posted, nor asked the engine, nor recorded anything.
func quiet(t *testing.T, e *e2e, eng *fakeEngine, rec *observed, what string) {
	t.Helper()
	settle()
	if p := e.sentMessages(); len(p) != 0 {
		t.Errorf("%s: the bot posted %s", what, p[0].Body)
	}
	if q := eng.questions(); len(q) != 0 {
		t.Errorf("%s: the bot looked up %q", what, q)
	}
	if got := rec.all(); len(got) != 0 {
		t.Errorf("%s: recorded %+v", what, got)
	}
}

func observedE2E(t *testing.T, cfg Config) (*e2e, *fakeEngine, *observed) {
	e, eng := newFakeE2E(t, cfg)
	rec := &observed{}
	e.bot.SetAnswerObserver(rec)
	return e, eng, rec
}

// A mention inside inline code or a code block is text, not a question: Discord neither pings
// nor lists it. Nor is a mention Discord does not list (an escaped \<@id>).
func TestE2EMentionInCodeIsNotAQuestion(t *testing.T) {
	bot := "<@" + discordtest.BotUserID + ">"
	for name, m := range map[string]*discordgo.Message{
		"inline code, not listed": func() *discordgo.Message {
			m := userMessage(snowflake(86, 1), "try `"+bot+" what about NATO?`")
			m.Mentions = nil // as Discord delivers it
			return m
		}(),
		"code block, listed for a reply ping": func() *discordgo.Message {
			m := userMessage(snowflake(86, 2), "like this:\n```\n"+bot+" what about NATO?\n```")
			m.Mentions = []*discordgo.User{{ID: discordtest.BotUserID}}
			return m
		}(),
		"double-backtick span": userMessage(snowflake(86, 3), "``"+bot+" what about ` NATO?``"),
		"escaped, not listed": func() *discordgo.Message {
			m := userMessage(snowflake(86, 4), `\`+bot+" what about NATO?")
			m.Mentions = nil
			return m
		}(),
	} {
		t.Run(name, func(t *testing.T) {
			e, eng, rec := observedE2E(t, Config{})
			e.say(m)
			quiet(t, e, eng, rec, name)
		})
	}
	// A real mention beside code is still a question, code and all.
	e, eng, _ := observedE2E(t, Config{})
	e.say(toBot(snowflake(86, 5), "what does `Article 5` mean for Ukraine?"))
	if q := eng.questions(); len(q) != 1 || len(e.sentMessages()) != 1 {
		t.Errorf("mention beside code not answered: %q", q)
	}
}

// "thanks!", "ok", "lol" or an emoji replying to an answer, or said to the bot, get no answer and
// no record.
func TestE2EAcknowledgementsGetNoAnswer(t *testing.T) {
	for i, text := range []string{"thanks!", "ok", "lol", "👍", "Thank you so much 🙏", "<:pepe_ok:123456789012345678>", "ok, got it.", "дякую!"} {
		t.Run(text, func(t *testing.T) {
			e, eng, rec := observedE2E(t, Config{})
			// The reply pings the bot, so Discord delivers its text without the intent.
			m := replyTo(snowflake(87, 2*i+1), "700000000000000001", text)
			m.Mentions = []*discordgo.User{{ID: discordtest.BotUserID}}
			e.say(m)
			e.say(toBot(snowflake(87, 2*i+2), text))
			quiet(t, e, eng, rec, text)
		})
	}
	// A question that opens with a thank-you is still a question.
	e, eng, _ := observedE2E(t, Config{})
	e.say(toBot(snowflake(87, 99), "thanks! and what about NATO?"))
	if len(eng.questions()) != 1 {
		t.Error("a question after thanks went unanswered")
	}
}

// A forward carries its text in the snapshot and replies to nothing: forwarding one of the bot's
// answers is not a follow-up, a question forwarded into the DM is answered, and "Ask planbot" on a
// forward reads the forwarded text.
func TestE2EForwards(t *testing.T) {
	e, eng, rec := observedE2E(t, Config{})
	fwd := userMessage(snowflake(88, 1), "")
	fwd.MessageReference = &discordgo.MessageReference{Type: discordgo.MessageReferenceTypeForward,
		MessageID: "700000000000000001", ChannelID: channelID, GuildID: guildID}
	fwd.ReferencedMessage = &discordgo.Message{ID: "700000000000000001", Author: &discordgo.User{ID: discordtest.BotUserID, Bot: true}}
	fwd.MessageSnapshots = []discordgo.MessageSnapshot{{Message: &discordgo.Message{Content: "some answer"}}}
	e.say(fwd)
	quiet(t, e, eng, rec, "forward of an answer")

	dm := userMessage(snowflake(88, 2), "")
	dm.GuildID = ""
	dm.MessageReference = &discordgo.MessageReference{Type: discordgo.MessageReferenceTypeForward, MessageID: "800000000000000077", ChannelID: "300000000000000077"}
	dm.MessageSnapshots = []discordgo.MessageSnapshot{{Message: &discordgo.Message{Content: "What about NATO membership?"}}}
	e.say(dm)
	if q := eng.questions(); len(q) != 1 || q[0] != "What about NATO membership?" {
		t.Errorf("forward into the DM asked %q", q)
	}
	if sent := e.sentMessages(); len(sent) != 1 || !strings.Contains(str(sent[0].JSON, "embeds", 0, "title"), "NATO") {
		t.Errorf("forward into the DM not answered: %v", sent)
	}

	body := e.interact(fixture(t, "message_command_forward.json"))
	if q := eng.questions(); len(q) != 2 || q[1] != "Will Ukraine's army be capped?" {
		t.Errorf("Ask planbot on a forward asked %q; replied %v", q, body)
	}
}

// An edit that adds the mention to a message the bot has not answered is answered, once; an
// edit of an answered message, or of an old one, is not.
func TestE2EEditAddingMentionIsAnsweredOnce(t *testing.T) {
	now := time.Now()
	e, eng := newFakeE2E(t, Config{Now: func() time.Time { return now }})
	id := snowflakeAt(now.Add(-time.Minute), 1)
	e.say(userMessage(id, "how big would the army be?"))
	edited := toBot(id, "how big would the army be?")
	e.bot.handleEdit(context.Background(), e.sess, discordtest.BotUserID, edited)
	e.bot.handleEdit(context.Background(), e.sess, discordtest.BotUserID, edited) // a second edit
	if q := eng.questions(); len(q) != 1 || len(e.sentMessages()) != 1 {
		t.Fatalf("edit adding the mention: asked %q, %d posts", q, len(e.sentMessages()))
	}
	if str(e.sentMessages()[0].JSON, "message_reference", "message_id") != id {
		t.Error("the answer does not reply to the edited message")
	}

	answered := snowflakeAt(now.Add(-time.Minute), 2)
	e.say(toBot(answered, "who drafted the plan?"))
	e.bot.handleEdit(context.Background(), e.sess, discordtest.BotUserID, toBot(answered, "who drafted the 28-point plan?"))
	old := snowflakeAt(now.Add(-time.Hour), 3)
	e.bot.handleEdit(context.Background(), e.sess, discordtest.BotUserID, toBot(old, "who drafted the plan?"))
	if n := len(e.sentMessages()); n != 2 {
		t.Errorf("%d posts, want 2: an edit of an answered or old message was answered", n)
	}
}
