package bot

import (
	"strings"
	"testing"

	"github.com/planbot/planbot/index"
)

func TestHighlight(t *testing.T) {
	for _, tc := range []struct {
		name  string
		text  string
		spans []index.Span
		want  string
	}{
		{"plain", "Ukraine's army", []index.Span{{Start: 10, End: 14}}, "Ukraine's **army**"},
		{"escape before bold", "a *b* army_x", []index.Span{{Start: 6, End: 10}}, `a \*b\* **army**\_x`},
		{"touching spans merge", "Zaporizhzhia plant", []index.Span{{Start: 0, End: 5}, {Start: 5, End: 12}}, "**Zaporizhzhia** plant"},
		{"overlap merges", "Donbas region", []index.Span{{Start: 0, End: 6}, {Start: 3, End: 13}}, "**Donbas region**"},
		{"spaces trimmed", "the army now", []index.Span{{Start: 3, End: 9}}, "the **army** now"},
		{"out of range dropped", "army", []index.Span{{Start: 2, End: 99}, {Start: -1, End: 2}}, "army"},
		{"inside a rune dropped", "Київ army", []index.Span{{Start: 1, End: 3}}, "Київ army"},
		{"unsorted", "a b c", []index.Span{{Start: 4, End: 5}, {Start: 0, End: 1}}, "**a** b **c**"},
		{"mention in source", "@everyone <@123>", nil, "@\u200beveryone <\u200b@\u200b123>"},
		{"line start markdown", "# Head\n> quote\n- item", nil, `\# Head` + "\n" + `\> quote` + "\n" + `\- item`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := highlight(tc.text, tc.spans); got != tc.want {
				t.Errorf("highlight(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestEscapeUser(t *testing.T) {
	for _, in := range []string{
		"@everyone what is the plan?",
		"@here",
		"<@123> and <@!456> and <@&789> in <#101>",
		"```go\npanic()\n```",
		"**bold** __under__ ~~strike~~ ||spoiler|| [link](https://evil.example)",
		"a\u200bb\u200dc\u2066d\ufeffe\x00f\x1bg",
	} {
		got := escapeUser(in)
		for _, bad := range []string{"@everyone", "@here", "<@1", "<@!", "<@&", "<#", "```", "**", "__", "~~", "||", "](", "\u200d", "\u2066", "\ufeff", "\x00", "\x1b"} {
			if strings.Contains(got, bad) {
				t.Errorf("escapeUser(%q) = %q still contains %q", in, got, bad)
			}
		}
		plain := plainUser(in)
		for _, bad := range []string{"@everyone", "@here", "<@1", "<@&", "```", "\\"} {
			if strings.Contains(plain, bad) {
				t.Errorf("plainUser(%q) = %q still contains %q", in, plain, bad)
			}
		}
	}
	if got := cleanInput("a\u200bb"); got != "ab" {
		t.Errorf("zero-width space kept: %q", got)
	}
}

func TestClipExcerptKeepsWordsAndSpans(t *testing.T) {
	text := "First sentence about the army. Second sentence about NATO membership and more words here."
	spans := []index.Span{spanOf(text, "army"), spanOf(text, "NATO")}
	got, kept, clipped := clipExcerpt(text, spans, 60)
	if !clipped || got != "First sentence about the army." {
		t.Errorf("clip = %q", got)
	}
	if len(kept) != 1 || got[kept[0].Start:kept[0].End] != "army" {
		t.Errorf("spans = %+v", kept)
	}
	got, _, _ = clipExcerpt("one two three four five", nil, 12)
	if got != "one two" {
		t.Errorf("word clip = %q", got)
	}
}

func TestShownExcerptMarksTheCut(t *testing.T) {
	text := "First sentence about the army. Second sentence about NATO membership and more words here."
	spans := []index.Span{spanOf(text, "army"), spanOf(text, "NATO")}
	if got := shownExcerpt(text, spans, 60); got != "First sentence about the **army**. …" {
		t.Errorf("clipped: %q", got)
	}
	if got := shownExcerpt(text, spans, len(text)); got != "First sentence about the **army**. Second sentence about **NATO** membership and more words here." {
		t.Errorf("whole: %q", got)
	}
}

func TestCitationsNumberEachDocumentOnce(t *testing.T) {
	var c citations
	a := index.Citation{DocID: "a", Title: "A"}
	b := index.Citation{DocID: "b", Title: "B", Outlet: "Reuters"}
	if n := []int{c.cite(a), c.cite(b), c.cite(a)}; n[0] != 1 || n[1] != 2 || n[2] != 1 {
		t.Errorf("numbers %v", n)
	}
	f := c.fields()
	if len(f) != 2 || f[0].Name != "[1] A" || !strings.HasPrefix(f[0].Value, "outlet not named") || f[1].Value != "Reuters" {
		t.Errorf("fields %+v %+v", f[0], f[1])
	}
}

func TestCustomIDs(t *testing.T) {
	key := "1200000000000000001"
	id := answerID(prefixMore, key, 3)
	if k, n, ok := parseAnswerID(id); !ok || k != key || n != 3 {
		t.Errorf("parse %q = %q %d %v", id, k, n, ok)
	}
	if k, off, up, ok := parseVoteID(voteID(key, 3, false)); !ok || k != key || off != 3 || up {
		t.Errorf("vote id round trip failed")
	}
	if k, off, up, ok := parseVoteID("vote:" + key + ":up"); !ok || k != key || off != 0 || !up {
		t.Errorf("a vote id of the older form is not read")
	}
	for _, bad := range []string{"more", "more:x:1", "more:1:-1", "more:1:1:1", "vote:1:sideways", "more::1", "vote:1:-1:up", "vote:1:x:down"} {
		if _, _, ok := parseAnswerID(bad); ok {
			t.Errorf("parseAnswerID(%q) accepted", bad)
		}
		if _, _, _, ok := parseVoteID(bad); ok {
			t.Errorf("parseVoteID(%q) accepted", bad)
		}
	}
	if n := len(answerID(prefixPage, "18446744073709551615", 10000)); n > maxCustomID {
		t.Errorf("custom_id of %d characters", n)
	}
}

func TestLRUEvictsOldest(t *testing.T) {
	c := newLRU[string](2)
	c.put("a", "1")
	c.put("b", "2")
	c.get("a") // a is now the most recent
	c.put("c", "3")
	if _, ok := c.get("b"); ok {
		t.Error("b should have been evicted")
	}
	if v, ok := c.get("a"); !ok || v != "1" {
		t.Error("a lost")
	}
}

// A syndicated excerpt cites every document that holds it, each once, at most maxCopiesCited more.
func TestAnswerCitesSyndicatedCopies(t *testing.T) {
	var also []index.Citation
	for _, id := range []string{"b", "c", "d", "e"} {
		also = append(also, index.Citation{DocID: id, Title: strings.ToUpper(id), Outlet: "Outlet " + id})
	}
	ans := index.Answer{Answered: true, Confident: true, Excerpts: []index.Excerpt{
		{Citation: index.Citation{DocID: "a", Title: "A", Outlet: "AFP"}, Text: "The same agency sentence.", Also: also},
		{Citation: index.Citation{DocID: "b", Title: "B", Outlet: "Outlet b"}, Text: "Another fact."},
	}}
	m := answerMessage(ans, "q?", "k", 0, "", english)
	d := m.Embeds[0].Description
	if !strings.Contains(d, "[1, 2, 3, 4]") || strings.Contains(d, "5") || !strings.Contains(d, "[2]") {
		t.Errorf("citation labels wrong:\n%s", d)
	}
	if f := m.Embeds[0].Fields; len(f) != 4 || f[1].Name != "[2] B" {
		t.Errorf("fields %d, want 4 documents numbered once", len(f))
	}
}

// A document whose page gave no date shows the day it was fetched, said as such; a published
// date wins over it.
func TestSourceLineSaysFetched(t *testing.T) {
	if got := sourceLine("TASS", "", "2025-12-03", ""); !strings.Contains(got, "fetched") || !strings.Contains(got, "2025") {
		t.Errorf("retrieved only: %q", got)
	}
	if got := sourceLine("TASS", "2025-12-01", "2025-12-03", ""); strings.Contains(got, "fetched") {
		t.Errorf("published and retrieved: %q", got)
	}
}
