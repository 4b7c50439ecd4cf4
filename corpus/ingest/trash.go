package ingest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/planbot/planbot/corpus"
)

// Trashed is one removed document waiting in the trash.
type Trashed struct {
	ID       string
	Title    string
	File     string    // path in the trash folder
	Original string    // file name it had in the corpus folder
	Removed  time.Time // UTC, millisecond precision
}

const trashStamp = "20060102T150405.000Z"

// TrashDir is the folder beside dir where removed documents go: "<dir>.trash".
func TrashDir(dir string) string { return filepath.Clean(dir) + ".trash" }

// Remove moves the document whose id is id from dir to TrashDir(dir) under a timestamped name and
// returns its new path. Nothing is deleted. Errors wrap ErrNotFound or a file error.
func Remove(dir, id string) (string, error) {
	files, err := corpusFiles(dir)
	if err != nil {
		return "", err
	}
	var src string
	for _, f := range files {
		if f.id == id {
			src = f.path
			break
		}
	}
	if src == "" {
		return "", fmt.Errorf("remove %q from %s: %w", id, dir, ErrNotFound)
	}
	trash := TrashDir(dir)
	if err := os.MkdirAll(trash, 0o755); err != nil {
		return "", fmt.Errorf("trash folder: %w", err)
	}
	stamp := time.Now().UTC().Format(trashStamp)
	for n := 1; ; n++ {
		prefix := stamp
		if n > 1 {
			prefix = fmt.Sprintf("%s-%d", stamp, n)
		}
		dst := filepath.Join(trash, prefix+"--"+filepath.Base(src))
		err := moveNoReplace(src, dst)
		if errors.Is(err, fs.ErrExist) && n < 100 {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("remove %q: %w", id, err)
		}
		syncDir(trash)
		syncDir(dir)
		return dst, nil
	}
}

// Restore moves the newest trashed copy of id back into dir and returns its path there. Errors
// wrap ErrNotFound (nothing in the trash), ErrExists (dir has that id again) or a file error.
func Restore(dir, id string) (string, error) {
	items, err := Trash(dir)
	if err != nil {
		return "", err
	}
	var item *Trashed
	for i := range items { // newest first
		if items[i].ID == id {
			item = &items[i]
			break
		}
	}
	if item == nil {
		return "", fmt.Errorf("restore %q: %w", id, ErrNotFound)
	}
	taken, err := takenIDs(dir, false)
	if err != nil {
		return "", err
	}
	if taken[id] {
		return "", fmt.Errorf("restore %q into %s: %w", id, dir, ErrExists)
	}
	for _, name := range []string{item.Original, id + ".md"} {
		dst := filepath.Join(dir, name)
		err := moveNoReplace(item.File, dst)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("restore %q: %w", id, err)
		}
		syncDir(dir)
		syncDir(TrashDir(dir))
		return dst, nil
	}
	return "", fmt.Errorf("restore %q: file names taken in %s: %w", id, dir, ErrExists)
}

// Trash lists the documents in TrashDir(dir), newest first. A missing trash folder is empty. Files
// are read as the loader reads them (corpus.ReadDir): a pipe or an outside link put in the trash is
// skipped, not waited on.
func Trash(dir string) ([]Trashed, error) {
	trash := TrashDir(dir)
	if _, err := os.Stat(trash); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	files, _, err := corpus.ReadDir(trash)
	if err != nil {
		return nil, fmt.Errorf("trash folder: %w", err)
	}
	var items []Trashed
	for _, f := range files {
		prefix, original, ok := strings.Cut(f.Name, "--")
		if !ok || len(prefix) < len(trashStamp) {
			continue
		}
		removed, err := time.Parse(trashStamp, prefix[:len(trashStamp)])
		if err != nil {
			continue
		}
		id, title := corpus.Identify(original, f.Data)
		items = append(items, Trashed{ID: id, Title: title, File: filepath.Join(trash, f.Name), Original: original, Removed: removed})
	}
	sort.SliceStable(items, func(i, j int) bool {
		if !items[i].Removed.Equal(items[j].Removed) {
			return items[i].Removed.After(items[j].Removed)
		}
		return items[i].File > items[j].File // "-2" after the plain stamp
	})
	return items, nil
}

// TrashListing lists a folder's trash as Trash does, but reads the trashed files again only when
// the trash folder's corpus.Fingerprint (names, sizes, modification times: one ReadDir and a Stat
// a file) changed since its last listing: Trash reads every file whole, and the trash only grows.
// The zero value is ready to use, and it is safe for concurrent use.
type TrashListing struct {
	mu    sync.Mutex
	dir   string // the corpus folder listed last
	print string // its trash folder's fingerprint then
	items []Trashed
}

// List is Trash(dir), from the last listing when the trash has not changed since. The slice is
// shared with other callers: read it, never change it. Errors are Trash's.
func (l *TrashListing) List(dir string) ([]Trashed, error) {
	fp, err := corpus.Fingerprint(TrashDir(dir))
	if err != nil {
		return Trash(dir) // no trash folder (empty) or an unreadable one: Trash says which
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.dir != dir || l.print != fp {
		items, err := Trash(dir)
		if err != nil {
			return nil, err
		}
		l.dir, l.print, l.items = dir, fp, items
	}
	return l.items, nil
}

type corpusFile struct{ path, id, url string }

// corpusFiles lists the files of dir the loader reads, with their ids and urls. Files the loader
// refuses (pipes, outside links, oversized) are left out: they are not documents.
func corpusFiles(dir string) ([]corpusFile, error) {
	files, _, err := corpus.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []corpusFile
	for _, f := range files {
		id, _ := corpus.Identify(f.Name, f.Data)
		out = append(out, corpusFile{path: filepath.Join(dir, f.Name), id: id, url: corpus.FrontMatterURL(f.Data)})
	}
	return out, nil
}

// takenIDs collects the ids in dir (and its trash when withTrash), plus every file name's slug, so a
// new id can clash with neither a document nor a file.
func takenIDs(dir string, withTrash bool) (map[string]bool, error) {
	files, err := corpusFiles(dir)
	if err != nil {
		return nil, err
	}
	taken := map[string]bool{}
	for _, f := range files {
		taken[f.id] = true
		taken[corpus.IDFromFile(filepath.Base(f.path))] = true
	}
	if withTrash {
		items, err := Trash(dir)
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			taken[it.ID] = true
		}
	}
	return taken, nil
}
