package bot

// End-to-end tests: a real *discordgo.Session whose HTTP goes to the discordtest fake (which
// validates every body against Discord's OpenAPI schema and limits), and the real engine on the
// default corpus. They assert on what Discord would have received.

import (
	"context"
	"log/slog"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/bot/internal/discordtest"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

var (
	engineOnce sync.Once
	engine     *index.Live
	engineErr  error
)

// realEngine builds the index of the default corpus once per test binary.
func realEngine(t testing.TB) *index.Live {
	t.Helper()
	engineOnce.Do(func() {
		docs, problems := corpus.Default()
		for _, p := range problems {
			t.Logf("corpus problem: %v", p)
		}
		engine, engineErr = index.New(slog.New(slog.DiscardHandler), docs, index.Config{})
	})
	if engineErr != nil {
		t.Fatalf("build index: %v", engineErr)
	}
	return engine
}

type e2e struct {
	t    testing.TB
	srv  *discordtest.Server
	sess *discordgo.Session
	bot  *Bot
}

func newE2E(t testing.TB, cfg Config) *e2e {
	t.Helper()
	srv := discordtest.New(t)
	lg := slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	b := New(lg, realEngine(t), cfg)
	b.botID.Store(discordtest.BotUserID)
	return &e2e{t: t, srv: srv, sess: srv.Session("test-token"), bot: b}
}

// interact feeds one interaction to the bot as the gateway would, and returns the callback body.
func (e *e2e) interact(ic *discordgo.InteractionCreate) map[string]any {
	e.t.Helper()
	e.bot.dispatch(context.Background(), e.sess, ic)
	path := "/interactions/" + ic.ID + "/" + ic.Token + "/callback"
	req := e.srv.WaitFor(e.t, func(r discordtest.Request) bool { return r.Method == "POST" && r.Path == path }, 60*time.Second)
	body, _ := req.JSON.(map[string]any)
	if body == nil {
		e.t.Fatalf("callback without a JSON body: %s", req.Body)
	}
	return body
}

func askInteraction(t testing.TB, id, question string) *discordgo.InteractionCreate {
	ic := fixture(t, "ask.json")
	ic.ID, ic.Token = id, "token-"+id
	data := ic.Data.(discordgo.ApplicationCommandInteractionData)
	data.Options = []*discordgo.ApplicationCommandInteractionDataOption{
		{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: question}}
	ic.Data = data
	return ic
}

// dig walks a decoded JSON value: dig(v, "data", "embeds", 0, "description").
func dig(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			a, _ := v.([]any)
			if k >= len(a) {
				return nil
			}
			v = a[k]
		}
	}
	return v
}

func str(v any, path ...any) string { s, _ := dig(v, path...).(string); return s }

// checkSafe fails when a body could ping or echo a live mention or code fence.
func checkSafe(t testing.TB, body any, where string) {
	t.Helper()
	am := dig(body, "allowed_mentions")
	if am == nil {
		am = dig(body, "data", "allowed_mentions")
	}
	parse, ok := dig(am, "parse").([]any)
	if !ok || len(parse) != 0 {
		t.Errorf("%s: allowed_mentions = %v, want parse: []", where, am)
	}
	walkStrings(body, func(s string) {
		for _, bad := range []string{"@everyone", "@here", "<@&", "```", "\u200d", "\ufeff"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s: sends %q in %q", where, bad, s)
			}
		}
	})
}

func walkStrings(v any, f func(string)) {
	switch x := v.(type) {
	case string:
		f(x)
	case []any:
		for _, y := range x {
			walkStrings(y, f)
		}
	case map[string]any:
		for _, y := range x {
			walkStrings(y, f)
		}
	}
}

