package index

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
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
		for _, s := range []string{d.ID, d.Title, d.Outlet, d.Author, d.Published, d.Retrieved, d.URL, string(d.Kind), d.Language, d.Body} {
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

// errDamaged means a generation's files are corrupt: bbolt panicked or refused to open them, or
// the index opened but holds another number of passages than its corpus (a zeroed segment
// opens without error and holds nothing).
var errDamaged = errors.New("index files are damaged")

// openBleve opens the index at path. bbolt panics, instead of returning an error, on a file with
// damaged pages: the panic becomes errDamaged. On read-only storage the index is opened read-only,
// so a valid index there still serves (it cannot be rebuilt in place).
func openBleve(path string) (bleve.Index, error) {
	idx, err := openBleveRecovered(path, openRuntime)
	if err != nil && isReadOnlyStorage(err) {
		ro := map[string]interface{}{"read_only": true}
		for k, v := range openRuntime {
			ro[k] = v
		}
		idx, err = openBleveRecovered(path, ro)
	}
	return idx, err
}

func openBleveRecovered(path string, runtime map[string]interface{}) (idx bleve.Index, err error) {
	defer func() {
		if p := recover(); p != nil {
			idx, err = nil, fmt.Errorf("open index %s: bbolt panicked: %v: %w", path, p, errDamaged)
		}
	}()
	idx, err = bleve.OpenUsing(path, runtime)
	if err != nil { // bleve returns a non-nil wrapper around nothing on failure: check err only
		return nil, err
	}
	return idx, nil
}

// isReadOnlyStorage reports an error from writing where the system does not allow it: a
// read-only mount, or files this process may not write.
func isReadOnlyStorage(err error) bool {
	return errors.Is(err, syscall.EROFS) || errors.Is(err, fs.ErrPermission)
}

// openGeneration opens a generation and checks that it was built from docs. Errors: ErrLocked,
// errStale, errDamaged (wrapped), or a file error such as permission denied.
func openGeneration(lg *slog.Logger, dir, gen string, docs []corpus.Document) (*engine, error) {
	path := filepath.Join(dir, gen)
	idx, err := openBleve(path)
	if err != nil {
		switch {
		case strings.Contains(err.Error(), "timeout"):
			return nil, ErrLocked
		case errors.Is(err, errDamaged), isReadOnlyStorage(err), errors.Is(err, fs.ErrNotExist):
			return nil, err
		}
		// bleve reports broken metadata and segments with plain strings.
		return nil, fmt.Errorf("open index %s: %v: %w", path, err, errDamaged)
	}
	fp, err := idx.GetInternal([]byte(fingerprintID))
	if err != nil || string(fp) != fingerprint(docs) {
		idx.Close()
		return nil, errStale
	}
	if n, err := idx.DocCount(); err != nil || n != uint64(passageCount(docs)) {
		idx.Close()
		return nil, fmt.Errorf("open index %s: holds %d passages, the corpus has %d (%v): %w", path, n, passageCount(docs), err, errDamaged)
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

func passageCount(docs []corpus.Document) int {
	n := 0
	for _, d := range docs {
		n += len(d.Passages)
	}
	return n
}

var errStale = errors.New("index was built from another corpus")

// openOrBuild reopens the generation the pointer names when it was built from docs, and builds a
// new one when it is missing, damaged or stale. A damaged generation is moved aside, never
// deleted, with one error in the log. Another process holding it is an error, never a rebuild.
func openOrBuild(ctx context.Context, lg *slog.Logger, docs []corpus.Document, dir string) (*engine, error) {
	gen := currentGeneration(dir)
	if gen != "" && readFingerprint(dir, gen) == fingerprint(docs) {
		e, err := openGeneration(lg, dir, gen, docs)
		if err == nil || errors.Is(err, ErrLocked) {
			return e, err
		}
		if isReadOnlyStorage(err) {
			return nil, fmt.Errorf("open index %s: %w", filepath.Join(dir, gen), err)
		}
		setAside(lg, dir, gen, err)
	} else if gen != "" {
		lg.Info("index is stale, rebuilding", "dir", dir)
	}
	return buildOnDisk(ctx, lg, docs, dir, gen)
}

// damagedPrefix names generations moved aside; removeOldGenerations never touches them.
const damagedPrefix = "damaged-"

// setAside moves a damaged generation out of the way for someone to inspect, and says so in one
// log line. Should the move fail, the folder stays where it is, and the rebuild goes beside it.
func setAside(lg *slog.Logger, dir, gen string, cause error) {
	from := filepath.Join(dir, gen)
	to := filepath.Join(dir, damagedPrefix+gen)
	if err := os.Rename(from, to); err != nil {
		lg.Error("index damaged; could not move it aside, rebuilding from the corpus beside it",
			"index", from, "cause", cause, "move_error", err)
		return
	}
	lg.Error("index damaged; moved it aside (not deleted) and rebuilding from the corpus",
		"index", from, "moved_to", to, "cause", cause)
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
		e, err := openGeneration(lg, dir, gen, docs)
		if err == nil {
			return e, nil
		}
		if errors.Is(err, errDamaged) {
			setAside(lg, dir, gen, err)
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
