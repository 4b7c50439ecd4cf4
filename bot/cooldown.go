package bot

import (
	"sync"
	"time"
)

// cooldown limits how many questions one user asks in a sliding window, so one person cannot
// flood a channel or the engine. The clock is injected for tests.
type cooldown struct {
	mu     sync.Mutex
	limit  int
	window time.Duration
	now    func() time.Time
	seen   map[string][]time.Time // user id → times of recent questions, oldest first
}

func newCooldown(limit int, window time.Duration, now func() time.Time) *cooldown {
	return &cooldown{limit: limit, window: window, now: now, seen: map[string][]time.Time{}}
}

// allow records a question by user and reports whether it is within the limit; when it is not,
// wait says how long until the oldest question leaves the window.
func (c *cooldown) allow(user string) (ok bool, wait time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	recent := c.seen[user]
	keep := recent[:0]
	for _, t := range recent {
		if now.Sub(t) < c.window {
			keep = append(keep, t)
		}
	}
	if len(keep) >= c.limit {
		c.seen[user] = keep
		return false, c.window - now.Sub(keep[0])
	}
	c.seen[user] = append(keep, now)
	if len(c.seen) > 10000 {
		c.sweep(now)
	}
	return true, 0
}

// sweep forgets users with nothing in the window, so the map does not grow with every user ever seen.
func (c *cooldown) sweep(now time.Time) {
	for u, ts := range c.seen {
		if len(ts) == 0 || now.Sub(ts[len(ts)-1]) >= c.window {
			delete(c.seen, u)
		}
	}
}
