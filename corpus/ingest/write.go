package ingest

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
	"unicode"

	"github.com/planbot/planbot/corpus"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Meta holds what a moderator typed; each non-empty field wins over what was extracted.
type Meta struct {
	Title     string
	Outlet    string
	Published string // YYYY-MM-DD
}

// now is the clock for retrieval dates; tests replace it.
var now = time.Now

const (
	maxSlug    = 48
	suffixLen  = 6
	fileMode   = 0o644
	suffixSyms = "abcdefghijklmnopqrstuvwxyz0123456789"
)

// Write saves a as a new document file in dir and returns the document as the loader reads it
// and the file's path. A page that gives no publication date (and no over.Published) gets today's
// date (UTC) as its Retrieved date, so every added document has a date to rank by. It never overwrites: the id is fresh (not used by any file in dir or its
// trash) and the file is created with link semantics. Errors wrap ErrBadDate for a bad
// over.Published, ErrNoArticle when the text would not load as a document, ErrMostlyChrome when
// cleaning leaves under 80 words of article or drops more than it keeps, or a file error.
func Write(dir string, a Article, over Meta) (corpus.Document, string, error) {
	doc, err := buildDocument(a, over)
	if err != nil {
		return corpus.Document{}, "", err
	}
	for attempt := 0; ; attempt++ {
		taken, err := takenIDs(dir, true)
		if err != nil {
			return corpus.Document{}, "", err
		}
		doc.ID = freshID(doc.Title, taken)
		name := doc.ID + ".md"
		data := corpus.Encode(doc)
		parsed, err := corpus.Parse(name, data)
		if err != nil {
			return corpus.Document{}, "", fmt.Errorf("new document %s does not load: %v: %w", name, err, ErrNoArticle)
		}
		if parsed.ID != doc.ID || parsed.Body != doc.Body {
			return corpus.Document{}, "", fmt.Errorf("new document %s does not read back as written: %w", name, ErrNoArticle)
		}
		if err := checkCleaning(parsed); err != nil {
			return corpus.Document{}, "", fmt.Errorf("new document %s: %w", name, err)
		}
		path := filepath.Join(dir, name)
		err = writeNew(dir, path, data)
		if errors.Is(err, fs.ErrExist) && attempt < 5 {
			continue // lost a race with another writer: pick another id
		}
		if err != nil {
			return corpus.Document{}, "", err
		}
		return parsed, path, nil
	}
}

