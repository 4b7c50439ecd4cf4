package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/index"
)

// command turns the ask.json fixture into another chat command with the given options.
func command(t *testing.T, name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.InteractionCreate {
	t.Helper()
	ic := fixture(t, "ask.json")
	ic.Data = discordgo.ApplicationCommandInteractionData{Name: name, CommandType: discordgo.ChatApplicationCommand, Options: opts}
	return ic
}

func opt(name string, v any) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Value: v}
}

func button(t *testing.T, customID string, ephemeral bool) *discordgo.InteractionCreate {
	t.Helper()
	ic := fixture(t, "button_more.json")
	ic.Data = discordgo.MessageComponentInteractionData{CustomID: customID, ComponentType: discordgo.ButtonComponent}
	if ephemeral {
		ic.Message.Flags = discordgo.MessageFlagsEphemeral
	}
	return ic
}

func runCommand(t *testing.T, b *Bot, ic *discordgo.InteractionCreate) *discordgo.InteractionResponseData {
	t.Helper()
	r := &recorder{}
	b.dispatch(context.Background(), r, ic)
	c := onlyCall(t, r)
	checkNoPings(t, c.Resp.Data.AllowedMentions)
	if bad := checkMessage(message{Content: c.Resp.Data.Content, Embeds: c.Resp.Data.Embeds, Components: c.Resp.Data.Components}); bad != nil {
		t.Errorf("limits: %v", bad)
	}
	return c.Resp.Data
}

func TestSearchAndPaging(t *testing.T) {
	b, _, _ := testBot(t, Config{})
	d := runCommand(t, b, command(t, "search", opt("query", "army"), opt("source", "wikipedia-us-peace-plan")))
	e := d.Embeds[0]
	if !strings.Contains(e.Description, "**army**") || !strings.Contains(e.Description, "Page 1 of 2") || !strings.Contains(e.Description, "in 2025 US peace plan") {
		t.Errorf("search page: %q", e.Description)
	}
	ids := buttonIDs(d.Components)
	if len(ids) != 2 || ids[1] != "page:1200000000000000001:2" {
		t.Fatalf("paging buttons %q", ids)
	}
	r := &recorder{}
	b.dispatch(context.Background(), r, button(t, ids[1], false))
	c := onlyCall(t, r)
	if c.Resp.Type != discordgo.InteractionResponseUpdateMessage || !strings.Contains(c.Resp.Data.Embeds[0].Description, "Page 2 of 2") {
		t.Errorf("Next: type %v %q", c.Resp.Type, c.Resp.Data.Embeds[0].Description)
	}
	for _, id := range []string{"page:1200000000000000001:0", "page:x:2"} {
		if d := runCommand(t, b, button(t, id, false)); !strings.Contains(d.Content, "search again with `/search`") {
			t.Errorf("%s: %q", id, d.Content)
		}
	}
}

func TestSearchRejectsUnknownSourceAndEmptyQuery(t *testing.T) {
	b, _, _ := testBot(t, Config{})
	d := runCommand(t, b, command(t, "search", opt("query", "army"), opt("source", "<@&1> nope")))
	if d.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(d.Content, "no source called") || strings.Contains(d.Content, "<@&") {
		t.Errorf("unknown source: %+v", d)
	}
	d = runCommand(t, b, command(t, "search", opt("query", " \u200b ")))
	if !strings.Contains(d.Content, "what to look for") {
		t.Errorf("empty query: %q", d.Content)
	}
}

func TestSourcesAndSource(t *testing.T) {
	b, _, _ := testBot(t, Config{})
	d := runCommand(t, b, command(t, "sources"))
	desc := d.Embeds[0].Description
	for _, want := range []string{"Reuters · 21 Nov 2025 · 12 passages", "outlet not named · 24 Nov 2025 · 40 passages", "`wikipedia-us-peace-plan`"} {
		if !strings.Contains(desc, want) {
			t.Errorf("/sources lacks %q:\n%s", want, desc)
		}
	}
	d = runCommand(t, b, command(t, "source", opt("id", "reuters-zelenskyy-ready")))
	e := d.Embeds[0]
	if e.Title != "Zelenskyy ready to work on US plan" || e.URL != "https://example.org/reuters" || !strings.HasPrefix(e.Description, "> Ukraine's President") {
		t.Errorf("/source: %+v", e)
	}
	d = runCommand(t, b, command(t, "source", opt("id", "zelenskyy ready to work on us plan")))
	if len(d.Embeds) != 1 {
		t.Error("/source by title failed")
	}
	d = runCommand(t, b, command(t, "source", opt("id", "no-such-doc")))
	if !strings.Contains(d.Content, "no source called") || !strings.Contains(d.Content, "pick one from the list,") {
		t.Errorf("/source unknown: %q", d.Content)
	}
}

func TestPlanTimelineHelp(t *testing.T) {
	b, _, _ := testBot(t, Config{})
	d := runCommand(t, b, command(t, "plan", opt("topic", "military")))
	if desc := d.Embeds[0].Description; !strings.Contains(desc, "__**Military**__") || !strings.Contains(desc, "`6.` Ukraine's armed forces") || !strings.Contains(desc, "[1]") {
		t.Errorf("/plan: %q", desc)
	}
	if d := runCommand(t, b, command(t, "plan", opt("topic", "bogus"))); d.Content != "I don't know that topic. Pick one from the list." {
		t.Errorf("/plan bogus topic: %q", d.Content)
	}
	d = runCommand(t, b, command(t, "timeline"))
	if desc := d.Embeds[0].Description; !strings.HasPrefix(desc, "**20 Nov 2025** — The plan was handed") {
		t.Errorf("/timeline: %q", desc)
	}
	d = runCommand(t, b, command(t, "help"))
	if d.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(d.Embeds[0].Fields[0].Value, "`/ask`") || !strings.Contains(d.Embeds[0].Fields[0].Value, "Ask planbot") {
		t.Errorf("/help: %+v", d.Embeds[0].Fields)
	}
}

