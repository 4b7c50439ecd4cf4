package bot

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/index"
)

// checkNoPings fails when a message could ping: allowed_mentions must be {"parse": []}.
func checkNoPings(t *testing.T, am *discordgo.MessageAllowedMentions) {
	t.Helper()
	if am == nil || am.Parse == nil || len(am.Parse) != 0 || len(am.Users) > 0 || len(am.Roles) > 0 {
		t.Errorf("allowed_mentions = %+v, want parse: []", am)
	}
}

func onlyCall(t *testing.T, r *recorder) call {
	t.Helper()
	calls := r.all()
	if len(calls) != 1 {
		t.Fatalf("got %d calls, want 1: %+v", len(calls), calls)
	}
	return calls[0]
}

func TestAskFixture(t *testing.T) {
	b, eng, r := testBot(t, Config{})
	b.dispatch(context.Background(), r, fixture(t, "ask.json"))
	c := onlyCall(t, r)
	if c.Method != "respond" || c.Resp.Type != discordgo.InteractionResponseChannelMessageWithSource {
		t.Fatalf("got %s type %v, want an immediate message", c.Method, c.Resp.Type)
	}
	d := c.Resp.Data
	checkNoPings(t, d.AllowedMentions)
	if d.Flags&discordgo.MessageFlagsEphemeral != 0 {
		t.Error("public /ask answered ephemerally")
	}
	if got := eng.questions(); len(got) != 1 || got[0] != "How big would Ukraine's army be?" {
		t.Errorf("engine asked %q", got)
	}
	e := d.Embeds[0]
	for _, want := range []string{"**army**", "**600,000**", "[1]", "[2]", `a \*very\* difficult`} {
		if !strings.Contains(e.Description, want) {
			t.Errorf("description lacks %q:\n%s", want, e.Description)
		}
	}
	if len(e.Fields) != 2 || !strings.Contains(e.Fields[0].Value, "outlet not named") || !strings.Contains(e.Fields[1].Value, "Reuters") {
		t.Errorf("sources fields = %+v", e.Fields)
	}
	if !strings.Contains(e.Fields[1].Value, "21 Nov 2025") || !strings.Contains(e.Fields[1].Value, "https://example.org/reuters") {
		t.Errorf("source lacks date or link: %q", e.Fields[1].Value)
	}
	if e.Footer == nil || e.Footer.Text != "Q: How big would Ukraine's army be?" {
		t.Errorf("footer = %+v", e.Footer)
	}
	ids := buttonIDs(d.Components)
	want := []string{"more:1200000000000000001:2", "src:1200000000000000001:0", "vote:1200000000000000001:0:up", "vote:1200000000000000001:0:down", "fu:1200000000000000001:0"}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("buttons %q, want %q", ids, want)
	}
	if bad := checkMessage(message{Embeds: d.Embeds, Components: d.Components}); bad != nil {
		t.Errorf("limits: %v", bad)
	}
}

func buttonIDs(rows []discordgo.MessageComponent) []string {
	var ids []string
	for _, row := range rows {
		for _, c := range row.(discordgo.ActionsRow).Components {
			ids = append(ids, c.(discordgo.Button).CustomID)
		}
	}
	return ids
}

