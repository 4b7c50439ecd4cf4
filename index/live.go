package index

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/planbot/planbot/corpus"
)

// Config says where the index lives.
type Config struct {
	// Dir holds the on-disk index; "" keeps it in memory. A missing or corrupt index there is rebuilt.
	Dir string
}

// Live serves answers from the current index generation while a new one can be built and swapped in.
//
// Why not bleve's IndexAlias: an alias takes its lock per search call, but one answer makes several
// searches and reads corpus data that must belong to the same generation as the index. Live holds a
// read lock for a whole answer instead, so a swap waits for the answers in flight (milliseconds),
// and the old generation is closed only when nobody uses it.
type Live struct {
	lg  *slog.Logger
	cfg Config

	mu  sync.RWMutex // guards cur
	cur *engine

	reloading sync.Mutex // one Reload at a time
}

// ErrReloading is returned by Reload while another reload runs.
var ErrReloading = errors.New("a reindex is already running")

// ErrClosed is returned by a Live after Close.
var ErrClosed = errors.New("index is closed")

// New builds (or, with cfg.Dir, reopens) the index for docs and serves it. It fails when docs is
// empty or the index cannot be created.
func New(lg *slog.Logger, docs []corpus.Document, cfg Config) (*Live, error) {
	if lg == nil {
		lg = slog.New(slog.DiscardHandler)
	}
	var e *engine
	var err error
	if cfg.Dir != "" {
		e, err = openOrBuild(context.Background(), lg, docs, cfg.Dir)
	} else {
		e, err = buildEngine(context.Background(), lg, docs, "")
	}
	if err != nil {
		return nil, err
	}
	return &Live{lg: lg, cfg: cfg, cur: e}, nil
}

// acquire returns the current generation under a read lock; call release when done.
func (l *Live) acquire() (*engine, func(), error) {
	l.mu.RLock()
	if l.cur == nil {
		l.mu.RUnlock()
		return nil, nil, ErrClosed
	}
	return l.cur, l.mu.RUnlock, nil
}

// Answer answers one question. Bad input is not an error: it comes back with Answered false and a
// Reason. The error is for a cancelled context, a closed index or a failed search.
func (l *Live) Answer(ctx context.Context, question string, opts Options) (Answer, error) {
	e, release, err := l.acquire()
	if err != nil {
		return Answer{Question: question}, err
	}
	defer release()
	return e.answer(ctx, question, opts)
}

// Reload builds a new generation from docs while the current one keeps serving, swaps it in and
// closes the old one. On any failure the current generation keeps serving and nothing changes.
func (l *Live) Reload(ctx context.Context, docs []corpus.Document) (Diff, error) {
	if !l.reloading.TryLock() {
		return Diff{}, ErrReloading
	}
	defer l.reloading.Unlock()
	start := time.Now()
	var next *engine
	var err error
	if l.cfg.Dir != "" {
		l.mu.RLock()
		inUse := ""
		if l.cur != nil {
			inUse = l.cur.gen
		}
		l.mu.RUnlock()
		next, err = buildOnDisk(ctx, l.lg, docs, l.cfg.Dir, inUse)
	} else {
		next, err = buildEngine(ctx, l.lg, docs, "")
	}
	if err != nil {
		return Diff{}, fmt.Errorf("build new index: %w", err)
	}
	l.mu.Lock()
	old := l.cur
	if old == nil {
		l.mu.Unlock()
		next.close()
		return Diff{}, ErrClosed
	}
	l.cur = next
	l.mu.Unlock()
	diff := diffCorpora(old.docs, next.docs)
	if err := old.close(); err != nil {
		l.lg.Warn("close old index", "err", err)
	}
	if l.cfg.Dir != "" {
		removeOldGenerations(l.lg, l.cfg.Dir)
	}
	diff.Took = time.Since(start)
	l.lg.Info("reindexed", "docs", diff.Docs, "passages", diff.Passages, "took", diff.Took)
	return diff, nil
}

// Close closes the index; answers after Close return ErrClosed.
func (l *Live) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cur == nil {
		return nil
	}
	err := l.cur.close()
	l.cur = nil
	return err
}

// diffCorpora compares two corpora by document id and passage text.
func diffCorpora(old, cur []corpus.Document) Diff {
	var d Diff
	before := map[string]*corpus.Document{}
	for i := range old {
		before[old[i].ID] = &old[i]
	}
	oldPassages := map[string]string{}
	for _, doc := range old {
		for _, p := range doc.Passages {
			oldPassages[p.ID] = p.Text
		}
	}
	seen := map[string]bool{}
	for _, doc := range cur {
		seen[doc.ID] = true
		d.Docs++
		d.Passages += len(doc.Passages)
		prev, ok := before[doc.ID]
		switch {
		case !ok:
			d.DocsAdded = append(d.DocsAdded, doc.ID)
		case prev.Body != doc.Body || prev.Title != doc.Title || prev.Outlet != doc.Outlet ||
			prev.Published != doc.Published || prev.Retrieved != doc.Retrieved || prev.URL != doc.URL:
			d.DocsChanged = append(d.DocsChanged, doc.ID)
		}
		for _, p := range doc.Passages {
			t, ok := oldPassages[p.ID]
			switch {
			case !ok:
				d.PassagesAdded++
			case t != p.Text:
				d.PassagesChanged++
			}
			delete(oldPassages, p.ID)
		}
	}
	d.PassagesRemoved = len(oldPassages)
	for _, doc := range old {
		if !seen[doc.ID] {
			d.DocsRemoved = append(d.DocsRemoved, doc.ID)
		}
	}
	return d
}
