package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/planbot/planbot/bot/internal/discordtest"
)

// endpointTest is a bot behind its interactions endpoint, with the fake Discord delivering
// interactions and receiving the webhook edits and follow-ups.
type endpointTest struct {
	t   testing.TB
	srv *discordtest.Server
	url string
	bot *Bot
	log *lockedBuffer
}

// lockedBuffer collects log output written from many goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

func newEndpointTest(t testing.TB, b *Bot) *endpointTest {
	t.Helper()
	log := &lockedBuffer{}
	b.lg = slog.New(slog.NewTextHandler(log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv := discordtest.New(t)
	hs := httptest.NewServer(b.Endpoint(discordtest.PublicKey(), discordtest.ApplicationID, srv.Session("")))
	t.Cleanup(hs.Close)
	t.Cleanup(func() {
		if out := log.String(); strings.Contains(out, "token-") {
			t.Errorf("an interaction token reached the log:\n%s", out)
		}
	})
	return &endpointTest{t: t, srv: srv, url: hs.URL + "/interactions", bot: b, log: log}
}

// raw reads testdata/name with a fresh id and token.
func raw(t testing.TB, name, id string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	m["id"], m["token"] = id, "token-"+id
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// deliver posts an interaction and decodes the 200 response.
func (e *endpointTest) deliver(body []byte) map[string]any {
	e.t.Helper()
	status, resp := e.srv.Deliver(e.t, e.url, body)
	if status != http.StatusOK {
		e.t.Fatalf("status %d, body %s; log:\n%s", status, resp, e.log.String())
	}
	var m map[string]any
	if err := json.Unmarshal(resp, &m); err != nil {
		e.t.Fatalf("response is not JSON: %s", resp)
	}
	return m
}

func TestEndpointPing(t *testing.T) {
	e := newEndpointTest(t, New(nil, realEngine(t), Config{}))
	status, body := e.srv.Deliver(t, e.url, []byte(`{"id":"1","application_id":"100000000000000001","type":1,"token":"token-ping","version":1}`))
	if status != http.StatusOK || strings.TrimSpace(string(body)) != `{"type":1}` {
		t.Errorf("PING: %d %s, want 200 {\"type\":1}", status, body)
	}
}

func TestEndpointRefusesBadSignatures(t *testing.T) {
	e := newEndpointTest(t, New(nil, realEngine(t), Config{}))
	body := []byte(`{"id":"1","application_id":"100000000000000001","type":1,"token":"token-ping","version":1}`)
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	good := discordtest.Sign(ts, body)
	flipped := []byte(good) // still 128 hex digits, one of them wrong
	if flipped[10] == '0' {
		flipped[10] = '1'
	} else {
		flipped[10] = '0'
	}
	for _, tc := range []struct {
		name      string
		sig, ts   string
		body      []byte
		setHeader bool
	}{
		{"no headers", "", "", body, false},
		{"no signature", "", ts, body, true},
		{"no timestamp", good, "", body, true},
		{"not hex", strings.Repeat("zz", 64), ts, body, true},
		{"short", good[:100], ts, body, true},
		{"long", good + "00", ts, body, true},
		{"wrong signature", string(flipped), ts, body, true},
		{"other timestamp", good, ts + "1", body, true},
		{"other body", good, ts, append([]byte(" "), body...), true},
		{"signature of nothing", discordtest.Sign(ts, nil), ts, body, true},
	} {
		req, _ := http.NewRequest(http.MethodPost, e.url, bytes.NewReader(tc.body))
		if tc.setHeader {
			req.Header.Set("X-Signature-Ed25519", tc.sig)
			req.Header.Set("X-Signature-Timestamp", tc.ts)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s: status %d, want 401", tc.name, resp.StatusCode)
		}
	}
}

func TestEndpointAsk(t *testing.T) {
	e := newEndpointTest(t, New(nil, realEngine(t), Config{}))
	resp := e.deliver(raw(t, "ask.json", "1210000000000000001"))
	if resp["type"] != float64(4) {
		t.Fatalf("response type %v, want 4 (a message): %v", resp["type"], resp)
	}
	if d := str(resp, "data", "embeds", 0, "description"); !strings.Contains(d, "600,000") {
		t.Errorf("/ask over HTTP does not answer with the excerpt: %q", d)
	}
	checkSafe(t, resp, "HTTP /ask response")
}

func TestEndpointButton(t *testing.T) {
	e := newEndpointTest(t, New(nil, realEngine(t), Config{}))
	e.deliver(raw(t, "ask.json", "1200000000000000001")) // the question behind button_more.json
	resp := e.deliver(raw(t, "button_more.json", "1210000000000000002"))
	if resp["type"] != float64(4) && resp["type"] != float64(7) {
		t.Fatalf("More button: response type %v, want a message: %v", resp["type"], resp)
	}
	if len(dig(resp, "data", "embeds").([]any)) == 0 {
		t.Errorf("More button shows no excerpts: %v", resp)
	}
}

// The Follow up button opens its form as the HTTP response; the form's submission is answered.
func TestEndpointModal(t *testing.T) {
	e := newEndpointTest(t, New(nil, realEngine(t), Config{}))
	e.deliver(raw(t, "ask.json", "1200000000000000001")) // the question behind the fixtures' buttons
	button := raw(t, "button_more.json", "1210000000000000006")
	button = bytes.Replace(button, []byte(`"more:1200000000000000001:2"`), []byte(`"`+prefixFollowUp+`:1200000000000000001:0"`), 1)
	resp := e.deliver(button)
	if resp["type"] != float64(9) || str(resp, "data", "custom_id") == "" {
		t.Fatalf("Follow up over HTTP = %v, want a modal (type 9)", resp)
	}
	resp = e.deliver(raw(t, "modal_followup.json", "1210000000000000007"))
	if resp["type"] != float64(4) || len(dig(resp, "data", "embeds").([]any)) == 0 {
		t.Errorf("modal submission over HTTP = %v, want an answer", resp)
	}
	checkSafe(t, resp, "modal answer")
}

func TestEndpointAutocomplete(t *testing.T) {
	e := newEndpointTest(t, New(nil, realEngine(t), Config{}))
	resp := e.deliver(raw(t, "autocomplete_source.json", "1210000000000000003"))
	choices, _ := dig(resp, "data", "choices").([]any)
	if resp["type"] != float64(8) || len(choices) == 0 {
		t.Errorf("autocomplete over HTTP = %v, want type 8 with choices", resp)
	}
}

func TestEndpointDefersSlowHandlerThenEditsThroughWebhook(t *testing.T) {
	b, eng, _ := testBot(t, Config{})
	b.deferAfter = 20 * time.Millisecond
	// The answer waits until the deferral has reached the test, however slow the machine.
	held := make(chan struct{})
	eng.held = held
	e := newEndpointTest(t, b)
	id := "1210000000000000004"
	resp := e.deliver(raw(t, "ask.json", id))
	close(held)
	if resp["type"] != float64(5) {
		t.Fatalf("slow /ask: response type %v, want 5 (deferred)", resp["type"])
	}
	edit := e.srv.WaitFor(t, func(r discordtest.Request) bool {
		return r.Method == "PATCH" && r.Path == "/webhooks/"+discordtest.ApplicationID+"/token-"+id+"/messages/@original"
	}, 60*time.Second)
	if d := str(edit.JSON, "embeds", 0, "description"); !strings.Contains(d, "600,000") {
		t.Errorf("the edit does not carry the answer: %s", edit.Body)
	}
	checkSafe(t, edit.JSON, "deferred edit")
}

func TestEndpointRefusesOversizeAndMalformedBodies(t *testing.T) {
	e := newEndpointTest(t, New(nil, realEngine(t), Config{}))
	big := []byte(`{"id":"1","type":2,"token":"t","data":{"name":"` + strings.Repeat("a", MaxInteractionBody) + `"}}`)
	if status, _ := e.srv.Deliver(t, e.url, big); status != http.StatusRequestEntityTooLarge {
		t.Errorf("oversize body: status %d, want 413", status)
	}
	for _, body := range []string{`[]`, `{"type":2}`, `{"id":"5","type":2,"token":"t","data":7}`} {
		if status, _ := e.srv.Deliver(t, e.url, []byte(body)); status != http.StatusBadRequest {
			t.Errorf("body %s: status %d, want 400", body, status)
		}
	}
	resp, err := http.Get(e.url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET: status %d, want 405", resp.StatusCode)
	}
}

// Concurrent interactions each get their own answer: at once, or deferred and then edited in
// (a loaded machine running -race may well defer).
func TestEndpointConcurrentRequests(t *testing.T) {
	b := New(nil, realEngine(t), Config{Cooldown: 1000})
	b.deferAfter = 500 * time.Millisecond // far from the endpoint's own limit, however loaded the machine
	e := newEndpointTest(t, b)
	const n = 24
	var wg sync.WaitGroup
	errs := make(chan string, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := fmt.Sprintf("12200000000000%05d", i)
			status, body := e.srv.Deliver(t, e.url, raw(t, "ask.json", id))
			switch {
			case status != http.StatusOK:
				errs <- fmt.Sprintf("request %d: %d %.200s", i, status, body)
			case bytes.Contains(body, []byte(`"type":5`)):
				edited := func(r discordtest.Request) bool {
					return r.Method == "PATCH" && strings.Contains(r.Path, "/token-"+id+"/") && bytes.Contains(r.Body, []byte("600,000"))
				}
				for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(10 * time.Millisecond) {
					if slices.ContainsFunc(e.srv.Requests(), edited) {
						break
					}
					if time.Now().After(deadline) {
						errs <- fmt.Sprintf("request %d: deferred, never edited", i)
						break
					}
				}
			case !bytes.Contains(body, []byte("600,000")):
				errs <- fmt.Sprintf("request %d: no answer: %.200s", i, body)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for msg := range errs {
		t.Error(msg)
	}
}

func TestEndpointAfterShutdownRefusesNewWork(t *testing.T) {
	e := newEndpointTest(t, New(nil, realEngine(t), Config{}))
	if err := e.bot.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if status, _ := e.srv.Deliver(t, e.url, raw(t, "ask.json", "1210000000000000005")); status != http.StatusServiceUnavailable {
		t.Errorf("after Shutdown: status %d, want 503", status)
	}
}
