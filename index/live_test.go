package index

import (
	"context"
	"errors"
	bleveapi "github.com/blevesearch/bleve_index_api"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/planbot/planbot/corpus"
)

func defaultDocs(t testing.TB) []corpus.Document {
	t.Helper()
	docs, problems := corpus.Default()
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	return docs
}

// extraDoc is a small added article, parsed like any other file.
func extraDoc(t testing.TB, id, body string) corpus.Document {
	t.Helper()
	d, err := corpus.Parse(id+".md", []byte("---\nid: "+id+"\ntitle: Added article "+id+"\noutlet: Test Wire\n---\n"+body))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

const addedBody = "The Geneva delegation agreed on a nineteen-point revision of the framework after four days of talks. " +
	"Negotiators said the revision drops the clause on amnesty for war crimes, which European diplomats had called unacceptable. " +
	"A follow-up meeting in Abu Dhabi is planned before the end of the month, officials told reporters on Sunday.\n"

func TestReloadDuringAnswers(t *testing.T) {
	docs := defaultDocs(t)
	l, err := New(nil, docs, Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	added := append(append([]corpus.Document(nil), docs...), extraDoc(t, "geneva-revision", addedBody))
	ctx, cancel := context.WithCancel(context.Background())
	var answers, failures atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				a, err := l.Answer(context.Background(), "How large could Ukraine's army be under the plan?", Options{})
				answers.Add(1)
				if err != nil || !a.Answered || len(a.Excerpts) == 0 || !strings.Contains(a.Excerpts[0].Text, "600,000") {
					failures.Add(1)
				}
				_ = l.Documents()
				_ = l.Timeline()
			}
		}()
	}
	for i := 0; i < 10; i++ {
		set := docs
		if i%2 == 0 {
			set = added
		}
		if _, err := l.Reload(context.Background(), set); err != nil {
			t.Errorf("reload %d: %v", i, err)
		}
	}
	cancel()
	wg.Wait()
	if failures.Load() > 0 {
		t.Fatalf("%d of %d answers failed or came back empty during reloads", failures.Load(), answers.Load())
	}
	if answers.Load() < 20 {
		t.Fatalf("only %d answers ran during the reloads", answers.Load())
	}
}