func TestE2EAskMoreAndSources(t *testing.T) {
	e := newE2E(t, Config{})
	body := e.interact(askInteraction(t, "1300000000000000001", "How many troops would Ukraine's army be capped at?"))
	checkSafe(t, body, "/ask")
	if typ := dig(body, "type"); typ != float64(discordgo.InteractionResponseChannelMessageWithSource) {
		t.Fatalf("callback type %v", typ)
	}
	desc := str(body, "data", "embeds", 0, "description")
	if !strings.Contains(desc, "**") || !strings.Contains(desc, "[1]") {
		t.Errorf("answer lacks bold spans or citations:\n%s", desc)
	}
	if !strings.Contains(desc, "600,000") {
		t.Errorf("the army cap is not in the answer:\n%s", desc)
	}
	if str(body, "data", "embeds", 0, "fields", 0, "name") == "" {
		t.Error("no sources listed")
	}
	buttons, _ := dig(body, "data", "components", 0, "components").([]any)
	var moreID, sourcesID string
	for _, b := range buttons {
		switch id := str(b, "custom_id"); {
		case strings.HasPrefix(id, prefixMore+":"):
			moreID = id
		case strings.HasPrefix(id, prefixSources+":"):
			sourcesID = id
		}
	}
	if moreID == "" || sourcesID == "" {
		t.Fatalf("buttons %v lack More or Sources", buttons)
	}

	click := func(id, customID string) map[string]any {
		ic := fixture(t, "button_more.json")
		ic.ID, ic.Token = id, "token-"+id
		ic.Data = discordgo.MessageComponentInteractionData{CustomID: customID, ComponentType: discordgo.ButtonComponent}
		return e.interact(ic)
	}
	if typ := dig(click("1300000000000000002", moreID), "type"); typ != float64(discordgo.InteractionResponseUpdateMessage) {
		t.Errorf("More answered with type %v, want the update that disables it", typ)
	}
	more := e.srv.WaitFor(t, func(r discordtest.Request) bool {
		return r.Method == "POST" && r.Path == "/webhooks/"+discordtest.ApplicationID+"/token-1300000000000000002"
	}, 60*time.Second).JSON
	checkSafe(t, more, "More")
	moreDesc := str(more, "embeds", 0, "description")
	if moreDesc == "" || moreDesc == desc {
		t.Errorf("More did not bring new excerpts:\n%s", moreDesc)
	}
	src := click("1300000000000000003", sourcesID)
	checkSafe(t, src, "Sources")
	if flags, _ := dig(src, "data", "flags").(float64); int(flags)&int(discordgo.MessageFlagsEphemeral) == 0 {
		t.Error("Sources shown to everyone")
	}
}

func TestE2EAutocomplete(t *testing.T) {
	e := newE2E(t, Config{})
	ic := fixture(t, "autocomplete_source.json")
	ic.ApplicationCommandData().Options[1].Value = "" // nothing typed yet: offer every document
	body := e.interact(ic)
	choices, _ := dig(body, "data", "choices").([]any)
	docs := e.bot.engine.Documents()
	if len(choices) == 0 || len(choices) != min(len(docs), maxChoices) {
		t.Fatalf("%d choices for %d documents", len(choices), len(docs))
	}
	for _, c := range choices {
		if _, ok := e.bot.engine.Document(str(c, "value")); !ok {
			t.Errorf("choice %v is not a document id", c)
		}
	}
}

// mention is a guild message from alice to the bot.
func mention(id, text string) *discordgo.Message {
	m := userMessage(id, "<@"+discordtest.BotUserID+"> "+text)
	return m
}

func (e *e2e) sentMessages() []discordtest.Request {
	var out []discordtest.Request
	for _, r := range e.srv.Requests() {
		if r.Method == "POST" && strings.HasPrefix(r.Path, "/channels/") && strings.HasSuffix(r.Path, "/messages") {
			out = append(out, r)
		}
	}
	return out
}

func TestE2EMentionAndFollowUp(t *testing.T) {
	e := newE2E(t, Config{})
	e.bot.onMessage(context.Background(), e.sess, &discordgo.MessageCreate{Message: mention("800000000000000001", "Who is Dmitriev?")})
	sent := e.sentMessages()
	if len(sent) != 1 || sent[0].Path != "/channels/"+channelID+"/messages" {
		t.Fatalf("sent %+v", sent)
	}
	checkSafe(t, sent[0].JSON, "mention reply")
	if str(sent[0].JSON, "message_reference", "message_id") != "800000000000000001" {
		t.Errorf("not a reply: %s", sent[0].Body)
	}
	typing := false
	for _, r := range e.srv.Requests() {
		typing = typing || r.Path == "/channels/"+channelID+"/typing"
	}
	if !typing {
		t.Error("no typing indicator")
	}

	// Reply to the answer (the id the fake gave it) without mentioning the bot.
	answerID := lastAnswerID(t, e)
	follow := userMessage("800000000000000002", "Is he under sanctions?")
	follow.Type = discordgo.MessageTypeReply
	follow.MessageReference = &discordgo.MessageReference{MessageID: answerID, ChannelID: channelID, GuildID: guildID}
	e.bot.onMessage(context.Background(), e.sess, &discordgo.MessageCreate{Message: follow})
	sent = e.sentMessages()
	if len(sent) != 2 {
		t.Fatalf("follow-up not answered: %d messages", len(sent))
	}
	checkSafe(t, sent[1].JSON, "follow-up")
	desc := strings.ToLower(str(sent[1].JSON, "embeds", 0, "description"))
	if !strings.Contains(desc, "sanction") {
		t.Errorf("follow-up answer does not speak of sanctions:\n%s", desc)
	}
}

// lastAnswerID is the id the bot remembered for its last answer (the fake's message id).
func lastAnswerID(t testing.TB, e *e2e) string {
	t.Helper()
	e.bot.answers.mu.Lock()
	defer e.bot.answers.mu.Unlock()
	front := e.bot.answers.order.Front()
	if front == nil {
		t.Fatal("the bot remembered no answer")
	}
	return front.Value.(*lruEntry[string]).key
}

