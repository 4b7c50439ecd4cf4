package corpus

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkReadDir reads the default corpus's files from a folder on disk the safe way (os.Root,
// a check of every file's type, a capped read), to set against BenchmarkReadDirFS, the plain
// os.DirFS reading the loader used before.
func BenchmarkReadDir(b *testing.B) {
	dir := defaultCopy(b)
	for b.Loop() {
		if files, problems, err := ReadDir(dir); err != nil || len(problems) > 0 || len(files) == 0 {
			b.Fatal(err, problems)
		}
	}
}

func BenchmarkReadDirFS(b *testing.B) {
	fsys := os.DirFS(defaultCopy(b))
	for b.Loop() {
		entries, err := fs.ReadDir(fsys, ".")
		if err != nil {
			b.Fatal(err)
		}
		for _, e := range entries {
			if _, err := fs.ReadFile(fsys, e.Name()); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func defaultCopy(b *testing.B) string {
	dir := b.TempDir()
	if err := os.CopyFS(dir, DefaultFS()); err != nil {
		b.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		os.Chmod(filepath.Join(dir, e.Name()), 0o644)
	}
	return dir
}
