package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/planbot/planbot/bot"
)

func TestIndexBuildsAndAskReopens(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "planbot.bleve")
	r := runCLI(t, nil, "", "index", "--index", dir)
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if !regexp.MustCompile(`^indexed [1-9]\d* documents, [1-9]\d* passages in \S+ into `).MatchString(r.stdout) {
		t.Errorf("output %q does not give documents, passages and time", r.stdout)
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) == 0 {
		t.Fatalf("nothing built in %s: %v", dir, err)
	}
	// INDEX_DIR is the default of --index.
	r = runCLI(t, map[string]string{"INDEX_DIR": dir}, armyQuestion+"\n", "ask", "--json")
	if r.code != exitOK || !strings.Contains(r.stdout, `"answered":true`) {
		t.Errorf("ask on the built index: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestEvalDevSet(t *testing.T) {
	r := runCLI(t, nil, "", "eval", filepath.Join("..", "..", "testdata", "eval", "dev.jsonl"))
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^answer@1 +[01]\.\d\d  \(\d+/28\)$`),
		regexp.MustCompile(`(?m)^hit@3 +[01]\.\d\d  \(\d+/28\)$`),
		regexp.MustCompile(`(?m)^out-of-scope held \(refused or tentative\) 4/4, refused [0-4]/4$`),
		regexp.MustCompile(`(?m)^median first excerpt \d+ chars$`),
		regexp.MustCompile(`(?m)^latency +p50 \S+  p99 \S+$`),
		regexp.MustCompile(`(?m)^misses +\S`),
	} {
		if !want.MatchString(r.stdout) {
			t.Errorf("report lacks %s:\n%s", want, r.stdout)
		}
	}
}

func TestEvalMissingFile(t *testing.T) {
	r := runCLI(t, nil, "", "eval", filepath.Join(t.TempDir(), "none.jsonl"))
	oneLineFailure(t, r, exitFailure, "open questions")
}

func TestRegisterDryRun(t *testing.T) {
	r := runCLI(t, nil, "", "register", "--dry-run") // no token needed
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	var got []struct {
		Name string `json:"name"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("output is not a JSON array: %v\n%s", err, r.stdout)
	}
	cmds := bot.Commands()
	if len(got) == 0 || len(got) != len(cmds) {
		t.Fatalf("%d commands in the body, bot.Commands has %d", len(got), len(cmds))
	}
	for i := range cmds {
		if got[i].Name != cmds[i].Name {
			t.Errorf("command %d is %q, want %q", i, got[i].Name, cmds[i].Name)
		}
	}
	// The body discordgo sends is json.Marshal of the slice; bot's own tests check that body
	// against Discord's API spec (bot/internal/discordtest cannot be imported from cmd).
	want, _ := json.Marshal(cmds)
	if strings.TrimSuffix(r.stdout, "\n") != string(want) {
		t.Errorf("dry run body differs from json.Marshal(bot.Commands())")
	}
}

// fakeDiscord answers the two requests register makes and records them.
type fakeDiscord struct {
	mu       sync.Mutex
	requests []string // "METHOD /path"
	auth     []string
	bodies   map[string][]byte
	status   int    // for every answer; 0 → 200
	gateway  string // the URL GET /gateway returns
	shards   int    // the shard count GET /gateway/bot recommends
}

