package bot

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/bot/internal/discordtest"
)

const missingPermissionsBody = `{"message": "Missing Permissions", "code": 50013}`

// A mention in a channel where the bot may read but not embed: Discord refuses the reply; the
// member learns why in one DM (not one per question), and the log names the channel and the
// missing permission, read from the gateway's state.
func TestE2ERefusedReplyIsExplained(t *testing.T) {
	e, _ := newFakeE2E(t, Config{})
	var log lockedBuffer
	e.bot.lg = slog.New(slog.NewTextHandler(&log, nil))
	everyone := &discordgo.Role{ID: guildID, Name: "@everyone",
		Permissions: discordgo.PermissionViewChannel | discordgo.PermissionSendMessages | discordgo.PermissionReadMessageHistory}
	st := e.sess.State
	if err := st.GuildAdd(&discordgo.Guild{ID: guildID, OwnerID: "200000000000000099", Roles: []*discordgo.Role{everyone}}); err != nil {
		t.Fatal(err)
	}
	st.ChannelAdd(&discordgo.Channel{ID: channelID, GuildID: guildID, Type: discordgo.ChannelTypeGuildText})
	st.MemberAdd(&discordgo.Member{GuildID: guildID, User: &discordgo.User{ID: discordtest.BotUserID}, Roles: []string{}})
	e.srv.Fail("POST", "/channels/"+channelID+"/messages", 403, missingPermissionsBody)

	e.say(toBot(snowflake(91, 1), "how big would the army be?"))
	e.say(toBot(snowflake(91, 2), "and NATO?"))
	var dms, notes []discordtest.Request
	for _, r := range e.srv.Requests() {
		switch {
		case r.Method == "POST" && r.Path == "/users/@me/channels":
			dms = append(dms, r)
		case r.Method == "POST" && strings.HasPrefix(r.Path, "/channels/"+discordtest.DMChannelPrefix):
			notes = append(notes, r)
		}
	}
	if len(dms) != 1 || str(dms[0].JSON, "recipient_id") != aliceID || len(notes) != 1 {
		t.Fatalf("DMs %d, notes %d; want one of each to alice", len(dms), len(notes))
	}
	note := str(notes[0].JSON, "content")
	if !strings.Contains(note, "Embed Links") || !strings.Contains(note, "<#"+channelID+">") || strings.Contains(note, "Send Messages") {
		t.Errorf("note %q does not name the channel and only the missing permission", note)
	}
	checkSafe(t, notes[0].JSON, "refusal note")
	if l := log.String(); !strings.Contains(l, "channel="+channelID) || !strings.Contains(l, "Embed Links") {
		t.Errorf("log does not name the channel and the permission:\n%s", l)
	}
}

// When Discord refuses an interaction's public answer, the member gets a private note instead
// of nothing, and the log names the channel.
func TestE2ERefusedInteractionAnswerIsExplained(t *testing.T) {
	e, _ := newFakeE2E(t, Config{})
	id := snowflake(92, 1)
	e.srv.FailTimes("POST", "/interactions/"+id+"/", 403, missingPermissionsBody, 1)
	e.bot.dispatch(t.Context(), e.sess, askInteraction(t, id, "how big would the army be?"))
	var callbacks []discordtest.Request
	for _, r := range e.srv.Requests() {
		if strings.HasPrefix(r.Path, "/interactions/"+id+"/") {
			callbacks = append(callbacks, r)
		}
	}
	if len(callbacks) != 2 {
		t.Fatalf("%d callbacks, want the refused answer and a note", len(callbacks))
	}
	note := callbacks[1].JSON
	if flags, _ := dig(note, "data", "flags").(float64); int(flags)&int(discordgo.MessageFlagsEphemeral) == 0 ||
		!strings.Contains(str(note, "data", "content"), "didn't let me post") {
		t.Errorf("note %v", note)
	}
}