func TestAskPrivateEscapesEchoedQuestion(t *testing.T) {
	b, eng, r := testBot(t, Config{})
	b.dispatch(context.Background(), r, fixture(t, "ask_private.json"))
	c := onlyCall(t, r)
	d := c.Resp.Data
	if d.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Error("private: true answered publicly")
	}
	checkNoPings(t, d.AllowedMentions)
	if q := eng.questions()[0]; strings.ContainsRune(q, '\u200b') {
		t.Errorf("engine got the zero-width space: %q", q)
	}
	e := d.Embeds[0]
	for name, text := range map[string]string{"title": e.Title, "footer": e.Footer.Text} {
		if strings.Contains(text, "@everyone") || strings.Contains(text, "<@&123>") || strings.Contains(text, "```") {
			t.Errorf("%s echoes a live mention or fence: %q", name, text)
		}
	}
	if !strings.Contains(e.Title, `\*\*bold\*\*`) {
		t.Errorf("title markdown not escaped: %q", e.Title)
	}
	if strings.Contains(e.Footer.Text, `\`) {
		t.Errorf("footer shows backslashes (footers render no markdown): %q", e.Footer.Text)
	}
}

func TestSlowHandlerIsDeferredThenEdited(t *testing.T) {
	b, eng, r := testBot(t, Config{})
	b.deferAfter = 5 * time.Millisecond
	holdUntilDeferred(eng, r)
	b.dispatch(context.Background(), r, fixture(t, "ask.json"))
	calls := r.all()
	if len(calls) != 2 || calls[0].Method != "respond" || calls[1].Method != "edit" {
		t.Fatalf("calls = %+v, want defer then edit", calls)
	}
	if calls[0].Resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Errorf("defer type %v", calls[0].Resp.Type)
	}
	edit := calls[1].Edit
	checkNoPings(t, edit.AllowedMentions)
	if edit.Embeds == nil || len(*edit.Embeds) != 1 || !strings.Contains((*edit.Embeds)[0].Description, "**army**") {
		t.Errorf("edit lacks the answer: %+v", edit)
	}
}

func TestErrorAfterPublicDeferIsPrivate(t *testing.T) {
	b, eng, r := testBot(t, Config{})
	b.deferAfter = 5 * time.Millisecond
	holdUntilDeferred(eng, r)
	eng.answer = func(string, index.Options) (index.Answer, error) {
		return index.Answer{}, errors.New("bleve: segment 7 corrupt at /var/lib/secret")
	}
	b.dispatch(context.Background(), r, fixture(t, "ask.json"))
	calls := r.all()
	if len(calls) != 3 || calls[1].Method != "delete" || calls[2].Method != "followup" {
		t.Fatalf("calls = %+v, want defer, delete placeholder, private follow-up", calls)
	}
	p := calls[2].Params
	if p.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Error("error shown publicly")
	}
	checkErrorText(t, p.Content)
	checkNoPings(t, p.AllowedMentions)
}

func checkErrorText(t *testing.T, text string) {
	t.Helper()
	if strings.Contains(text, "bleve") || strings.Contains(text, "secret") || strings.Contains(text, "panic") {
		t.Errorf("user sees internals: %q", text)
	}
	i := strings.Index(text, "error id `")
	if i < 0 {
		t.Fatalf("no error id in %q", text)
	}
	id := text[i+len("error id `"):]
	id = id[:strings.IndexByte(id, '`')]
	if len(id) < 6 || len(id) > 8 {
		t.Errorf("error id %q not 6–8 characters", id)
	}
}

func TestPanicIsRecoveredAndBotKeepsServing(t *testing.T) {
	b, eng, r := testBot(t, Config{})
	eng.panicOn = "How big would Ukraine's army be?"
	b.dispatch(context.Background(), r, fixture(t, "ask.json"))
	c := onlyCall(t, r)
	if c.Resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Error("panic reported publicly")
	}
	checkErrorText(t, c.Resp.Data.Content)

	eng.panicOn = ""
	r2 := &recorder{}
	b.dispatch(context.Background(), r2, fixture(t, "ask.json"))
	if c := onlyCall(t, r2); len(c.Resp.Data.Embeds) != 1 {
		t.Errorf("after a panic the next question was not answered: %+v", c.Resp.Data)
	}
}

func TestMoreButton(t *testing.T) {
	b, eng, r := testBot(t, Config{})
	b.dispatch(context.Background(), r, fixture(t, "ask.json")) // remembers the question
	r2 := &recorder{}
	ic := fixture(t, "button_more.json")
	ic.Message.Components = answerButtons("1200000000000000001", 0, 2, true, english)
	for i, c := range ic.Message.Components { // as discordgo decodes a received message
		row := c.(discordgo.ActionsRow)
		ic.Message.Components[i] = &row
		for j, btn := range row.Components {
			b := btn.(discordgo.Button)
			row.Components[j] = &b
		}
	}
	b.dispatch(context.Background(), r2, ic)
	calls := r2.all()
	if len(calls) != 2 || calls[0].Resp.Type != discordgo.InteractionResponseUpdateMessage || calls[1].Method != "followup" {
		t.Fatalf("More answered with %+v, want an update of its message and the page as a follow-up", calls)
	}
	for _, c := range calls[0].Resp.Data.Components[0].(discordgo.ActionsRow).Components {
		if btn := c.(discordgo.Button); btn.Disabled != strings.HasPrefix(btn.CustomID, prefixMore+":") {
			t.Errorf("after More, %q disabled=%v", btn.CustomID, btn.Disabled)
		}
	}
	if o := eng.lastOptions(); o.Offset != 2 {
		t.Errorf("More asked with offset %d, want 2", o.Offset)
	}
	if q := eng.questions(); q[len(q)-1] != "How big would Ukraine's army be?" {
		t.Errorf("More asked %q", q[len(q)-1])
	}
	if p := calls[1].Params; p.Flags != 0 || len(p.Embeds) != 1 {
		t.Errorf("page not a public answer: %+v", p)
	}
	checkNoPings(t, calls[0].Resp.Data.AllowedMentions)
	checkNoPings(t, calls[1].Params.AllowedMentions)
}

