package corpus

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestFingerprintChangesWithDocumentsOnly(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string, mtime time.Time) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	print := func() string {
		t.Helper()
		fp, err := Fingerprint(dir)
		if err != nil {
			t.Fatal(err)
		}
		return fp
	}
	t0 := time.Date(2025, 11, 25, 10, 0, 0, 0, time.UTC)
	write("a.md", "first", t0)
	before := print()
	if again := print(); again != before {
		t.Fatal("Fingerprint of an unchanged folder changed")
	}
	write("notes.json", "not a document", t0)
	write(".hidden.md", "hidden", t0)
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if print() != before {
		t.Error("files the loader ignores changed the fingerprint")
	}
	for _, change := range []struct {
		name string
		do   func()
	}{
		{"rewritten, same size", func() { write("a.md", "FIRST", t0.Add(time.Second)) }},
		{"added", func() { write("b.txt", "second", t0) }},
		{"marker touched", func() { write(ReindexMarker, "", t0.Add(time.Minute)) }},
		{"removed", func() { os.Remove(filepath.Join(dir, "b.txt")) }},
	} {
		was := print()
		change.do()
		if print() == was {
			t.Errorf("document %s: fingerprint unchanged", change.name)
		}
	}
	if _, err := Fingerprint(filepath.Join(dir, "missing")); err == nil {
		t.Error("Fingerprint of a missing folder: no error")
	}
}
