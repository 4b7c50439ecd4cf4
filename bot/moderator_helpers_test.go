package bot

// Helpers for the moderator commands' end-to-end tests: a bot on its own reindexable engine over a
// temporary CORPUS_DIR, moderator interactions, and the final text of a reply whether or not it
// was deferred.

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/bot/internal/discordtest"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

// copyDefaultCorpus writes the built-in documents into a new temporary folder.
func copyDefaultCorpus(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "corpus")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	err := fs.WalkDir(corpus.DefaultFS(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(corpus.DefaultFS(), path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, path), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// newModE2E is newE2E on a fresh engine of its own (reindexing must not disturb other tests) over
// a copy of the default corpus in CorpusDir, unless cfg names one.
func newModE2E(t testing.TB, cfg Config) *e2e {
	t.Helper()
	if cfg.CorpusDir == "" {
		cfg.CorpusDir = copyDefaultCorpus(t)
	}
	docs, problems, err := corpus.LoadDir(cfg.CorpusDir)
	if err != nil || len(problems) > 0 {
		t.Fatalf("load corpus: %v %v", err, problems)
	}
	live, err := index.New(slog.New(slog.DiscardHandler), docs, index.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { live.Close() })
	srv := discordtest.New(t)
	lg := slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	b := New(lg, live, cfg)
	b.botID.Store(discordtest.BotUserID)
	return &e2e{t: t, srv: srv, sess: srv.Session("test-token"), bot: b}
}

// modCommand is a chat command from fixture (mod_member.json, plain_member.json…) with new ids.
func modCommand(t testing.TB, fixtureName, id, name string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.InteractionCreate {
	t.Helper()
	ic := fixture(t, fixtureName)
	ic.ID, ic.Token = id, "token-"+id
	ic.Data = discordgo.ApplicationCommandInteractionData{ID: "600000000000000010", Name: name, CommandType: discordgo.ChatApplicationCommand, Options: opts}
	return ic
}

// sub is a subcommand option with string options given as name, value pairs.
func sub(name string, kv ...string) *discordgo.ApplicationCommandInteractionDataOption {
	o := &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionSubCommand}
	for i := 0; i+1 < len(kv); i += 2 {
		o.Options = append(o.Options, &discordgo.ApplicationCommandInteractionDataOption{
			Name: kv[i], Type: discordgo.ApplicationCommandOptionString, Value: kv[i+1]})
	}
	return o
}

// reply dispatches ic and returns every string the user would see in the final reply (the
// immediate response, or the edit and follow-ups after a deferral), joined by newlines, and
// whether it was private. It does not call t.Fatal, so goroutines may use it.
func (e *e2e) reply(ic *discordgo.InteractionCreate) (text string, private bool, err error) {
	e.bot.dispatch(context.Background(), e.sess, ic)
	callback := "/interactions/" + ic.ID + "/" + ic.Token + "/callback"
	hook := "/webhooks/" + ic.AppID + "/" + ic.Token
	var parts []string
	found := false
	for _, r := range e.srv.Requests() {
		switch {
		case r.Method == "POST" && r.Path == callback:
			found = true
			flags, _ := dig(r.JSON, "data", "flags").(float64)
			private = int(flags)&int(discordgo.MessageFlagsEphemeral) != 0
			walkStrings(dig(r.JSON, "data"), func(s string) { parts = append(parts, s) })
		case (r.Method == "PATCH" && r.Path == hook+"/messages/@original") || (r.Method == "POST" && r.Path == hook):
			walkStrings(r.JSON, func(s string) { parts = append(parts, s) })
			if flags, _ := dig(r.JSON, "flags").(float64); int(flags)&int(discordgo.MessageFlagsEphemeral) != 0 {
				private = true
			}
		}
	}
	if !found {
		return "", false, fmt.Errorf("no callback for interaction %s", ic.ID)
	}
	return strings.Join(parts, "\n"), private, nil
}

// mustReply is reply for the test goroutine.
func (e *e2e) mustReply(ic *discordgo.InteractionCreate) (string, bool) {
	e.t.Helper()
	text, private, err := e.reply(ic)
	if err != nil {
		e.t.Fatal(err)
	}
	return text, private
}

// snowflake makes distinct interaction ids for a test: prefix (2 digits) and a counter.
func snowflake(prefix, n int) string { return fmt.Sprintf("%02d%017d", prefix, n) }

// hasDocument reports whether the engine serves the document id.
func hasDocument(b *Bot, id string) bool {
	_, ok := b.engine.Document(id)
	return ok
}
