package index

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/planbot/planbot/corpus"
)

// benchQuestions are the dev questions, read once.
func benchQuestions(b *testing.B) []string {
	f, err := os.Open("../testdata/eval/dev.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	qs, err := ReadQuestions(f)
	if err != nil {
		b.Fatal(err)
	}
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.Q
	}
	return out
}

// reportLatency adds p50 and p99 of the per-answer durations as benchmark metrics.
func reportLatency(b *testing.B, took []time.Duration) {
	if len(took) == 0 {
		return
	}
	sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(took[(len(took)*99)/100].Microseconds())/1000, "p99-ms")
}

// BenchmarkAnswer: one answer on the embedded corpus, cycling through the dev questions.
func BenchmarkAnswer(b *testing.B) {
	l, _ := defaultLive(b)
	qs := benchQuestions(b)
	ctx := context.Background()
	for _, q := range qs { // warm the lazy per-passage analysis, as a serving bot would be
		l.Answer(ctx, q, Options{})
	}
	took := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := l.Answer(ctx, qs[i%len(qs)], Options{}); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	reportLatency(b, took)
}

// BenchmarkColdStart: load the embedded corpus and build the in-memory index, then a first answer.
func BenchmarkColdStart(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		docs, _ := corpus.Default()
		l, err := New(nil, docs, Config{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := l.Answer(context.Background(), "How large could Ukraine's army be?", Options{}); err != nil {
			b.Fatal(err)
		}
		l.Close()
	}
}

// BenchmarkAnswerDuringReload: answer latency while another goroutine reindexes in a loop.
func BenchmarkAnswerDuringReload(b *testing.B) {
	docs := defaultDocs(b)
	l, err := New(nil, docs, Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	qs := benchQuestions(b)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() {
		n := 0
		for ctx.Err() == nil {
			if _, err := l.Reload(context.Background(), docs); err == nil {
				n++
			}
		}
		done <- n
	}()
	took := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		a, err := l.Answer(context.Background(), qs[i%len(qs)], Options{})
		if err != nil || (a.Answered && len(a.Excerpts) == 0) {
			b.Fatalf("%v %+v", err, a)
		}
		took = append(took, time.Since(start))
	}
	b.StopTimer()
	cancel()
	b.ReportMetric(float64(<-done), "reloads")
	reportLatency(b, took)
}

// syntheticDocs makes documents of ten paragraphs each from the real corpus's sentences, shuffled,
// with a few made-up names and numbers so terms vary; passages come out of the real loader.
func syntheticDocs(b *testing.B, passages int) []corpus.Document {
	seed := defaultDocs(b)
	var sents []string
	for _, d := range seed {
		for _, p := range d.Passages {
			for _, s := range p.Sentences {
				sents = append(sents, s.Text)
			}
		}
	}
	rng := rand.New(rand.NewSource(1))
	var docs []corpus.Document
	const perDoc = 10
	for n, total := 0, 0; total < passages; n++ {
		var body strings.Builder
		for p := 0; p < perDoc; p++ {
			for words := 0; words < 85; { // past the passage target, so each paragraph is a passage
				s := sents[rng.Intn(len(sents))]
				if rng.Intn(4) == 0 {
					s = strings.Replace(s, "Ukraine", fmt.Sprintf("Region%d", rng.Intn(5000)), 1)
				}
				body.WriteString(s + " ")
				words += len(strings.Fields(s))
			}
			body.WriteString("\n\n")
		}
		src := fmt.Sprintf("---\nid: synthetic-%06d\ntitle: Synthetic report %d\noutlet: Bench Wire\n---\n%s", n, n, body.String())
		d, err := corpus.Parse(fmt.Sprintf("synthetic-%06d.md", n), []byte(src))
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
		total += len(d.Passages)
	}
	return docs
}

func heapMiB() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapInuse) / (1 << 20)
}

// BenchmarkSynthetic100k builds an in-memory index of 100,000 synthetic passages (once per
// benchmark iteration) and answers the dev questions against it, reporting build time, answer
// latency and the heap in use with the index loaded.
func BenchmarkSynthetic100k(b *testing.B) {
	if testing.Short() {
		b.Skip("large synthetic corpus")
	}
	docs := syntheticDocs(b, 100_000)
	passages := 0
	for _, d := range docs {
		passages += len(d.Passages)
	}
	qs := benchQuestions(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		l, err := New(nil, docs, Config{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(start).Seconds(), "build-s")
		b.ReportMetric(heapMiB(), "heap-MiB")
		var took []time.Duration
		for r := 0; r < 3; r++ {
			for _, q := range qs {
				t0 := time.Now()
				if _, err := l.Answer(context.Background(), q, Options{}); err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(t0))
			}
		}
		reportLatency(b, took)
		l.Close()
	}
	b.ReportMetric(float64(passages), "passages")
}
