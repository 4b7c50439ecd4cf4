package corpus

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"unicode/utf8"
)

//go:embed default/*.md
var defaultFS embed.FS

// DefaultFS is the corpus shipped inside the binary.
func DefaultFS() fs.FS {
	sub, err := fs.Sub(defaultFS, "default")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	return sub
}

// Default loads the embedded corpus.
func Default() ([]Document, []Problem) { return LoadFS(DefaultFS()) }

// LoadDir loads every .md and .txt file of dir, read as ReadDir reads them (regular files inside
// dir only, each under MaxFileBytes). The error is for a folder that cannot be read at all; files
// that fail are reported as Problems, named relative to dir, while the others still load.
func LoadDir(dir string) ([]Document, []Problem, error) {
	files, problems, err := ReadDir(dir)
	if err != nil {
		return nil, nil, err
	}
	docs, more := parseFiles(files)
	return docs, sortProblems(append(problems, more...)), nil
}

// LoadFS loads every .md and .txt file at the top of fsys, in name order. Each file that is not a
// regular file, is larger than MaxFileBytes, or has broken front matter, bad UTF-8, no text or an
// id another file already uses becomes a Problem. For a folder on disk use LoadDir: os.DirFS
// follows links out of the folder.
func LoadFS(fsys fs.FS) ([]Document, []Problem) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, []Problem{{File: ".", Msg: "cannot read the corpus folder (check that it exists and is readable)"}}
	}
	files, problems := readEntries(entries, func(name string) ([]byte, string) { return readFS(fsys, name) })
	docs, more := parseFiles(files)
	return docs, sortProblems(append(problems, more...))
}

func readFS(fsys fs.FS, name string) ([]byte, string) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, "cannot read the file"
	}
	defer f.Close()
	return readOpened(f)
}

// parseFiles parses files (in name order) into documents, each failure a Problem.
func parseFiles(files []File) ([]Document, []Problem) {
	var docs []Document
	var problems []Problem
	seen := map[string]string{}
	for _, f := range files {
		name := f.Name
		doc, err := Parse(name, f.Data)
		if err != nil {
			var p Problem
			if errors.As(err, &p) {
				problems = append(problems, p)
			} else {
				problems = append(problems, Problem{File: name, Msg: "cannot parse the file"})
			}
			continue
		}
		if other, dup := seen[doc.ID]; dup {
			problems = append(problems, Problem{File: name, Line: 1, Msg: fmt.Sprintf("id %q is already used by %s", doc.ID, other)})
			continue
		}
		seen[doc.ID] = name
		docs = append(docs, doc)
	}
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].File < docs[j].File })
	return docs, problems
}

// sortProblems orders problems by file name, so a report reads like a folder listing.
func sortProblems(p []Problem) []Problem {
	sort.SliceStable(p, func(i, j int) bool { return p[i].File < p[j].File })
	return p
}

// IsDocumentFile says whether the loader reads a file of this name: .md or .txt, not hidden.
func IsDocumentFile(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return (ext == ".md" || ext == ".txt") && !strings.HasPrefix(name, ".")
}

// Identify gives the id and title the loader would give a file, reading only its front matter, so
// a folder's ids can be listed without cleaning and splitting every text. For a file whose front
// matter is broken it still finds an "id:" line, or else the id made from the file name; the title
// is then "".
func Identify(name string, data []byte) (id, title string) {
	text := strings.ReplaceAll(strings.TrimPrefix(string(data), "\uFEFF"), "\r\n", "\n")
	meta, _, body, _, lerr := parseFrontMatter(text)
	if lerr == nil {
		id, title = meta["id"], meta["title"]
		if title == "" {
			title = firstLineTitle(body)
		}
	} else {
		for _, line := range strings.Split(text, "\n")[1:] {
			if strings.TrimSpace(line) == "---" {
				break
			}
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "id" {
				id = strings.Trim(strings.TrimSpace(v), `"`)
				break
			}
		}
	}
	if id == "" {
		id = IDFromFile(name)
	}
	return id, title
}

