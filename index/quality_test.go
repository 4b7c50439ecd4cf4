package index

import (
	"context"
	"testing"
)

// Quality floors. dev.jsonl was tuned on; conversational.jsonl and conversational3.jsonl (the
// tuning halves of two sets written in members' style by people who never saw the engine) guard
// the paraphrase and chat cases. The floors sit a few questions under the measured values, so a
// regression fails the build.
const minDevAnswerAt1 = 0.85

var conversationalFloors = []struct {
	file         string
	minAnswerAt1 float64
	minHeld      int // of 10 out-of-scope questions not answered confidently
	maxRefused   int // answerable questions refused outright
}{
	{"../testdata/eval/conversational.jsonl", 0.75, 8, 2},  // measured 0.80, 10, 0
	{"../testdata/eval/conversational3.jsonl", 0.52, 8, 2}, // measured 0.60, 9, 0
	// a fourth blind set (20 out of scope), scored once when the engine was done: a floor since
	{"../testdata/eval/conversational4.jsonl", 0.62, 14, 2}, // measured 0.72, 16, 1
	// the tuning half of a fifth blind set, written after that (its other half is
	// conversational5-heldout.jsonl)
	{"../testdata/eval/conversational5.jsonl", 0.53, 7, 2}, // measured 0.59, 9, 0
}

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
	for _, f := range conversationalFloors {
		r := evaluateFile(t, f.file)
		if r.AnswerAt1 < f.minAnswerAt1 {
			t.Errorf("%s: answer@1 = %.2f, want ≥ %.2f", f.file, r.AnswerAt1, f.minAnswerAt1)
		}
		if r.Held < f.minHeld {
			t.Errorf("%s: held back %d of %d out-of-scope questions, want ≥ %d", f.file, r.Held, r.OutOfScope, f.minHeld)
		}
		if r.FalseRefused > f.maxRefused {
			t.Errorf("%s: refused %d answerable questions, want ≤ %d", f.file, r.FalseRefused, f.maxRefused)
		}
	}
}
