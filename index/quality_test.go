package index

import (
	"context"
	"testing"
)

// Quality floors. dev.jsonl was tuned on; conversational.jsonl (the tuning half of a set written
// in members' style by someone who never saw the engine) guards the paraphrase and chat cases.
// Both floors sit a few questions under the measured values, so a regression fails the build.
const (
	minDevAnswerAt1            = 0.85
	minConversationalAnswerAt1 = 0.70 // measured 0.76
	minConversationalHeld      = 8    // of 10 out-of-scope questions not answered confidently; measured 10
	maxConversationalRefused   = 2    // answerable questions refused outright; measured 0
)

func evaluateFile(t *testing.T, path string) EvalReport {
	t.Helper()
	l, _ := defaultLive(t)
	r, err := Evaluate(context.Background(), l, questionFile(t, path))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s", r)
	return r
}

func TestDevSetQuality(t *testing.T) {
	r := evaluateFile(t, "../testdata/eval/dev.jsonl")
	if r.AnswerAt1 < minDevAnswerAt1 {
		t.Errorf("answer@1 = %.2f, want ≥ %.2f", r.AnswerAt1, minDevAnswerAt1)
	}
	if r.Held != r.OutOfScope {
		t.Errorf("answered %d of %d out-of-scope questions confidently", r.OutOfScope-r.Held, r.OutOfScope)
	}
}

func TestConversationalQuality(t *testing.T) {
	r := evaluateFile(t, "../testdata/eval/conversational.jsonl")
	if r.AnswerAt1 < minConversationalAnswerAt1 {
		t.Errorf("answer@1 = %.2f, want ≥ %.2f", r.AnswerAt1, minConversationalAnswerAt1)
	}
	if r.Held < minConversationalHeld {
		t.Errorf("held back %d of %d out-of-scope questions, want ≥ %d", r.Held, r.OutOfScope, minConversationalHeld)
	}
	if r.FalseRefused > maxConversationalRefused {
		t.Errorf("refused %d answerable questions, want ≤ %d", r.FalseRefused, maxConversationalRefused)
	}
}
