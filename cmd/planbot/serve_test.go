package main

import (
	"bytes"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/planbot/planbot/bot/records"
)

// fakeGateway is the smallest Discord gateway discordgo connects to: Hello, then READY after the
// identify, then it waits for the client to leave.
type fakeGateway struct {
	mu       sync.Mutex
	identify map[string]any // the d of the identify packet
	ready    chan struct{}  // closed once READY is sent
}

func (g *fakeGateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c, err := (&websocket.Upgrader{}).Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer c.Close()
	c.WriteJSON(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": 45000}})
	var id struct {
		Op int            `json:"op"`
		D  map[string]any `json:"d"`
	}
	if err := c.ReadJSON(&id); err != nil || id.Op != 2 {
		return
	}
	g.mu.Lock()
	g.identify = id.D
	g.mu.Unlock()
	c.WriteJSON(map[string]any{"op": 0, "s": 1, "t": "READY", "d": map[string]any{
		"v": 9, "session_id": "s1", "user": map[string]any{"id": "111111111111111111", "username": "planbot", "bot": true},
		"guilds": []any{map[string]any{"id": "222222222222222222", "unavailable": true},
			map[string]any{"id": "333333333333333333", "unavailable": true}},
	}})
	close(g.ready)
	for {
		if _, _, err := c.ReadMessage(); err != nil {
			return
		}
	}
}

// syncBuffer is a bytes.Buffer safe to write from the session's goroutines while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func TestServeConnectsAndStops(t *testing.T) {
	dataDir := t.TempDir()
	s := serving(t, map[string]string{"DISCORD_TOKEN": testToken, "LOG_LEVEL": "debug", "DATA_DIR": dataDir})
	gw, rest, stdout, stderr := s.gateway, s.rest, s.stdout, s.log
	select {
	case <-gw.ready:
	case <-time.After(60 * time.Second):
		t.Fatalf("no identify reached the gateway: %s", stderr.String())
	}
	if code := s.stop(); code != exitOK {
		t.Errorf("exit %d after interrupt, want 0: %s", code, stderr.String())
	}

	gw.mu.Lock()
	defer gw.mu.Unlock()
	if gw.identify["token"] != "Bot "+testToken {
		t.Errorf("identify token %v, want the bot token", gw.identify["token"])
	}
	if _, ok := gw.identify["intents"].(float64); !ok {
		t.Errorf("identify carries no intents: %v", gw.identify["intents"])
	}
	rest.mu.Lock()
	reqs := strings.Join(rest.requests, ", ")
	rest.mu.Unlock()
	if !strings.Contains(reqs, "PUT /applications/111111111111111111/commands") {
		t.Errorf("commands not registered globally before connecting: %s", reqs)
	}
	if out := stdout.String() + stderr.String(); strings.Contains(out, "s3cr3t") {
		t.Errorf("token leaked into the output:\n%s", out)
	}
	if !strings.Contains(stderr.String(), "guilds=2") { // bot's Ready handler logs the server count
		t.Errorf("readiness with the number of servers not logged: %s", stderr.String())
	}
	if !strings.Contains(stderr.String(), "shutting down") {
		t.Errorf("no shutdown logged: %s", stderr.String())
	}
	if _, err := os.Stat(filepath.Join(dataDir, recordsFile)); err != nil {
		t.Errorf("records file not created in DATA_DIR: %v", err)
	}
}

// Only a records file held by another process suggests another planbot; other failures say
// what went wrong and nothing more.
func TestServeRecordsFailures(t *testing.T) {
	dataDir := t.TempDir()
	held, err := records.Open(slog.New(slog.DiscardHandler), filepath.Join(dataDir, recordsFile), 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	r := runCLI(t, map[string]string{"DISCORD_TOKEN": testToken, "DATA_DIR": dataDir, "LOG_LEVEL": "warn"}, "", "serve")
	oneLineFailure(t, r, exitFailure, "is another planbot using it?")

	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, map[string]string{"DISCORD_TOKEN": testToken, "DATA_DIR": notDir, "LOG_LEVEL": "warn"}, "", "serve")
	oneLineFailure(t, r, exitFailure, "DATA_DIR="+notDir)
	if strings.Contains(r.stderr, "another planbot") {
		t.Errorf("stderr %q blames another planbot for a DATA_DIR that is a file", r.stderr)
	}
}
