package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// loadDefault loads the embedded corpus and fails the test on any problem.
func loadDefault(t *testing.T) []Document {
	t.Helper()
	docs, problems := Default()
	for _, p := range problems {
		t.Errorf("default corpus problem: %v", p)
	}
	return docs
}

func docByID(t *testing.T, docs []Document, id string) Document {
	t.Helper()
	for _, d := range docs {
		if d.ID == id {
			return d
		}
	}
	t.Fatalf("no document %q", id)
	return Document{}
}

func TestDefaultMetadata(t *testing.T) {
	docs := loadDefault(t)
	if len(docs) != 5 {
		t.Fatalf("Default() gave %d documents, want 5", len(docs))
	}
	tests := []struct {
		id, title, outlet, author, published string
		kind                                 Kind
	}{
		{"kyiv-confirms-draft", "Zelenskyy receives United States–drafted peace proposal", "", "", "", KindArticle},
		{"reuters-zelenskyy-ready", "Zelenskyy ready for work on U.S.-backed plan", "Reuters", "", "2025-11-20", KindArticle},
		{"vera2-kyiv-engagement", "Zelensky US peace plan: What Kyiv’s Engagement With Washington Really Means", "Vera2 (North River Publications)", "J.T. Mercer", "", KindArticle},
		{"wikipedia-us-peace-plan", "U.S. peace plan for Ukraine", "Wikipedia", "", "", KindReference},
		{"zelenskyy-gets-us-plan", "Breaking: Zelenskyy Gets US Peace Plan Amid Ukraine War", "", "", "", KindArticle},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			d := docByID(t, docs, tt.id)
			if d.Title != tt.title || d.Outlet != tt.outlet || d.Author != tt.author || d.Published != tt.published || d.Kind != tt.kind {
				t.Errorf("got title %q outlet %q author %q published %q kind %q, want %q %q %q %q %q",
					d.Title, d.Outlet, d.Author, d.Published, d.Kind, tt.title, tt.outlet, tt.author, tt.published, tt.kind)
			}
			if d.URL != "" {
				t.Errorf("URL = %q: no source file gives one, so none may be invented", d.URL)
			}
			if d.Language != "en" {
				t.Errorf("Language = %q, want en", d.Language)
			}
			if d.File != tt.id+".md" {
				t.Errorf("File = %q, want %s.md", d.File, tt.id)
			}
			if len(d.Passages) == 0 {
				t.Error("no passages")
			}
		})
	}
	// Documents come in file-name order.
	for i := 1; i < len(docs); i++ {
		if docs[i-1].File >= docs[i].File {
			t.Errorf("documents out of order: %s before %s", docs[i-1].File, docs[i].File)
		}
	}
}

func TestDefaultBodyLine(t *testing.T) {
	for _, d := range loadDefault(t) {
		data, err := os.ReadFile(filepath.Join("default", d.File))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitAfter(string(data), "\n")
		if got := strings.Join(lines[d.BodyLine-1:], ""); got != d.Body {
			t.Errorf("%s: the file from BodyLine %d is not Body", d.ID, d.BodyLine)
		}
	}
}

const goodFile = "---\nid: good\ntitle: Good\n---\nThis document loads whatever the others do.\n"

