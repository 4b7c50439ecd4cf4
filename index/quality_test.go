package index

import (
	"context"
	"os"
	"testing"

	"github.com/planbot/planbot/corpus"
)

// Quality floors. dev.jsonl was tuned on; conversational.jsonl (the tuning half of a set written
// in members' style by someone who never saw the engine) guards the paraphrase and chat cases.
// Both floors sit a few questions under the measured values, so a regression fails the build.
const (
	minDevAnswerAt1            = 0.85
	minConversationalAnswerAt1 = 0.70 // measured 0.78
	minConversationalHeld      = 8    // of 10 out-of-scope questions not answered confidently; measured 9
	maxConversationalRefused   = 2    // answerable questions refused outright; measured 0
)

func evaluateFile(t *testing.T, path string) EvalReport {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qs, err := ReadQuestions(f)
	if err != nil {
		t.Fatal(err)
	}
	docs, problems := corpus.Default()
	if len(problems) > 0 {
		t.Fatalf("default corpus problems: %v", problems)
	}
	l, err := New(nil, docs, Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	r, err := Evaluate(context.Background(), l, qs)
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
