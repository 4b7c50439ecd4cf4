package main

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// signedPost POSTs body to url signed with key, as Discord does, and returns status and body.
func signedPost(t *testing.T, url string, key ed25519.PrivateKey, body string) (int, string) {
	t.Helper()
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(key, []byte(ts+body))))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// replyWait bounds the wait for a deferred reply's edit. Deferring is serve's correct answer to a
// slow moment (a loaded CI machine, the race detector), so tests accept it; the bound only keeps a
// broken build from hanging, and is far above any healthy run.
const replyWait = 60 * time.Second

// finalReply returns every string of the reply to the interaction with token, given serve's HTTP
// response (code, body) to it: the response's own data when serve answered at once, or, when it
// deferred (type 5), the edit and follow-ups it then sent through the interaction webhook to rest,
// waited for up to replyWait. A response that is neither fails the test.
func finalReply(t *testing.T, rest *fakeDiscord, token string, code int, body string) string {
	t.Helper()
	var resp struct {
		Type int `json:"type"`
		Data any `json:"data"`
	}
	if code != http.StatusOK || json.Unmarshal([]byte(body), &resp) != nil {
		t.Fatalf("interaction %s: %d %.300s", token, code, body)
	}
	switch resp.Type {
	case 4: // CHANNEL_MESSAGE_WITH_SOURCE
		return strings.Join(jsonStrings(resp.Data), "\n")
	case 5: // DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
		t.Logf("serve deferred the interaction; waiting for its edit")
	default:
		t.Fatalf("interaction %s: response type %d: %.300s", token, resp.Type, body)
	}
	edit := "PATCH /webhooks/111111111111111111/" + token + "/messages/@original"
	for deadline := time.Now().Add(replyWait); ; time.Sleep(20 * time.Millisecond) {
		// The answer is the edit, or a follow-up when it does not fit the deferral (this fake keeps
		// the last body of each).
		var parts []string
		rest.mu.Lock()
		for _, req := range []string{edit, "POST /webhooks/111111111111111111/" + token} {
			if b, ok := rest.bodies[req]; ok {
				var v any
				json.Unmarshal(b, &v)
				parts = append(parts, jsonStrings(v)...)
			}
		}
		rest.mu.Unlock()
		if len(parts) > 0 {
			return strings.Join(parts, "\n")
		}
		if time.Now().After(deadline) {
			t.Fatalf("interaction %s was deferred and never edited within %s", token, replyWait)
		}
	}
}

// jsonStrings is every string in a decoded JSON value, depth first.
func jsonStrings(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, e := range v {
			out = append(out, jsonStrings(e)...)
		}
		return out
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var out []string
		for _, k := range keys {
			out = append(out, jsonStrings(v[k])...)
		}
		return out
	}
	return nil
}

var listeningAddr = regexp.MustCompile(`msg=listening addr=(\S+)`)

const askInteraction = `{"id":"1200000000000000001","application_id":"111111111111111111","type":2,"token":"tok-secret-interaction","version":1,
 "guild_id":"500000000000000001","channel_id":"300000000000000001",
 "member":{"user":{"id":"200000000000000001","username":"alice"},"roles":[],"permissions":"0","joined_at":"2024-01-01T00:00:00Z"},
 "data":{"id":"600000000000000001","name":"ask","type":1,"options":[{"name":"question","type":3,"value":"How big would Ukraine's army be?"}]}}`

