package bot

import (
	"encoding/json"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/bot/internal/discordtest"
)

// TestCommandsBodyMatchesSchema: the bulk-overwrite body — byte for byte what
// `planbot register --dry-run` prints (a cmd/planbot test checks that) — is valid against Discord's
// OpenAPI schema for global and guild registration, and keeps the rules the schema cannot check.
func TestCommandsBodyMatchesSchema(t *testing.T) {
	discordtest.New(t) // skips, or fails in CI, when the spec is missing
	for path, cmds := range map[string][]*discordgo.ApplicationCommand{
		"/applications/" + discordtest.ApplicationID + "/commands":                           Commands(),
		"/applications/" + discordtest.ApplicationID + "/guilds/400000000000000001/commands": GuildCommands(),
	} {
		body, err := json.Marshal(cmds)
		if err != nil {
			t.Fatal(err)
		}
		if err := discordtest.ValidateRequest("PUT", path, body); err != nil {
			t.Errorf("PUT %s: %v", path, err)
		}
	}
	// The check must be able to fail: an upper-case command name is refused.
	bad := Commands()
	bad[0].Name = "Ask"
	badBody, _ := json.Marshal(bad)
	if discordtest.ValidateRequest("PUT", "/applications/"+discordtest.ApplicationID+"/commands", badBody) == nil {
		t.Error("an upper-case command name passed validation")
	}
}
