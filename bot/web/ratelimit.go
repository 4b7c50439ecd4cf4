package web

import (
	"net"
	"net/http"
	"net/netip"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Answer rate per client address: a burst of answerBurst questions, then one every answerEvery.
// A person reading answers asks a few questions a minute; a script asking many is slowed down so
// the engine keeps serving Discord.
const (
	answerBurst = 10
	answerEvery = 6 * time.Second
)

// sweepAt is how many client addresses the limiter holds before it first forgets the idle ones.
const sweepAt = 4096

// clientLimiter is a token bucket (golang.org/x/time/rate: a well-kept implementation, so we
// write none) per client address.
type clientLimiter struct {
	every time.Duration
	burst int
	now   func() time.Time

	mu      sync.Mutex
	clients map[string]*rate.Limiter
	sweep   int // sweep again when clients grows past this
}

func newClientLimiter(every time.Duration, burst int, now func() time.Time) *clientLimiter {
	return &clientLimiter{every: every, burst: burst, now: now, clients: map[string]*rate.Limiter{}, sweep: sweepAt}
}

// allow takes one token of addr's bucket; when there is none it says how long until there is.
func (c *clientLimiter) allow(addr string) (bool, time.Duration) {
	now := c.now()
	c.mu.Lock()
	defer c.mu.Unlock()
	lim, ok := c.clients[addr]
	if !ok {
		if len(c.clients) >= c.sweep {
			c.forgetIdle(now)
		}
		lim = rate.NewLimiter(rate.Every(c.every), c.burst)
		c.clients[addr] = lim
	}
	r := lim.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// forgetIdle drops the buckets that have filled up again: a new bucket is the same as a full one,
// so forgetting them changes no answer. It runs when the map has doubled, so it costs O(1) a call.
func (c *clientLimiter) forgetIdle(now time.Time) {
	for addr, lim := range c.clients {
		if lim.TokensAt(now) >= float64(c.burst) {
			delete(c.clients, addr)
		}
	}
	c.sweep = max(sweepAt, 2*len(c.clients))
}

// clientAddress is the address a request came from, without its port; for IPv6 its /64 network,
// since one subscriber usually holds a whole /64 and could ask from a new address each time.
// Behind a reverse proxy it is the proxy's: X-Forwarded-For is not trusted, since any client can
// send one.
func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	if addr = addr.Unmap(); addr.Is6() {
		return netip.PrefixFrom(addr, 64).Masked().String()
	}
	return addr.String()
}