// Parse reads one file: front matter (optional for .txt), body, cleaning and splitting. Its error is
// a Problem naming the file and line.
func Parse(file string, data []byte) (Document, error) {
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalidUTF8(data)], []byte("\n"))
		return Document{}, Problem{File: file, Line: line, Msg: "the text is not valid UTF-8"}
	}
	text := strings.TrimPrefix(string(data), "\uFEFF")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	meta, lines, body, bodyLine, lerr := parseFrontMatter(text)
	if lerr != nil {
		return Document{}, Problem{File: file, Line: lerr.line, Msg: lerr.msg}
	}
	doc := Document{File: file, Body: body, BodyLine: bodyLine}
	if lerr := applyMeta(&doc, meta, lines); lerr != nil {
		return Document{}, Problem{File: file, Line: lerr.line, Msg: lerr.msg}
	}
	if doc.ID == "" {
		doc.ID = IDFromFile(file)
		if doc.ID == "" {
			return Document{}, Problem{File: file, Line: 1, Msg: "no id: add \"id: some-name\" to the front matter"}
		}
	}
	// a title the front matter gives makes a line that repeats it a headline (markHeadings); one
	// taken from the first line does only when that line is one sentence that does not end with a
	// full stop: "The EU agreed new sanctions on Monday." opens a note as its first sentence
	var titled *titleMatch
	if doc.Title == "" {
		doc.Title, doc.TitleFromText = firstLineTitle(body), true
		if headlineShaped(doc.Title) {
			titled = newTitleMatch(doc.Title)
		}
	} else {
		titled = newTitleMatch(doc.Title)
	}
	if doc.Title == "" {
		return Document{}, Problem{File: file, Line: 1, Msg: "no title: add \"title: …\" to the front matter"}
	}
	blocks, dropped := clean(body, doc.Outlet, titled)
	doc.Passages = buildPassages(&doc, blocks)
	if len(doc.Passages) == 0 && titled != nil {
		// the text after the headline was all chrome or a cut-off fragment: the headline is the
		// document's only text, as it was before headlines were told apart
		blocks, dropped = clean(body, doc.Outlet, nil)
		doc.Passages = buildPassages(&doc, blocks)
	}
	doc.Dropped = dropped
	if len(doc.Passages) == 0 {
		return Document{}, Problem{File: file, Line: bodyLine, Msg: "no text to index after the front matter"}
	}
	return doc, nil
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// IDFromFile is the id of a file whose front matter names none, made from its name
// ("003_9745c1391c51dbfa.txt" → "003-9745c1391c51dbfa").
func IDFromFile(file string) string {
	base := strings.ToLower(strings.TrimSuffix(file, path.Ext(file)))
	var b strings.Builder
	dash := false
	for _, r := range base {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	id := strings.Trim(b.String(), "-")
	if len(id) > 64 {
		id = strings.Trim(id[:64], "-")
	}
	return id
}

// headlineShaped: a first line that may be a page's headline rather than a note's first sentence:
// one sentence, not ending with a full stop (inside closing quotation marks or brackets too).
func headlineShaped(line string) bool {
	end := strings.TrimRight(line, `"”’'»›)] `)
	return !strings.HasSuffix(end, ".") && len(splitSentences(line, 0, len(line))) == 1
}

// firstLineTitle takes the first non-empty line of a body without front matter.
func firstLineTitle(body string) string {
	for _, line := range strings.Split(body, "\n") {
		if t := strings.TrimSpace(strings.Join(strings.Fields(StripInvisible(line)), " ")); t != "" {
			return clip(strings.TrimLeft(t, "# "), 200)
		}
	}
	return ""
}

// FrontMatterURL is the url a file's front matter gives, "" when it gives none or the block is
// broken. It reads only the front matter.
func FrontMatterURL(data []byte) string {
	text := strings.ReplaceAll(strings.TrimPrefix(string(data), "\uFEFF"), "\r\n", "\n")
	meta, _, _, _, lerr := parseFrontMatter(text)
	if lerr != nil {
		return ""
	}
	return meta["url"]
}