func TestMoreButtonAfterRestartReadsFooter(t *testing.T) {
	b, eng, r := testBot(t, Config{}) // a fresh bot: nothing in memory
	b.dispatch(context.Background(), r, fixture(t, "button_more.json"))
	if len(r.all()) != 2 || eng.questions()[0] != "How big would Ukraine's army be?" {
		t.Fatalf("question not recovered from the footer: %q", eng.questions())
	}
}

func TestExpiredButton(t *testing.T) {
	b, eng, r := testBot(t, Config{})
	ic := fixture(t, "button_more.json")
	ic.Message.Embeds = nil
	b.dispatch(context.Background(), r, ic)
	c := onlyCall(t, r)
	if len(eng.questions()) != 0 || c.Resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(c.Resp.Data.Content, "ask again") {
		t.Errorf("expired button: %+v", c.Resp.Data)
	}
}

func TestAutocompleteFixture(t *testing.T) {
	b, _, r := testBot(t, Config{})
	b.dispatch(context.Background(), r, fixture(t, "autocomplete_source.json"))
	c := onlyCall(t, r)
	if c.Resp.Type != discordgo.InteractionApplicationCommandAutocompleteResult {
		t.Fatalf("type %v", c.Resp.Type)
	}
	ch := c.Resp.Data.Choices
	if len(ch) != 1 || ch[0].Value != "reuters-zelenskyy-ready" || ch[0].Name != "Zelenskyy ready to work on US plan — Reuters" {
		t.Errorf("choices = %+v", ch)
	}
}

func TestAutocompleteLimits(t *testing.T) {
	b, eng, r := testBot(t, Config{})
	for i := 0; i < 40; i++ {
		eng.docs = append(eng.docs, index.DocumentInfo{ID: "doc-" + itoa(i), Title: strings.Repeat("Very long title about the plan ", 8)})
	}
	ic := fixture(t, "autocomplete_source.json")
	ic.ApplicationCommandData().Options[1].Value = ""
	b.dispatch(context.Background(), r, ic)
	ch := onlyCall(t, r).Resp.Data.Choices
	if len(ch) != maxChoices {
		t.Errorf("%d choices, want %d", len(ch), maxChoices)
	}
	for _, c := range ch {
		if n := textLen(c.Name); n > maxChoiceName || n == 0 {
			t.Errorf("choice name of %d characters: %q", n, c.Name)
		}
	}
}

func TestMessageCommandFixture(t *testing.T) {
	b, eng, r := testBot(t, Config{})
	b.dispatch(context.Background(), r, fixture(t, "message_command.json"))
	c := onlyCall(t, r)
	if got := eng.questions(); len(got) != 1 || got[0] != "Will Ukraine's army be capped?" {
		t.Errorf("asked %q", got)
	}
	if len(c.Resp.Data.Embeds) != 1 {
		t.Errorf("no answer embed: %+v", c.Resp.Data)
	}
}

// A moderator-only command added the way the moderator commands will be.
func withTestModCommand(t *testing.T) {
	spec := commandSpec{
		define: func() *discordgo.ApplicationCommand {
			return &discordgo.ApplicationCommand{Name: "testmod", Description: "test"}
		},
		moderator: true,
		handle: func(b *Bot, ctx context.Context, ic *discordgo.InteractionCreate) (response, error) {
			return notice("done"), nil
		},
	}
	commandByName["testmod"] = spec
	t.Cleanup(func() { delete(commandByName, "testmod") })
}

func TestModeratorPermissions(t *testing.T) {
	withTestModCommand(t)
	for _, tc := range []struct {
		fixture string
		cfg     Config
		allowed bool
	}{
		{"mod_member.json", Config{}, true},                                             // Manage Server
		{"plain_member.json", Config{}, false},                                          // Send Messages only
		{"plain_member.json", Config{ModRoleIDs: []string{"400000000000000001"}}, true}, // a moderator role
		{"ask_private.json", Config{}, false},                                           // a DM: no member
	} {
		b, _, r := testBot(t, tc.cfg)
		ic := fixture(t, tc.fixture)
		ic.ApplicationCommandData() // the fixture must be a command
		data := ic.Data.(discordgo.ApplicationCommandInteractionData)
		data.Name = "testmod"
		ic.Data = data
		b.dispatch(context.Background(), r, ic)
		got := onlyCall(t, r).Resp.Data.Content
		if allowed := got == "done"; allowed != tc.allowed {
			t.Errorf("%s %+v: reply %q, allowed %v want %v", tc.fixture, tc.cfg.ModRoleIDs, got, allowed, tc.allowed)
		}
	}
}

