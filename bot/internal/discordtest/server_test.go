package discordtest

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

var interaction = &discordgo.Interaction{ID: "500000000000000001", AppID: ApplicationID, Token: "tok-1"}

func noMentions() *discordgo.MessageAllowedMentions { return &discordgo.MessageAllowedMentions{} }

// TestSessionReachesFake drives a real discordgo session through the calls the bot makes; New
// fails the test at cleanup if any body breaks the spec or the rules.
func TestSessionReachesFake(t *testing.T) {
	s := New(t)
	sess := s.Session("token")

	perms := int64(discordgo.PermissionManageGuild)
	cmds, err := sess.ApplicationCommandBulkOverwrite(ApplicationID, "", []*discordgo.ApplicationCommand{
		{Name: "ask", Description: "Ask the docs", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "Your question", Required: true, Autocomplete: true},
		}},
		{Name: "reindex", Description: "Rebuild the index", DefaultMemberPermissions: &perms},
		{Type: discordgo.MessageApplicationCommand, Name: "Ask about this message"},
	})
	if err != nil {
		t.Fatalf("ApplicationCommandBulkOverwrite: %v", err)
	}
	if len(cmds) != 3 || cmds[0].ID == "" || cmds[1].ApplicationID != ApplicationID || *cmds[1].DefaultMemberPermissions != perms {
		t.Errorf("ApplicationCommandBulkOverwrite returned %+v, want 3 commands with ids echoed back", cmds)
	}
	s.WaitFor(t, func(r Request) bool {
		return r.Method == "PUT" && r.Path == "/applications/"+ApplicationID+"/commands"
	}, 60*time.Second)

	if _, err := sess.ApplicationCommandBulkOverwrite(ApplicationID, "900", nil); err != nil {
		t.Errorf("guild ApplicationCommandBulkOverwrite: %v", err)
	}

	err = sess.InteractionRespond(interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral},
	})
	if err != nil {
		t.Fatalf("InteractionRespond: %v", err)
	}
	got := s.WaitFor(t, func(r Request) bool { return strings.HasSuffix(r.Path, "/callback") }, 60*time.Second)
	if want := "/interactions/" + interaction.ID + "/" + interaction.Token + "/callback"; got.Path != want {
		t.Errorf("callback path = %s, want %s", got.Path, want)
	}

	content := "The answer."
	msg, err := sess.InteractionResponseEdit(interaction, &discordgo.WebhookEdit{
		Content: &content,
		Embeds: &[]*discordgo.MessageEmbed{{
			Title: "Source", URL: "https://example.com/docs", Description: "excerpt",
			Footer: &discordgo.MessageEmbedFooter{Text: "docs"}, Timestamp: time.Now().Format(time.RFC3339),
		}},
		Components: &[]discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "More", Style: discordgo.SecondaryButton, CustomID: "more:1"},
		}}},
		AllowedMentions: noMentions(),
	})
	if err != nil {
		t.Fatalf("InteractionResponseEdit: %v", err)
	}
	if msg.Content != content || len(msg.Embeds) != 1 || len(msg.Components) != 1 || msg.Author.ID != BotUserID {
		t.Errorf("InteractionResponseEdit returned %+v, want the edit echoed by the bot", msg)
	}
	original, err := sess.InteractionResponse(interaction)
	if err != nil || original.ID != msg.ID || original.Content != content {
		t.Errorf("InteractionResponse = %+v, %v; want the edited original %s", original, err, msg.ID)
	}

	f1, err := sess.FollowupMessageCreate(interaction, true, &discordgo.WebhookParams{Content: "one", AllowedMentions: noMentions()})
	if err != nil {
		t.Fatalf("FollowupMessageCreate: %v", err)
	}
	f2, err := sess.FollowupMessageCreate(interaction, true, &discordgo.WebhookParams{
		Content: "two", AllowedMentions: noMentions(),
		Files: []*discordgo.File{{Name: "answer.md", ContentType: "text/markdown", Reader: strings.NewReader("# hi")}},
	})
	if err != nil {
		t.Fatalf("FollowupMessageCreate with a file: %v", err)
	}
	if f1.ID == "" || f1.ID >= f2.ID || f1.ChannelID != InteractionChannelID {
		t.Errorf("follow-up ids %q, %q (channel %q): want unique increasing ids in %s", f1.ID, f2.ID, f1.ChannelID, InteractionChannelID)
	}
	if m, err := sess.FollowupMessageCreate(interaction, false, &discordgo.WebhookParams{Content: "three", AllowedMentions: noMentions()}); err != nil || m != nil {
		t.Errorf("FollowupMessageCreate without wait = %v, %v; want nil, nil", m, err)
	}
	if _, err := sess.FollowupMessageEdit(interaction, f1.ID, &discordgo.WebhookEdit{Content: &content, AllowedMentions: noMentions()}); err != nil {
		t.Errorf("FollowupMessageEdit: %v", err)
	}

	s.SetMessage("700", &discordgo.Message{ID: "800", Content: "how do I deploy?", Author: &discordgo.User{ID: "42", Username: "ann"}})
	ref, err := sess.ChannelMessage("700", "800")
	if err != nil || ref.Content != "how do I deploy?" || ref.Author.ID != "42" || ref.ChannelID != "700" {
		t.Errorf("ChannelMessage = %+v, %v; want the message set with SetMessage", ref, err)
	}
	if err := sess.ChannelTyping("700"); err != nil {
		t.Errorf("ChannelTyping: %v", err)
	}
	reply, err := sess.ChannelMessageSendComplex("700", &discordgo.MessageSend{
		Content: "Deploy with make.", Reference: ref.Reference(), AllowedMentions: noMentions(),
	})
	if err != nil || reply.Type != discordgo.MessageTypeReply || reply.ChannelID != "700" {
		t.Errorf("ChannelMessageSendComplex = %+v, %v; want a reply in channel 700", reply, err)
	}
	if u, err := sess.User("@me"); err != nil || u.ID != BotUserID || !u.Bot {
		t.Errorf("User(@me) = %+v, %v; want the bot", u, err)
	}
	if sess.State.User.ID != BotUserID {
		t.Errorf("State.User.ID = %s, want %s", sess.State.User.ID, BotUserID)
	}

	autocomplete := &discordgo.Interaction{ID: "500000000000000002", AppID: ApplicationID, Token: "tok-2"}
	err = sess.InteractionRespond(autocomplete, &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{{Name: "deploy", Value: "deploy"}}},
	})
	if err != nil {
		t.Errorf("autocomplete InteractionRespond: %v", err)
	}
	if v := s.Violations(); len(v) != 0 {
		t.Errorf("violations: %q", v) // New reports them too; listing here names this test's step
	}
}

