package index

import (
	"fmt"
	"strings"
	"testing"
)

// A question that names where something was published — "according to the harbour ledger", "what
// did vera9 say" — is answered from what that outlet published, also when no text names the
// outlet; the outlet's common words alone ("moscow") name nothing.
func TestAQuestionThatNamesAnOutletIsAnsweredFromIt(t *testing.T) {
	docs := []testDoc{
		{id: "ledger-draft", published: "2025-11-24", outlet: "Harbour Ledger",
			body: "The Kremlin welcomed the draft as a basis for talks, officials said.\n\nThe envoys are due back next week.\n"},
		{id: "times-draft", published: "2025-11-24", outlet: "The Moscow Times",
			body: "Moscow reacted coolly to the draft peace plan, calling it premature.\n\nThe envoys left without a statement.\n"},
		{id: "vera-draft", published: "2025-11-24", outlet: "Vera9 (North River Publications)",
			body: "Russia sees the draft as a victory that locks in its gains on the battlefield.\n\nKyiv has not replied.\n"},
	}
	for i, topic := range []string{"grain exports through the Black Sea", "the energy grid after the winter strikes",
		"prisoner exchanges brokered by the Gulf states", "sanctions on Russian oil", "reconstruction funds for Kharkiv"} {
		docs = append(docs, testDoc{id: fmt.Sprintf("other-%d", i), published: "2025-11-10", outlet: "Wire Three",
			body: fmt.Sprintf("Officials discussed %s at length, according to people familiar with the talks.\n", topic)})
	}
	l, bodies := smallLive(t, docs...)
	// the Moscow Times sentence matches "moscow react draft" word for word
	expectFirst(t, l, bodies, "how did moscow react to the draft according to the harbour ledger", "welcomed the draft")
	expectFirst(t, l, bodies, "what did the vera9 piece make of the draft", "locks in its gains")
	a, _ := expectFirst(t, l, bodies, "what does north river publications say about the draft", "locks in its gains")
	if !a.Answered {
		t.Errorf("a question naming an outlet only its metadata holds was refused")
	}
	// "moscow" alone is the city, not the outlet: the sentence that answers comes first
	expectFirst(t, l, bodies, "did moscow welcome the draft as a basis for talks", "welcomed the draft")
	for _, q := range []string{"according to the harbour ledger", "the moscow times piece", "vera9 lol"} {
		if pq := acquired(t, l).parseQuestion(q); !strings.Contains(fmt.Sprint(pq.groups), "-draft") {
			t.Errorf("%q: no word marked as naming an outlet: %+v", q, pq.groups)
		}
	}
}
