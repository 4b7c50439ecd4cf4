package index

import (
	"context"
	"fmt"
	"github.com/planbot/planbot/corpus"
	"os"
	"strings"
	"testing"
)

func TestDbg(t *testing.T) {
	docs, _, _ := corpus.LoadDir(os.Getenv("DBG_CORPUS"))
	l, _ := New(nil, docs, Config{})
	e, rel, _ := l.acquire()
	defer rel()
	for _, qs := range strings.Split(os.Getenv("DBG_Q"), "|") {
		q := e.parseQuestion(cleanQuestion(qs))
		fmt.Println("Q:", qs, "kind", q.kind, "fresh", q.fresh)
		for _, g := range q.groups {
			fmt.Printf("  %s alts=%v w=%.2f seen=%v name=%v vec=%d near=%v\n", g.word, g.alts, g.weight, g.seen, g.name, g.vec, g.near)
		}
		a, _ := l.Answer(context.Background(), qs, Options{N: 5})
		fmt.Printf("  conf=%.2f confident=%v reason=%s\n", a.Confidence, a.Confident, a.Reason)
		for _, x := range a.Excerpts {
			fmt.Printf("   %.2f %s %.120s\n", x.Score, x.DocID, x.Text)
		}
	}
}
