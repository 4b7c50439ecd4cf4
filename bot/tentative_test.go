package bot

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/planbot/planbot/index"
)

// A tentative answer (the closest excerpts, not a sure answer) looks different from a confident
// one: a header that says so and another colour.
func TestE2ETentativeAnswerIsShownAsSuch(t *testing.T) {
	e, eng := newFakeE2E(t, Config{})
	sure := e.interact(askInteraction(t, snowflake(80, 1), "How big would the army be?"))
	eng.answer = tentativeAnswer
	unsure := e.interact(askInteraction(t, snowflake(80, 2), "How big would the army be?"))

	if c := dig(sure, "data", "embeds", 0, "color"); c != float64(colorAnswer) {
		t.Errorf("confident answer colour %v", c)
	}
	if d := str(sure, "data", "embeds", 0, "description"); strings.Contains(d, "may not answer") {
		t.Errorf("confident answer hedges:\n%s", d)
	}
	if c := dig(unsure, "data", "embeds", 0, "color"); c != float64(colorTentative) {
		t.Errorf("tentative answer colour %v, want %v", c, colorTentative)
	}
	d := str(unsure, "data", "embeds", 0, "description")
	if !strings.HasPrefix(d, tentativeHeader) || !strings.Contains(d, "**army**") {
		t.Errorf("tentative answer does not say so, or lost its excerpts:\n%s", d)
	}
	checkSafe(t, unsure, "tentative")
}

// Unasked, in an answer channel, the bot stays silent on a tentative answer.
func TestE2EAnswerChannelSilentWhenTentative(t *testing.T) {
	e, eng := newFakeE2E(t, Config{AnswerChannels: []string{channelID}})
	eng.answer = func(q string, o index.Options) (index.Answer, error) {
		a, err := tentativeAnswer(q, o)
		a.Confidence = 0.9 // unsure whatever the coverage: tentative is the engine's verdict
		return a, err
	}
	e.say(userMessage(snowflake(81, 1), "How big would the army be?"))
	if len(eng.questions()) != 1 {
		t.Fatalf("question not looked up: %v", eng.questions())
	}
	if p := e.sentMessages(); len(p) != 0 {
		t.Errorf("answered unasked with a tentative answer: %s", p[0].Body)
	}
	eng.answer = nil
	e.say(userMessage(snowflake(81, 2), "How big would the army be?"))
	if p := e.sentMessages(); len(p) != 1 {
		t.Errorf("a confident answer in the answer channel got %d posts", len(p))
	}
}

// /unanswered lists tentative answers as their own kind, with the passages they showed.
func TestE2EUnansweredListsTentative(t *testing.T) {
	c := &testClock{t: time.Date(2025, 11, 25, 12, 0, 0, 0, time.UTC)}
	store := openRecords(t, filepath.Join(t.TempDir(), "planbot.db"), c)
	defer store.Close()
	e, eng := newFakeE2E(t, Config{Now: c.now})
	e.bot.UseRecords(store)
	eng.answer = tentativeAnswer
	e.interact(askInteraction(t, snowflake(82, 1), "Would the boots on the ground shrink?"))
	eng.answer = nil
	e.interact(askInteraction(t, snowflake(82, 2), "How big would the army be?"))

	text, _ := e.mustReply(modCommand(t, "mod_member.json", snowflake(82, 3), "unanswered"))
	i := strings.Index(text, "Answered only tentatively")
	if i < 0 || !strings.Contains(text[i:], "**1×** Would the boots on the ground shrink?") {
		t.Fatalf("/unanswered lacks the tentative answer:\n%s", text)
	}
	if strings.Contains(text, "How big would the army be") {
		t.Errorf("a confident answer is listed:\n%s", text)
	}
}
