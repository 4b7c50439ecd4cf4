package bot

import (
	"fmt"
	"testing"

	"github.com/planbot/planbot/bot/internal/discordtest"
)

// registered registers the commands (in guild, or globally when "") through the fake Discord and
// returns the body it received, by command name.
func registered(t *testing.T, guild string) map[string]any {
	t.Helper()
	e, _ := newFakeE2E(t, Config{GuildID: guild})
	if err := e.bot.Register(e.sess, discordtest.ApplicationID); err != nil {
		t.Fatal(err)
	}
	reqs := e.srv.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	cmds, _ := reqs[0].JSON.([]any)
	byName := map[string]any{}
	for _, c := range cmds {
		byName[str(c, "name")] = c
	}
	return byName
}

// User install: globally, members' commands can be installed by a server or a member (integration
// types 0, 1) and used in servers, the bot's DM and private channels (contexts 0, 1, 2); moderator
// commands stay in servers ([0], [0]); nothing sends the deprecated dm_permission; and a guild
// registration carries neither field, which Discord applies only to global commands.
func TestE2EUserInstallRegistration(t *testing.T) {
	global := registered(t, "")
	isModerator := map[string]bool{}
	for _, n := range moderatorCommands {
		isModerator[n] = true
	}
	for name, c := range global {
		types, contexts := fmt.Sprint(dig(c, "integration_types")), fmt.Sprint(dig(c, "contexts"))
		wantTypes, wantContexts := "[0 1]", "[0 1 2]"
		if isModerator[name] {
			wantTypes, wantContexts = "[0]", "[0]"
		}
		if types != wantTypes || contexts != wantContexts {
			t.Errorf("global %s: integration_types %s, contexts %s; want %s, %s", name, types, contexts, wantTypes, wantContexts)
		}
		if dig(c, "dm_permission") != nil {
			t.Errorf("global %s sends dm_permission", name)
		}
	}
	if global["ask"] == nil || global["Ask planbot"] == nil {
		t.Errorf("missing commands: %v", global)
	}
	for name, c := range registered(t, guildID) {
		for _, field := range []string{"integration_types", "contexts", "dm_permission"} {
			if v := dig(c, field); v != nil {
				t.Errorf("guild registration of %s carries %s = %v", name, field, v)
			}
		}
	}
}

// ClearGuild empties a server's registration: one empty bulk overwrite there.
func TestE2EClearGuild(t *testing.T) {
	e, _ := newFakeE2E(t, Config{})
	if err := e.bot.ClearGuild(e.sess, discordtest.ApplicationID, guildID); err != nil {
		t.Fatal(err)
	}
	reqs := e.srv.Requests()
	if len(reqs) != 1 || reqs[0].Method != "PUT" || reqs[0].Path != "/applications/"+discordtest.ApplicationID+"/guilds/"+guildID+"/commands" ||
		string(reqs[0].Body) != "[]" {
		t.Errorf("clear sent %+v", reqs)
	}
}
