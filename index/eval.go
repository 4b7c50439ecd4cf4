package index

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// EvalQuestion is one line of an evaluation file: a question and the strings a good first excerpt
// contains. An empty Gold marks a question the corpus cannot answer.
type EvalQuestion struct {
	ID   string   `json:"id"`
	Q    string   `json:"q"`
	Gold []string `json:"gold"`
}

// EvalReport holds the same metrics as shared/eval/score.py.
type EvalReport struct {
	Positives, Correct1, Correct3 int
	AnswerAt1, HitAt3             float64
	OutOfScope, Rejected          int // out-of-scope questions, and those refused outright
	Held                          int // out-of-scope questions not answered confidently (refused or tentative)
	FalseRefused                  int // answerable questions refused outright
	MedianFirstLen                int
	P50, P99                      time.Duration
	Misses                        []string
}

// ReadQuestions reads an evaluation file, one JSON object a line; blank lines are skipped. The error
// names the line that does not parse.
func ReadQuestions(r io.Reader) ([]EvalQuestion, error) {
	var out []EvalQuestion
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var q EvalQuestion
		if err := json.Unmarshal([]byte(line), &q); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if q.ID == "" {
			q.ID = q.Q
		}
		out = append(out, q)
	}
	return out, sc.Err()
}

// normaliseGold folds case, white space and curly quotes as score.py does.
var goldReplacer = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201c", `"`, "\u201d", `"`, "\u2011", "-")

func normaliseGold(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(goldReplacer.Replace(s)), " "))
}

// Evaluate answers every question and scores the answers. It stops early when ctx is done.
func Evaluate(ctx context.Context, l *Live, qs []EvalQuestion) (EvalReport, error) {
	var r EvalReport
	var lens []int
	var took []time.Duration
	for _, q := range qs {
		start := time.Now()
		a, err := l.Answer(ctx, q.Q, Options{})
		if err != nil {
			return r, fmt.Errorf("answer %s: %w", q.ID, err)
		}
		took = append(took, time.Since(start))
		var ex []string
		if a.Answered {
			for _, e := range a.Excerpts {
				ex = append(ex, normaliseGold(e.Text))
			}
		}
		if len(q.Gold) == 0 {
			r.OutOfScope++
			if !a.Answered {
				r.Rejected++
			}
			if a.Answered && a.Confident {
				r.Misses = append(r.Misses, q.ID+"(answered)")
			} else {
				r.Held++
			}
			continue
		}
		r.Positives++
		if !a.Answered {
			r.FalseRefused++
		}
		if len(ex) > 0 {
			lens = append(lens, len(ex[0]))
		}
		hit := func(e string) bool {
			for _, g := range q.Gold {
				if strings.Contains(e, normaliseGold(g)) {
					return true
				}
			}
			return false
		}
		if len(ex) > 0 && hit(ex[0]) {
			r.Correct1++
		} else {
			r.Misses = append(r.Misses, q.ID)
		}
		for i := 0; i < len(ex) && i < 3; i++ {
			if hit(ex[i]) {
				r.Correct3++
				break
			}
		}
	}
	if r.Positives > 0 {
		r.AnswerAt1 = float64(r.Correct1) / float64(r.Positives)
		r.HitAt3 = float64(r.Correct3) / float64(r.Positives)
	}
	if len(lens) > 0 {
		sort.Ints(lens)
		r.MedianFirstLen = lens[len(lens)/2]
	}
	if len(took) > 0 {
		sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
		r.P50 = took[len(took)/2]
		r.P99 = took[min(len(took)-1, (len(took)*99)/100)]
	}
	return r, nil
}

// String renders the report in score.py's words.
func (r EvalReport) String() string {
	return fmt.Sprintf("answer@1 %d/%d = %.2f  hit@3 %d/%d = %.2f  false-refused %d  oos-held %d/%d  oos-refused %d/%d  median top excerpt %d chars  latency p50 %s p99 %s\nmisses: %s",
		r.Correct1, r.Positives, r.AnswerAt1, r.Correct3, r.Positives, r.HitAt3, r.FalseRefused, r.Held, r.OutOfScope, r.Rejected, r.OutOfScope,
		r.MedianFirstLen, r.P50.Round(time.Microsecond), r.P99.Round(time.Microsecond), strings.Join(r.Misses, " "))
}