func TestLoadFSProblems(t *testing.T) {
	tests := []struct {
		name     string
		file     string // the file at fault
		data     string
		wantLine int
		wantMsg  string
	}{
		{"front matter not closed", "open.md", "---\nid: open\ntitle: Open\n", 1, "not closed"},
		{"body where the closing line should be", "unclosed.md", "---\nid: unclosed\ntitle: Unclosed\nThe body starts here.\n", 4, `not "key: value"`},
		{"line without key: value", "nokey.md", "---\nid: nokey\ntitle: No key\nthis line has no colon\n---\nSome text.\n", 4, `not "key: value"`},
		{"key with a space", "spacekey.md", "---\nid: spacekey\nmy title: x\n---\nSome text.\n", 3, `not "key: value"`},
		{"unknown key", "unknown.md", "---\nid: unknown\ntitle: Unknown\ncolour: red\n---\nSome text.\n", 4, `unknown front matter key "colour"`},
		{"duplicate key", "dupkey.md", "---\nid: dupkey\ntitle: One\ntitle: Two\n---\nSome text.\n", 4, `"title" appears twice`},
		{"bad date", "baddate.md", "---\nid: baddate\ntitle: Bad date\noutlet: X\npublished: 20-11-2025\n---\nSome text.\n", 5, `published "20-11-2025"`},
		{"bad kind", "badkind.md", "---\nid: badkind\ntitle: Bad kind\nkind: essay\n---\nSome text.\n", 4, `kind "essay"`},
		{"bad id", "badid.md", "---\ntitle: Bad id\nid: Bad ID!\n---\nSome text.\n", 3, `id "Bad ID!"`},
		{"bad url", "badurl.md", "---\nid: badurl\ntitle: Bad url\nurl: www.example.org\n---\nSome text.\n", 4, "url"},
		{"unterminated quote", "quote.md", "---\nid: quote\ntitle: \"Half\n---\nSome text.\n", 3, "unterminated"},
		{"invalid UTF-8 in body", "utf8.md", "---\nid: utf8\ntitle: Bytes\n---\nFine first line.\nBroken \xff\xfe line.\n", 6, "not valid UTF-8"},
		{"only front matter", "empty.md", "---\nid: empty\ntitle: Empty\n---\n", 5, "no text"},
		{"front matter and blank lines", "blank.md", "---\nid: blank\ntitle: Blank\n---\n\n  \n\n", 5, "no text"},
		{"only chrome", "chrome.md", "---\nid: chrome\ntitle: Chrome\n---\nAdvertisement\nSubscribe to our newsletter\n", 5, "no text"},
		{"duplicate id across files", "zz-dup.md", "---\nid: good\ntitle: Copy\n---\nAnother text with the same id.\n", 1, `id "good" is already used by good.md`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"good.md": {Data: []byte(goodFile)},
				tt.file:   {Data: []byte(tt.data)},
			}
			docs, problems := LoadFS(fsys)
			if len(docs) != 1 || docs[0].ID != "good" {
				t.Errorf("got %d documents, want only good.md to load", len(docs))
			}
			if len(problems) != 1 {
				t.Fatalf("got problems %v, want one for %s", problems, tt.file)
			}
			p := problems[0]
			if p.File != tt.file || p.Line != tt.wantLine || !strings.Contains(p.Msg, tt.wantMsg) {
				t.Errorf("got %s:%d: %s, want %s:%d: …%s…", p.File, p.Line, p.Msg, tt.file, tt.wantLine, tt.wantMsg)
			}
			// Parse reports the same problem on its own, except the cross-file one.
			if tt.file != "zz-dup.md" {
				_, err := Parse(tt.file, []byte(tt.data))
				if pe, ok := err.(Problem); !ok || pe != p {
					t.Errorf("Parse error = %v, want %v", err, p)
				}
			}
		})
	}
}

func TestLoadFSUnknownKeyPicksFirstLine(t *testing.T) {
	// With several unknown keys the report must not depend on map order.
	data := "---\nid: x\ntitle: X\naaa: 1\nbbb: 2\nccc: 3\nddd: 4\n---\nText here.\n"
	for i := 0; i < 20; i++ {
		_, err := Parse("x.md", []byte(data))
		p, ok := err.(Problem)
		if !ok || p.Line != 4 || !strings.Contains(p.Msg, `"aaa"`) {
			t.Fatalf("Parse = %v, want x.md:4 about aaa", err)
		}
	}
}

