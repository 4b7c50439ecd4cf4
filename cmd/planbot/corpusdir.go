package main

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/planbot/planbot/corpus"
)

// seedCorpusDir makes a CORPUS_DIR that is missing or empty usable by moderators: it creates the
// folder and writes the built-in documents into it, so /corpus add extends the default sources
// instead of replacing them. A folder that holds anything but hidden files is left alone: those
// are someone's documents. It reports how many files it wrote.
func seedCorpusDir(lg *slog.Logger, dir string) (int, error) {
	if dir == "" {
		return 0, nil
	}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return 0, fmt.Errorf("create corpus folder %s: %w", dir, err)
		}
	case err != nil:
		return 0, fmt.Errorf("corpus folder %s: %w", dir, err)
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			return 0, nil
		}
	}
	src := corpus.DefaultFS()
	files, err := fs.ReadDir(src, ".")
	if err != nil {
		return 0, fmt.Errorf("read built-in corpus: %w", err)
	}
	n := 0
	for _, f := range files {
		if f.IsDir() {
			continue
		}
		data, err := fs.ReadFile(src, f.Name())
		if err != nil {
			return n, fmt.Errorf("read built-in %s: %w", f.Name(), err)
		}
		// O_EXCL: another process seeding the same folder at once must not be overwritten.
		out, err := os.OpenFile(filepath.Join(dir, f.Name()), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return n, fmt.Errorf("seed corpus folder: %w", err)
		}
		_, werr := out.Write(data)
		if cerr := out.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return n, fmt.Errorf("seed corpus folder: %w", werr)
		}
		n++
	}
	lg.Info("corpus folder was empty: copied the built-in documents into it", "dir", dir, "files", n)
	return n, nil
}
