package discordtest

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The application's key pair. Discord signs every interaction it POSTs to an application's
// interactions endpoint with the private half; the application verifies with the public half.
// A fixed seed keeps failures reproducible.
var applicationKey = func() ed25519.PrivateKey {
	seed := sha256.Sum256([]byte("discordtest application key"))
	return ed25519.NewKeyFromSeed(seed[:])
}()

// PublicKey returns the application's public key, as the developer portal shows it (hex).
func PublicKey() ed25519.PublicKey { return applicationKey.Public().(ed25519.PublicKey) }

// Sign returns the X-Signature-Ed25519 header Discord sends with body at timestamp.
func Sign(timestamp string, body []byte) string {
	return hex.EncodeToString(ed25519.Sign(applicationKey, append([]byte(timestamp), body...)))
}

// deliverTimeout bounds one delivery: Discord itself waits 3 s.
const deliverTimeout = 10 * time.Second

// Deliver POSTs interaction (raw JSON) to an interactions endpoint at url, signed, as Discord
// does, and returns the HTTP status and body. A 200 response to anything but a PING is taken as
// the interaction's callback: it is recorded and checked like a POST to
// /interactions/{id}/{token}/callback, so later edits and follow-ups find their original. Edits
// and follow-ups for the interaction that arrive while the delivery is in flight wait for it, as
// Discord only accepts them after the response.
func (s *Server) Deliver(t testing.TB, url string, interaction []byte) (int, []byte) {
	t.Helper()
	var ic struct {
		ID    string `json:"id"`
		Type  int    `json:"type"`
		Token string `json:"token"`
	}
	_ = json.Unmarshal(interaction, &ic) // tests deliver malformed bodies too
	delivered := make(chan struct{})
	s.mu.Lock()
	s.fake.pending[ic.Token] = delivered
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.fake.pending, ic.Token)
		s.mu.Unlock()
		close(delivered)
	}()

	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(interaction))
	if err != nil {
		t.Fatalf("discordtest: Deliver: %v", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("X-Signature-Ed25519", Sign(ts, interaction))
	resp, err := (&http.Client{Timeout: deliverTimeout}).Do(req)
	if err != nil {
		t.Fatalf("discordtest: Deliver: %v", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("discordtest: Deliver: read response: %v", err)
	}
	if resp.StatusCode == http.StatusOK && ic.Type != interactionPing {
		s.recordCallback(ic.ID, ic.Token, resp.Header.Get("Content-Type"), body)
	}
	return resp.StatusCode, body
}

const interactionPing = 1

// recordCallback treats an endpoint's HTTP response as the callback of interaction id.
func (s *Server) recordCallback(id, token, contentType string, body []byte) {
	path := "/interactions/" + id + "/" + token + "/callback"
	req := Request{Method: http.MethodPost, Path: path, Body: body, Time: time.Now()}
	problems := s.spec.check(req.Method, path, "application/json", body)
	if !strings.HasPrefix(contentType, "application/json") {
		problems = append(problems, "interaction response Content-Type is "+strconv.Quote(contentType)+", want application/json")
	}
	_ = json.Unmarshal(body, &req.JSON) // an undecodable body is already a violation
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, req)
	for _, p := range problems {
		s.violate(req, p)
	}
	s.route(req)
	close(s.arrived)
	s.arrived = make(chan struct{})
}

// awaitDelivery holds a webhook request for an interaction whose delivery is in flight until the
// endpoint's response is recorded.
func (s *Server) awaitDelivery(path string) {
	segs := strings.Split(path, "/") // "", "webhooks", application id, token, …
	if len(segs) < 4 || segs[1] != "webhooks" {
		return
	}
	s.mu.Lock()
	delivered := s.fake.pending[segs[3]]
	s.mu.Unlock()
	if delivered == nil {
		return
	}
	select {
	case <-delivered:
	case <-time.After(deliverTimeout):
	}
}
