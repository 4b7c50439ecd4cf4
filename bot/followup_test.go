package bot

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// click is a press of the button customID on the answer message of button_more.json.
func click(t testing.TB, id, customID string) *discordgo.InteractionCreate {
	t.Helper()
	ic := fixture(t, "button_more.json")
	ic.ID, ic.Token = id, "token-"+id
	ic.Data = discordgo.MessageComponentInteractionData{CustomID: customID, ComponentType: discordgo.ButtonComponent}
	return ic
}

// submit is the follow-up form, sent with text, for the answer keyed key.
func submit(t testing.TB, id, key, text string) *discordgo.InteractionCreate {
	t.Helper()
	ic := fixture(t, "modal_followup.json")
	ic.ID, ic.Token = id, "token-"+id
	ic.Data = discordgo.ModalSubmitInteractionData{CustomID: answerID(prefixFollowUpForm, key, 0),
		Components: []discordgo.MessageComponent{&discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			&discordgo.TextInput{CustomID: followUpInput, Value: text}}}}}
	return ic
}

func buttonWithPrefix(t testing.TB, body any, prefix string) string {
	t.Helper()
	buttons, _ := dig(body, "data", "components", 0, "components").([]any)
	for _, b := range buttons {
		if id := str(b, "custom_id"); strings.HasPrefix(id, prefix+":") {
			return id
		}
	}
	t.Fatalf("no %s button among %v", prefix, buttons)
	return ""
}

// Every answer carries Follow up; it opens a form (valid against Discord's schema) whose answer
// is read with the earlier question as context, publicly like the answer it follows.
func TestE2EFollowUpButtonOpensFormAndAnswersInContext(t *testing.T) {
	e, eng := newFakeE2E(t, Config{})
	askID := snowflake(83, 1)
	answer := e.interact(askInteraction(t, askID, "Who drafted the plan?"))
	fu := buttonWithPrefix(t, answer, prefixFollowUp)

	form := e.interact(click(t, snowflake(83, 2), fu))
	if typ := dig(form, "type"); typ != float64(discordgo.InteractionResponseModal) {
		t.Fatalf("Follow up answered with type %v, want a modal: %v", typ, form)
	}
	if got := str(form, "data", "custom_id"); got != answerID(prefixFollowUpForm, askID, 0) {
		t.Errorf("form custom_id %q", got)
	}
	input := dig(form, "data", "components", 0, "components", 0)
	if str(input, "custom_id") != followUpInput || !strings.Contains(str(input, "placeholder"), "Who drafted the plan?") {
		t.Errorf("form input %v", input)
	}

	got := e.interact(submit(t, snowflake(83, 3), askID, "and what about NATO?"))
	if o := eng.lastOptions(); o.Context != "Who drafted the plan?" {
		t.Errorf("follow-up read with context %q", o.Context)
	}
	if q := eng.questions(); q[len(q)-1] != "and what about NATO?" {
		t.Errorf("follow-up asked %q", q[len(q)-1])
	}
	if str(got, "data", "embeds", 0, "title") != "and what about NATO?" || dig(got, "data", "flags") != nil {
		t.Errorf("follow-up answer not a public answer to it: %v", got)
	}
	checkSafe(t, got, "follow-up answer")
	// The follow-up's own Follow up carries both questions on.
	form2 := e.interact(click(t, snowflake(83, 4), buttonWithPrefix(t, got, prefixFollowUp)))
	e.interact(submit(t, snowflake(83, 5), strings.Split(str(form2, "data", "custom_id"), ":")[1], "and the army?"))
	if o := eng.lastOptions(); o.Context != "Who drafted the plan? and what about NATO?" {
		t.Errorf("second follow-up context %q", o.Context)
	}
}

// After a restart the bot remembers nothing: the form and its answer read the question from the
// answer's footer.
func TestE2EFollowUpAfterRestartReadsFooter(t *testing.T) {
	e, eng := newFakeE2E(t, Config{})
	key := "1200000000000000001" // asked before the restart; button_more.json's message answers it
	form := e.interact(click(t, snowflake(84, 1), answerID(prefixFollowUp, key, 0)))
	if dig(form, "type") != float64(discordgo.InteractionResponseModal) {
		t.Fatalf("no form: %v", form)
	}
	e.bot.recent = newLRU[asked](8) // and restart again between the form and its answer
	e.interact(submit(t, snowflake(84, 2), key, "and what about NATO?"))
	if o := eng.lastOptions(); o.Context != "How big would Ukraine's army be?" {
		t.Errorf("context %q", o.Context)
	}
}

// A reply to an answer that reaches the bot without text (no Message Content intent, no ping)
// gets a hint naming the button and the mention — never a refusal — and the hint is not repeated
// to the same member at once.
func TestE2EReplyWithoutTextGetsHint(t *testing.T) {
	e, eng := newFakeE2E(t, Config{})
	e.say(toBot(snowflake(85, 1), "Who drafted the plan?"))
	answerID := lastAnswerID(t, e)
	e.say(replyTo(snowflake(85, 2), answerID, ""))
	sent := e.sentMessages()
	if len(sent) != 2 {
		t.Fatalf("%d messages sent, want the answer and a hint", len(sent))
	}
	hint := str(sent[1].JSON, "content")
	if !strings.Contains(hint, "Follow up") || !strings.Contains(hint, "mention") || strings.Contains(hint, "Ask me something") {
		t.Errorf("hint %q", hint)
	}
	if len(eng.questions()) != 1 {
		t.Errorf("an empty reply was looked up: %q", eng.questions())
	}
	checkSafe(t, sent[1].JSON, "hint")
	e.say(replyTo(snowflake(85, 3), answerID, ""))
	if n := len(e.sentMessages()); n != 2 {
		t.Errorf("hint repeated at once: %d messages", n)
	}
}
