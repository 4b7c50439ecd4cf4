package bot

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/index"
)

const (
	guildID   = "500000000000000001"
	channelID = "300000000000000009"
	aliceID   = "200000000000000001"
)

// userMessage is a message from alice as the gateway delivers it. Like Discord, it lists the users
// whose <@id> the text holds, but naively, code spans included: tests of code spans say what
// Discord lists themselves.
func userMessage(id, content string) *discordgo.Message {
	m := &discordgo.Message{
		ID: id, ChannelID: channelID, GuildID: guildID, Content: content, Type: discordgo.MessageTypeDefault,
		Author: &discordgo.User{ID: aliceID, Username: "alice"},
	}
	for _, at := range userMention.FindAllString(content, -1) {
		m.Mentions = append(m.Mentions, &discordgo.User{ID: strings.Trim(at, "<@!>")})
	}
	return m
}

func sends(r *recorder) []call {
	var out []call
	for _, c := range r.all() {
		if c.Method == "send" {
			out = append(out, c)
		}
	}
	return out
}

func TestMentionIsAnsweredAsReply(t *testing.T) {
	for _, mention := range []string{"<@" + botID + ">", "<@!" + botID + ">"} {
		b, eng, r := testBot(t, Config{})
		b.handleMessage(context.Background(), r, botID, userMessage("800000000000000001", mention+" How big would the army be?"))
		if q := eng.questions(); len(q) != 1 || q[0] != "How big would the army be?" {
			t.Fatalf("asked %q", q)
		}
		calls := r.all()
		if calls[0].Method != "typing" {
			t.Errorf("no typing indicator first: %+v", calls[0])
		}
		s := sends(r)
		if len(s) != 1 {
			t.Fatalf("%d messages sent", len(s))
		}
		ms := s[0].Send
		if s[0].Channel != channelID || ms.Reference == nil || ms.Reference.MessageID != "800000000000000001" {
			t.Errorf("not a reply in the same channel: %+v", ms.Reference)
		}
		checkNoPings(t, ms.AllowedMentions)
		if ms.AllowedMentions.RepliedUser {
			t.Error("reply pings the asker")
		}
		if !strings.Contains(ms.Embeds[0].Description, "**army**") {
			t.Errorf("answer: %q", ms.Embeds[0].Description)
		}
	}
}

func TestWhatIsNotAQuestionToTheBot(t *testing.T) {
	for name, m := range map[string]*discordgo.Message{
		"no mention":       userMessage("1", "how big would the army be?"),
		"everyone only":    userMessage("2", "@everyone how big would the army be?"),
		"mentions someone": userMessage("3", "<@999> how big would the army be?"),
		"role mention":     userMessage("4", "<@&"+botID+"> how big?"),
		"from a bot":       func() *discordgo.Message { m := userMessage("5", "<@"+botID+"> hi?"); m.Author.Bot = true; return m }(),
		"from itself":      func() *discordgo.Message { m := userMessage("6", "<@"+botID+"> hi?"); m.Author.ID = botID; return m }(),
		"reply pings only": func() *discordgo.Message {
			m := userMessage("7", "thanks!")
			m.Mentions = []*discordgo.User{{ID: botID}}
			return m
		}(),
		"system message": func() *discordgo.Message {
			m := userMessage("8", "<@"+botID+">")
			m.Type = discordgo.MessageTypeGuildMemberJoin
			return m
		}(),
		"reply to other user": func() *discordgo.Message {
			m := userMessage("9", "what about NATO?")
			m.MessageReference = &discordgo.MessageReference{MessageID: "77"}
			m.ReferencedMessage = userMessage("77", "x")
			return m
		}(),
	} {
		b, eng, r := testBot(t, Config{})
		b.handleMessage(context.Background(), r, botID, m)
		if len(r.all()) != 0 || len(eng.questions()) != 0 {
			t.Errorf("%s: bot reacted: %+v", name, r.all())
		}
	}
}

func TestReplyFollowUpUsesEarlierQuestion(t *testing.T) {
	b, eng, r := testBot(t, Config{})
	b.handleMessage(context.Background(), r, botID, userMessage("800000000000000001", "<@"+botID+"> Who drafted the plan?"))
	answer := sends(r)[0]
	answerID := "900000000000000001" // the recorder's first message id

	follow := userMessage("800000000000000002", "what about NATO?")
	follow.Type = discordgo.MessageTypeReply
	follow.MessageReference = &discordgo.MessageReference{MessageID: answerID, ChannelID: channelID}
	follow.ReferencedMessage = &discordgo.Message{ID: answerID, Author: &discordgo.User{ID: botID}, Embeds: answer.Send.Embeds}
	b.handleMessage(context.Background(), r, botID, follow)
	if o := eng.lastOptions(); o.Context != "Who drafted the plan?" {
		t.Errorf("follow-up context %q", o.Context)
	}
	if q := eng.questions(); q[len(q)-1] != "what about NATO?" {
		t.Errorf("follow-up asked %q", q[len(q)-1])
	}
	if s := sends(r); len(s) != 2 || s[1].Send.Reference.MessageID != "800000000000000002" {
		t.Errorf("follow-up not answered as a reply: %+v", s)
	}
}