type votes struct{ recording[Vote] }

func (v *votes) RecordVote(ctx context.Context, vote Vote) error {
	v.add(vote)
	return nil
}

func TestVoteGoesToFeedbackHook(t *testing.T) {
	b, _, r := testBot(t, Config{})
	var v votes
	b.SetFeedback(&v)
	b.dispatch(context.Background(), r, fixture(t, "ask.json"))
	d := runCommand(t, b, button(t, "vote:1200000000000000001:down", false))
	if d.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.HasPrefix(d.Content, "Thanks") {
		t.Errorf("vote reply %+v", d)
	}
	if got := v.all(); len(got) != 1 || got[0].Up || got[0].Question != "How big would Ukraine's army be?" {
		t.Errorf("votes %+v", got)
	}
}

func TestSlowButtonDefersTheRightWay(t *testing.T) {
	b, eng, _ := testBot(t, Config{})
	b.deferAfter = time.Millisecond
	// More on an ephemeral answer: a silent acknowledgement (type 6), the edit disabling More,
	// then the page as a private follow-up.
	r := &recorder{}
	holdUntilDeferred(eng, r)
	b.dispatch(context.Background(), r, button(t, "more:1200000000000000001:2", true))
	calls := r.all()
	if len(calls) != 3 || calls[0].Resp.Type != discordgo.InteractionResponseDeferredMessageUpdate || calls[1].Method != "edit" ||
		calls[2].Method != "followup" || calls[2].Params.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("More: %+v", calls)
	}
	// A page button edits its own message: type 6, then the edit.
	r = &recorder{}
	holdUntilDeferred(eng, r)
	b.dispatch(context.Background(), r, command(t, "search", opt("query", "army")))
	r = &recorder{}
	holdUntilDeferred(eng, r)
	b.dispatch(context.Background(), r, button(t, "page:1200000000000000001:2", false))
	calls = r.all()
	if len(calls) != 2 || calls[0].Resp.Type != discordgo.InteractionResponseDeferredMessageUpdate || calls[1].Method != "edit" {
		t.Errorf("page: %+v", calls)
	}
}

func TestUnknownCommandAndButton(t *testing.T) {
	b, _, _ := testBot(t, Config{})
	if d := runCommand(t, b, command(t, "gone")); !strings.Contains(d.Content, "/help") {
		t.Errorf("unknown command: %q", d.Content)
	}
	if d := runCommand(t, b, button(t, "zzz:1:1", false)); d.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("unknown button: %+v", d)
	}
}

// A 👎 on the second page of an answer records the passages that page showed, not the first's.
func TestVoteOnMorePageRecordsThatPage(t *testing.T) {
	b, engine, r := testBot(t, Config{})
	engine.answer = func(q string, o index.Options) (index.Answer, error) {
		a := cannedAnswer(q, o)
		for i := range a.Excerpts {
			a.Excerpts[i].PassageID = fmt.Sprintf("doc/p%02d", o.Offset+i+1)
		}
		return a, nil
	}
	var v votes
	b.SetFeedback(&v)
	b.dispatch(context.Background(), r, fixture(t, "ask.json"))
	key := "1200000000000000001"
	b.dispatch(context.Background(), &recorder{}, button(t, answerID(prefixMore, key, 2), false))
	runCommand(t, b, button(t, voteID(key, 2, false), false))
	runCommand(t, b, button(t, voteID(key, 0, false), false))
	got := v.all()
	if len(got) != 2 {
		t.Fatalf("votes %+v", got)
	}
	if want := []string{"doc/p03", "doc/p04"}; !slices.Equal(got[0].PassageIDs, want) {
		t.Errorf("👎 on page 2 recorded %v, want %v", got[0].PassageIDs, want)
	}
	if want := []string{"doc/p01", "doc/p02"}; !slices.Equal(got[1].PassageIDs, want) {
		t.Errorf("👎 on page 1 recorded %v, want %v", got[1].PassageIDs, want)
	}
}

// After a restart the bot knows a search only from its message: Prev/Next must keep the source
// filter, which the footer carries beside the query.
func TestSearchPageKeepsSourceAfterRestart(t *testing.T) {
	res := index.SearchResult{Query: "sanctions", Total: 7, Page: 1, Pages: 2, Hits: []index.Hit{
		{Citation: index.Citation{PassageID: "reuters-zelenskyy-ready/p02", DocID: "reuters-zelenskyy-ready", Title: "T"}, Text: armyText}}}
	a := asked{Question: "sanctions on Russia", Doc: "reuters-zelenskyy-ready"}
	m := searchMessage(res, a, "T", "1200000000000000001")
	restarted, _, _ := testBot(t, Config{})
	got, ok := restarted.recall("1200000000000000001", &discordgo.Message{Embeds: m.Embeds})
	if !ok || got.Question != a.Question || got.Doc != a.Doc {
		t.Fatalf("recalled %+v, want %+v", got, a)
	}
	// An answer's footer names no source, and a forged one that is not an id is ignored.
	plain, _ := askedFromMessage(&discordgo.Message{Embeds: []*discordgo.MessageEmbed{{Footer: questionFooter("What about NATO?")}}})
	forged, _ := askedFromMessage(&discordgo.Message{Embeds: []*discordgo.MessageEmbed{{Footer: &discordgo.MessageEmbedFooter{Text: "Q: x\nSource: ../etc"}}}})
	if plain.Doc != "" || plain.Question != "What about NATO?" || forged.Doc != "" {
		t.Errorf("plain %+v, forged %+v", plain, forged)
	}
}
