package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/planbot/planbot/index"
)

var evalCommand = command{
	name:    "eval",
	summary: "score the answers to a question file (answer@1, hit@3, refusals, latency)",
	usage: `Usage: planbot eval FILE.jsonl [--corpus DIR] [--index DIR]

Answers every question of FILE.jsonl (one {"id", "q", "gold"} object a line) and prints
answer@1, hit@3, how many out-of-scope questions were refused, the median length of the first
excerpt, latency (p50, p99) and the ids of the questions missed.

Flags:
  --corpus DIR  use the documents in DIR instead of the built-in corpus (default $CORPUS_DIR)
  --index DIR   build or reopen an on-disk index in DIR (default $INDEX_DIR; in memory when empty)

Example:
  planbot eval testdata/eval/dev.jsonl
`,
	run: runEval,
}

func runEval(ctx context.Context, c *cli, args []string) error {
	fs := newFlagSet("eval")
	var src sourceFlags
	src.register(fs, c.getenv)
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(rest) == 0:
		return usagef("name the question file, e.g. planbot eval testdata/eval/dev.jsonl")
	case len(rest) > 1:
		return usagef("one question file at a time, got %d", len(rest))
	}
	f, err := os.Open(rest[0])
	if err != nil {
		return fmt.Errorf("open questions: %w", err)
	}
	defer f.Close()
	qs, err := index.ReadQuestions(f)
	if err != nil {
		return fmt.Errorf("read questions from %s: %w", rest[0], err)
	}
	if len(qs) == 0 {
		return fmt.Errorf("%s holds no questions", rest[0])
	}

	engine, err := c.queryEngine(src)
	if err != nil {
		return err
	}
	defer engine.Close()
	r, err := index.Evaluate(ctx, engine, qs)
	if err != nil {
		return fmt.Errorf("evaluate: %w", err)
	}
	writeReport(c.stdout, r)
	return nil
}

func writeReport(w io.Writer, r index.EvalReport) {
	misses := strings.Join(r.Misses, " ")
	if misses == "" {
		misses = "none"
	}
	fmt.Fprintf(w, "answer@1             %.2f  (%d/%d)\n", r.AnswerAt1, r.Correct1, r.Positives)
	fmt.Fprintf(w, "hit@3                %.2f  (%d/%d)\n", r.HitAt3, r.Correct3, r.Positives)
	fmt.Fprintf(w, "answerable refused %d/%d\n", r.FalseRefused, r.Positives)
	fmt.Fprintf(w, "out-of-scope held (refused or tentative) %d/%d, refused %d/%d\n", r.Held, r.OutOfScope, r.Rejected, r.OutOfScope)
	fmt.Fprintf(w, "median first excerpt %d chars\n", r.MedianFirstLen)
	fmt.Fprintf(w, "latency              p50 %s  p99 %s\n", roundDuration(r.P50), roundDuration(r.P99))
	fmt.Fprintf(w, "misses               %s\n", misses)
}

// roundDuration keeps three significant figures or so: 1.23ms, 45.6µs.
func roundDuration(d time.Duration) time.Duration {
	switch {
	case d >= time.Second:
		return d.Round(10 * time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(10 * time.Microsecond)
	case d >= time.Microsecond:
		return d.Round(10 * time.Nanosecond)
	}
	return d
}
