package index

import (
	"context"
	"testing"
)

// Acronyms meet their expansions both ways: those a document spells out (a name of three
// capitalised words stands for its initials), those it defines in brackets, and the common ones of
// news English (PM, G8).
func TestAcronymsMeetTheirExpansions(t *testing.T) {
	l, bodies := smallLive(t,
		testDoc{id: "plant", published: "2025-11-20", body: "The Zaporizhzhia Nuclear Power Plant would be restarted under IAEA supervision, with its electricity split between the two countries.\n\n" +
			"Farmers in the south said the reservoir has not been refilled since the dam was destroyed.\n"},
		testDoc{id: "leaders", published: "2025-11-21", body: "The British prime minister said the coalition of the willing would meet again on Tuesday.\n\n" +
			"Russia would be invited back into the G8 once sanctions were lifted.\n\n" +
			"Markets in Moscow rose sharply after the draft was published.\n"},
		testDoc{id: "monitors", published: "2025-11-22", body: "A Special Monitoring Mission (SMM) would watch the line of contact from the first day.\n\n" +
			"The SMM would report every week to both governments and publish its findings.\n\n" +
			"Prisoners would be exchanged on an all-for-all basis within a hundred days.\n"},
		testDoc{id: "summit", published: "2025-11-23", body: "Canada's PM told parliament the Group of Eight should not be revived while the war goes on.\n\n" +
			"The summit communique avoided any mention of territorial concessions.\n"},
	)
	// control is the question with the acronym (or its expansion) replaced by a word no document
	// has: the match through the acronym must add confidence over it
	for _, tc := range []struct{ q, control, want string }{
		{"what happens to the ZNPP?", "what happens to the qwzx?", "Zaporizhzhia Nuclear Power Plant would be restarted"},
		{"who runs the znpp after the deal", "who runs the qwzx after the deal", "Zaporizhzhia Nuclear Power Plant would be restarted"},
		{"what did the british PM say?", "what did the british qwzx say?", "British prime minister said"},
		{"what did Canada's prime minister tell parliament?", "what did Canada's qwzx tell parliament?", "Canada's PM told parliament"},
		{"would russia rejoin the group of eight?", "would russia rejoin the qwzx?", "back into the G8"},
		{"does canada want the G8 revived?", "does canada want the qwzx revived?", "Group of Eight should not be revived"},
		{"does the special monitoring mission publish its findings?", "does the qwzx publish its findings?", "SMM would report every week"},
	} {
		a, ok := expectFirst(t, l, bodies, tc.q, tc.want)
		if !ok {
			continue
		}
		c, err := l.Answer(context.Background(), tc.control, Options{})
		if err != nil {
			t.Fatal(err)
		}
		// (an absolute floor as well: 0.45, since a word of the question no document has, "runs"
		// or "rejoin" in this small corpus, rightly costs confidence of its own)
		if a.Confidence < c.Confidence+0.15 || a.Confidence < 0.45 {
			t.Errorf("%q: confidence %.2f, without the acronym %.2f: the acronym did not count", tc.q, a.Confidence, c.Confidence)
		}
	}
}

// An acronym that no document spells out or defines is a name the sources do not mention.
func TestUnknownAcronymIsRefused(t *testing.T) {
	l, bodies := smallLive(t,
		testDoc{id: "plant", published: "2025-11-20", body: "The Zaporizhzhia Nuclear Power Plant would be restarted under international supervision.\n"},
	)
	a := askChecked(t, l, bodies, "what does the plan say about the ZXQW?", 1)
	if a.Answered {
		t.Errorf("unknown acronym answered with %q", firstExcerpt(a))
	}
}
