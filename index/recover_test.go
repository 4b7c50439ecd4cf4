package index

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/planbot/planbot/corpus"
)

// builtIndex builds the default corpus's index in a fresh folder and returns the folder, the
// generation and the documents.
func builtIndex(t *testing.T) (string, string, []corpus.Document) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "index")
	docs := defaultDocs(t)
	if _, err := Build(nil, docs, dir); err != nil {
		t.Fatal(err)
	}
	return dir, currentGeneration(dir), docs
}

// reopenAfterDamage opens the index in dir, as a restart would, and checks that it recovered: a
// new generation serves answers, the damaged one was moved aside byte for byte (not deleted),
// and one error line says so.
func reopenAfterDamage(t *testing.T, dir, gen string, docs []corpus.Document, damagedFile string, damaged []byte) {
	t.Helper()
	var log bytes.Buffer
	lg := slog.New(slog.NewTextHandler(&log, nil))
	l, err := New(lg, docs, Config{Dir: dir})
	if err != nil {
		t.Fatalf("restart with a damaged index: %v", err)
	}
	defer l.Close()
	if l.cur.gen == gen {
		t.Errorf("serving the damaged generation %s", gen)
	}
	a, err := l.Answer(context.Background(), "Who drafted the 28-point plan?", Options{})
	if err != nil || !a.Answered {
		t.Errorf("rebuilt index does not answer: %+v %v", a, err)
	}
	moved, err := os.ReadFile(filepath.Join(dir, damagedPrefix+gen, damagedFile))
	if err != nil || !bytes.Equal(moved, damaged) {
		t.Errorf("damaged file not kept aside as it was: %v", err)
	}
	if n := strings.Count(log.String(), "level=ERROR"); n != 1 || !strings.Contains(log.String(), "moved it aside") {
		t.Errorf("want one error line saying the index was moved aside, got:\n%s", log.String())
	}
	// A reindex removes old generations, never the one set aside.
	if _, err := l.Reload(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, damagedPrefix+gen, damagedFile)); err != nil {
		t.Errorf("reindex deleted the damaged index: %v", err)
	}
}

// Issue 8, case 1: bytes flipped inside root.bolt made bbolt panic inside open, on every start.
func TestDamagedRootBoltIsSetAsideAndRebuilt(t *testing.T) {
	dir, gen, docs := builtIndex(t)
	path := filepath.Join(dir, gen, "store", "root.bolt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Pages 0 and 1 are bbolt's two meta pages (a bad one is detected by checksum); flipping
	// everything after them breaks the freelist and the bucket pages, which bbolt trusts.
	for i := 4 << 10; i < len(data); i++ {
		data[i] ^= 0xff
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	reopenAfterDamage(t, dir, gen, docs, filepath.Join("store", "root.bolt"), data)
}

// Issue 8, case 1: an index that opens without error but holds nothing (a zeroed segment) is
// caught by comparing its passage count with the corpus, not served empty.
func TestIndexHoldingNothingIsSetAsideAndRebuilt(t *testing.T) {
	dir, gen, docs := builtIndex(t)
	idx, err := openBleve(filepath.Join(dir, gen))
	if err != nil {
		t.Fatal(err)
	}
	b := idx.NewBatch()
	for _, d := range docs {
		for _, p := range d.Passages {
			b.Delete(p.ID)
		}
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	meta, err := os.ReadFile(filepath.Join(dir, gen, "index_meta.json"))
	if err != nil {
		t.Fatal(err)
	}
	reopenAfterDamage(t, dir, gen, docs, "index_meta.json", meta)
}