func TestE2EFollowUpAfterRestartFetchesMessage(t *testing.T) {
	e := newE2E(t, Config{})
	e.srv.SetMessage(channelID, &discordgo.Message{
		ID: "700000000000000007", ChannelID: channelID, Type: discordgo.MessageTypeReply,
		Author: &discordgo.User{ID: discordtest.BotUserID, Username: "planbot", Bot: true},
		Embeds: []*discordgo.MessageEmbed{{Title: "Who is Dmitriev?", Footer: &discordgo.MessageEmbedFooter{Text: "Q: Who is Kirill Dmitriev?"}}},
	})
	m := userMessage("800000000000000003", "Is he sanctioned?")
	m.Type = discordgo.MessageTypeReply
	m.Mentions = []*discordgo.User{{ID: discordtest.BotUserID}}
	m.MessageReference = &discordgo.MessageReference{MessageID: "700000000000000007", ChannelID: channelID}
	e.bot.onMessage(context.Background(), e.sess, &discordgo.MessageCreate{Message: m})
	fetched := false
	for _, r := range e.srv.Requests() {
		fetched = fetched || (r.Method == "GET" && r.Path == "/channels/"+channelID+"/messages/700000000000000007")
	}
	if !fetched || len(e.sentMessages()) != 1 {
		t.Fatalf("fetched %v, sent %d", fetched, len(e.sentMessages()))
	}
	checkSafe(t, e.sentMessages()[0].JSON, "follow-up after restart")
}

func TestE2EDirectMessage(t *testing.T) {
	e := newE2E(t, Config{})
	m := userMessage("800000000000000004", "What would happen to the Zaporizhzhia nuclear plant?")
	m.GuildID = ""
	e.bot.onMessage(context.Background(), e.sess, &discordgo.MessageCreate{Message: m})
	sent := e.sentMessages()
	if len(sent) != 1 {
		t.Fatalf("DM not answered")
	}
	checkSafe(t, sent[0].JSON, "DM")
	if str(sent[0].JSON, "message_reference", "guild_id") != "" {
		t.Error("DM reply names a guild")
	}
}

func TestE2EBadInput(t *testing.T) {
	e := newE2E(t, Config{Cooldown: 100})
	for i, q := range []string{
		"",
		strings.Repeat("army ", 1200), // 6,000 characters
		"@everyone",
		"<@&123> what about NATO?",
		"**bold** _it_ ~~x~~ ||spoiler|| ```go\npanic()``` what about the army?",
		"\u200b\u200d\ufeff",
		"who\u200b is\u200d Dmitriev?",
	} {
		id := "13100000000000000" + itoa(10+i)
		body := e.interact(askInteraction(t, id, q))
		where := "question " + itoa(i)
		checkSafe(t, body, where)
		if str(body, "data", "embeds", 0, "description") == "" && str(body, "data", "content") == "" {
			t.Errorf("%s: no clear reply: %v", where, body)
		}
		if strings.Contains(str(body, "data", "content"), "error id") {
			t.Errorf("%s: an error instead of an answer", where)
		}
	}
}

func TestE2ERegister(t *testing.T) {
	for _, guild := range []string{"", guildID} {
		e := newE2E(t, Config{GuildID: guild})
		if err := e.bot.Register(e.sess, discordtest.ApplicationID); err != nil {
			t.Fatal(err)
		}
		want := "/applications/" + discordtest.ApplicationID + "/commands"
		if guild != "" {
			want = "/applications/" + discordtest.ApplicationID + "/guilds/" + guild + "/commands"
		}
		reqs := e.srv.Requests()
		if len(reqs) != 1 || reqs[0].Method != "PUT" || reqs[0].Path != want {
			t.Errorf("register sent %v, want one PUT %s", reqs, want)
		}
	}
}

// BenchmarkAskThroughFake measures an /ask from the interaction arriving to the callback reaching
// the fake Discord, on the real engine. It reports the median as p50-ms.
func BenchmarkAskThroughFake(b *testing.B) {
	e := newE2E(b, Config{Cooldown: 1 << 30})
	questions := []string{
		"How many troops would Ukraine's army be capped at?",
		"What does the plan say about NATO?",
		"Who is Dmitriev?",
		"What happens to the Zaporizhzhia nuclear plant?",
	}
	ics := make([]*discordgo.InteractionCreate, b.N)
	for i := range ics {
		ics[i] = askInteraction(b, "14"+strings.Repeat("0", 10)+itoa(1000000+i), questions[i%len(questions)])
	}
	b.ResetTimer()
	timeDispatch(b, e, ics)
}

// timeDispatch dispatches each interaction in turn, timing each until the fake Discord has its
// callback (dispatch returns then), and reports the median and the 99th percentile.
func timeDispatch(b *testing.B, e *e2e, ics []*discordgo.InteractionCreate) {
	took := make([]time.Duration, 0, len(ics))
	for _, ic := range ics {
		start := time.Now()
		e.bot.dispatch(context.Background(), e.sess, ic)
		took = append(took, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
}
