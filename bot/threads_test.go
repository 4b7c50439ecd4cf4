package bot

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/bot/internal/discordtest"
)

const (
	threadID    = "300000000000000021" // a thread under channelID
	forumID     = "300000000000000030" // a forum channel
	forumPostID = "300000000000000031" // a post (thread) in it
	elsewhereID = "300000000000000041" // a thread under a channel that is not listed
)

func threadsE2E(t *testing.T, cfg Config) (*e2e, *fakeEngine) {
	e, eng := newFakeE2E(t, cfg)
	for _, c := range []*discordgo.Channel{
		{ID: channelID, GuildID: guildID, Type: discordgo.ChannelTypeGuildText},
		{ID: threadID, GuildID: guildID, Type: discordgo.ChannelTypeGuildPublicThread, ParentID: channelID},
		{ID: forumID, GuildID: guildID, Type: discordgo.ChannelTypeGuildForum},
		{ID: forumPostID, GuildID: guildID, Type: discordgo.ChannelTypeGuildPublicThread, ParentID: forumID},
		{ID: elsewhereID, GuildID: guildID, Type: discordgo.ChannelTypeGuildPublicThread, ParentID: "300000000000000040"},
	} {
		e.srv.SetChannel(c)
	}
	return e, eng
}

func in(channel string, m *discordgo.Message) *discordgo.Message { m.ChannelID = channel; return m }

// ANSWER_CHANNELS covers the threads and forum posts under a listed channel, answered in place.
func TestE2EAnswerChannelsCoverThreadsAndForumPosts(t *testing.T) {
	e, _ := threadsE2E(t, Config{AnswerChannels: []string{channelID, forumID}})
	e.say(in(threadID, userMessage(snowflake(93, 1), "Will Ukraine join NATO?")))
	e.say(in(forumPostID, userMessage(snowflake(93, 2), "Will Ukraine join NATO?")))
	e.say(in(elsewhereID, userMessage(snowflake(93, 3), "Will Ukraine join NATO?")))
	sent := e.sentMessages()
	if len(sent) != 2 || sent[0].Path != "/channels/"+threadID+"/messages" || sent[1].Path != "/channels/"+forumPostID+"/messages" {
		t.Fatalf("posts %v; want answers in the thread and the forum post only", sent)
	}
	if str(sent[1].JSON, "message_reference", "message_id") != snowflake(93, 2) {
		t.Error("forum post not answered in place as a reply")
	}
}

// With ThreadAnswers, a channel mention is answered in a new thread named after the question
// (at most 100 characters); later messages there are follow-ups, read with the question as
// context; forum posts are answered in place.
func TestE2EThreadAnswers(t *testing.T) {
	e, eng := threadsE2E(t, Config{ThreadAnswers: true})
	long := "What does the plan say about " + strings.Repeat("the security guarantees for Ukraine and ", 4) + "NATO?"
	ask := snowflake(94, 1)
	e.say(toBot(ask, long))
	var start *discordtest.Request
	for _, r := range e.srv.Requests() {
		if r.Method == "POST" && r.Path == "/channels/"+channelID+"/messages/"+ask+"/threads" {
			start = &r
		}
	}
	if start == nil {
		t.Fatalf("no thread opened; requests %v", e.srv.Requests())
	}
	if name := str(start.JSON, "name"); name == "" || utf8.RuneCountInString(name) > 100 || !strings.HasPrefix(name, "What does the plan say") {
		t.Errorf("thread name %q", name)
	}
	sent := e.sentMessages()
	if len(sent) != 1 || sent[0].Path != "/channels/"+ask+"/messages" || dig(sent[0].JSON, "message_reference") != nil {
		t.Fatalf("answer not posted in the thread: %v", sent)
	}
	checkSafe(t, sent[0].JSON, "thread answer")

	// A follow-up in the thread, read with the first question as context; no new thread.
	e.say(in(ask, toBot(snowflake(94, 2), "and the army?")))
	if o := eng.lastOptions(); o.Context != long {
		t.Errorf("follow-up in the thread read with context %q", o.Context)
	}
	sent = e.sentMessages()
	if len(sent) != 2 || sent[1].Path != "/channels/"+ask+"/messages" {
		t.Errorf("follow-up not answered in the thread: %v", sent)
	}

	// A forum post is answered in place.
	e.say(in(forumPostID, toBot(snowflake(94, 3), "Will Ukraine join NATO?")))
	for _, r := range e.srv.Requests() {
		if strings.HasSuffix(r.Path, "/threads") && strings.Contains(r.Path, forumPostID) {
			t.Error("a thread opened on a forum post")
		}
	}
	if sent = e.sentMessages(); len(sent) != 3 || sent[2].Path != "/channels/"+forumPostID+"/messages" {
		t.Errorf("forum post not answered in place: %v", sent)
	}
}
