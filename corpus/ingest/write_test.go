package ingest

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/planbot/planbot/corpus"
)

func testArticle() Article {
	para := "Ukrainian officials spent Friday studying a 28-point draft peace plan drawn up in Washington, " +
		"as European allies pressed for changes to provisions they fear would reward Russia for its invasion."
	return Article{
		URL:       "https://www.ledger.example/world/kyiv-plan",
		Title:     "Kyiv weighs US peace plan: allies push for changes",
		Byline:    "Olena Marchenko",
		SiteName:  "",
		Published: "2025-11-21",
		Language:  "en-GB",
		Text:      strings.Repeat(para+"\n\n", 4) + "The draft would cap Ukraine's armed forces at 600,000 personnel.",
	}
}

func corpusDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "corpus")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestWriteRoundTrip(t *testing.T) {
	dir := corpusDir(t)
	a := testArticle()
	doc, path, err := Write(dir, a, Meta{})
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	if filepath.Dir(path) != dir || filepath.Base(path) != doc.ID+".md" {
		t.Errorf("path = %s, want %s/<id>.md", path, dir)
	}
	if !strings.HasPrefix(doc.ID, "kyiv-weighs-us-peace-plan-allies-push-for-") || len(doc.ID) > 64 {
		t.Errorf("ID = %q", doc.ID)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := corpus.Parse(filepath.Base(path), data)
	if err != nil {
		t.Fatalf("corpus.Parse of the written file: %v", err)
	}
	want := corpus.Document{
		ID: doc.ID, Title: a.Title, Outlet: "ledger.example", Author: "Olena Marchenko", Published: "2025-11-21",
		URL: a.URL, Kind: corpus.KindArticle, Language: "en-GB",
	}
	got := parsed
	got.File, got.Body, got.BodyLine, got.Passages = "", "", 0, nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parsed metadata\n got %+v\nwant %+v", got, want)
	}
	if parsed.Body != a.Text+"\n" {
		t.Errorf("body changed on the way:\n%q", parsed.Body)
	}
	if len(parsed.Passages) == 0 || doc.ID != parsed.ID || len(doc.Passages) != len(parsed.Passages) {
		t.Errorf("Write returned %d passages, parse gives %d", len(doc.Passages), len(parsed.Passages))
	}
	docs, problems, err := corpus.LoadDir(dir)
	if err != nil || len(problems) > 0 || len(docs) != 1 {
		t.Errorf("LoadDir: %d docs, problems %v, err %v", len(docs), problems, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("dir holds %d entries, want only the document (no temp files)", len(entries))
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != fileMode {
		t.Errorf("mode = %v, %v", info.Mode(), err)
	}
}

func TestWriteMetaOverrides(t *testing.T) {
	dir := corpusDir(t)
	doc, _, err := Write(dir, testArticle(), Meta{Title: "Moderator's title", Outlet: "The Ledger", Published: "2025-11-22"})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Moderator's title" || doc.Outlet != "The Ledger" || doc.Published != "2025-11-22" {
		t.Errorf("overrides lost: %+v", doc)
	}
	if !strings.HasPrefix(doc.ID, "moderators-title-") {
		t.Errorf("ID %q does not come from the moderator's title", doc.ID)
	}
	for _, bad := range []string{"22/11/2025", "2025-11-31", "2025-1-2", "yesterday"} {
		if _, _, err := Write(dir, testArticle(), Meta{Published: bad}); !errors.Is(err, ErrBadDate) {
			t.Errorf("published %q: err = %v, want ErrBadDate", bad, err)
		}
	}
	a := testArticle()
	a.Language, a.Published = "", "not a date"
	doc, _, err = Write(dir, a, Meta{})
	if err != nil || doc.Language != "en" || doc.Published != "" {
		t.Errorf("defaults: %+v, %v", doc, err)
	}
}

func TestWriteFreshIDs(t *testing.T) {
	dir := corpusDir(t)
	d1, p1, err := Write(dir, testArticle(), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	d2, p2, err := Write(dir, testArticle(), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if d1.ID == d2.ID || p1 == p2 {
		t.Fatalf("same title gave the same id %q twice", d1.ID)
	}
	for _, p := range []string{p1, p2} {
		if _, err := os.Stat(p); err != nil {
			t.Error(err)
		}
	}
}

func TestFreshIDAvoidsTakenIDs(t *testing.T) {
	taken := map[string]bool{}
	for i := 0; i < 2000; i++ {
		id := freshID("Same title", taken)
		if taken[id] {
			t.Fatalf("freshID returned taken id %q", id)
		}
		taken[id] = true
	}
	// Ids in the trash count as taken too.
	dir := corpusDir(t)
	doc, _, err := Write(dir, testArticle(), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Remove(dir, doc.ID); err != nil {
		t.Fatal(err)
	}
	ids, err := takenIDs(dir, true)
	if err != nil || !ids[doc.ID] {
		t.Errorf("takenIDs misses trashed id %q: %v %v", doc.ID, ids, err)
	}
}

func TestWriteNewNeverOverwrites(t *testing.T) {
	dir := corpusDir(t)
	path := filepath.Join(dir, "kept.md")
	if err := os.WriteFile(path, []byte("original"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := writeNew(dir, path, []byte("replacement"))
	if !errors.Is(err, fs.ErrExist) {
		t.Fatalf("writeNew over an existing file: err = %v, want fs.ErrExist", err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, []byte("original")) {
		t.Errorf("existing file changed to %q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temp file left behind: %d entries", len(entries))
	}
}

func TestRemoveRestore(t *testing.T) {
	dir := corpusDir(t)
	doc, path, err := Write(dir, testArticle(), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	other, _, err := Write(dir, testArticle(), Meta{Title: "Another article"})
	if err != nil {
		t.Fatal(err)
	}
	original, _ := os.ReadFile(path)

	trashed, err := Remove(dir, doc.ID)
	if err != nil {
		t.Fatalf("Remove: %v", err)
	}
	if filepath.Dir(trashed) != dir+".trash" {
		t.Errorf("trashed to %s, want inside %s.trash", trashed, dir)
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("file still in corpus: %v", err)
	}
	if got, _ := os.ReadFile(trashed); !bytes.Equal(got, original) {
		t.Error("trashed copy differs from the original")
	}
	docs, _, _ := corpus.LoadDir(dir)
	if len(docs) != 1 || docs[0].ID != other.ID {
		t.Errorf("after Remove LoadDir gives %d docs", len(docs))
	}
	items, err := Trash(dir)
	if err != nil || len(items) != 1 || items[0].ID != doc.ID || items[0].Title != doc.Title || items[0].Original != filepath.Base(path) {
		t.Fatalf("Trash = %+v, %v", items, err)
	}

	restored, err := Restore(dir, doc.ID)
	if err != nil {
		t.Fatalf("Restore: %v", err)
	}
	if restored != path {
		t.Errorf("restored to %s, want %s", restored, path)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, original) {
		t.Error("restored file differs from the original")
	}
	if items, _ := Trash(dir); len(items) != 0 {
		t.Errorf("trash still lists %+v", items)
	}
	if _, err := Restore(dir, doc.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("second Restore: err = %v, want ErrNotFound", err)
	}
}

func TestRemoveTwiceKeepsBothAndRestoresNewest(t *testing.T) {
	dir := corpusDir(t)
	doc, path, err := Write(dir, testArticle(), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	first, _ := os.ReadFile(path)
	if _, err := Remove(dir, doc.ID); err != nil {
		t.Fatal(err)
	}
	// The moderator re-adds a file with the same id, edited, and removes it again.
	second := bytes.Replace(first, []byte("600,000"), []byte("800,000"), 1)
	if err := os.WriteFile(path, second, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Restore(dir, doc.ID); !errors.Is(err, ErrExists) {
		t.Errorf("Restore while the id exists: err = %v, want ErrExists", err)
	}
	if _, err := Remove(dir, doc.ID); err != nil {
		t.Fatal(err)
	}
	if items, _ := Trash(dir); len(items) != 2 {
		t.Fatalf("trash holds %d copies, want 2", len(items))
	}
	if _, err := Restore(dir, doc.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, second) {
		t.Error("Restore did not bring back the newest copy")
	}
}

func TestRemoveUnknownID(t *testing.T) {
	dir := corpusDir(t)
	if _, _, err := Write(dir, testArticle(), Meta{}); err != nil {
		t.Fatal(err)
	}
	if _, err := Remove(dir, "no-such-doc"); !errors.Is(err, ErrNotFound) {
		t.Errorf("err = %v, want ErrNotFound", err)
	}
	if _, err := os.Stat(dir + ".trash"); err == nil {
		t.Error("trash folder created for nothing")
	}
}

func TestRemoveFileWithoutFrontMatter(t *testing.T) {
	dir := corpusDir(t)
	if err := os.WriteFile(filepath.Join(dir, "003_Notes.txt"), []byte("Some notes\n\nA line of text about the plan.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, _, _ := corpus.LoadDir(dir)
	if len(docs) != 1 {
		t.Fatalf("fixture does not load: %d docs", len(docs))
	}
	if _, err := Remove(dir, docs[0].ID); err != nil {
		t.Errorf("Remove(%q) of a file without front matter: %v", docs[0].ID, err)
	}
}

func TestWritable(t *testing.T) {
	dir := corpusDir(t)
	if err := Writable(dir); err != nil {
		t.Errorf("Writable(temp dir) = %v", err)
	}
	if err := Writable(filepath.Join(dir, "missing")); !errors.Is(err, ErrNotWritable) {
		t.Errorf("missing folder: %v", err)
	}
	file := filepath.Join(dir, "file.md")
	os.WriteFile(file, nil, 0o644)
	if err := Writable(file); !errors.Is(err, ErrNotWritable) {
		t.Errorf("a file: %v", err)
	}
	if os.Geteuid() != 0 { // root writes anywhere
		ro := filepath.Join(t.TempDir(), "ro")
		os.Mkdir(ro, 0o555)
		if err := Writable(ro); !errors.Is(err, ErrNotWritable) {
			t.Errorf("read-only folder: %v", err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("probe file left behind")
	}
}

// A page without a publication date is stored with the day it was retrieved, marked as such; a
// dated page keeps only its publication date.
func TestWriteRetrievedDate(t *testing.T) {
	defer func(old func() time.Time) { now = old }(now)
	now = func() time.Time { return time.Date(2025, 12, 3, 23, 30, 0, 0, time.FixedZone("UTC-5", -5*3600)) }
	dir := corpusDir(t)
	a := testArticle()
	a.Published = ""
	doc, path, err := Write(dir, a, Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Published != "" || doc.Retrieved != "2025-12-04" {
		t.Errorf("published %q retrieved %q, want \"\" and the UTC day 2025-12-04", doc.Published, doc.Retrieved)
	}
	if day, retrieved := doc.Date(); day != "2025-12-04" || !retrieved {
		t.Errorf("Date() = %q, %v", day, retrieved)
	}
	data, _ := os.ReadFile(path)
	if !bytes.Contains(data, []byte("\nretrieved: 2025-12-04\n")) || !bytes.Contains(data, []byte("\npublished: \n")) {
		t.Errorf("front matter does not mark the retrieval date:\n%s", data)
	}
	for _, m := range []Meta{{}, {Published: "2025-11-22"}} {
		dated, _, err := Write(dir, testArticle(), m)
		if err != nil {
			t.Fatal(err)
		}
		if dated.Retrieved != "" || dated.Published == "" {
			t.Errorf("meta %+v: published %q retrieved %q, want only a published date", m, dated.Published, dated.Retrieved)
		}
	}
}

// A TrashListing gives what Trash gives after every change, in one folder or another.
func TestTrashListing(t *testing.T) {
	var l TrashListing
	check := func(step, dir string, want int) {
		t.Helper()
		got, err := l.List(dir)
		fresh, _ := Trash(dir)
		if err != nil || len(got) != want || !reflect.DeepEqual(got, fresh) {
			t.Errorf("%s: List = %+v, %v; Trash = %+v", step, got, err, fresh)
		}
	}
	a, b := corpusDir(t), corpusDir(t)
	one, _, err := Write(a, testArticle(), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	two, _, err := Write(a, testArticle(), Meta{Title: "Another article"})
	if err != nil {
		t.Fatal(err)
	}
	check("no trash yet", a, 0)
	if _, err := Remove(a, one.ID); err != nil {
		t.Fatal(err)
	}
	check("one removed", a, 1)
	check("listed again", a, 1)
	if _, err := Remove(a, two.ID); err != nil {
		t.Fatal(err)
	}
	check("two removed", a, 2)
	if _, err := Restore(a, one.ID); err != nil {
		t.Fatal(err)
	}
	check("one restored", a, 1)
	check("another folder", b, 0)
	check("the first folder again", a, 1)
}

// Replace swaps a file in one step: a reader while it is rewritten (another replica polling the
// reindex marker) sees the old content or the new, never an empty or partial file, which would be
// one more change to it and one more reindex; and no temporary file is left behind.
func TestReplaceIsWhole(t *testing.T) {
	dir := t.TempDir()
	marker := filepath.Join(dir, corpus.ReindexMarker)
	want := "1764000000000000000\n"
	if err := Replace(marker, []byte(want)); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var torn atomic.Int32
	go func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			if b, err := os.ReadFile(marker); err == nil && len(b) != len(want) {
				torn.Add(1)
			}
		}
	}()
	for i := 0; i < 300; i++ {
		if err := Replace(marker, []byte(want)); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	if n := torn.Load(); n > 0 {
		t.Errorf("a reader saw the marker half-written %d times", n)
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 1 {
		t.Errorf("folder holds %v (%v), want the marker alone", entries, err)
	}
}