func (f *fakeDiscord) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	path := regexp.MustCompile(`^/api/v\d+`).ReplaceAllString(r.URL.Path, "")
	f.mu.Lock()
	f.requests = append(f.requests, r.Method+" "+path)
	f.auth = append(f.auth, r.Header.Get("Authorization"))
	f.bodies[r.Method+" "+path] = body
	status, gateway := f.status, f.gateway
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if status != 0 {
		w.WriteHeader(status)
		io.WriteString(w, `{"message": "401: Unauthorized", "code": 0}`)
		return
	}
	switch {
	case r.Method == "GET" && path == "/oauth2/applications/@me":
		io.WriteString(w, `{"id": "111111111111111111", "name": "planbot"}`)
	case r.Method == "GET" && path == "/gateway":
		json.NewEncoder(w).Encode(map[string]string{"url": gateway})
	case r.Method == "GET" && path == "/gateway/bot":
		json.NewEncoder(w).Encode(map[string]any{"url": gateway, "shards": f.shards})
	case r.Method == "PUT":
		w.Write(body) // Discord answers with the commands it now has
	case (r.Method == "PATCH" || r.Method == "POST") && strings.HasPrefix(path, "/webhooks/"):
		// The edit or follow-up of a deferred interaction: Discord answers with the message, whose
		// fields are those sent (what this fake needs to echo), and an id.
		var msg map[string]any
		if json.Unmarshal(body, &msg) != nil || msg == nil {
			msg = map[string]any{}
		}
		msg["id"], msg["channel_id"] = "1400000000000000001", "300000000000000001"
		json.NewEncoder(w).Encode(msg)
	case r.Method == "DELETE" && strings.HasPrefix(path, "/webhooks/"):
		w.WriteHeader(http.StatusNoContent) // a deferred placeholder removed
	default:
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"message": "Unknown", "code": 0}`)
	}
}

// rewrite sends every request to the fake, whatever host discordgo aimed at.
type rewrite struct{ to *url.URL }

func (rw rewrite) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host = rw.to.Scheme, rw.to.Host
	return http.DefaultTransport.RoundTrip(r)
}

func startFakeDiscord(t *testing.T, status int) (*fakeDiscord, http.RoundTripper) {
	f := &fakeDiscord{bodies: map[string][]byte{}, status: status}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	return f, rewrite{u}
}

// testToken has the shape of a real bot token; no output may ever contain it.
const testToken = "MTExMTExMTExMTExMTExMTEx.GabcDE.s3cr3t-t0k3n-v4lu3-th4t-must-n0t-l34k"

func TestRegisterWithFakeDiscord(t *testing.T) {
	f, transport := startFakeDiscord(t, 0)
	env := map[string]string{"DISCORD_TOKEN": testToken, "LOG_LEVEL": "debug", "DATA_DIR": t.TempDir()}
	r := runWith(t, env, "", transport, "register", "--guild", "222222222222222222")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	want := []string{"GET /oauth2/applications/@me", "PUT /applications/111111111111111111/guilds/222222222222222222/commands"}
	if strings.Join(f.requests, ", ") != strings.Join(want, ", ") {
		t.Errorf("requests %q, want %q", f.requests, want)
	}
	for _, a := range f.auth {
		if a != "Bot "+testToken {
			t.Errorf("Authorization %q, want the bot token", a)
		}
	}
	dry := runCLI(t, nil, "", "register", "--dry-run", "--guild", "222222222222222222")
	if got := string(f.bodies[want[1]]); got != strings.TrimSuffix(dry.stdout, "\n") {
		t.Errorf("registered body differs from --dry-run output")
	}
	if !strings.Contains(r.stdout, "in server 222222222222222222") {
		t.Errorf("stdout %q does not say where", r.stdout)
	}
	if strings.Contains(r.stdout+r.stderr, testToken) {
		t.Errorf("token leaked into the output")
	}
}

func TestRegisterRefusedToken(t *testing.T) {
	_, transport := startFakeDiscord(t, http.StatusUnauthorized)
	r := runWith(t, map[string]string{"DISCORD_TOKEN": testToken}, "", transport, "register")
	oneLineFailure(t, r, exitFailure, "Discord refused DISCORD_TOKEN (401 Unauthorized)")
	if strings.Contains(r.stdout+r.stderr, testToken) {
		t.Errorf("token leaked into the output")
	}
}

func TestServeWithoutToken(t *testing.T) {
	r := runCLI(t, nil, "", "serve")
	oneLineFailure(t, r, exitFailure, "DISCORD_TOKEN is not set")
	for _, want := range []string{"Reset Token", ".env", "planbot ask"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr %q does not mention %q", r.stderr, want)
		}
	}
}

// Switching from a test server to global registration removes the server's copies, which would
// otherwise show every command twice there: remembered from the guild registration, or named
// with --clear-guild.
func TestRegisterGlobalClearsTheTestServer(t *testing.T) {
	f, transport := startFakeDiscord(t, 0)
	env := map[string]string{"DISCORD_TOKEN": testToken, "DATA_DIR": t.TempDir()}
	steps := []struct {
		args []string
		want []string // the PUTs
	}{
		{[]string{"--guild", "222222222222222222"}, []string{"PUT /applications/111111111111111111/guilds/222222222222222222/commands"}},
		{nil, []string{"PUT /applications/111111111111111111/commands", "PUT /applications/111111111111111111/guilds/222222222222222222/commands"}},
		{nil, []string{"PUT /applications/111111111111111111/commands"}}, // already cleared
		{[]string{"--clear-guild", "333333333333333333"}, []string{"PUT /applications/111111111111111111/commands", "PUT /applications/111111111111111111/guilds/333333333333333333/commands"}},
	}
	for i, step := range steps {
		f.mu.Lock()
		f.requests, f.bodies = nil, map[string][]byte{}
		f.mu.Unlock()
		r := runWith(t, env, "", transport, append([]string{"register"}, step.args...)...)
		if r.code != exitOK {
			t.Fatalf("step %d: exit %d, stderr %q", i, r.code, r.stderr)
		}
		var puts []string
		for _, req := range f.requests {
			if strings.HasPrefix(req, "PUT ") {
				puts = append(puts, req)
			}
		}
		if strings.Join(puts, ", ") != strings.Join(step.want, ", ") {
			t.Errorf("step %d (%v): %q, want %q", i, step.args, puts, step.want)
		}
		if len(step.want) == 2 {
			if body := string(f.bodies[step.want[1]]); body != "[]" {
				t.Errorf("step %d: clearing sent %s, want []", i, body)
			}
			if !strings.Contains(r.stdout, "removed the commands registered in server") {
				t.Errorf("step %d: stdout %q does not say what it removed", i, r.stdout)
			}
		}
	}
	r := runWith(t, env, "", transport, "register", "--guild", "333333333333333333", "--clear-guild", "333333333333333333")
	if r.code != exitUsage {
		t.Errorf("clearing the server it registers in: exit %d", r.code)
	}
}
