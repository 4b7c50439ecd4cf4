package bot

import (
	"context"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

var moderatorCommands = []string{"reindex", "corpus", "unanswered"}

// Registration: every moderator command is hidden from members (Manage Server, "32") and usable in
// servers only, in the body Discord receives; the members' commands are not restricted.
func TestE2EModeratorCommandsRegistration(t *testing.T) {
	byName := registered(t, guildID)
	for _, name := range moderatorCommands {
		c := byName[name]
		if c == nil {
			t.Errorf("%s not registered", name)
			continue
		}
		if p := dig(c, "default_member_permissions"); p != "32" && p != float64(32) {
			t.Errorf("%s: default_member_permissions = %v, want 32 (Manage Server)", name, p)
		}
	}
	for _, name := range []string{"ask", "sources", "source"} {
		if p := dig(byName[name], "default_member_permissions"); p != nil {
			t.Errorf("members' command %s restricted to %v", name, p)
		}
	}
	if sub := dig(byName["corpus"], "options"); len(sub.([]any)) != 3 {
		t.Errorf("corpus subcommands: %v", sub)
	}
}

const refusal = "This command is for the server's moderators."

// Run time: registration only hides a command, so each one checks the member again.
func TestModeratorCommandsCheckedAtRunTime(t *testing.T) {
	for _, name := range moderatorCommands {
		for _, tc := range []struct {
			who     string
			fixture string
			cfg     Config
			allowed bool
		}{
			{"plain member", "plain_member.json", Config{}, false},
			{"Manage Server", "mod_member.json", Config{}, true},
			{"MOD_ROLE_IDS role", "plain_member.json", Config{ModRoleIDs: []string{"400000000000000001"}}, true},
			{"direct message", "ask_private.json", Config{}, false},
		} {
			b, _, r := testBot(t, tc.cfg)
			ic := modCommand(t, tc.fixture, snowflake(50, 1), name, sub("add", "url", "http://127.0.0.1:1/x"))
			if name != "corpus" {
				ic = modCommand(t, tc.fixture, snowflake(50, 1), name)
			}
			b.dispatch(context.Background(), r, ic)
			d := onlyCall(t, r).Resp.Data
			refused := d.Content == refusal
			if refused == tc.allowed {
				t.Errorf("/%s by %s: reply %q, allowed %v", name, tc.who, d.Content, tc.allowed)
			}
			if d.Flags&discordgo.MessageFlagsEphemeral == 0 {
				t.Errorf("/%s by %s: reply is public", name, tc.who)
			}
		}
	}
}

// /help lists the moderator commands to moderators only.
func TestHelpShowsModeratorCommandsToModerators(t *testing.T) {
	for fixtureName, want := range map[string]bool{"mod_member.json": true, "plain_member.json": false} {
		b, _, r := testBot(t, Config{})
		b.dispatch(context.Background(), r, modCommand(t, fixtureName, snowflake(51, 1), "help"))
		desc := ""
		for _, f := range onlyCall(t, r).Resp.Data.Embeds[0].Fields {
			desc += f.Value
		}
		if got := strings.Contains(desc, "/reindex") && strings.Contains(desc, "/unanswered"); got != want {
			t.Errorf("%s: help lists moderator commands = %v:\n%s", fixtureName, got, desc)
		}
	}
}