// Without DISCORD_TOKEN, serve answers on the interactions endpoint only: no gateway, no
// registration; /healthz and /metrics share the listener, and the answer is counted by way in.
func TestServeHTTPOnly(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(nil)
	s := serving(t, map[string]string{"INTERACTIONS_ADDR": "127.0.0.1:0", "DISCORD_PUBLIC_KEY": hex.EncodeToString(pub),
		"DISCORD_APPLICATION_ID": "111111111111111111", "DATA_DIR": t.TempDir(), "LOG_LEVEL": "debug"})
	m := listeningAddr.FindStringSubmatch(s.log.String())
	if m == nil {
		t.Fatalf("serve did not log its listen address:\n%s", s.log.String())
	}
	base := "http://" + m[1]
	if code, body := get(t, base+"/healthz"); code != http.StatusOK {
		t.Errorf("/healthz: %d %s, want 200", code, body)
	}
	if code, body := signedPost(t, base+"/interactions", priv, `{"id":"1","application_id":"111111111111111111","type":1,"token":"t","version":1}`); code != 200 || !strings.Contains(body, `"type":1`) {
		t.Errorf("PING: %d %s", code, body)
	}
	_, otherKey, _ := ed25519.GenerateKey(nil)
	if code, _ := signedPost(t, base+"/interactions", otherKey, askInteraction); code != http.StatusUnauthorized {
		t.Errorf("request signed by another key: %d, want 401", code)
	}
	// Answered at once, or (on a slow moment) deferred and edited in: both are correct, with the
	// same answer.
	code, body := signedPost(t, base+"/interactions", priv, askInteraction)
	if text := finalReply(t, s.rest, "tok-secret-interaction", code, body); !strings.Contains(text, "600,000") {
		t.Errorf("/ask over HTTP answered:\n%.600s", text)
	}
	// The answer is counted before it is sent, deferred or not, so the count is there now. The
	// outcome is the engine's judgement; the way in and the count are serve's.
	_, metrics := get(t, base+"/metrics")
	if !regexp.MustCompile(`planbot_questions_total\{outcome="(confident|tentative)",way="http"\} 1\n`).MatchString(metrics) {
		t.Errorf("/metrics does not count the answer over HTTP:\n%s", metrics)
	}
	if !regexp.MustCompile(`planbot_corpus_documents [1-9]`).MatchString(metrics) {
		t.Errorf("/metrics does not count the corpus documents")
	}
	for _, want := range []string{
		"planbot_answer_seconds_bucket",
		"planbot_gateway_connected 0",
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if code := s.stop(); code != exitOK {
		t.Errorf("exit %d", code)
	}
	s.rest.mu.Lock()
	reqs := strings.Join(s.rest.requests, ", ")
	s.rest.mu.Unlock()
	if strings.Contains(reqs, "/commands") || strings.Contains(reqs, "/gateway") || strings.Contains(reqs, "@me") {
		t.Errorf("HTTP-only serve talked to the gateway or registered: %s", reqs)
	}
	if strings.Contains(s.log.String(), "tok-secret-interaction") {
		t.Errorf("the interaction token reached the log")
	}
	for _, want := range []string{"shutting down", "stopped; closing"} {
		if !strings.Contains(s.log.String(), want) {
			t.Errorf("log lacks %q", want)
		}
	}
}

// The endpoint's settings are checked together, and the token is optional only with it.
func TestServeHTTPConfig(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want []string
	}{
		{map[string]string{"INTERACTIONS_ADDR": ":8080"}, []string{"needs DISCORD_PUBLIC_KEY", "needs DISCORD_APPLICATION_ID"}},
		{map[string]string{"INTERACTIONS_ADDR": "8080", "DISCORD_PUBLIC_KEY": "abc", "DISCORD_APPLICATION_ID": "1"},
			[]string{`INTERACTIONS_ADDR "8080" is not a listen address`, `DISCORD_PUBLIC_KEY "abc" is not a public key`, `DISCORD_APPLICATION_ID "1"`}},
		{map[string]string{"DISCORD_TOKEN": testToken, "SHARD_ID": "1"}, []string{"SHARD_ID needs SHARD_COUNT"}},
		{map[string]string{"DISCORD_TOKEN": testToken, "SHARD_COUNT": "2", "SHARD_ID": "2"}, []string{"SHARD_ID \"2\" must be"}},
		{map[string]string{"DISCORD_TOKEN": testToken, "DATABASE_URL": "mysql://u:hunter2@h/db"}, []string{"DATABASE_URL must be a PostgreSQL URL"}},
	} {
		_, err := loadConfig(func(k string) string { return tc.env[k] })
		if err == nil {
			t.Errorf("%v: no error", tc.env)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%v: error %q lacks %q", tc.env, err, w)
			}
		}
		if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("a DATABASE_URL password was quoted back: %v", err)
		}
	}
	pub, _, _ := ed25519.GenerateKey(nil)
	cfg, err := loadConfig(func(k string) string {
		return map[string]string{"INTERACTIONS_ADDR": ":0", "DISCORD_PUBLIC_KEY": hex.EncodeToString(pub), "DISCORD_APPLICATION_ID": "111111111111111111"}[k]
	})
	if err != nil || !bytes.Equal(cfg.PublicKey, pub) || cfg.Token != "" {
		t.Errorf("HTTP-only config: %v, %+v", err, cfg)
	}
}
