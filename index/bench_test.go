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

	"github.com/blevesearch/bleve/v2"
	"github.com/planbot/planbot/corpus"
	"github.com/planbot/planbot/index/internal/glove"
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

// reportCPU adds the CPU time per operation since start (from processCPU) as cpu-ms/op.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(processCPU()-start)/float64(b.N)/1e6, "cpu-ms/op")
}

// BenchmarkAnswer: one answer on the embedded corpus, cycling through the dev questions. Besides
// wall-clock p50/p99 it reports cpu-p50-ms, the median CPU time of the answering thread, which a
// busy shared machine inflates far less than wall time.
func BenchmarkAnswer(b *testing.B) {
	l, _ := defaultLive(b)
	qs := benchQuestions(b)
	ctx := context.Background()
	for _, q := range qs { // warm the lazy per-passage analysis, as a serving bot would be
		l.Answer(ctx, q, Options{})
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	took := make([]time.Duration, 0, b.N)
	cpuTook := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPU()
	for i := 0; i < b.N; i++ {
		start, startCPU := time.Now(), threadCPU()
		if _, err := l.Answer(ctx, qs[i%len(qs)], Options{}); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
		cpuTook = append(cpuTook, threadCPU()-startCPU)
	}
	reportCPU(b, cpu)
	reportLatency(b, took)
	b.ReportMetric(median(cpuTook).Seconds()*1000, "cpu-p50-ms")
}

// median sorts d and returns its middle element (0 for none).
func median(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[len(d)/2]
}

// bareMatch is the baseline the answer engine is compared with: a plain bleve match query of the
// question on the passage text (the field's analyzer, default OR of its terms, BM25), top 10, no
// re-ranking, no excerpts.
func bareMatch(b *testing.B, l *Live, q string) {
	e, release, err := l.acquire()
	if err != nil {
		b.Fatal(err)
	}
	defer release()
	mq := bleve.NewMatchQuery(q)
	mq.SetField(fieldText)
	if _, err := e.idx.Search(bleve.NewSearchRequestOptions(mq, 10, 0, false)); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkBleveMatch: the bare bleve match query on the same questions over the same index as
// BenchmarkAnswer.
func BenchmarkBleveMatch(b *testing.B) {
	l, _ := defaultLive(b)
	qs := benchQuestions(b)
	for _, q := range qs {
		bareMatch(b, l, q)
	}
	took := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPU()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		bareMatch(b, l, qs[i%len(qs)])
		took = append(took, time.Since(start))
	}
	reportCPU(b, cpu)
	reportLatency(b, took)
}

// BenchmarkAnswerVsBleve interleaves one answer and one bare bleve match query of the same question
// in every iteration, so both see the same machine load, and reports each one's wall-clock and
// thread-CPU median and the ratios answer/bare: ratio-p50 of the wall medians, cpu-ratio-p50 of the
// CPU medians, ratio-mean of the total times.
func BenchmarkAnswerVsBleve(b *testing.B) {
	l, _ := defaultLive(b)
	qs := benchQuestions(b)
	ctx := context.Background()
	for _, q := range qs {
		l.Answer(ctx, q, Options{})
		bareMatch(b, l, q)
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var answer, bare, answerCPU, bareCPU []time.Duration
	var sumAnswer, sumBare time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q := qs[i%len(qs)]
		t0, c0 := time.Now(), threadCPU()
		if _, err := l.Answer(ctx, q, Options{}); err != nil {
			b.Fatal(err)
		}
		t1, c1 := time.Now(), threadCPU()
		bareMatch(b, l, q)
		t2, c2 := time.Now(), threadCPU()
		answer, answerCPU = append(answer, t1.Sub(t0)), append(answerCPU, c1-c0)
		bare, bareCPU = append(bare, t2.Sub(t1)), append(bareCPU, c2-c1)
		sumAnswer += t1.Sub(t0)
		sumBare += t2.Sub(t1)
	}
	b.StopTimer()
	ms := func(d time.Duration) float64 { return d.Seconds() * 1000 }
	a, r, ac, rc := median(answer), median(bare), median(answerCPU), median(bareCPU)
	b.ReportMetric(ms(a), "answer-p50-ms")
	b.ReportMetric(ms(r), "bare-p50-ms")
	b.ReportMetric(ms(ac), "answer-cpu-p50-ms")
	b.ReportMetric(ms(rc), "bare-cpu-p50-ms")
	b.ReportMetric(float64(a)/float64(r), "ratio-p50")
	b.ReportMetric(float64(ac)/float64(rc), "cpu-ratio-p50")
	b.ReportMetric(float64(sumAnswer)/float64(sumBare), "ratio-mean")
}

// BenchmarkVectorLoad: parse the embedded word-vector table, which a process pays once at start.
func BenchmarkVectorLoad(b *testing.B) {
	b.ReportAllocs()
	defer reportCPU(b, processCPU())
	for i := 0; i < b.N; i++ {
		if glove.Parse().Len() == 0 {
			b.Fatal("empty table")
		}
	}
}

// BenchmarkColdStart: what a fresh process pays before its first answer: parse the word-vector
// table (glove.Load caches it per process, so each iteration parses a fresh copy to count it),
// load the embedded corpus, build the in-memory index, answer once.
func BenchmarkColdStart(b *testing.B) {
	b.ReportAllocs()
	defer reportCPU(b, processCPU())
	for i := 0; i < b.N; i++ {
		if glove.Parse().Len() == 0 {
			b.Fatal("empty table")
		}
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
// benchmark iteration) and answers the dev questions against it, reporting build time (wall and
// process CPU), the first answer (which builds the generation's lazy tables), answer latency
// (wall p50/p99, thread-CPU p50) and the heap in use with the index loaded.
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
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start, startCPU := time.Now(), processCPU()
		l, err := New(nil, docs, Config{})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(start).Seconds(), "build-s")
		b.ReportMetric((processCPU() - startCPU).Seconds(), "build-cpu-s")
		b.ReportMetric(heapMiB(), "heap-MiB")
		var took, cpuTook []time.Duration
		for r := 0; r < 3; r++ {
			for k, q := range qs {
				t0, c0 := time.Now(), threadCPU()
				if _, err := l.Answer(context.Background(), q, Options{}); err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(t0))
				cpuTook = append(cpuTook, threadCPU()-c0)
				if r == 0 && k == 0 {
					// the first answer of a generation also builds its lazy per-corpus tables
					b.ReportMetric(took[0].Seconds(), "first-answer-s")
				}
			}
		}
		b.ReportMetric(median(cpuTook).Seconds()*1000, "cpu-p50-ms")
		reportLatency(b, took)
		l.Close()
	}
	b.ReportMetric(float64(passages), "passages")
}

// BenchmarkSentenceFeatures tags every sentence of the embedded corpus as an index generation
// does (engine.features): us/sentence is the cost per sentence, which the 100k build multiplies.
func BenchmarkSentenceFeatures(b *testing.B) {
	l, docs := defaultLive(b)
	e := acquired(b, l)
	var texts []string
	for _, d := range docs {
		for _, p := range d.Passages {
			for _, s := range p.Sentences {
				texts = append(texts, s.Text)
			}
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			e.features(t)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(texts)), "us/sentence")
}