func TestReloadDiffAndNewDocumentAnswerable(t *testing.T) {
	docs := defaultDocs(t)
	l, err := New(nil, docs, Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	q := "Where is the follow-up meeting planned?"
	if a, _ := l.Answer(context.Background(), q, Options{}); a.Answered && strings.Contains(a.Excerpts[0].Text, "Abu Dhabi") {
		t.Fatal("answered before the article was added")
	}
	changed := append([]corpus.Document(nil), docs[1:]...) // remove the first document
	changed = append(changed, extraDoc(t, "geneva-revision", addedBody))
	diff, err := l.Reload(context.Background(), changed)
	if err != nil {
		t.Fatal(err)
	}
	if len(diff.DocsAdded) != 1 || diff.DocsAdded[0] != "geneva-revision" || len(diff.DocsRemoved) != 1 || diff.DocsRemoved[0] != docs[0].ID {
		t.Errorf("diff = %+v", diff)
	}
	if diff.PassagesAdded != 1 || diff.PassagesRemoved != len(docs[0].Passages) || diff.Docs != len(docs) {
		t.Errorf("passage counts in diff = %+v", diff)
	}
	a, err := l.Answer(context.Background(), q, Options{})
	if err != nil || !a.Answered || !strings.Contains(a.Excerpts[0].Text, "Abu Dhabi") {
		t.Fatalf("added article not answerable: %+v %v", a, err)
	}
	if _, ok := l.Document(docs[0].ID); ok {
		t.Error("removed document still listed")
	}
}

func TestReloadFailureKeepsServing(t *testing.T) {
	docs := defaultDocs(t)
	l, err := New(nil, docs, Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if _, err := l.Reload(context.Background(), nil); err == nil {
		t.Fatal("reload with no documents succeeded")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := l.Reload(ctx, docs); err == nil {
		t.Fatal("reload with a cancelled context succeeded")
	}
	a, err := l.Answer(context.Background(), "Who drafted the 28-point plan?", Options{})
	if err != nil || !a.Answered {
		t.Fatalf("old index stopped serving: %+v %v", a, err)
	}
	if len(l.Documents()) != len(docs) {
		t.Fatal("documents changed after failed reloads")
	}
}

func TestSecondReloadIsRefused(t *testing.T) {
	docs := defaultDocs(t)
	l, err := New(nil, docs, Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	l.reloading.Lock() // a reload in progress
	_, err = l.Reload(context.Background(), docs)
	l.reloading.Unlock()
	if !errors.Is(err, ErrReloading) {
		t.Fatalf("err = %v, want ErrReloading", err)
	}
}

func TestOnDiskIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	docs := defaultDocs(t)
	st, err := Build(nil, docs, dir)
	if err != nil || st.Docs != len(docs) || st.Passages == 0 {
		t.Fatalf("Build = %+v, %v", st, err)
	}
	gen := currentGeneration(dir)
	l, err := New(nil, docs, Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if l.cur.gen != gen {
		t.Errorf("reopened generation %q, want the built %q (no rebuild)", l.cur.gen, gen)
	}
	if a, err := l.Answer(context.Background(), "Who led the US Army delegation to Kyiv?", Options{}); err != nil || !a.Answered {
		t.Fatalf("%+v %v", a, err)
	}

	// Another process holding the index gets a clear error, not a hang and not a rebuild.
	start := time.Now()
	if _, err := New(nil, docs, Config{Dir: dir}); !errors.Is(err, ErrLocked) {
		t.Errorf("second open: %v, want ErrLocked", err)
	}
	// the bolt timeout is 2 s; a minute only catches a hang, not a slow machine
	if time.Since(start) > time.Minute {
		t.Errorf("second open took %v", time.Since(start))
	}

	// A reload builds a new generation, switches the pointer and removes the old one.
	added := append(append([]corpus.Document(nil), docs...), extraDoc(t, "geneva-revision", addedBody))
	if _, err := l.Reload(context.Background(), added); err != nil {
		t.Fatal(err)
	}
	if g := currentGeneration(dir); g == gen || g != l.cur.gen {
		t.Errorf("pointer %q after reload (old %q, serving %q)", g, gen, l.cur.gen)
	}
	if _, err := os.Stat(filepath.Join(dir, gen)); !os.IsNotExist(err) {
		t.Errorf("old generation not removed: %v", err)
	}
	addedGen := l.cur.gen
	l.Close()

	// A stale index (built from another corpus) is rebuilt; a corrupt one too.
	l2, err := New(nil, docs, Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if l2.cur.gen == addedGen || len(l2.Documents()) != len(docs) {
		t.Errorf("served the stale generation %q for another corpus", addedGen)
	}
	stale := l2.cur.gen
	l2.Close()
	if err := os.WriteFile(filepath.Join(dir, stale, "root.bolt"), []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	l3, err := New(nil, docs, Config{Dir: dir})
	if err != nil {
		t.Fatalf("corrupt index not rebuilt: %v", err)
	}
	defer l3.Close()
	if a, err := l3.Answer(context.Background(), "Who drafted the 28-point plan?", Options{}); err != nil || !a.Answered {
		t.Fatalf("%+v %v", a, err)
	}
}

func TestSearchPagesAndFilters(t *testing.T) {
	l, _ := defaultLive(t)
	ctx := context.Background()
	r, err := l.Search(ctx, "sanctions", SearchOptions{PerPage: 2})
	if err != nil || r.Total < 3 || r.Pages < 2 || len(r.Hits) != 2 {
		t.Fatalf("%+v %v", r, err)
	}
	r2, err := l.Search(ctx, "sanctions", SearchOptions{PerPage: 2, Page: 2})
	if err != nil || len(r2.Hits) == 0 || r2.Hits[0].PassageID == r.Hits[0].PassageID {
		t.Fatalf("page 2 = %+v %v", r2, err)
	}
	for _, h := range r.Hits {
		if len(h.Spans) == 0 || !strings.EqualFold(h.Text[h.Spans[0].Start:h.Spans[0].End][:8], "sanction") {
			t.Errorf("hit %s spans %v do not mark sanctions", h.PassageID, h.Spans)
		}
	}
	one, err := l.Search(ctx, "Zelenskyy", SearchOptions{Doc: "reuters-zelenskyy-ready", PerPage: 20})
	if err != nil || len(one.Hits) == 0 {
		t.Fatalf("%+v %v", one, err)
	}
	for _, h := range one.Hits {
		if h.DocID != "reuters-zelenskyy-ready" {
			t.Errorf("hit from %s", h.DocID)
		}
	}
	for _, q := range []string{"", "the of and", `"(*:~`} {
		if r, err := l.Search(ctx, q, SearchOptions{}); err != nil || len(r.Hits) != 0 {
			t.Errorf("Search(%q) = %+v, %v", q, r, err)
		}
	}
}

func TestCatalog(t *testing.T) {
	l, docs := defaultLive(t)
	infos := l.Documents()
	if len(infos) != len(docs) {
		t.Fatalf("%d documents, want %d", len(infos), len(docs))
	}
	for _, in := range infos {
		if in.Passages == 0 || in.Opening == "" || in.Title == "" {
			t.Errorf("document info %+v", in)
		}
	}
	if _, ok := l.Document("no-such-doc"); ok {
		t.Error("unknown document found")
	}
	all := l.Provisions("")
	if len(all) != 14 {
		t.Fatalf("%d provisions, want 14", len(all))
	}
	for i, p := range all {
		if p.Provision == nil || p.Provision.Number != i+1 {
			t.Errorf("provision %d = %+v", i, p.Provision)
		}
	}
	if nuc := l.Provisions(corpus.TopicNuclear); len(nuc) != 2 {
		t.Errorf("%d nuclear provisions, want 2 (START, ZNPP)", len(nuc))
	}
	events := l.Timeline()
	if len(events) < 5 {
		t.Fatalf("%d events", len(events))
	}
	for i := 1; i < len(events); i++ {
		if events[i].Date.Before(events[i-1].Date) {
			t.Fatalf("timeline out of order at %d", i)
		}
	}
	var finalOffer bool
	for _, ev := range events {
		if strings.Contains(ev.Excerpt.Text, "final offer") && ev.Date.Format("2006-01-02") == "2025-11-22" {
			finalOffer = true
		}
	}
	if !finalOffer {
		t.Error("timeline lacks the 2025-11-22 'not a final offer' event")
	}
}

func TestCitationMetadataIsStored(t *testing.T) {
	l, _ := defaultLive(t)
	e := acquired(t, l)
	doc, err := e.idx.Document("reuters-zelenskyy-ready/p02")
	if err != nil || doc == nil {
		t.Fatalf("stored passage: %v", err)
	}
	got := map[string]string{}
	doc.VisitFields(func(f bleveapi.Field) { got[f.Name()] = string(f.Value()) })
	if got[fieldTitle] != "Zelenskyy ready for work on U.S.-backed plan" || got[fieldOutlet] != "Reuters" ||
		got[fieldPublished] != "2025-11-20" || got[fieldDoc] != "reuters-zelenskyy-ready" {
		t.Errorf("stored fields = %v", got)
	}
}

// A bot serving from INDEX_DIR picks up an index that `planbot index` rebuilt while it ran: Build
// makes a new generation beside the one the bot holds, and the bot's next reload opens it instead
// of building again.
func TestReloadPicksUpExternalBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	docs := defaultDocs(t)
	l, err := New(nil, docs, Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	added := append(append([]corpus.Document(nil), docs...), extraDoc(t, "geneva-revision", addedBody))
	if _, err := Build(nil, added, dir); err != nil {
		t.Fatalf("build beside a running bot: %v", err)
	}
	built := currentGeneration(dir)
	if built == l.cur.gen {
		t.Fatal("Build did not make a new generation")
	}
	if _, err := l.Reload(context.Background(), added); err != nil {
		t.Fatal(err)
	}
	if l.cur.gen != built {
		t.Errorf("reload serves %q, want the externally built %q", l.cur.gen, built)
	}
	if a, err := l.Answer(context.Background(), "Where is the follow-up meeting planned?", Options{}); err != nil || !a.Answered {
		t.Fatalf("%+v %v", a, err)
	}
}
