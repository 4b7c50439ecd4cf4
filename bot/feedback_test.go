package bot

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/bot/internal/discordtest"
)

// pressOn is a member's press of customID on the message an interaction callback posted (data as
// the fake received it), decoded the way discordgo decodes what the gateway delivers.
func pressOn(t testing.TB, id, member string, posted map[string]any, customID string) *discordgo.InteractionCreate {
	t.Helper()
	msg := map[string]any{"id": "700000000000000042", "channel_id": "300000000000000001", "type": 20, "flags": 0,
		"author": map[string]any{"id": discordtest.BotUserID, "username": "planbot", "bot": true},
		"embeds": dig(posted, "data", "embeds"), "components": dig(posted, "data", "components"),
		"timestamp": "2025-11-25T10:00:00Z"}
	raw, err := json.Marshal(map[string]any{"id": id, "application_id": discordtest.ApplicationID, "type": 3,
		"token": "token-" + id, "version": 1, "guild_id": guildID, "channel_id": "300000000000000001",
		"member": map[string]any{"user": map[string]any{"id": member, "username": "m" + member}, "roles": []any{},
			"permissions": "0", "joined_at": "2024-01-01T00:00:00Z"},
		"message": msg, "data": map[string]any{"custom_id": customID, "component_type": 2}})
	if err != nil {
		t.Fatal(err)
	}
	var ic discordgo.InteractionCreate
	if err := json.Unmarshal(raw, &ic); err != nil {
		t.Fatal(err)
	}
	return &ic
}

// One member's ten 👎 count once; they may change it to 👍, which counts too; /unanswered shows
// both kinds; the vote stays theirs after a restart, and the file names nobody.
func TestE2EOneVotePerMember(t *testing.T) {
	c := &testClock{t: time.Date(2025, 11, 25, 12, 0, 0, 0, time.UTC)}
	path := filepath.Join(t.TempDir(), "planbot.db")
	store := openRecords(t, path, c)
	e, _ := newFakeE2E(t, Config{Now: c.now})
	e.bot.UseRecords(store)
	askID := snowflake(89, 1)
	answer := e.interact(askInteraction(t, askID, "How big would the army be?"))
	const bob, carol = "200000000000000007", "200000000000000008"
	n := 2
	press := func(e *e2e, member, customID string) string {
		n++
		text, _ := e.mustReply(pressOn(t, snowflake(89, n), member, answer, customID))
		return text
	}
	for i := 0; i < 10; i++ {
		press(e, bob, voteID(askID, 0, false))
	}
	unanswered := func(e *e2e) string {
		n++
		text, _ := e.mustReply(modCommand(t, "mod_member.json", snowflake(89, n), "unanswered"))
		return text
	}
	if text := unanswered(e); !strings.Contains(text, "Answers marked 👎") || !strings.Contains(text, "**1×** How big would the army be?") {
		t.Fatalf("ten 👎 by one member:\n%s", text)
	}
	if got := press(e, bob, voteID(askID, 0, false)); !strings.Contains(got, "already") {
		t.Errorf("a repeated vote is thanked as new: %q", got)
	}
	press(e, bob, voteID(askID, 0, true)) // changes their mind
	press(e, carol, voteID(askID, 0, true))
	text := unanswered(e)
	if strings.Contains(text, "Answers marked 👎") || !strings.Contains(text, "Answers marked 👍") || !strings.Contains(text, "**2×** How big would the army be?") {
		t.Errorf("after bob's change and carol's 👍:\n%s", text)
	}

	// Restart: the same member's vote is still theirs.
	store.Close()
	store = openRecords(t, path, c)
	defer store.Close()
	e2, _ := newFakeE2E(t, Config{Now: c.now})
	e2.bot.UseRecords(store)
	press(e2, bob, voteID(askID, 0, true))
	if text := unanswered(e2); !strings.Contains(text, "**2×** How big would the army be?") {
		t.Errorf("after a restart bob's 👍 counted again:\n%s", text)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{bob, carol, "mbob"} {
		if strings.Contains(string(raw), id) {
			t.Errorf("records file holds %q", id)
		}
	}
}

// More posts the next page once and is disabled on the message it was pressed on; a second press
// (before the client saw the update) gets a private note, not the page again.
func TestE2EMoreIsUsedOnce(t *testing.T) {
	e, eng := newFakeE2E(t, Config{})
	askID := snowflake(90, 1)
	answer := e.interact(askInteraction(t, askID, "How big would the army be?"))
	more := buttonWithPrefix(t, answer, prefixMore)

	first := e.interact(pressOn(t, snowflake(90, 2), aliceID, answer, more))
	if dig(first, "type") != float64(discordgo.InteractionResponseUpdateMessage) {
		t.Fatalf("More answered %v", first)
	}
	buttons, _ := dig(first, "data", "components", 0, "components").([]any)
	if len(buttons) != 5 {
		t.Fatalf("update has %d buttons, want the answer's five", len(buttons))
	}
	for _, b := range buttons {
		if disabled, _ := dig(b, "disabled").(bool); disabled != (str(b, "custom_id") == more) {
			t.Errorf("after More, %s disabled=%v", str(b, "custom_id"), disabled)
		}
	}
	if str(first, "data", "embeds", 0, "description") != str(answer, "data", "embeds", 0, "description") {
		t.Error("the update changed the answer it disables More on")
	}
	second := e.interact(pressOn(t, snowflake(90, 3), "200000000000000007", answer, more))
	if flags, _ := dig(second, "data", "flags").(float64); int(flags)&int(discordgo.MessageFlagsEphemeral) == 0 || !strings.Contains(str(second, "data", "content"), "already") {
		t.Errorf("second press: %v", second)
	}
	pages := 0
	for _, r := range e.srv.Requests() {
		if r.Method == "POST" && strings.HasPrefix(r.Path, "/webhooks/") {
			pages++
		}
	}
	if pages != 1 || len(eng.questions()) != 2 {
		t.Errorf("%d pages posted, engine asked %d times; want 1 and 2", pages, len(eng.questions()))
	}
}
