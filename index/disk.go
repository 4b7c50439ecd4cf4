package index

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/planbot/planbot/corpus"
)

// On disk, Dir holds generations ("gen-…" folders) and a pointer file naming the one in use. A new
// generation is built beside the old, the pointer is replaced atomically, then the old is removed, so
// a crash at any point leaves a complete index behind.
const (
	pointerFile     = "CURRENT"
	genPrefix       = "gen-"
	fingerprintID   = "planbot.fingerprint"
	fingerprintFile = "FINGERPRINT" // the same, beside the index files, readable without opening it
	// formatVersion changes whenever analysis or the mapping changes, forcing a rebuild.
	formatVersion = "planbot-index-2"
	staleAfter    = 10 * time.Minute
)

// ErrLocked means another process has the index open.
var ErrLocked = errors.New("the index folder is in use by another planbot process (stop it, or use another INDEX_DIR)")

// openRuntime makes bleve give up when another process holds the index, instead of blocking forever.
var openRuntime = map[string]interface{}{"bolt_timeout": "2s"}

// Build builds the on-disk index for docs in dir and closes it; `planbot index` uses it. A running
// bot with the same dir picks the new generation up on its next reload.
func Build(lg *slog.Logger, docs []corpus.Document, dir string) (Stats, error) {
	if lg == nil {
		lg = slog.New(slog.DiscardHandler)
	}
	start := time.Now()
	e, err := buildOnDisk(context.Background(), lg, docs, dir, "")
	if err != nil {
		return Stats{}, err
	}
	st := Stats{Docs: len(e.docs), Passages: e.total, Took: time.Since(start)}
	return st, e.close()
}

// fingerprint identifies a corpus and the index format, so a stale index is never served.
func fingerprint(docs []corpus.Document) string {
	h := sha256.New()
	h.Write([]byte(formatVersion))
	for _, d := range docs {
		for _, s := range []string{d.ID, d.Title, d.Outlet, d.Author, d.Published, d.URL, string(d.Kind), d.Language, d.Body} {
			fmt.Fprintf(h, "%d:%s", len(s), s)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func readFingerprint(dir, gen string) string {
	b, err := os.ReadFile(filepath.Join(dir, gen, fingerprintFile))
	if err != nil {
		return ""
	}
	return string(b)
}

func currentGeneration(dir string) string {
	b, err := os.ReadFile(filepath.Join(dir, pointerFile))
	if err != nil {
		return ""
	}
	name := strings.TrimSpace(string(b))
	if !strings.HasPrefix(name, genPrefix) || strings.ContainsAny(name, `/\`) {
		return ""
	}
	return name
}

// openGeneration opens a generation and checks that it was built from docs.
func openGeneration(lg *slog.Logger, dir, gen string, docs []corpus.Document) (*engine, error) {
	path := filepath.Join(dir, gen)
	idx, err := bleve.OpenUsing(path, openRuntime)
	if err != nil { // bleve returns a non-nil wrapper around nothing on failure: check err only
		if strings.Contains(err.Error(), "timeout") {
			return nil, ErrLocked
		}
		return nil, fmt.Errorf("open index %s: %w", path, err)
	}
	fp, err := idx.GetInternal([]byte(fingerprintID))
	if err != nil || string(fp) != fingerprint(docs) {
		idx.Close()
		return nil, errStale
	}
	e, err := newEngine(idx, docs)
	if err != nil {
		idx.Close()
		return nil, err
	}
	e.gen = gen
	lg.Debug("index opened", "path", path)
	return e, nil
}

var errStale = errors.New("index was built from another corpus")

// openOrBuild reopens the generation the pointer names when it was built from docs, and builds a
// new one when it is missing, corrupt or stale. Another process holding it is an error, never a
// rebuild.
func openOrBuild(ctx context.Context, lg *slog.Logger, docs []corpus.Document, dir string) (*engine, error) {
	gen := currentGeneration(dir)
	if gen != "" && readFingerprint(dir, gen) == fingerprint(docs) {
		e, err := openGeneration(lg, dir, gen, docs)
		if err == nil || errors.Is(err, ErrLocked) {
			return e, err
		}
		lg.Warn("index unreadable, rebuilding", "dir", dir, "err", err)
	} else if gen != "" {
		lg.Info("index is stale, rebuilding", "dir", dir)
	}
	return buildOnDisk(ctx, lg, docs, dir, gen)
}

// buildOnDisk builds a new generation in dir, unless the pointer already names one built from docs
// (another process ran `planbot index`), and makes it current. skip is a generation not to try:
// the one this process has open (bolt's file lock would make reopening it wait for the timeout),
// or one that just failed to open.
func buildOnDisk(ctx context.Context, lg *slog.Logger, docs []corpus.Document, dir, skip string) (*engine, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create index folder: %w", err)
	}
	fp := fingerprint(docs)
	if gen := currentGeneration(dir); gen != "" && gen != skip && readFingerprint(dir, gen) == fp {
		// Built from these docs already (by `planbot index`): open it rather than build again.
		// The file is checked first because opening a generation another process holds waits
		// for the bolt timeout.
		if e, err := openGeneration(lg, dir, gen, docs); err == nil {
			return e, nil
		}
	}
	gen := genPrefix + time.Now().UTC().Format("20060102T150405") + "-" + randomSuffix()
	path := filepath.Join(dir, gen)
	e, err := buildEngine(ctx, lg, docs, path)
	if err != nil {
		os.RemoveAll(path)
		return nil, err
	}
	err = e.idx.SetInternal([]byte(fingerprintID), []byte(fp))
	if err == nil {
		err = writeFileAtomic(filepath.Join(path, fingerprintFile), []byte(fp))
	}
	if err != nil {
		e.close()
		os.RemoveAll(path)
		return nil, fmt.Errorf("write index fingerprint: %w", err)
	}
	if err := writeFileAtomic(filepath.Join(dir, pointerFile), []byte(gen+"\n")); err != nil {
		e.close()
		os.RemoveAll(path)
		return nil, fmt.Errorf("switch index: %w", err)
	}
	e.gen = gen
	return e, nil
}

// removeOldGenerations deletes generations that are not current: the one just swapped out, and
// leftovers of interrupted builds once they are old enough not to be another process's build.
func removeOldGenerations(lg *slog.Logger, dir string) {
	cur := currentGeneration(dir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, en := range entries {
		if !en.IsDir() || !strings.HasPrefix(en.Name(), genPrefix) || en.Name() == cur {
			continue
		}
		if info, err := en.Info(); err == nil && time.Since(info.ModTime()) < staleAfter && en.Name() > cur {
			continue // newer than current: maybe being built right now
		}
		if err := os.RemoveAll(filepath.Join(dir, en.Name())); err != nil {
			lg.Warn("remove old index", "gen", en.Name(), "err", err)
		}
	}
}

func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func randomSuffix() string {
	b := make([]byte, 4)
	rand.Read(b)
	return hex.EncodeToString(b)
}
