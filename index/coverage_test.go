package index

import (
	"strings"
	"testing"
)

// coverageCorpus: four sentences that hold a question's common words (the peace plan for
// Ukraine) and one that holds what it asks about (an amnesty) and little else.
func coverageCorpus(t *testing.T) (*Live, map[string]string) {
	return smallLive(t,
		testDoc{id: "a-draft", published: "2025-11-20", outlet: "Wire One", body: "The peace plan for Ukraine was drafted by envoys in Miami last month.\n\n" +
			"Officials in Kyiv said on Monday that the peace plan for Ukraine still needs a great deal more work before any signing.\n\n" +
			"All sides would be granted a full amnesty for acts committed during the war.\n"},
		testDoc{id: "b-talks", published: "2025-11-21", outlet: "Wire Two", body: "Diplomats discussed the peace plan for Ukraine in Geneva on Sunday.\n\n" +
			"The peace plan for Ukraine has 28 points, a European diplomat said.\n"},
	)
}

// Issue 7: when the first excerpt matches only the question's common words, the next ones are
// chosen for what it lacks, so the sentence about the thing asked is among the three shown,
// though sentences that repeat the common words rank above it (they did, before coverage).
func TestLaterExcerptsCoverWhatTheFirstLacks(t *testing.T) {
	l, bodies := coverageCorpus(t)
	for _, q := range []string{
		"is there an amnesty in the peace plan for ukraine",
		"does the ukraine peace plan forgive what soldiers did in the war",
	} {
		a := askChecked(t, l, bodies, q, 3)
		shown := false
		for _, x := range a.Excerpts {
			shown = shown || strings.Contains(x.Text, "amnesty")
		}
		if !shown {
			t.Errorf("%q: no excerpt of %d shows the amnesty sentence; first %q", q, len(a.Excerpts), firstExcerpt(a))
		}
	}
}

// The sentence a short first excerpt takes along matches what that excerpt's own sentence lacks;
// it is shown in the first excerpt, and never again as an excerpt of its own.
func TestNoSentenceIsShownTwice(t *testing.T) {
	l, bodies := smallLive(t,
		testDoc{id: "a-draft", published: "2025-11-20", outlet: "Wire One", body: "The peace plan for Ukraine includes an amnesty.\n" +
			"Soldiers and officials on every side would be covered, the draft says.\n\n" +
			"Officials in Kyiv said on Monday that the peace plan for Ukraine still needs a great deal more work before any signing.\n"},
		testDoc{id: "b-talks", published: "2025-11-21", outlet: "Wire Two", body: "Diplomats discussed the peace plan for Ukraine in Geneva on Sunday.\n\n" +
			"The peace plan for Ukraine has 28 points, a European diplomat said.\n\n" +
			"Envoys will meet again to discuss the peace plan for Ukraine next week.\n"},
		testDoc{id: "c-more", published: "2025-11-22", outlet: "Wire Three", body: "An amnesty is part of the Ukraine peace plan, officials in Paris said on Tuesday.\n\n" +
			"Critics of the Ukraine peace plan said the amnesty went too far.\n\n" +
			"The amnesty in the peace plan drew protests in Lviv.\n"},
	)
	for _, q := range []string{"is there an amnesty for soldiers in the peace plan for ukraine", "who would the amnesty cover"} {
		noLineTwice(t, q, askChecked(t, l, bodies, q, 5))
	}
}

// noLineTwice fails when two excerpts of a show the same line (the corpora of these tests have a
// sentence a line).
func noLineTwice(t *testing.T, q string, a Answer) {
	t.Helper()
	seen := map[string]int{}
	for i, x := range a.Excerpts {
		for _, line := range strings.Split(x.Text, "\n") {
			if line = strings.TrimSpace(line); line == "" {
				continue
			}
			if j, ok := seen[line]; ok {
				t.Errorf("%q: excerpts %d and %d both show %q", q, j, i, line)
			}
			seen[line] = i
		}
	}
}

// A sentence another document holds word for word is shown once, though the excerpt that shows it
// first took it along as a neighbour rather than as its own sentence (a reviewer's case).
func TestASyndicatedSentenceIsShownOnce(t *testing.T) {
	story := "Costa spoke to reporters after the informal summit of EU leaders on peace in Ukraine, held in Luanda, Angola, on Monday.\n" +
		"There is a new momentum in the peace negotiations, and the European Union is ready to support it at every step.\n"
	l, bodies := smallLive(t,
		testDoc{id: "a-wire", published: "2025-11-24", outlet: "Wire One", body: story},
		testDoc{id: "b-copy", published: "2025-11-24", outlet: "Wire Two", body: story},
		testDoc{id: "c-other", published: "2025-11-21", outlet: "Wire Three", body: "EU leaders will meet again in Brussels in December to discuss the budget.\n"},
	)
	for _, q := range []string{"what did costa take away from the luanda summit", "what did costa say about momentum in the peace negotiations"} {
		noLineTwice(t, q, askChecked(t, l, bodies, q, 3))
	}
}
