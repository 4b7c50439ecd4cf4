package corpus

import (
	"errors"
	"strings"
	"testing"
)

func TestEncodeParseRoundTrip(t *testing.T) {
	tests := []Document{
		{ID: "colon-title", Title: `Zelensky: "not a final offer", says Trump`, Outlet: "NBC News", Author: "Tsirkin, Julie",
			Published: "2025-11-22", URL: "https://example.org/news/a?b=c#frag", Kind: KindArticle, Language: "en",
			Body: "Zelensky: \"not a final offer\"\n\nTrump said the draft was not a final offer.\n"},
		{ID: "quotes", Title: `He said 'no' — and "yes"`, Outlet: "Vera2 (North River Publications)", Author: "J.T. Mercer",
			Kind: KindReference, Language: "uk", Body: "Текст українською мовою. Second sentence.\n"},
		{ID: "spaces-and-slashes", Title: ` padded title `, Outlet: `Back\slash`, Author: "# not a comment",
			Published: "2024-02-29", URL: "http://example.com/", Kind: KindPlan, Language: "en-GB",
			Body: "\n\n  Leading blank lines and indentation stay.   \nNo final newline"},
		{ID: "dashes---and-digits-2025", Title: "---", Kind: KindArticle, Language: "en",
			Body: "---\nA body that starts with a dash line.\n"},
	}
	for _, want := range tests {
		t.Run(want.ID, func(t *testing.T) {
			data := Encode(want)
			got, err := Parse("x.md", data)
			if err != nil {
				t.Fatalf("Parse(Encode(d)): %v\n%s", err, data)
			}
			if got.ID != want.ID || got.Title != want.Title || got.Outlet != want.Outlet || got.Author != want.Author ||
				got.Published != want.Published || got.URL != want.URL || got.Kind != want.Kind || got.Language != want.Language {
				t.Errorf("metadata changed:\n got %q %q %q %q %q %q %q %q\nwant %q %q %q %q %q %q %q %q\n%s",
					got.ID, got.Title, got.Outlet, got.Author, got.Published, got.URL, got.Kind, got.Language,
					want.ID, want.Title, want.Outlet, want.Author, want.Published, want.URL, want.Kind, want.Language, data)
			}
			if got.Body != want.Body {
				t.Errorf("body changed:\n got %q\nwant %q", got.Body, want.Body)
			}
			if !strings.HasSuffix(string(data), want.Body) {
				t.Errorf("Encode does not end with the body unchanged")
			}
		})
	}
}

// Every default document survives Encode → Parse unchanged, passages included.
func TestEncodeDefaultRoundTrip(t *testing.T) {
	for _, d := range loadDefault(t) {
		got, err := Parse(d.File, Encode(d))
		if err != nil {
			t.Errorf("%s: %v", d.ID, err)
			continue
		}
		if got.ID != d.ID || got.Title != d.Title || got.Outlet != d.Outlet || got.Author != d.Author ||
			got.Published != d.Published || got.URL != d.URL || got.Kind != d.Kind || got.Language != d.Language ||
			got.Body != d.Body || got.BodyLine != d.BodyLine {
			t.Errorf("%s: round trip changed the document", d.ID)
		}
		if len(got.Passages) != len(d.Passages) {
			t.Errorf("%s: %d passages after the round trip, %d before", d.ID, len(got.Passages), len(d.Passages))
		}
	}
}

func TestParseFrontMatterValues(t *testing.T) {
	data := "---\n# a comment line\nid: vals\n\nTitle: \"Quoted \\\"title\\\" with: colon\"\noutlet:   Reuters  \nauthor:\nlanguage: de\n---\nBody text here.\n"
	d, err := Parse("vals.md", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != `Quoted "title" with: colon` || d.Outlet != "Reuters" || d.Author != "" || d.Language != "de" ||
		d.Kind != KindArticle || d.BodyLine != 10 || d.Body != "Body text here.\n" {
		t.Errorf("got title %q outlet %q author %q language %q kind %q bodyLine %d body %q",
			d.Title, d.Outlet, d.Author, d.Language, d.Kind, d.BodyLine, d.Body)
	}
}

// "retrieved" marks a date that is not a publication date; Date prefers the publication date.
func TestRetrievedDate(t *testing.T) {
	d := Document{ID: "undated", Title: "Undated page", Retrieved: "2025-12-04", Kind: KindArticle, Language: "en",
		Body: "Officials met in Geneva to revise the draft.\n"}
	data := Encode(d)
	if !strings.Contains(string(data), "\nretrieved: 2025-12-04\n") {
		t.Errorf("Encode lost the retrieval date:\n%s", data)
	}
	got, err := Parse("x.md", data)
	if err != nil {
		t.Fatal(err)
	}
	if day, retrieved := got.Date(); got.Retrieved != "2025-12-04" || day != "2025-12-04" || !retrieved {
		t.Errorf("Retrieved %q, Date() = %q, %v", got.Retrieved, day, retrieved)
	}
	got.Published = "2025-11-20"
	if day, retrieved := got.Date(); day != "2025-11-20" || retrieved {
		t.Errorf("with a published date Date() = %q, %v", day, retrieved)
	}
	if none, _ := (&Document{}).Date(); none != "" {
		t.Errorf("undated document: Date() = %q", none)
	}
	if strings.Contains(string(Encode(Document{ID: "x", Title: "x", Body: "x"})), "retrieved") {
		t.Errorf("Encode writes an empty retrieved line")
	}
	_, err = Parse("bad.md", []byte("---\nid: bad\ntitle: Bad\nretrieved: 04/12/2025\n---\nText.\n"))
	var p Problem
	if !errors.As(err, &p) || p.Line != 4 || !strings.Contains(p.Msg, "retrieved") {
		t.Errorf("bad retrieved date: %v", err)
	}
}

// Issue 8, cases 3, 4 and 8: front matter cannot carry a password in its url, a url Discord would
// refuse in an embed (too long, no host), or invisible characters in its values.
func TestFrontMatterRefusesUnsafeValues(t *testing.T) {
	for _, tc := range []struct{ url, want string }{
		{"http://user:secret@host.example/a", "user name or password"},
		{"https://example.com/" + strings.Repeat("a", 2048), "more than the 2048"},
		{"https:///path", "has no host"},
		{"http://:8080/a", "has no host"},
		{"https://example.com/a b", "spaces"},
	} {
		_, err := Parse("u.md", []byte("---\nid: u\ntitle: U\nurl: "+tc.url+"\n---\nText about the plan.\n"))
		var p Problem
		if !errors.As(err, &p) || p.Line != 4 || !strings.Contains(p.Msg, tc.want) || strings.Contains(p.Msg, "secret") {
			t.Errorf("url %.40q: %v, want a problem at line 4 saying %q", tc.url, err, tc.want)
		}
	}
	d, err := Parse("t.md", []byte("---\nid: t\ntitle: \"\u202Egnp.exe\\x1b[31m\\a two\\nlines\"\noutlet: Wire\u200B\n---\nText \u202E kept verbatim.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "gnp.exe[31m two lines" || d.Outlet != "Wire" || !strings.Contains(d.Body, "\u202E") {
		t.Errorf("title %q outlet %q body %q: want values cleaned, the body verbatim", d.Title, d.Outlet, d.Body)
	}
}
