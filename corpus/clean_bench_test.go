package corpus

import (
	"io/fs"
	"testing"
)

// BenchmarkParseDefault parses the five built-in documents: front matter, cleaning, passages.
func BenchmarkParseDefault(b *testing.B) {
	fsys := DefaultFS()
	names, err := fs.Glob(fsys, "*.md")
	if err != nil || len(names) == 0 {
		b.Fatal(names, err)
	}
	var files [][]byte
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, data)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, data := range files {
			if _, err := Parse(names[j], data); err != nil {
				b.Fatal(err)
			}
		}
	}
}
