package corpus

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
)

// MaxFileBytes is the largest document file the loader reads (8 MiB). The longest source in the
// default corpus is about 60 KB and an added article is at most ingest's 2 MiB page; anything
// bigger is a mistake (or /dev/zero behind a link) that would otherwise use up memory.
const MaxFileBytes = 8 << 20

// File is one document file of a corpus folder, read safely.
type File struct {
	Name string // file name inside the folder
	Data []byte
}

// ReadDir reads the document files (IsDocumentFile) of dir, in name order, the way the loader
// does: only regular files, or links to regular files that stay inside dir, each at most
// MaxFileBytes. A pipe or device is never opened for reading (it could block forever or never
// end), and a link leading out of the folder (to /etc/passwd, say) is never followed. Each file
// refused or unreadable becomes a Problem naming it; the error is for a folder that cannot be
// read at all and names the folder.
func ReadDir(dir string) ([]File, []Problem, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("corpus folder %s: %w", dir, err)
	}
	if !info.IsDir() {
		return nil, nil, fmt.Errorf("corpus folder %s: not a folder", dir)
	}
	// os.Root resolves every name inside dir: a link that climbs out of it fails to open.
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("corpus folder %s: %w", dir, err)
	}
	defer root.Close()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("corpus folder %s: %w", dir, err)
	}
	files, problems := readEntries(entries, func(name string) ([]byte, string) { return readInRoot(root, name) })
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	return files, problems, nil
}

// readEntries reads the document files among entries with read, which gives a file's data or
// why it was refused.
func readEntries(entries []fs.DirEntry, read func(name string) ([]byte, string)) ([]File, []Problem) {
	var files []File
	var problems []Problem
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !IsDocumentFile(name) {
			continue
		}
		data, msg := read(name)
		if msg != "" {
			problems = append(problems, Problem{File: name, Msg: msg})
			continue
		}
		files = append(files, File{Name: name, Data: data})
	}
	return files, problems
}

// readInRoot reads one file of root, or says in words why it will not.
func readInRoot(root *os.Root, name string) ([]byte, string) {
	link, err := root.Lstat(name)
	if err != nil {
		return nil, "cannot read the file"
	}
	info := link
	if link.Mode()&fs.ModeSymlink != 0 {
		info, err = root.Stat(name)
		if err != nil {
			return nil, "is a link to something outside the corpus folder (or to nothing); links may only point at files inside it"
		}
	}
	if msg := notRegular(info); msg != "" {
		return nil, msg
	}
	if info.Size() > MaxFileBytes {
		return nil, sizeMsg(info.Size())
	}
	// Non-blocking: should the file have been swapped for a pipe since the Stat, opening it must
	// not wait for a writer. The mode is checked again on what was opened.
	f, err := root.OpenFile(name, os.O_RDONLY|openNonBlock, 0)
	if err != nil {
		return nil, "cannot read the file"
	}
	defer f.Close()
	return readOpened(f)
}

// readOpened reads an opened file when it is a regular one, at most MaxFileBytes: LoadFS and
// ReadDir judge what they opened the same way.
func readOpened(f fs.File) ([]byte, string) {
	info, err := f.Stat()
	if err != nil {
		return nil, "cannot read the file"
	}
	if msg := notRegular(info); msg != "" {
		return nil, msg
	}
	return readCapped(f, info.Size())
}

// readCapped reads r to its end, refusing more than MaxFileBytes. size is what Stat said, to
// size the buffer (the file may have grown since: the cap still holds).
func readCapped(r io.Reader, size int64) ([]byte, string) {
	buf := bytes.NewBuffer(make([]byte, 0, min(size, MaxFileBytes)+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(r, MaxFileBytes+1)); err != nil {
		return nil, "cannot read the file"
	}
	if buf.Len() > MaxFileBytes {
		return nil, sizeMsg(int64(buf.Len()))
	}
	return buf.Bytes(), ""
}

func notRegular(info fs.FileInfo) string {
	if info.Mode().IsRegular() {
		return ""
	}
	return "is not a regular file (a pipe, device, socket or folder), so it is not read"
}

func sizeMsg(n int64) string {
	return fmt.Sprintf("is larger than the %d MiB a document may have (%d bytes)", MaxFileBytes>>20, n)
}
