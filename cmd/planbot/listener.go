package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/planbot/planbot/bot"
)

// Bounds of serve's HTTP listener. Interactions are answered within Discord's 3 s, so a request
// that takes longer to arrive or to leave is stuck or hostile.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 10 * time.Second
	writeTimeout      = 10 * time.Second
	idleTimeout       = 2 * time.Minute
	maxHeaderBytes    = 64 << 10
)

// listener is serve's one HTTP listener (INTERACTIONS_ADDR, else WEB_ADDR, else METRICS_ADDR). A nil
// *listener is no listener.
type listener struct {
	srv  *http.Server
	ln   net.Listener
	done chan struct{}
}

// newServeMux is the one mux of serve's listener: every feature that serves HTTP mounts its
// handler here, so that one address, one set of timeouts and one shutdown cover them all.
// pages, when not nil, are the web pages of the sources, served at every other path.
func newServeMux(cfg Config, transport http.RoundTripper, b *bot.Bot, m *metrics, h *health, pages http.Handler) *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("GET /healthz", h)
	mux.Handle("GET /metrics", m.handler())
	if cfg.InteractionsAddr != "" {
		// Edits and follow-ups go through the interaction webhook, which needs no bot token:
		// the endpoint's session carries none.
		webhooks := newSession(cfg, "", transport)
		mux.Handle("POST /interactions", b.Endpoint(cfg.PublicKey, cfg.ApplicationID, webhooks))
	}
	if pages != nil {
		mux.Handle("/", pages)
	}
	return mux
}

// startListener listens on INTERACTIONS_ADDR, WEB_ADDR or METRICS_ADDR and serves newServeMux
// there; it returns nil when none is set.
func startListener(lg *slog.Logger, cfg Config, transport http.RoundTripper, b *bot.Bot, m *metrics, h *health, pages http.Handler) (*listener, error) {
	addr := cfg.InteractionsAddr
	if addr == "" {
		addr = cfg.WebAddr
	}
	if addr == "" {
		addr = cfg.MetricsAddr
	}
	if addr == "" {
		return nil, nil
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	l := &listener{ln: ln, done: make(chan struct{}), srv: &http.Server{
		Handler:           newServeMux(cfg, transport, b, m, h, pages),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(lg.Handler(), slog.LevelWarn),
	}}
	go func() {
		defer close(l.done)
		if err := l.srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			lg.Error("HTTP listener stopped", "err", err)
		}
	}()
	lg.Info("listening", "addr", ln.Addr().String(), "interactions", cfg.InteractionsAddr != "", "web_pages", pages != nil)
	return l, nil
}

// addr is where the listener listens, "" for none.
func (l *listener) addr() string {
	if l == nil {
		return ""
	}
	return l.ln.Addr().String()
}

// stop closes the listener and waits, until ctx is done, for requests in flight.
func (l *listener) stop(ctx context.Context) {
	if l == nil {
		return
	}
	if err := l.srv.Shutdown(ctx); err != nil {
		l.srv.Close()
	}
	<-l.done
}
