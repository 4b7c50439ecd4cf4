package bot

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/planbot/planbot/corpus"
)

// reindexCounter is a telemetry that counts reindexes.
type reindexCounter struct {
	noTelemetry
	n atomic.Int32
}

func (c *reindexCounter) Reindexed(time.Duration, int, int) { c.n.Add(1) }

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// Two bots on one corpus folder, as two replicas: a document written by one and a /reindex on one
// both make the other reindex; an unchanged folder makes neither.
func TestWatchCorpusFollowsOtherReplica(t *testing.T) {
	a := newModE2E(t, Config{})
	b := newModE2E(t, Config{CorpusDir: a.bot.cfg.CorpusDir})
	seen := &reindexCounter{}
	b.bot.SetTelemetry(seen)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); b.bot.WatchCorpus(ctx, 10*time.Millisecond) }()
	defer func() { cancel(); <-done }()

	time.Sleep(50 * time.Millisecond)
	if n := seen.n.Load(); n != 0 {
		t.Fatalf("an unchanged folder caused %d reindexes", n)
	}
	doc := "---\nid: watched-doc\ntitle: Added elsewhere\n---\nNegotiators met in Geneva again on Sunday to discuss " +
		"the revised plan and security guarantees for Ukraine, officials said, adding that more talks were expected.\n"
	// written whole, as a replica writes (a rename): a file seen half-written is a second change
	tmp := filepath.Join(t.TempDir(), "watched-doc.md")
	if err := os.WriteFile(tmp, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(a.bot.cfg.CorpusDir, "watched-doc.md")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the document to be indexed by the other replica", func() bool {
		_, ok := b.bot.engine.Document("watched-doc")
		return ok
	})
	waitFor(t, "the other replica to settle on the folder as it is", func() bool {
		fp, err := corpus.Fingerprint(a.bot.cfg.CorpusDir)
		return err == nil && fp == b.bot.indexedPrint() && b.bot.reindexMu.TryLock() && unlock(&b.bot.reindexMu)
	})
	before := seen.n.Load()
	text, _ := a.mustReply(modCommand(t, "mod_member.json", snowflake(65, 1), "reindex"))
	t.Logf("/reindex on A: %s", text)
	waitFor(t, "/reindex on one replica to reach the other", func() bool { return seen.n.Load() > before })
	time.Sleep(50 * time.Millisecond)
	if n := seen.n.Load(); n != before+1 {
		t.Errorf("one /reindex elsewhere caused %d reindexes here, want 1", n-before)
	}
}

// unlock unlocks mu and reports true, for a condition that took the lock with TryLock.
func unlock(mu *sync.Mutex) bool {
	mu.Unlock()
	return true
}
