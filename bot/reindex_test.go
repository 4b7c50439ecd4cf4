package bot

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index"
)

const extraDoc = `---
id: extra-reindex-doc
title: Extra document for reindex tests
outlet: Test Wire
published: 2025-11-26
kind: article
language: en
---
Officials said the plan's negotiators met again in Geneva on Wednesday to discuss the security
guarantees for Ukraine and the future of sanctions relief, according to people familiar with the
talks. Both delegations described the meeting as constructive and said further rounds would follow.
`

// Questions keep flowing through the fake Discord while /reindex swaps the index in a loop, a
// document appearing and disappearing each time: no answer may fail or come back empty.
func TestE2EReindexWhileAsking(t *testing.T) {
	e := newModE2E(t, Config{Cooldown: 1 << 30})
	extra := filepath.Join(e.bot.cfg.CorpusDir, "extra.md")
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var answered atomic.Int64
	questions := []string{"How many troops would Ukraine's army be capped at?", "What does the plan say about NATO?", "Who is Dmitriev?"}
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				ic := askInteraction(t, snowflake(20+g, i), questions[(g+i)%len(questions)])
				text, _, err := e.reply(ic)
				switch {
				case err != nil:
					t.Error(err)
					return
				case strings.Contains(text, "error id"), !strings.Contains(text, "[1]"), !strings.Contains(text, "**"):
					t.Errorf("answer during reindex failed or came back empty:\n%s", text)
					return
				}
				answered.Add(1)
			}
		}()
	}
	for i := 0; i < 6; i++ {
		added := i%2 == 0
		if added {
			if err := os.WriteFile(extra, []byte(extraDoc), 0o644); err != nil {
				t.Fatal(err)
			}
		} else if err := os.Remove(extra); err != nil {
			t.Fatal(err)
		}
		text, private := e.mustReply(modCommand(t, "mod_member.json", snowflake(30, i), "reindex"))
		want := "1 removed (`extra-reindex-doc`)"
		if added {
			want = "1 added (`extra-reindex-doc`)"
		}
		if !private || !strings.Contains(text, "Reindexed") || !strings.Contains(text, want) || !strings.Contains(text, "took") {
			t.Errorf("reindex %d (private %v):\n%s\nwant %q", i, private, text, want)
		}
		if hasDocument(e.bot, "extra-reindex-doc") != added {
			t.Errorf("reindex %d: extra document served = %v, want %v", i, !added, added)
		}
	}
	close(stop)
	wg.Wait()
	if answered.Load() < 6 {
		t.Errorf("only %d questions answered during 6 reindexes", answered.Load())
	}
	t.Logf("%d questions answered during 6 reindexes", answered.Load())
}

// A document with broken front matter stops the swap: the old index keeps serving everything,
// and the moderator reads the file and line.
func TestE2EReindexCorruptDocumentKeepsOldIndex(t *testing.T) {
	e := newModE2E(t, Config{})
	before := len(e.bot.engine.Documents())
	dir := e.bot.cfg.CorpusDir
	bad := "---\ntitle: Broken\nid: broken-doc\nthis line is not a field\n---\nSome body text about the plan.\n"
	if err := os.WriteFile(filepath.Join(dir, "broken.md"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "extra.md"), []byte(extraDoc), 0o644); err != nil {
		t.Fatal(err)
	}
	text, private := e.mustReply(modCommand(t, "mod_member.json", snowflake(31, 1), "reindex"))
	if !private || !strings.Contains(text, "old index keeps serving") {
		t.Errorf("reply (private %v):\n%s", private, text)
	}
	if !regexp.MustCompile("`broken\\.md:[1-9][0-9]*`").MatchString(text) {
		t.Errorf("reply does not name broken.md with its line:\n%s", text)
	}
	if n := len(e.bot.engine.Documents()); n != before || hasDocument(e.bot, "extra-reindex-doc") {
		t.Errorf("the index was swapped: %d documents, want %d without the extra one", n, before)
	}
	answer, _ := e.mustReply(askInteraction(t, snowflake(31, 2), "How many troops would Ukraine's army be capped at?"))
	if !strings.Contains(answer, "600,000") {
		t.Errorf("the old index stopped answering:\n%s", answer)
	}
}

// A second /reindex while one runs is told so, and nothing breaks.
func TestReindexWhileReindexing(t *testing.T) {
	e := newModE2E(t, Config{})
	e.bot.reindexMu.Lock() // a reindex or corpus change in progress
	text, _ := e.mustReply(modCommand(t, "mod_member.json", snowflake(32, 1), "reindex"))
	e.bot.reindexMu.Unlock()
	if !strings.Contains(text, "already running") {
		t.Errorf("reply: %s", text)
	}
	if _, err := e.bot.Reindex(context.Background()); err != nil {
		t.Errorf("after the other finished: %v", err)
	}
}

func TestReindexBuildFailureIsPrivateAndVague(t *testing.T) {
	b, _, r := testBot(t, Config{})
	b.reloader = failingReloader{}
	b.dispatch(context.Background(), r, modCommand(t, "mod_member.json", snowflake(33, 1), "reindex"))
	d := onlyCall(t, r).Resp.Data
	if d.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(d.Content, "old index keeps serving") {
		t.Errorf("reply: %+v", d)
	}
	checkErrorText(t, d.Content)
}

type failingReloader struct{}

func (failingReloader) Reload(context.Context, []corpus.Document) (index.Diff, error) {
	return index.Diff{}, errors.New("write /var/lib/planbot/index/gen-7: no space left on device")
}

// BenchmarkReindexThroughFake measures /reindex of the default corpus from the interaction to the
// reply reaching the fake Discord, and reports the median as p50-ms.
func BenchmarkReindexThroughFake(b *testing.B) {
	e := newModE2E(b, Config{})
	took := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ic := modCommand(b, "mod_member.json", snowflake(40, i), "reindex")
		start := time.Now()
		e.bot.dispatch(context.Background(), e.sess, ic)
		took = append(took, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	text, _ := e.mustReply(modCommand(b, "mod_member.json", snowflake(41, 0), "reindex"))
	if !strings.Contains(text, "Reindexed") {
		b.Fatalf("reindex did not succeed: %s", text)
	}
}