func TestReplyFollowUpFetchesUnknownMessage(t *testing.T) {
	// After a restart the bot knows nothing; Discord left out the referenced message.
	b, eng, r := testBot(t, Config{})
	r.messages["700000000000000005"] = &discordgo.Message{ID: "700000000000000005", Author: &discordgo.User{ID: botID},
		Embeds: []*discordgo.MessageEmbed{{Footer: &discordgo.MessageEmbedFooter{Text: "Q: Is Dmitriev under U.S. sanctions?"}}}}
	m := userMessage("800000000000000003", "who said that?")
	m.Type = discordgo.MessageTypeReply
	m.Mentions = []*discordgo.User{{ID: botID}} // the reply pings the bot
	m.MessageReference = &discordgo.MessageReference{MessageID: "700000000000000005", ChannelID: channelID}
	b.handleMessage(context.Background(), r, botID, m)
	if o := eng.lastOptions(); o.Context != "Is Dmitriev under U.S. sanctions?" {
		t.Errorf("context %q; calls %+v", o.Context, r.all())
	}
}

func TestDirectMessageNeedsNoMention(t *testing.T) {
	b, eng, r := testBot(t, Config{})
	m := userMessage("800000000000000004", "Will Ukraine join NATO?")
	m.GuildID = ""
	b.handleMessage(context.Background(), r, botID, m)
	if len(eng.questions()) != 1 || len(sends(r)) != 1 {
		t.Errorf("DM not answered: %+v", r.all())
	}
}

func TestAnswerChannelOnlyWhenConfident(t *testing.T) {
	for _, tc := range []struct {
		text       string
		confidence float64
		answered   bool
		want       bool
	}{
		{"Will Ukraine join NATO?", 0.9, true, true},
		{"what does the plan say about troops", 0.9, true, true},
		{"Will Ukraine join NATO?", MinChannelConfidence - 0.01, true, false},
		{"Will Ukraine join NATO?", 0.9, false, false},
		{"I like the plan.", 0.9, true, false},
		{"@everyone will Ukraine join NATO?", 0.9, true, false},
	} {
		b, eng, r := testBot(t, Config{AnswerChannels: []string{channelID}})
		eng.answer = func(q string, o index.Options) (index.Answer, error) {
			a := cannedAnswer(q, o)
			a.Confidence, a.Answered = tc.confidence, tc.answered
			return a, nil
		}
		b.handleMessage(context.Background(), r, botID, userMessage("800000000000000005", tc.text))
		if got := len(sends(r)) == 1; got != tc.want {
			t.Errorf("%q confidence %.2f answered %v: replied %v, want %v", tc.text, tc.confidence, tc.answered, got, tc.want)
		}
		for _, c := range r.all() {
			if c.Method == "typing" && !tc.want {
				t.Errorf("%q: typing shown for a message it stays silent on", tc.text)
			}
		}
	}
}

func TestEngineErrorOnMentionGetsAnErrorID(t *testing.T) {
	b, eng, r := testBot(t, Config{})
	eng.answer = func(string, index.Options) (index.Answer, error) {
		return index.Answer{}, errors.New("bleve: segment 7 corrupt at /var/lib/secret")
	}
	b.handleMessage(context.Background(), r, botID, userMessage("800000000000000006", "<@"+botID+"> Will Ukraine join NATO?"))
	s := sends(r)
	if len(s) != 1 {
		t.Fatalf("%d messages sent, want the error reply", len(s))
	}
	checkErrorText(t, s[0].Send.Content)
	checkNoPings(t, s[0].Send.AllowedMentions)
}

func TestBareMentionGetsAHint(t *testing.T) {
	b, eng, r := testBot(t, Config{})
	b.handleMessage(context.Background(), r, botID, userMessage("1", "<@"+botID+">"))
	s := sends(r)
	if len(eng.questions()) != 0 || len(s) != 1 || !strings.Contains(s[0].Send.Content, "/help") {
		t.Errorf("bare mention: %+v", r.all())
	}
}

func TestLooksLikeQuestion(t *testing.T) {
	for s, want := range map[string]bool{
		"Who drafted it?": true, "what about nato": true, "When was it published": true,
		"nice": false, "?": false, "I think so.": false, "How?": false, "Is it signed": true,
	} {
		if got := looksLikeQuestion(s); got != want {
			t.Errorf("looksLikeQuestion(%q) = %v", s, got)
		}
	}
}
