package bot

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/corpus/ingest"
)

// newsPage is a news article as sites serve it: navigation, share buttons, a newsletter box and
// a footer around the article, which mentions something no default source does.
const newsPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Kestrel Commission to oversee Black Sea grain corridor under peace plan | Test Wire</title>
<meta property="og:site_name" content="Test Wire">
<meta property="article:published_time" content="2025-11-27T08:30:00Z">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/europe">Europe</a> <a href="/subscribe">Subscribe</a></nav></header>
<main><article>
<h1>Kestrel Commission to oversee Black Sea grain corridor under peace plan</h1>
<p class="byline">By Jane Reporter</p>
<time datetime="2025-11-27T08:30:00Z">27 November 2025</time>
<div class="share">Share on X · Share on Facebook · Copy link</div>
<p>KYIV, Nov 27 (Test Wire) - A new body called the Kestrel Commission would oversee grain shipments
through the Black Sea corridor under a revised annex to the US peace plan, two officials familiar with
the negotiations said on Thursday.</p>
<p>The Kestrel Commission would be chaired by Finland and include representatives of Ukraine, Turkey
and the United Nations, the officials said, speaking on condition of anonymity because the talks are
private. It would inspect vessels bound for Odesa and publish a monthly report on exports.</p>
<p>Ukrainian negotiators have pressed for guarantees that the corridor stays open during any ceasefire,
arguing that grain revenue is vital to the country's budget. Russia has not commented on the proposal.</p>
<p>The annex also sets out how disputes over shipping would be settled: first by the commission itself,
and then by an arbitration panel in Geneva if the parties cannot agree within thirty days.</p>
<aside class="newsletter"><p>Sign up for our Europe briefing. Get the day's top stories in your inbox.</p></aside>
<p>A spokesperson for the Finnish foreign ministry declined to confirm the country's role, saying only
that Finland supports every effort to keep humanitarian and commercial shipping safe.</p>
</article></main>
<footer><p>© 2025 Test Wire. All rights reserved.</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
</body></html>`

func newsServer(t testing.TB) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(newsPage))
	}))
	t.Cleanup(srv.Close)
	return srv
}

const kestrelQuestion = "Who would chair the Kestrel Commission?"

func citesKestrel(text string) bool {
	return strings.Contains(text, "Finland") && strings.Contains(text, "Kestrel")
}

// /corpus add fetches the page, writes it into CORPUS_DIR and reindexes; a question only the new
// article answers is answered right after the command. The reply comes after the reindex, so no
// wait is needed and none is timed: how fast that is, BenchmarkReindexThroughFake and
// BenchmarkAskThroughFake measure.
func TestE2ECorpusAddMakesArticleAnswerable(t *testing.T) {
	news := newsServer(t)
	e := newModE2E(t, Config{AllowPrivateURLs: true})
	if before, _ := e.mustReply(askInteraction(t, snowflake(60, 1), kestrelQuestion)); citesKestrel(before) {
		t.Fatalf("answered before the article was added:\n%s", before)
	}
	text, private := e.mustReply(modCommand(t, "mod_member.json", snowflake(60, 2), "corpus", sub("add", "url", news.URL+"/world/kestrel")))
	answer, _ := e.mustReply(askInteraction(t, snowflake(60, 3), kestrelQuestion))
	for _, want := range []string{"Added to the sources", "Kestrel Commission to oversee Black Sea grain corridor", "kestrel-commission", "1 added", "A new body called the Kestrel Commission"} {
		if !strings.Contains(text, want) {
			t.Errorf("reply lacks %q:\n%s", want, text)
		}
	}
	for _, chrome := range []string{"Subscribe", "Sign up for our Europe briefing", "All rights reserved"} {
		if strings.Contains(text, chrome) {
			t.Errorf("reply shows site chrome %q:\n%s", chrome, text)
		}
	}
	if !private {
		t.Error("reply is public")
	}
	if !citesKestrel(answer) {
		t.Errorf("the new article does not answer %q:\n%s", kestrelQuestion, answer)
	}
	files, _ := filepath.Glob(filepath.Join(e.bot.cfg.CorpusDir, "kestrel-commission*.md"))
	if len(files) != 1 {
		t.Fatalf("files written: %v", files)
	}
	data, _ := os.ReadFile(files[0])
	if !strings.HasPrefix(string(data), "---\n") || !strings.Contains(string(data), "url: \""+news.URL+"/world/kestrel\"") {
		t.Errorf("document lacks front matter with its url:\n%.400s", data)
	}
	// The same link again is refused rather than added twice.
	again, _ := e.mustReply(modCommand(t, "mod_member.json", snowflake(60, 4), "corpus", sub("add", "url", news.URL+"/world/kestrel")))
	if !strings.Contains(again, "already a source") {
		t.Errorf("second add: %s", again)
	}
}

// Without CORPUS_ALLOW_PRIVATE_URLS a loopback address is refused, clearly, and nothing is written.
func TestE2ECorpusAddRefusesPrivateAddress(t *testing.T) {
	news := newsServer(t)
	e := newModE2E(t, Config{})
	before, _ := os.ReadDir(e.bot.cfg.CorpusDir)
	text, private := e.mustReply(modCommand(t, "mod_member.json", snowflake(61, 1), "corpus", sub("add", "url", news.URL)))
	if !private || text != ingest.Message(ingest.ErrPrivateAddress) {
		t.Errorf("reply (private %v): %q", private, text)
	}
	after, _ := os.ReadDir(e.bot.cfg.CorpusDir)
	if len(after) != len(before) {
		t.Errorf("%d files before, %d after", len(before), len(after))
	}
}

func TestE2ECorpusRemoveRestoreRoundTrip(t *testing.T) {
	e := newModE2E(t, Config{})
	const id = "reuters-zelenskyy-ready"
	n := len(e.bot.engine.Documents())
	text, _ := e.mustReply(modCommand(t, "mod_member.json", snowflake(62, 1), "corpus", sub("remove", "id", id)))
	if !strings.Contains(text, "Removed") || !strings.Contains(text, "1 removed (`"+id+"`)") || hasDocument(e.bot, id) {
		t.Fatalf("remove: served %v, reply:\n%s", hasDocument(e.bot, id), text)
	}
	items, err := ingest.Trash(e.bot.cfg.CorpusDir)
	if err != nil || len(items) != 1 || items[0].ID != id {
		t.Fatalf("trash = %+v, %v", items, err)
	}

	// restore offers what is in the trash.
	ac := modCommand(t, "mod_member.json", snowflake(62, 2), "corpus", sub("restore", "id", "zel"))
	ac.Type = discordgo.InteractionApplicationCommandAutocomplete
	ac.ApplicationCommandData().Options[0].Options[0].Focused = true
	body := e.interact(ac)
	if str(body, "data", "choices", 0, "value") != id {
		t.Errorf("restore autocomplete: %v", dig(body, "data", "choices"))
	}

	text, _ = e.mustReply(modCommand(t, "mod_member.json", snowflake(62, 3), "corpus", sub("restore", "id", id)))
	if !strings.Contains(text, "Restored") || !strings.Contains(text, "1 added (`"+id+"`)") || !hasDocument(e.bot, id) {
		t.Errorf("restore: served %v, reply:\n%s", hasDocument(e.bot, id), text)
	}
	if got := len(e.bot.engine.Documents()); got != n {
		t.Errorf("%d documents after the round trip, want %d", got, n)
	}
	if items, _ := ingest.Trash(e.bot.cfg.CorpusDir); len(items) != 0 {
		t.Errorf("trash still holds %+v", items)
	}
	text, _ = e.mustReply(modCommand(t, "mod_member.json", snowflake(62, 4), "corpus", sub("restore", "id", id)))
	if !strings.Contains(text, "Nothing called") {
		t.Errorf("restoring twice: %s", text)
	}
}

// Without CORPUS_DIR every /corpus subcommand explains what the operator must set.
func TestCorpusWithoutCorpusDir(t *testing.T) {
	for _, s := range []*discordgo.ApplicationCommandInteractionDataOption{
		sub("add", "url", "https://example.org/a"), sub("remove", "id", "x"), sub("restore", "id", "x"),
	} {
		b, _, r := testBot(t, Config{})
		b.dispatch(context.Background(), r, modCommand(t, "mod_member.json", snowflake(63, 1), "corpus", s))
		if got := onlyCall(t, r).Resp.Data.Content; got != noCorpusDirText {
			t.Errorf("/corpus %s: %q", s.Name, got)
		}
	}
}

// Issue 8, case 6: /corpus restore's autocomplete lists the trash (titles, removal times) to
// moderators only: not to a member without Manage Server, nor in a DM.
func TestCorpusAutocompleteIsForModerators(t *testing.T) {
	e := newModE2E(t, Config{})
	const id = "reuters-zelenskyy-ready"
	if _, err := ingest.Remove(e.bot.cfg.CorpusDir, id); err != nil {
		t.Fatal(err)
	}
	complete := func(fixtureName, n string, dm bool) []any {
		ic := modCommand(t, fixtureName, n, "corpus", sub("restore", "id", ""))
		ic.Type = discordgo.InteractionApplicationCommandAutocomplete
		ic.ApplicationCommandData().Options[0].Options[0].Focused = true
		if dm {
			ic.User, ic.Member, ic.GuildID = ic.Member.User, nil, ""
		}
		choices, _ := dig(e.interact(ic), "data", "choices").([]any)
		return choices
	}
	if got := complete("mod_member.json", snowflake(64, 1), false); len(got) != 1 {
		t.Fatalf("a moderator sees %d trashed documents, want 1", len(got))
	}
	if got := complete("plain_member.json", snowflake(64, 2), false); len(got) != 0 {
		t.Errorf("a plain member sees the trash: %v", got)
	}
	if got := complete("mod_member.json", snowflake(64, 3), true); len(got) != 0 {
		t.Errorf("a DM user sees the trash: %v", got)
	}
}

// Issue 8, case 7: four simultaneous /corpus add of one link save one document; the others are
// told it is already a source.
func TestCorpusAddSameLinkConcurrently(t *testing.T) {
	news := newsServer(t)
	e := newModE2E(t, Config{AllowPrivateURLs: true})
	var wg sync.WaitGroup
	texts := make([]string, 4)
	for i := range texts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			text, _, err := e.reply(modCommand(t, "mod_member.json", snowflake(65, i+1), "corpus", sub("add", "url", news.URL+"/world/kestrel")))
			if err != nil {
				t.Error(err)
			}
			texts[i] = text
		}()
	}
	wg.Wait()
	added, dup := 0, 0
	for _, text := range texts {
		switch {
		case strings.Contains(text, "Added to the sources"):
			added++
		case strings.Contains(text, "already a source"):
			dup++
		}
	}
	files, _ := filepath.Glob(filepath.Join(e.bot.cfg.CorpusDir, "kestrel-commission*.md"))
	if len(files) != 1 || added != 1 || dup != 3 {
		t.Errorf("%d files, %d added, %d told it is a source; want 1, 1, 3:\n%s", len(files), added, dup, strings.Join(texts, "\n---\n"))
	}
}

// Issue 8, case 8: a failure on the bot's side during a corpus change (a name that does not
// resolve, a full disk) gives its own message and an error id that is in the log; a problem with
// what was typed gives none.
func TestCorpusRefusedErrorIDs(t *testing.T) {
	var log strings.Builder
	b, _, _ := testBot(t, Config{})
	b.lg = slog.New(slog.NewTextHandler(&log, nil))
	ic := modCommand(t, "mod_member.json", snowflake(66, 1), "corpus", sub("add", "url", "x"))
	for _, err := range []error{ingest.ErrDNS, ingest.ErrDiskFull} {
		text := b.corpusRefused(ic, "add", fmt.Errorf("layer: %w", err)).Content
		i := strings.Index(text, "(error id `")
		if !strings.HasPrefix(text, ingest.Message(err)) || i < 0 {
			t.Errorf("%v: reply %q, want its message and an error id", err, text)
			continue
		}
		id := text[i+len("(error id `") : strings.LastIndex(text, "`")]
		if !strings.Contains(log.String(), "error_id="+id) {
			t.Errorf("error id %s is not in the log:\n%s", id, log.String())
		}
	}
	if text := b.corpusRefused(ic, "add", ingest.ErrBadDate).Content; text != ingest.Message(ingest.ErrBadDate) {
		t.Errorf("a typing mistake got %q", text)
	}
}
