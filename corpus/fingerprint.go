package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// ReindexMarker is a hidden file in a corpus folder that a reindex asked for by a person rewrites,
// so that every process serving the folder sees its Fingerprint change and reindexes too. The
// loader ignores it (IsDocumentFile is false for hidden files).
const ReindexMarker = ".planbot-reindex"

// Fingerprint summarises a corpus folder without reading any document: the name, size and
// modification time of each document file, and of ReindexMarker. It changes when a document is
// added, removed or rewritten, or the marker is touched, which makes it cheap enough to poll on
// shared storage. Errors are the file system's, e.g. a missing folder.
func Fingerprint(dir string) (string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", fmt.Errorf("fingerprint corpus folder %s: %w", dir, err)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	h := sha256.New()
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || (!IsDocumentFile(name) && name != ReindexMarker) {
			continue
		}
		// Stat, not the entry's Lstat: a link's target changing is a change of the document.
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			fmt.Fprintf(h, "%s\tunreadable\n", name) // the loader reports it; its coming back is a change
			continue
		}
		fmt.Fprintf(h, "%s\t%d\t%d\n", name, info.Size(), info.ModTime().UnixNano())
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
