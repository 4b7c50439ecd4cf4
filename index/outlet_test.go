package index

import (
	"context"
	"fmt"
	"testing"
)

// A question that names where something was published — "according to the harbour ledger", "what
// did vera9 say" — is answered from what that outlet published, also when no text names the
// outlet; what those documents do not say stays unanswered; and a common word of an outlet's
// name ("moscow", "time") names nothing.
func TestAQuestionThatNamesAnOutletIsAnsweredFromIt(t *testing.T) {
	var docs []testDoc
	for _, d := range [][3]string{ // id, outlet, body
		{"ledger-draft", "Harbour Ledger", "The Kremlin welcomed the draft as a basis for talks, officials said.\n\nThe envoys are due back next week.\n"},
		{"times-draft", "The Moscow Times", "Moscow reacted coolly to the draft peace plan, calling it premature.\n\nThe envoys left without a statement.\n"},
		{"vera-draft", "Vera9 (North River Publications)", "Russia sees the draft as a victory that locks in its gains on the battlefield.\n\nKyiv has not replied.\n"},
		{"rbc-draft", "RBC-Ukraine", "Ukrainian negotiators said the text needs changes before any signing.\n"},
		{"time-draft", "Time", "Reporters visited the front line in October and spoke to soldiers.\n"},
		{"policy-draft", "Foreign Policy", "The magazine argued that the foreign policy of the administration had changed.\n"},
		{"rferl-draft", "Radio Free Europe/Radio Liberty", "Correspondents in Kyiv said the text was still being revised.\n"},
		{"bbc-draft", "BBC", "The broadcaster's reporters said a bbc crew had filmed the talks.\n"},
	} {
		docs = append(docs, testDoc{id: d[0], published: "2025-11-24", outlet: d[1], body: d[2]})
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
	// capitalised, a word no document has reads as a name the sources never mention, unless it
	// names an outlet (engine.outletDF)
	if a, _ := expectFirst(t, l, bodies, "what does North River Publications say about the draft", "locks in its gains"); !a.Answered {
		t.Errorf("a question naming an outlet only its metadata holds was refused")
	}
	// what the named outlet does not say is no better answered for naming it
	for _, tc := range [][2]string{
		{"according to the harbour ledger who won the world cup", "who won the world cup"},
		{"what did vera9 say about the moon landing", "what did they say about the moon landing"},
	} {
		named, err := l.Answer(context.Background(), tc[0], Options{})
		if err != nil {
			t.Fatal(err)
		}
		plain, err := l.Answer(context.Background(), tc[1], Options{})
		if err != nil {
			t.Fatal(err)
		}
		if named.Confident || named.Confidence > plain.Confidence+0.05 {
			t.Errorf("%q: confidence %.2f, against %.2f without the outlet: %q", tc[0], named.Confidence, plain.Confidence, firstExcerpt(named))
		}
	}
	e := acquired(t, l)
	for _, tc := range []struct {
		q, doc string
		want   bool
	}{
		{"according to the harbour ledger", "ledger-draft", true},
		{"the moscow times piece", "times-draft", true},
		{"vera9 lol", "vera-draft", true},
		{"what did rbc-ukraine report", "rbc-draft", true},
		{"what did rbc ukraine report", "rbc-draft", true},
		{"did moscow welcome the draft", "times-draft", false},         // a word of a longer name
		{"how much time does kyiv have to reply", "time-draft", false}, // a common word for a name
		{"what does us foreign policy mean for kyiv", "policy-draft", false},
		{"what did the bbc say", "bbc-draft", true},                              // an acronym, though the text writes it lower-case
		{"what did radio free europe/radio liberty report", "rferl-draft", true}, // a word it repeats
		{"was moscow at the times square rally", "times-draft", false},           // the words apart
	} {
		pq := e.parseQuestion(tc.q)
		if got := len(namedBy(&pq, tc.doc, nil)) > 0; got != tc.want {
			t.Errorf("%q names the outlet of %s: %v, want %v", tc.q, tc.doc, got, tc.want)
		}
	}
	// a follow-up keeps the outlet its question named
	if q := e.withContext(e.parseQuestion("and did kyiv reply?"), "what did the vera9 piece make of the draft"); !q.namesOutlet() || len(namedBy(&q, "vera-draft", nil)) == 0 {
		t.Errorf("a follow-up lost the outlet the question before it named")
	}
}
