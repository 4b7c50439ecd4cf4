package main

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/joho/godotenv"
)

// The README's invite URL must ask for exactly the permissions the bot needs.
func TestReadmeInvitePermissions(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	want := int64(discordgo.PermissionViewChannel | discordgo.PermissionSendMessages |
		discordgo.PermissionSendMessagesInThreads | discordgo.PermissionReadMessageHistory | discordgo.PermissionEmbedLinks |
		discordgo.PermissionCreatePublicThreads)
	found := regexp.MustCompile(`permissions=(\d+)`).FindAllSubmatch(readme, -1)
	if len(found) == 0 {
		t.Fatal("README has no invite URL with permissions=N")
	}
	for _, m := range found {
		if n, _ := strconv.ParseInt(string(m[1]), 10, 64); n != want {
			t.Errorf("README invite asks for permissions=%d, want %d", n, want)
		}
	}
}

// .env.example lists only variables planbot reads, and its token placeholder is refused.
func TestEnvExample(t *testing.T) {
	f, err := os.Open("../../.env.example")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	vars, err := godotenv.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	known := "DISCORD_TOKEN DISCORD_GUILD_ID ANSWER_CHANNELS MOD_ROLE_IDS CORPUS_DIR INDEX_DIR DATA_DIR RECORDS_RETENTION_DAYS CORPUS_ALLOW_PRIVATE_URLS THREAD_ANSWERS LOG_LEVEL"
	for k := range vars {
		if !strings.Contains(" "+known+" ", " "+k+" ") {
			t.Errorf(".env.example sets %s, which planbot does not read", k)
		}
	}
	_, err = loadConfig(func(k string) string { return vars[k] })
	if err == nil || !strings.Contains(err.Error(), "still the placeholder") || strings.Count(err.Error(), ";") != 0 {
		t.Errorf("loadConfig(.env.example) = %v; want only the placeholder complaint", err)
	}
}

// Help must not send a user of a bare clone to files outside the repository.
func TestHelpStaysInsideRepository(t *testing.T) {
	var b strings.Builder
	writeUsage(&b)
	for _, c := range commands() {
		b.WriteString(c.usage)
	}
	for _, bad := range []string{"../", "shared/"} {
		if strings.Contains(b.String(), bad) {
			t.Errorf("help text mentions %q, a path outside the repository", bad)
		}
	}
}