func TestCooldown(t *testing.T) {
	now := time.Date(2025, 11, 25, 12, 0, 0, 0, time.UTC)
	b, eng, _ := testBot(t, Config{Now: func() time.Time { return now }})
	ask := func() call {
		r := &recorder{}
		b.dispatch(context.Background(), r, fixture(t, "ask.json"))
		return onlyCall(t, r)
	}
	for i := 0; i < DefaultCooldown; i++ {
		if c := ask(); len(c.Resp.Data.Embeds) != 1 {
			t.Fatalf("question %d refused", i+1)
		}
	}
	c := ask()
	if c.Resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(c.Resp.Data.Content, "Try again in 30 s") {
		t.Errorf("6th question: %+v", c.Resp.Data)
	}
	if n := len(eng.questions()); n != DefaultCooldown {
		t.Errorf("engine asked %d times, want %d", n, DefaultCooldown)
	}
	now = now.Add(DefaultCooldownWindow)
	if c := ask(); len(c.Resp.Data.Embeds) != 1 {
		t.Error("still refused after the window")
	}
}

func TestNotAnsweredSaysSoWithoutExcerpts(t *testing.T) {
	b, eng, r := testBot(t, Config{})
	eng.answer = func(q string, o index.Options) (index.Answer, error) {
		return index.Answer{Question: q, Reason: index.ReasonNotCovered, Suggestions: []string{"Who drafted the plan?"},
			Excerpts: []index.Excerpt{{Text: "should never show"}}}, nil
	}
	b.dispatch(context.Background(), r, fixture(t, "ask.json"))
	d := onlyCall(t, r).Resp.Data
	desc := d.Embeds[0].Description
	if !strings.Contains(desc, "don't answer that") || !strings.Contains(desc, "Who drafted the plan?") || strings.Contains(desc, "should never show") {
		t.Errorf("description = %q", desc)
	}
	if len(d.Components) != 0 {
		t.Errorf("unanswered question has buttons: %+v", d.Components)
	}
}

func TestCommandsWithinDiscordLimits(t *testing.T) {
	cmds := Commands()
	names := map[string]bool{}
	for _, c := range cmds {
		if names[c.Name] {
			t.Errorf("duplicate command %q", c.Name)
		}
		names[c.Name] = true
		if c.Type == discordgo.MessageApplicationCommand || c.Type == discordgo.UserApplicationCommand {
			if c.Description != "" || len(c.Options) > 0 || len(c.Name) > 32 || c.Name == "" {
				t.Errorf("context menu command %q: description or options set, or bad name", c.Name)
			}
			continue
		}
		checkName(t, c.Name)
		checkDescription(t, c.Name, c.Description)
		if len(c.Options) > 25 {
			t.Errorf("%s: %d options", c.Name, len(c.Options))
		}
		for _, o := range c.Options {
			checkName(t, o.Name)
			checkDescription(t, c.Name+"."+o.Name, o.Description)
			if len(o.Choices) > maxChoices || (o.Autocomplete && len(o.Choices) > 0) {
				t.Errorf("%s.%s: %d choices, autocomplete %v", c.Name, o.Name, len(o.Choices), o.Autocomplete)
			}
			for _, ch := range o.Choices {
				if n := textLen(ch.Name); n < 1 || n > maxChoiceName {
					t.Errorf("%s.%s: choice name %q", c.Name, o.Name, ch.Name)
				}
			}
		}
	}
	for _, want := range []string{"ask", "search", "sources", "source", "plan", "timeline", "help", "Ask planbot"} {
		if !names[want] {
			t.Errorf("command %q missing", want)
		}
	}
}

func checkName(t *testing.T, name string) {
	t.Helper()
	if !commandName.MatchString(name) || strings.ToLower(name) != name {
		t.Errorf("name %q breaks ^[-_\\p{L}\\p{N}]{1,32}$ or is not lower case", name)
	}
}

func checkDescription(t *testing.T, where, d string) {
	t.Helper()
	if n := textLen(d); n < 1 || n > 100 {
		t.Errorf("%s: description of %d characters", where, n)
	}
}

func TestIntents(t *testing.T) {
	base := Intents(Config{})
	if base&discordgo.IntentMessageContent != 0 {
		t.Error("MESSAGE_CONTENT requested without answer channels")
	}
	if base&discordgo.IntentsGuildMessages == 0 || base&discordgo.IntentsDirectMessages == 0 {
		t.Error("mentions and DMs need guild and direct messages")
	}
	if Intents(Config{AnswerChannels: []string{"1"}})&discordgo.IntentMessageContent == 0 {
		t.Error("answer channels need MESSAGE_CONTENT")
	}
}

var commandName = regexp.MustCompile(`^[-_\p{L}\p{N}]{1,32}$`)
