package bot

import (
	"context"
	"fmt"
	"sync"
)

// inflight counts the work the bot has accepted (interactions, messages, reindexes) so that a
// shutdown can stop taking more and wait for what is running. A sync.WaitGroup cannot be used:
// work keeps arriving while Shutdown waits, and WaitGroup forbids Add racing with Wait.
type inflight struct {
	mu      sync.Mutex
	n       int
	closing bool
	idle    chan struct{} // closed when closing and n reaches 0
}

func newInflight() *inflight { return &inflight{idle: make(chan struct{})} }

// start accepts one piece of work and returns the function that ends it, or false when the bot
// is shutting down and takes no more.
func (w *inflight) start() (done func(), ok bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closing {
		return nil, false
	}
	w.n++
	var once sync.Once
	return func() { once.Do(w.end) }, true
}

func (w *inflight) end() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.n--
	if w.closing && w.n == 0 {
		close(w.idle)
	}
}

// close refuses new work and returns a channel closed once the work in flight is done.
func (w *inflight) close() <-chan struct{} {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.closing {
		w.closing = true
		if w.n == 0 {
			close(w.idle)
		}
	}
	return w.idle
}

func (w *inflight) count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.n
}

// Shutdown stops the bot taking new interactions, messages and reindexes, and waits for those in
// flight (a /corpus add or a reindex included) until ctx is done. Then it cancels what is still
// running and returns an error saying how much was cut short. Close the gateway session and the
// HTTP listener first so that nothing new arrives; close the index and the records after.
func (b *Bot) Shutdown(ctx context.Context) error {
	idle := b.work.close()
	select {
	case <-idle:
		b.stopWork()
		return nil
	case <-ctx.Done():
		n := b.work.count()
		b.stopWork() // handlers see their context cancelled and give up
		return fmt.Errorf("shutdown: %d handlers still running: %w", n, ctx.Err())
	}
}

// track runs f as accepted work with the bot's work context, unless the bot is shutting down.
func (b *Bot) track(f func(ctx context.Context)) bool {
	done, ok := b.work.start()
	if !ok {
		return false
	}
	defer done()
	f(b.workCtx)
	return true
}
