package corpus

import (
	"strings"
	"testing"
	"unicode"
)

// frontMatterSeeds are files from issue 8's cases and the loader's own edge cases.
var frontMatterSeeds = []string{
	"---\nid: plain\ntitle: Plain\n---\nA sentence about the plan.\n",
	"---\nid: creds\ntitle: Creds\nurl: http://user:secret@host.example/a\n---\nA sentence about the plan.\n",
	"---\nid: long-url\ntitle: Long\nurl: https://example.com/" + strings.Repeat("a", 2100) + "\n---\nText.\n",
	"---\nid: no-host\ntitle: No host\nurl: https:///path\n---\nText.\n",
	"---\nid: bidi\ntitle: \"\u202Egnp.exe\u202C \\x1b[31mred\\a\"\n---\nText \x1b[2J with ESC.\n",
	"---\r\nid: crlf\r\ntitle: CRLF\r\n---\r\nWindows line ends.\r\n",
	"\uFEFF---\nid: bom\ntitle: BOM\n---\nA byte order mark first.\n",
	"---\nid: quoted\ntitle: \"Quoted \\\"title\\\" with: colon\"\npublished: 2025-11-20\nkind: plan\n---\n1. First point.\n2. Second point.\n",
	"---\nid: unterminated\ntitle: \"open\n---\nText.\n",
	"---\nid: x\ntitle: dup\ntitle: dup\n---\nText.\n",
	"---\nid: never-closed\n",
	"No front matter title\n\nSome body text follows. U.S. officials said so.\n",
	"---\nid: bad date\npublished: 2025-13-40\n---\nText.\n",
	"---\n---\n",
	"---\nretrieved: 2025-12-04\nlanguage: uk\n---\nТекст українською мовою.\n",
}

// FuzzParse: whatever a file holds, Parse does not panic, and a document it accepts keeps the
// promises the rest of planbot relies on: a valid id, a title, passages inside the body whose
// sentences are verbatim slices of it, no control or format characters in the metadata, and a round trip
// through Encode that changes nothing.
func FuzzParse(f *testing.F) {
	for _, s := range frontMatterSeeds {
		f.Add("doc.md", []byte(s))
	}
	f.Add("notes.txt", []byte("Title line\nBody.\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if !IsDocumentFile(name) || strings.ContainsAny(name, "/\x00") {
			return
		}
		doc, err := Parse(name, data)
		id, title := Identify(name, data)
		if err != nil {
			if _, ok := err.(Problem); !ok {
				t.Fatalf("error %T is not a Problem: %v", err, err)
			}
			return
		}
		if !idPattern.MatchString(doc.ID) || doc.Title == "" || len(doc.Passages) == 0 {
			t.Fatalf("accepted a document with id %q, title %q, %d passages", doc.ID, doc.Title, len(doc.Passages))
		}
		if id != doc.ID || title != doc.Title {
			t.Errorf("Identify = %q, %q; Parse = %q, %q", id, title, doc.ID, doc.Title)
		}
		for _, field := range []string{doc.Title, doc.Outlet, doc.Author, doc.URL, doc.Language} {
			for _, r := range field {
				if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
					t.Fatalf("metadata keeps %U: %q", r, field)
				}
			}
		}
		if doc.URL != "" && checkURL(doc.URL) != "" {
			t.Errorf("accepted url %q: %s", doc.URL, checkURL(doc.URL))
		}
		for _, p := range doc.Passages {
			// Passage.Text joins its sentences with single spaces; the sentences are what
			// excerpts quote, and they must be verbatim.
			if p.Start < 0 || p.End > len(doc.Body) || p.Start > p.End || len(p.Sentences) == 0 {
				t.Fatalf("passage %s [%d:%d] is outside the body", p.ID, p.Start, p.End)
			}
			for _, s := range p.Sentences {
				if s.Start < p.Start || s.End > p.End || s.Start > s.End || doc.Body[s.Start:s.End] != s.Text {
					t.Fatalf("sentence [%d:%d] is not a slice of passage %s", s.Start, s.End, p.ID)
				}
			}
		}
		again, err := Parse(name, Encode(doc))
		if err != nil {
			t.Fatalf("Parse(Encode(doc)): %v\n%q", err, Encode(doc))
		}
		if again.ID != doc.ID || again.Title != doc.Title || again.Outlet != doc.Outlet || again.Author != doc.Author ||
			again.Published != doc.Published || again.Retrieved != doc.Retrieved || again.URL != doc.URL ||
			again.Kind != doc.Kind || again.Language != doc.Language || again.Body != doc.Body {
			t.Fatalf("round trip changed the document:\n%+v\n%+v", again, doc)
		}
	})
}