func TestFailReachesDiscordgo(t *testing.T) {
	s := New(t)
	sess := s.Session("token")
	respond := func(id string) error {
		return sess.InteractionRespond(&discordgo.Interaction{ID: id, Token: "t" + id}, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		})
	}

	s.Fail("POST", "/interactions/", http.StatusTooManyRequests, `{"retry_after":0.01,"global":false,"message":"You are being rate limited."}`)
	var rateLimited *discordgo.RateLimitError
	if err := respond("1"); !errors.As(err, &rateLimited) || rateLimited.RetryAfter != 10*time.Millisecond {
		t.Errorf("after Fail(429): err = %v, want a RateLimitError with retry after 10ms", err)
	}

	s.Fail("", "/interactions/", http.StatusInternalServerError, `{"message":"oops","code":0}`)
	var restErr *discordgo.RESTError
	if err := respond("2"); !errors.As(err, &restErr) || restErr.Response.StatusCode != 500 {
		t.Errorf("after Fail(500): err = %v, want a RESTError with status 500", err)
	}

	s.ClearFailures()
	s.FailTimes("POST", "/interactions/3/", http.StatusBadGateway, `{"message":"bad gateway","code":0}`, 1)
	if err := respond("3"); err != nil {
		t.Errorf("one 502 then success: err = %v, want discordgo to retry once and succeed", err)
	}
	if n := countPath(s.Requests(), "/interactions/3/t3/callback"); n != 2 {
		t.Errorf("requests for interaction 3: %d, want 2 (a 502 and its retry)", n)
	}
	s.Fail("GET", "/users/@me", http.StatusUnauthorized, `{"message":"401: Unauthorized","code":0}`)
	if _, err := sess.User("@me"); !errors.As(err, &restErr) || restErr.Response.StatusCode != 401 {
		t.Errorf("after Fail(401): err = %v, want a RESTError with status 401", err)
	}
}

func countPath(reqs []Request, path string) int {
	n := 0
	for _, r := range reqs {
		if r.Path == path {
			n++
		}
	}
	return n
}