func buildDocument(a Article, over Meta) (corpus.Document, error) {
	if over.Published != "" && !validDate(over.Published) {
		return corpus.Document{}, fmt.Errorf("published %q: %w", over.Published, ErrBadDate)
	}
	doc := corpus.Document{
		Title:     firstNonEmpty(oneLine(over.Title), a.Title),
		Outlet:    firstNonEmpty(oneLine(over.Outlet), a.SiteName),
		Author:    a.Byline,
		Published: firstNonEmpty(over.Published, a.Published),
		Kind:      corpus.KindArticle,
		Language:  firstNonEmpty(canonicalLang(a.Language), "en"),
		Body:      strings.TrimSpace(a.Text) + "\n",
	}
	if !validDate(doc.Published) {
		doc.Published = ""
	}
	if doc.Published == "" {
		// Marked as a retrieval date, not a publication date: the text is at least this old.
		doc.Retrieved = now().UTC().Format(dateLayout)
	}
	if u, err := url.Parse(a.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		doc.URL = u.String()
		if doc.Outlet == "" {
			doc.Outlet = strings.TrimPrefix(u.Hostname(), "www.")
		}
	}
	if doc.Title == "" {
		doc.Title = firstNonEmpty(doc.Outlet, "Untitled article")
	}
	if strings.TrimSpace(a.Text) == "" {
		return corpus.Document{}, fmt.Errorf("empty text: %w", ErrNoArticle)
	}
	return doc, nil
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// writeNew creates path with data atomically: readers see no file or the whole file, and an
// existing file is never replaced (os.Rename would replace it; a hard link does not).
func writeNew(dir, path string, data []byte) error {
	tmp, err := writeTemp(dir, path, data)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if _, err := linkNoReplace(tmp, path); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// Replace replaces the file at path with data in one step (a temporary file in the same folder,
// renamed over it): a reader, another replica polling the folder, sees the old file or the new
// one, never an empty or half-written one. Errors name the file; a full disk is ErrDiskFull.
func Replace(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := writeTemp(dir, path, data)
	if err != nil {
		return err
	}
	defer os.Remove(tmp) // a no-op once renamed
	if err := os.Rename(tmp, path); err != nil {
		return fileError("replace", path, err)
	}
	syncDir(dir)
	return nil
}

// writeTemp writes data, synced and with fileMode, to a new temporary file in dir named after
// path with a leading dot (the loader and corpus.Fingerprint skip it), and returns its name; on
// an error nothing is left behind.
func writeTemp(dir, path string, data []byte) (name string, err error) {
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return "", fileError("write", path, err)
	}
	defer func() {
		tmp.Close()
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return "", fileError("write", tmp.Name(), err)
	}
	if err := tmp.Chmod(fileMode); err != nil {
		return "", fileError("chmod", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		return "", fileError("sync", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return "", fileError("close", tmp.Name(), err)
	}
	return tmp.Name(), nil
}

// fileError wraps a file system error, marking a full disk (or quota) as ErrDiskFull so that the
// person who asked is told what happened.
func fileError(op, path string, err error) error {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) {
		return fmt.Errorf("%s %s: %v: %w", op, path, err, ErrDiskFull)
	}
	return fmt.Errorf("%s %s: %w", op, path, err)
}

// linkNoReplace gives src the name dst unless dst exists (fs.ErrExist). Normally it hard-links and
// src keeps its name too (linked is true); where hard links are unsupported it falls back to
// check-then-rename.
func linkNoReplace(src, dst string) (linked bool, err error) {
	lerr := os.Link(src, dst)
	if lerr == nil {
		return true, nil
	}
	if errors.Is(lerr, fs.ErrExist) {
		return false, fmt.Errorf("create %s: %w", dst, lerr)
	}
	if _, serr := os.Lstat(dst); serr == nil {
		return false, fmt.Errorf("create %s: %w", dst, fs.ErrExist)
	}
	if rerr := os.Rename(src, dst); rerr != nil {
		return false, fmt.Errorf("create %s: %w (link: %v)", dst, rerr, lerr)
	}
	return false, nil
}

// moveNoReplace renames src to dst, refusing (fs.ErrExist) to replace an existing dst.
func moveNoReplace(src, dst string) error {
	linked, err := linkNoReplace(src, dst)
	if err != nil {
		return err
	}
	if linked {
		if err := os.Remove(src); err != nil {
			os.Remove(dst) // undo: src still holds the file
			return fmt.Errorf("move %s: %w", src, err)
		}
	}
	return nil
}

// syncDir makes a rename or link durable; errors are ignored as some systems cannot fsync a folder.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// freshID is the title's slug plus a random suffix, not in taken.
func freshID(title string, taken map[string]bool) string {
	base := slug(title)
	for {
		id := base + "-" + randomSuffix()
		if !taken[id] {
			return id
		}
	}
}

func randomSuffix() string {
	b := make([]byte, suffixLen)
	rand.Read(b) // never fails (crypto/rand since Go 1.24)
	for i := range b {
		b[i] = suffixSyms[int(b[i])%len(suffixSyms)]
	}
	return string(b)
}

var stripMarks = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// slug turns a title into [a-z0-9-], at most maxSlug bytes, cut at a word boundary.
func slug(title string) string {
	folded, _, err := transform.String(stripMarks, title)
	if err != nil {
		folded = title
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(folded) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case r == '\'' || r == '’':
			// "Zelenskyy's" → "zelenskyys"
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.Trim(b.String(), "-")
	if len(s) > maxSlug {
		s = s[:maxSlug]
		if i := strings.LastIndexByte(s, '-'); i > maxSlug/2 {
			s = s[:i]
		}
		s = strings.Trim(s, "-")
	}
	if s == "" {
		return "article"
	}
	return s
}

// Writable reports whether dir is an existing folder this process can create files in. Errors wrap
// ErrNotWritable.
func Writable(dir string) error {
	info, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("corpus folder %s: %v: %w", dir, err, ErrNotWritable)
	}
	if !info.IsDir() {
		return fmt.Errorf("corpus folder %s: not a folder: %w", dir, ErrNotWritable)
	}
	f, err := os.CreateTemp(dir, ".writable-*.tmp")
	if err != nil {
		return fmt.Errorf("corpus folder %s: %v: %w", dir, err, ErrNotWritable)
	}
	name := f.Name()
	f.Close()
	if err := os.Remove(name); err != nil {
		return fmt.Errorf("corpus folder %s: remove probe: %v: %w", dir, err, ErrNotWritable)
	}
	return nil
}
