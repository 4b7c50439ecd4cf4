package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/planbot/planbot/corpus"
)

// Folder is a corpus folder that documents are added to, removed from and restored into. It is
// the one code path behind Discord's /corpus and the `planbot corpus` command, so both make every
// check. Changes to one folder are serialised, within the process and across processes (flock on
// the folder), so that two adds of one link cannot both pass the duplicate check.
type Folder struct {
	lg      *slog.Logger
	dir     string
	fetcher fetcher
}

// fetcher downloads a page and extracts its article; *Fetcher is the real one.
type fetcher interface {
	Fetch(ctx context.Context, rawURL string) (Article, error)
}

var _ fetcher = (*Fetcher)(nil)

// NewFolder returns the corpus folder dir, fetching new articles with f.
func NewFolder(lg *slog.Logger, dir string, f *Fetcher) *Folder {
	return &Folder{lg: lg, dir: dir, fetcher: f}
}

// Dir is the folder's path.
func (f *Folder) Dir() string { return f.dir }

// Fetched is an article fetched for Add, not yet saved.
type Fetched struct {
	Article
	Requested string // the link as asked for, without user info
}

// Fetch makes every check an add makes before saving — the link (ParseURL), the date, a writable
// folder, the link not already a source — and then fetches the article. It holds no lock, since
// a fetch can take seconds. Errors wrap the package's sentinels (Message says them to people);
// a link already in the folder is an ErrDuplicate naming that document.
func (f *Folder) Fetch(ctx context.Context, rawURL string, meta Meta) (Fetched, error) {
	u, err := ParseURL(rawURL)
	if err != nil {
		return Fetched{}, err
	}
	if meta.Published != "" && !validDate(meta.Published) {
		return Fetched{}, fmt.Errorf("published %q: %w", meta.Published, ErrBadDate)
	}
	if err := Writable(f.dir); err != nil {
		return Fetched{}, err
	}
	if err := f.notASource(u.String()); err != nil {
		return Fetched{}, err
	}
	a, err := f.fetcher.Fetch(ctx, u.String())
	if err != nil {
		return Fetched{}, err
	}
	return Fetched{Article: a, Requested: u.String()}, nil
}

// Save writes a fetched article as a new document, under the folder's lock and after checking
// again that neither the link asked for nor the one the page ended at is already a source (another
// add may have saved it meanwhile). It returns the document as the loader reads it and its path.
func (f *Folder) Save(ctx context.Context, a Fetched, meta Meta) (corpus.Document, string, error) {
	unlock, err := f.lock(ctx)
	if err != nil {
		return corpus.Document{}, "", err
	}
	defer unlock()
	if err := f.notASource(a.Requested, a.URL); err != nil {
		return corpus.Document{}, "", err
	}
	doc, path, err := Write(f.dir, a.Article, meta)
	if err != nil {
		return corpus.Document{}, "", err
	}
	f.lg.Info("corpus add: document written", "id", doc.ID, "file", path, "url", doc.URL)
	return doc, path, nil
}

// Add is Fetch then Save.
func (f *Folder) Add(ctx context.Context, rawURL string, meta Meta) (corpus.Document, string, error) {
	a, err := f.Fetch(ctx, rawURL, meta)
	if err != nil {
		return corpus.Document{}, "", err
	}
	return f.Save(ctx, a, meta)
}

// Remove moves the document id to the trash (see Remove), refusing to remove the folder's last
// document (ErrLastDocument): a bot with no sources cannot answer anything.
func (f *Folder) Remove(ctx context.Context, id string) (string, error) {
	unlock, err := f.lock(ctx)
	if err != nil {
		return "", err
	}
	defer unlock()
	files, err := corpusFiles(f.dir)
	if err != nil {
		return "", err
	}
	if len(files) <= 1 {
		for _, file := range files {
			if file.id == id {
				return "", fmt.Errorf("remove %q: %w", id, ErrLastDocument)
			}
		}
	}
	return Remove(f.dir, id)
}

// Restore brings the newest trashed copy of id back (see Restore).
func (f *Folder) Restore(ctx context.Context, id string) (string, error) {
	unlock, err := f.lock(ctx)
	if err != nil {
		return "", err
	}
	defer unlock()
	return Restore(f.dir, id)
}

// Trash lists the removed documents, newest first (see Trash).
func (f *Folder) Trash() ([]Trashed, error) { return Trash(f.dir) }

// notASource fails with a DuplicateError when a document of the folder cites one of links ("" is
// none). The folder is read once, however many links: corpusFiles reads every document whole.
func (f *Folder) notASource(links ...string) error {
	files, err := corpusFiles(f.dir)
	if err != nil {
		return err
	}
	for _, link := range links {
		if link == "" {
			continue
		}
		for _, file := range files {
			if file.url != "" && sameLink(file.url, link) {
				return &DuplicateError{ID: file.id}
			}
		}
	}
	return nil
}

// sameLink compares two links without their user info and fragment.
func sameLink(a, b string) bool {
	ua, errA := ParseURL(a)
	ub, errB := ParseURL(b)
	if errA != nil || errB != nil {
		return a == b
	}
	return ua.String() == ub.String()
}

// DuplicateError is an add of a link a document already cites; it matches ErrDuplicate.
type DuplicateError struct{ ID string }

func (e *DuplicateError) Error() string        { return fmt.Sprintf("already a source: %s", e.ID) }
func (e *DuplicateError) Is(target error) bool { return target == ErrDuplicate }

// lockWait bounds how long a change waits for another to finish; changes take milliseconds (the
// fetch happens outside the lock), so waiting longer means something is stuck.
const lockWait = 30 * time.Second

// folderLocks serialises changes within the process, per folder; flock does not (it is per file
// description, and each change opens its own).
var folderLocks sync.Map // absolute folder path → *sync.Mutex

// lock takes the folder's lock, in this process and against other processes, and returns its
// release.
func (f *Folder) lock(ctx context.Context) (func(), error) {
	abs, err := filepath.Abs(f.dir)
	if err != nil {
		abs = f.dir
	}
	m, _ := folderLocks.LoadOrStore(abs, &sync.Mutex{})
	mu := m.(*sync.Mutex)
	mu.Lock()
	// The lock is on the folder itself (flock works on a folder's descriptor), so it leaves no
	// file behind.
	file, err := os.Open(f.dir)
	if err != nil {
		mu.Unlock()
		return nil, fmt.Errorf("lock corpus folder %s: %v: %w", f.dir, err, ErrNotWritable)
	}
	ctx, cancel := context.WithTimeout(ctx, lockWait)
	defer cancel()
	if err := lockFileExclusive(ctx, file); err != nil {
		file.Close()
		mu.Unlock()
		return nil, fmt.Errorf("lock corpus folder %s: %w", f.dir, err)
	}
	return func() {
		unlockFile(file)
		file.Close()
		mu.Unlock()
	}, nil
}

// errLockTimeout is a folder lock another process did not release in time.
var errLockTimeout = errors.New("another process is changing the corpus folder")