func TestProblemError(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "a.md", Line: 7, Msg: "bad thing"}, "a.md:7: bad thing"},
		{Problem{File: "b.txt", Line: 1, Msg: "x"}, "b.txt:1: x"},
		{Problem{File: "c.md", Msg: "whole file"}, "c.md: whole file"},
	}
	for _, tt := range tests {
		if got := tt.p.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestLoadFSFileSelection(t *testing.T) {
	fsys := fstest.MapFS{
		"a.md":               {Data: []byte("---\nid: a\ntitle: A\n---\nText of a.\n")},
		"B.MD":               {Data: []byte("---\nid: b\ntitle: B\n---\nText of b.\n")},
		"notes.json":         {Data: []byte(`{"not": "a document"}`)},
		"image.png":          {Data: []byte("\x89PNG\r\n\x1a\n\xff")},
		".hidden.md":         {Data: []byte("---\nid: hidden\ntitle: H\n---\nHidden.\n")},
		"sub/inner.md":       {Data: []byte("---\nid: inner\ntitle: I\n---\nNested.\n")},
		"README":             {Data: []byte("no extension")},
		"003_9745c1391c.txt": {Data: []byte("Geneva talks end without a deal\n\nDelegates left Geneva on Monday without agreeing on the final text.\n")},
	}
	docs, problems := LoadFS(fsys)
	if len(problems) != 0 {
		t.Errorf("problems: %v", problems)
	}
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	if got, want := strings.Join(ids, ","), "003-9745c1391c,b,a"; got != want {
		t.Fatalf("loaded %s, want %s (files in name order, .md/.txt only, no hidden or nested files)", got, want)
	}
	txt := docs[0]
	if txt.Title != "Geneva talks end without a deal" || txt.Kind != KindArticle || txt.Language != "en" || txt.BodyLine != 1 {
		t.Errorf(".txt document: title %q kind %q language %q bodyLine %d", txt.Title, txt.Kind, txt.Language, txt.BodyLine)
	}
	if len(txt.Passages) != 1 || txt.Passages[0].Text != "Delegates left Geneva on Monday without agreeing on the final text." {
		t.Errorf(".txt passages = %+v, want the one sentence (the title line is a heading, not text)", txt.Passages)
	}
}

func TestParseCRLFAndBOM(t *testing.T) {
	data := "\uFEFF---\r\nid: crlf\r\ntitle: Windows file\r\n---\r\nFirst sentence here. Second one.\r\n"
	d, err := Parse("crlf.md", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if d.ID != "crlf" || d.Title != "Windows file" || d.Body != "First sentence here. Second one.\n" {
		t.Errorf("got id %q title %q body %q", d.ID, d.Title, d.Body)
	}
}

func TestIDFromFile(t *testing.T) {
	tests := []struct{ file, want string }{
		{"003_9745c1391c51dbfa.txt", "003-9745c1391c51dbfa"},
		{"My Article (Final).md", "my-article-final"},
		{"--x--.txt", "x"},
		{"Ünïcode.txt", "n-code"},
		{"!!!.txt", ""},
		{strings.Repeat("a", 70) + ".txt", strings.Repeat("a", 64)},
	}
	for _, tt := range tests {
		if got := IDFromFile(tt.file); got != tt.want {
			t.Errorf("IDFromFile(%q) = %q, want %q", tt.file, got, tt.want)
		}
	}
}

func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("one.md", "---\nid: one\ntitle: One\n---\nThe first document has a sentence.\n")
	write("two.txt", "Second title\nThe second document has another sentence.\n")
	write("broken.md", "---\nid: broken\n")
	docs, problems, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].ID != "one" || docs[1].ID != "two" {
		t.Errorf("docs = %d, want one and two", len(docs))
	}
	if len(problems) != 1 || problems[0].File != "broken.md" || problems[0].Line != 1 {
		t.Errorf("problems = %v, want broken.md:1", problems)
	}

	for _, bad := range []string{filepath.Join(dir, "missing"), filepath.Join(dir, "one.md")} {
		docs, problems, err := LoadDir(bad)
		if err == nil || docs != nil || problems != nil {
			t.Errorf("LoadDir(%s) = %d docs, %v, %v; want an error", bad, len(docs), problems, err)
		}
		if err != nil && !strings.Contains(err.Error(), bad) {
			t.Errorf("error %q does not name the folder", err)
		}
	}
}

func TestIdentifyMatchesParse(t *testing.T) {
	for _, tc := range []struct{ name, data, id, title string }{
		{"a.md", "---\nid: given-id\ntitle: Given\n---\nBody text here.\n", "given-id", "Given"},
		{"Some File.txt", "First line title\n\nBody text here.\n", "some-file", "First line title"},
		{"broken.md", "---\nid: kept-id\nnot a key value line\n---\nBody.\n", "kept-id", ""},
		{"broken-noid.md", "---\ntitle Bad\n", "broken-noid", ""},
	} {
		id, title := Identify(tc.name, []byte(tc.data))
		if id != tc.id || title != tc.title {
			t.Errorf("Identify(%s) = %q, %q; want %q, %q", tc.name, id, title, tc.id, tc.title)
		}
		if doc, err := Parse(tc.name, []byte(tc.data)); err == nil && (doc.ID != id || doc.Title != title) {
			t.Errorf("Parse(%s) gives %q, %q but Identify %q, %q", tc.name, doc.ID, doc.Title, id, title)
		}
	}
}
