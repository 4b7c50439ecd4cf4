package records

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"
)

// prepare checks r and fills in what Add fills in, for every engine: a trimmed, clipped question
// and the time (now when zero). Errors: an unknown Kind or an empty question.
func prepare(r Record, now func() time.Time) (Record, error) {
	if r.Kind != KindUnanswered && r.Kind != KindDisliked && r.Kind != KindTentative {
		return r, fmt.Errorf("add record: unknown kind %q", r.Kind)
	}
	r.Question = clipRunes(strings.TrimSpace(r.Question), maxQuestionRunes)
	if r.Question == "" {
		return r, errors.New("add record: empty question")
	}
	if r.Time.IsZero() {
		r.Time = now()
	}
	return r, nil
}

// prepareVote checks v and fills in what AddVote fills in, for every engine. Errors: an empty
// answer, voter or question.
func prepareVote(v Vote, now func() time.Time) (Vote, error) {
	v.Question = clipRunes(strings.TrimSpace(v.Question), maxQuestionRunes)
	if v.Answer == "" || v.Voter == "" || v.Question == "" {
		return v, errors.New("add vote: answer, voter and question are required")
	}
	if v.Time.IsZero() {
		v.Time = now()
	}
	return v, nil
}

// grouping builds Top's entries from records fed in time order, for every engine.
type grouping struct {
	groups map[string]*Entry
	order  []*Entry
}

func newGrouping() *grouping { return &grouping{groups: map[string]*Entry{}} }

// add counts one record or vote; the latest wording of a group wins.
func (g *grouping) add(t time.Time, kind Kind, question string, excerptIDs []string) {
	key := string(kind) + "\x00" + Normalize(question)
	e := g.groups[key]
	if e == nil {
		e = &Entry{Kind: kind}
		g.groups[key] = e
		g.order = append(g.order, e)
	}
	e.Count++
	if !t.Before(e.Last) {
		e.Last, e.Question, e.ExcerptIDs = t, question, excerptIDs
	}
}

// top returns the n most frequent entries (all when n ≤ 0), ties broken by the most recent.
func (g *grouping) top(n int) []Entry {
	entries := make([]Entry, len(g.order))
	for i, e := range g.order {
		entries[i] = *e
	}
	slices.SortStableFunc(entries, func(a, b Entry) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return b.Last.Compare(a.Last)
	})
	if n > 0 && len(entries) > n {
		entries = entries[:n]
	}
	return entries
}

// runPruner calls prune every interval (DefaultPruneEvery when ≤ 0) until ctx is done, logging
// errors and what it removed.
func runPruner(ctx context.Context, lg *slog.Logger, every time.Duration, prune func() (int, error)) {
	if every <= 0 {
		every = DefaultPruneEvery
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			n, err := prune()
			if err != nil {
				lg.Error("records prune failed", "err", err)
			} else if n > 0 {
				lg.Info("records pruned", "removed", n)
			}
		}
	}
}