func TestViolationsAreRecorded(t *testing.T) {
	s := newServer(t)
	sess := s.Session("token")
	tests := []struct {
		name string
		do   func() error
		want string
	}{
		{"unknown route", func() error {
			_, err := sess.Request("GET", discordgo.EndpointAPI+"nope/1", nil)
			return err
		}, "unexpected route"},
		{"route missing from the spec", func() error {
			_, err := sess.Request("GET", discordgo.EndpointAPI+"nope/2", nil)
			return err
		}, "no operation GET /nope/2"},
		{"edit before the callback", func() error {
			_, err := sess.InteractionResponseEdit(&discordgo.Interaction{AppID: ApplicationID, Token: "early"},
				&discordgo.WebhookEdit{Content: ptr("x"), AllowedMentions: noMentions()})
			return err
		}, "no callback yet"},
		{"reply that may ping", func() error {
			return sess.InteractionRespond(&discordgo.Interaction{ID: "10", Token: "t10"}, &discordgo.InteractionResponse{
				Type: discordgo.InteractionResponseChannelMessageWithSource,
				Data: &discordgo.InteractionResponseData{Content: "hi <@42>"},
			})
		}, "allowed_mentions missing"},
		{"second callback", func() error {
			return sess.InteractionRespond(&discordgo.Interaction{ID: "10", Token: "t10"}, &discordgo.InteractionResponse{
				Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
			})
		}, "second callback"},
		{"embeds over 6000", func() error {
			_, err := sess.ChannelMessageSendComplex("7", &discordgo.MessageSend{AllowedMentions: noMentions(), Embeds: []*discordgo.MessageEmbed{
				{Description: strings.Repeat("a", 4000)}, {Description: strings.Repeat("b", 2001)},
			}})
			return err
		}, "6001 characters together"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(s.Violations())
			err := tt.do()
			after := s.Violations()[before:]
			if !strings.Contains(strings.Join(after, "\n"), tt.want) {
				t.Errorf("violations %q (request error %v), want one containing %q", after, err, tt.want)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

// recordingTB captures what New reports at cleanup instead of failing the real test.
type recordingTB struct {
	testing.TB
	mu       sync.Mutex
	errors   []string
	cleanups []func()
}

func (r *recordingTB) Helper()          {}
func (r *recordingTB) Cleanup(f func()) { r.cleanups = append(r.cleanups, f) }
func (r *recordingTB) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recordingTB) Fatalf(format string, args ...any) { r.Errorf(format, args...) }

func (r *recordingTB) runCleanups() {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
}

func TestNewReportsViolationsAtCleanup(t *testing.T) {
	requireSpec(t)
	tb := &recordingTB{TB: t}
	s := New(tb)
	_ = s.Session("token").InteractionRespond(interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "hi"},
	})
	if len(tb.errors) != 0 {
		t.Fatalf("errors before cleanup: %q", tb.errors)
	}
	tb.runCleanups()
	if len(tb.errors) != 1 || !strings.Contains(tb.errors[0], "allowed_mentions missing") {
		t.Errorf("errors at cleanup = %q, want the allowed_mentions violation", tb.errors)
	}
}

func TestWaitFor(t *testing.T) {
	s := New(t)
	sess := s.Session("token")
	go func() {
		time.Sleep(20 * time.Millisecond)
		sess.ChannelTyping("42")
	}()
	got := s.WaitFor(t, func(r Request) bool { return r.Path == "/channels/42/typing" }, 60*time.Second)
	if got.Method != "POST" || got.Time.IsZero() {
		t.Errorf("WaitFor = %+v, want the typing request", got)
	}

	tb := &recordingTB{TB: t}
	s.WaitFor(tb, func(r Request) bool { return r.Path == "/never" }, 10*time.Millisecond)
	if len(tb.errors) != 1 || !strings.Contains(tb.errors[0], "/channels/42/typing") {
		t.Errorf("WaitFor timeout reported %q, want a failure listing the requests seen", tb.errors)
	}
}

func TestConcurrentFollowUps(t *testing.T) {
	s := New(t)
	sess := s.Session("token")
	it := &discordgo.Interaction{ID: "600", AppID: ApplicationID, Token: "tok-600"}
	if err := sess.InteractionRespond(it, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}); err != nil {
		t.Fatal(err)
	}
	const n = 20
	ids := make(chan string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Separate sessions: one session serialises requests per route bucket.
			m, err := s.Session("token").FollowupMessageCreate(it, true, &discordgo.WebhookParams{
				Content: fmt.Sprint("part ", i), AllowedMentions: noMentions(),
			})
			if err != nil {
				t.Error(err)
				return
			}
			ids <- m.ID
		}()
	}
	wg.Wait()
	close(ids)
	seen := map[string]bool{}
	for id := range ids {
		if seen[id] {
			t.Errorf("message id %s given twice", id)
		}
		seen[id] = true
	}
	if len(s.Requests()) != n+1 {
		t.Errorf("%d requests recorded, want %d", len(s.Requests()), n+1)
	}
}
