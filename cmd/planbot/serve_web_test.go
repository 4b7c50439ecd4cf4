package main

import (
	"crypto/ed25519"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"
)

// With only WEB_ADDR and PUBLIC_URL set, serve runs the web pages alone: no token, no Discord,
// and every page and answer is there.
func TestServeWebPagesAlone(t *testing.T) {
	s := serving(t, map[string]string{"WEB_ADDR": "127.0.0.1:0", "PUBLIC_URL": "https://planbot.example", "DATA_DIR": t.TempDir()})
	m := listeningAddr.FindStringSubmatch(s.log.String())
	if m == nil {
		t.Fatalf("serve did not log its listen address:\n%s", s.log.String())
	}
	base := "http://" + m[1]
	for path, want := range map[string]string{
		"/":                                "Ask the sources",
		"/sources/":                        "5 documents",
		"/sources/wikipedia-us-peace-plan": `id="p01"`,
		"/plan":                            "The plan by topic",
		"/timeline":                        "<time datetime=",
		"/?q=" + strings.ReplaceAll(armyQuestion, " ", "+"): "600,000",
		"/healthz": "",
	} {
		code, body := get(t, base+path)
		if code != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("GET %s: %d, want 200 with %q", path, code, want)
		}
	}
	if code, _ := get(t, base+"/sources/no-such-document"); code != http.StatusNotFound {
		t.Errorf("an unknown document: %d, want 404", code)
	}
	s.rest.mu.Lock()
	defer s.rest.mu.Unlock()
	if len(s.rest.requests) != 0 {
		t.Errorf("serve without Discord settings called Discord: %v", s.rest.requests)
	}
}

// With INTERACTIONS_ADDR the web pages share its listener: one address, one mux.
func TestServeWebPagesOnInteractionsListener(t *testing.T) {
	pub, _, _ := ed25519.GenerateKey(nil)
	s := serving(t, map[string]string{"INTERACTIONS_ADDR": "127.0.0.1:0", "DISCORD_PUBLIC_KEY": hex.EncodeToString(pub),
		"DISCORD_APPLICATION_ID": "111111111111111111", "DATA_DIR": t.TempDir()})
	m := listeningAddr.FindStringSubmatch(s.log.String())
	if m == nil {
		t.Fatalf("serve did not log its listen address:\n%s", s.log.String())
	}
	if code, body := get(t, "http://"+m[1]+"/sources/"); code != http.StatusOK || !strings.Contains(body, "5 documents") {
		t.Errorf("GET /sources/ on the interactions listener: %d", code)
	}
	if code, _ := get(t, "http://"+m[1]+"/healthz"); code != http.StatusOK {
		t.Errorf("/healthz next to the pages: %d", code)
	}
}

func TestWebConfig(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want string // "" → valid
	}{
		{map[string]string{"WEB_ADDR": ":8080"}, ""},
		{map[string]string{"WEB_ADDR": ":8080", "PUBLIC_URL": "https://x.org/planbot/"}, ""},
		{map[string]string{"WEB_ADDR": "8080"}, "WEB_ADDR"},
		{map[string]string{"WEB_ADDR": ":8080", "PUBLIC_URL": "x.org"}, "PUBLIC_URL"},
		{map[string]string{"WEB_ADDR": ":8080", "METRICS_ADDR": ":9090"}, "serve has one listener"},
	} {
		cfg, err := loadConfig(func(k string) string { return tc.env[k] })
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%v: %v", tc.env, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%v: error %v, want one about %s", tc.env, err, tc.want)
		case tc.want == "" && strings.HasSuffix(cfg.PublicURL, "/"):
			t.Errorf("%v: PublicURL %q keeps its trailing slash", tc.env, cfg.PublicURL)
		}
	}
}
