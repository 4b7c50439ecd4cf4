package bot

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/planbot/planbot/bot/internal/discordtest"
)

// A shutdown that begins while /corpus add is fetching waits for the add: the article is written
// whole, indexed and reported, and nothing half-written is left in the corpus folder.
func TestShutdownFinishesCorpusAdd(t *testing.T) {
	fetching, release := make(chan struct{}), make(chan struct{})
	news := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(fetching)
		<-release
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(newsPage))
	}))
	t.Cleanup(news.Close)
	e := newModE2E(t, Config{AllowPrivateURLs: true})
	ic := modCommand(t, "mod_member.json", snowflake(64, 1), "corpus", sub("add", "url", news.URL+"/world/kestrel"))
	added := make(chan bool, 1)
	go func() {
		added <- e.bot.track(func(ctx context.Context) { e.bot.dispatch(ctx, e.sess, ic) })
	}()
	<-fetching

	stopped := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		stopped <- e.bot.Shutdown(ctx)
	}()
	// Shutdown refuses new work at once, and waits for the add.
	for e.bot.track(func(context.Context) {}) {
		time.Sleep(time.Millisecond)
	}
	select {
	case err := <-stopped:
		t.Fatalf("Shutdown returned (%v) while /corpus add was still fetching", err)
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	if err := <-stopped; err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	if !<-added {
		t.Fatal("the add, accepted before the shutdown, was refused")
	}
	e.srv.WaitFor(t, func(r discordtest.Request) bool {
		return strings.Contains(r.Path, ic.Token) && strings.Contains(string(r.Body), "Added to the sources")
	}, 60*time.Second)
	entries, err := os.ReadDir(e.bot.cfg.CorpusDir)
	if err != nil {
		t.Fatal(err)
	}
	var kestrel int
	for _, d := range entries {
		name := d.Name()
		if strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".tmp") {
			t.Errorf("half-written file left in the corpus: %s", name)
		}
		if strings.Contains(name, "kestrel") {
			kestrel++
			data, _ := os.ReadFile(e.bot.cfg.CorpusDir + "/" + name)
			if !strings.Contains(string(data), "arbitration panel in Geneva") {
				t.Errorf("%s is not the whole article", name)
			}
		}
	}
	if kestrel != 1 {
		t.Errorf("%d kestrel files in the corpus, want 1", kestrel)
	}
}

// A shutdown whose grace runs out cancels the work still running and says so.
func TestShutdownGivesUpAfterGrace(t *testing.T) {
	b, eng, r := testBot(t, Config{})
	eng.delay = time.Hour // the fake engine gives up when its context is cancelled
	started, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished) // the handler logs: it must end before the test does
		b.track(func(ctx context.Context) {
			close(started)
			b.dispatch(ctx, r, fixture(t, "ask.json"))
		})
	}()
	<-started
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err := b.Shutdown(ctx)
	if err == nil || !strings.Contains(err.Error(), "1 handlers still running") {
		t.Errorf("Shutdown after its grace = %v, want it to report the handler cut short", err)
	}
	select {
	case <-finished:
	case <-time.After(60 * time.Second):
		t.Fatal("the handler did not stop when Shutdown cancelled its context")
	}
}
