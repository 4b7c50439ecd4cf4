package index

import (
	"context"
	"strings"
	"testing"
)

// Issue 7, item 1: three kinds of reply. These run on the embedded corpus.

// A question that names someone or something no document mentions is refused outright, however
// well its other words match.
func TestUnknownNameIsRefused(t *testing.T) {
	l, _ := defaultLive(t)
	for _, q := range []string{
		"What did the Pope say about the plan?",
		"what did Macron say about the peace plan",
		"Did Erdogan offer to host the talks on the plan?",
		"What does Xi Jinping think of the 28-point plan?",
		"What did Merz say about the plan?",
	} {
		a, err := l.Answer(context.Background(), q, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if a.Answered || a.Reason != ReasonNotCovered {
			t.Errorf("%q: answered=%v reason=%q first %q; want refused as not covered", q, a.Answered, a.Reason, firstExcerpt(a))
		}
	}
}

// bug: an unknown name the vector table lacks is typo-corrected into a corpus word two edits away
// ("Starmer" → "starter", from "non-starter") and the question is answered confidently with a
// sentence about neither, instead of refused as a name no document mentions.
func TestUnknownNameIsNotTypoCorrectedIntoAWord(t *testing.T) {

	l, _ := defaultLive(t)
	for _, q := range []string{"What did Starmer say?", "did Starmer back the plan"} {
		a, err := l.Answer(context.Background(), q, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if a.Confident {
			t.Errorf("%q: confident (%.2f) with %q", q, a.Confidence, firstExcerpt(a))
		}
	}
}

// A question off the topic is never answered confidently: refused, or at most the closest
// excerpts shown as such — even when it shares a place or a year with the sources.
func TestOffTopicIsNotConfident(t *testing.T) {
	l, _ := defaultLive(t)
	for _, q := range []string{
		"What is the capital of Australia?",
		"how do i bake sourdough bread",
		"whats the weather like in kyiv today",
		"is bitcoin a good investment right now",
		"how much does a tesla cost",
		"what did the plan say about taiwan",
	} {
		a, err := l.Answer(context.Background(), q, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if a.Confident {
			t.Errorf("%q: confident (%.2f) with %q", q, a.Confidence, firstExcerpt(a))
		}
		if a.Confident && !a.Answered {
			t.Errorf("%q: confident but not answered", q)
		}
	}
}

// An off-topic question that shares a year and one common word with a sentence is not answered
// confidently: "who won the world cup in 2022" once was (0.62 at 1f5170a, when the threshold was
// 0.6) with a sentence that shares only "world" and the year, though "cup", the question's rarest
// content word, is in no document. Two things hold it now, each enough alone: its confidence (0.54,
// as "cup" weighs double; 0.60 without that) is under confidentAt, and the sentence names no one
// for a "who" question (holdsKind).
func TestYearAndCommonWordAreNotConfident(t *testing.T) {
	l, _ := defaultLive(t)
	a, err := l.Answer(context.Background(), "who won the world cup in 2022", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Confident {
		t.Errorf("confident (%.2f) with %q", a.Confidence, firstExcerpt(a))
	}
}

// Paraphrased questions the sources answer are answered confidently, with the right sentence first.
func TestParaphraseIsAnsweredConfidently(t *testing.T) {
	l, _, bodies := defaultBodies(t)
	for _, tc := range []struct{ q, want string }{
		{"will ukraine be allowed to join nato?", "would not join NATO"},
		{"does russia get back into the g8?", "rejoining the G8"},
		{"what happens to the nuclear plant", "Nuclear Power Plant would be launched"},
		{"who handed zelenskyy the draft", "handed “a draft plan”"},
		{"army of 600 thousand, is that right?", "600,000"},
	} {
		a, err := l.Answer(context.Background(), tc.q, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !a.Answered || !a.Confident {
			t.Errorf("%q: answered=%v confident=%v (%.2f), want a confident answer", tc.q, a.Answered, a.Confident, a.Confidence)
			continue
		}
		if a.Reason != "" {
			t.Errorf("%q: answered with reason %q", tc.q, a.Reason)
		}
		for _, ex := range a.Excerpts {
			checkExcerpt(t, bodies, ex)
		}
		if got := firstExcerpt(a); !strings.Contains(got, tc.want) {
			t.Errorf("%q: first excerpt %q, want the sentence with %q", tc.q, got, tc.want)
		}
	}
}

// A tentative answer is answered but not confident, and its confidence lies between the refusal
// and the confidence thresholds; a confident one at or above the latter.
func TestReplyKindsFollowConfidence(t *testing.T) {
	l, _ := defaultLive(t)
	kinds := map[string]int{}
	for _, q := range []string{
		"is bitcoin a good investment right now", "how much does a tesla cost",
		"will ukraine be allowed to join nato?", "What is the capital of Australia?", "What did the Pope say about the plan?",
	} {
		a, err := l.Answer(context.Background(), q, Options{})
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case a.Confident:
			kinds["confident"]++
			if !a.Answered || a.Confidence < confidentAt {
				t.Errorf("%q: confident with answered=%v confidence %.2f", q, a.Answered, a.Confidence)
			}
		case a.Answered:
			kinds["tentative"]++
			if a.Confidence < refuseBelow || a.Confidence >= confidentAt || len(a.Excerpts) == 0 {
				t.Errorf("%q: tentative with confidence %.2f and %d excerpts", q, a.Confidence, len(a.Excerpts))
			}
		default:
			kinds["refused"]++
			if len(a.Excerpts) != 0 || a.Reason == "" {
				t.Errorf("%q: refused with %d excerpts, reason %q", q, len(a.Excerpts), a.Reason)
			}
		}
	}
	for _, k := range []string{"confident", "tentative", "refused"} {
		if kinds[k] == 0 {
			t.Errorf("no %s reply among the questions (%v): the three kinds are not all reachable", k, kinds)
		}
	}
}

// A reply whose first excerpt lacks the kind of fact asked for is tentative, however well its
// words match: "who" wants a name, "how many" a number, "when" a date, "what did X say" a
// statement. With the fact there, the same question is answered confidently.
func TestConfidentOnlyWithTheKindAskedFor(t *testing.T) {
	l, bodies := smallLive(t,
		testDoc{id: "committee", published: "2025-11-20", body: "A humanitarian committee will be established to resolve outstanding issues between the parties.\n\n" +
			"Kirill Dmitriev, an adviser to Vladimir Putin, helped draft the plan with the American envoy.\n"},
		testDoc{id: "council", published: "2025-11-21", body: "The peace council will be chaired by Donald Trump, the draft says.\n\n" +
			"The Kremlin said the plan could form a basis for a settlement, Putin told his security council.\n"},
	)
	for _, tc := range []struct {
		q         string
		confident bool
	}{
		{"who will chair the humanitarian committee?", false},
		{"who will chair the peace council?", true},
		{"what did putin say about the plan?", true},
		{"what did dmitriev say about the plan?", false},
	} {
		a := askChecked(t, l, bodies, tc.q, 1)
		if !a.Answered {
			t.Errorf("%q: refused, want an answer", tc.q)
			continue
		}
		if a.Confident != tc.confident {
			t.Errorf("%q: confident %v (confidence %.2f, first excerpt %q), want %v", tc.q, a.Confident, a.Confidence, firstExcerpt(a), tc.confident)
		}
	}
}
