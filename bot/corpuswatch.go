package bot

import (
	"context"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/corpus/ingest"
)

// DefaultCorpusPoll is how often WatchCorpus looks at the corpus folder when given no interval:
// a change made by another replica is served within this plus one reindex (well under 30 s).
const DefaultCorpusPoll = 10 * time.Second

// WatchCorpus polls the fingerprint of Config.CorpusDir every interval (DefaultCorpusPoll when
// ≤ 0) and reindexes when it differs from the one last indexed: a document another replica added
// or removed, or a /reindex there, which touches corpus.ReindexMarker. It returns when ctx is done
// or the bot shuts down, and does nothing without a corpus folder or a reloadable engine.
func (b *Bot) WatchCorpus(ctx context.Context, every time.Duration) {
	if b.cfg.CorpusDir == "" || b.reloader == nil {
		return
	}
	if every <= 0 {
		every = DefaultCorpusPoll
	}
	t := time.NewTicker(every)
	defer t.Stop()
	failing := false
	// inFlight: a reindex this loop started has not finished. Until it has noted the folder's
	// new fingerprint, every poll still sees the change; without this, a poll in that window
	// could start a second reindex that runs again once the first is done.
	var inFlight atomic.Bool
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		fp, err := corpus.Fingerprint(b.cfg.CorpusDir)
		if err != nil {
			if !failing { // once per outage, not every few seconds
				b.lg.Error("corpus folder unreadable; the current index keeps serving", "error", err)
			}
			failing = true
			continue
		}
		failing = false
		if fp == b.indexedPrint() || inFlight.Load() {
			continue
		}
		inFlight.Store(true)
		accepted := b.track(func(ctx context.Context) {
			defer inFlight.Store(false)
			b.lg.Info("corpus folder changed; reindexing")
			if _, err := b.Reindex(ctx); err != nil {
				b.lg.Warn("reindex after a corpus change failed; will try again", "error", err)
			}
		})
		if !accepted {
			return // shutting down
		}
	}
}

// indexedPrint is the fingerprint of the corpus folder as the serving index was built from it.
func (b *Bot) indexedPrint() string {
	fp, _ := b.corpusPrint.Load().(string)
	return fp
}

// notePrint records the corpus folder's fingerprint before a load, so that WatchCorpus does not
// reindex again for what this load sees.
func (b *Bot) notePrint() {
	if b.cfg.CorpusDir == "" {
		return
	}
	if fp, err := corpus.Fingerprint(b.cfg.CorpusDir); err == nil {
		b.corpusPrint.Store(fp)
	}
}

// touchReindexMarker rewrites corpus.ReindexMarker, so that other replicas reindex too, and
// takes the new fingerprint as already indexed here.
func (b *Bot) touchReindexMarker() {
	if b.cfg.CorpusDir == "" {
		return
	}
	if err := ingest.Replace(filepath.Join(b.cfg.CorpusDir, corpus.ReindexMarker), []byte(strconv.FormatInt(b.now().UnixNano(), 10)+"\n")); err != nil {
		b.lg.Warn("could not tell other replicas to reindex", "error", err)
		return
	}
	b.notePrint()
}
