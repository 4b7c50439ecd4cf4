package index

import (
	"context"
	"os"
	"testing"

	"github.com/planbot/planbot/corpus"
)

// minAnswerAt1 is the floor below which answer quality on the dev set fails the build.
const minAnswerAt1 = 0.85

func TestDevSetQuality(t *testing.T) {
	f, err := os.Open("../testdata/eval/dev.jsonl")
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
	if r.AnswerAt1 < minAnswerAt1 {
		t.Errorf("answer@1 = %.2f, want ≥ %.2f", r.AnswerAt1, minAnswerAt1)
	}
	if r.Rejected != r.OutOfScope {
		t.Errorf("refused %d of %d out-of-scope questions", r.Rejected, r.OutOfScope)
	}
}
