package main

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// testDatabase returns the URL of a fresh schema on the PostgreSQL server the tests may use,
// dropped at the end of the test, or skips (fails under CI=true) when there is none.
func testDatabase(t *testing.T) string {
	t.Helper()
	base := os.Getenv("PLANBOT_TEST_DATABASE_URL")
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("PLANBOT_TEST_DATABASE_URL is not set: .ci/run must start PostgreSQL")
		}
		t.Skip("no PostgreSQL: set PLANBOT_TEST_DATABASE_URL=postgres://… to run this test")
	}
	ctx := context.Background()
	schema := pgx.Identifier{fmt.Sprintf("cmd_test_%d", time.Now().UnixNano())}.Sanitize()
	exec := func(sql string) error {
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			return err
		}
		defer conn.Close(ctx)
		_, err = conn.Exec(ctx, sql)
		return err
	}
	if err := exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("PLANBOT_TEST_DATABASE_URL: %v", err)
	}
	t.Cleanup(func() { exec("DROP SCHEMA " + schema + " CASCADE") })
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", strings.Trim(schema, `"`))
	u.RawQuery = q.Encode()
	return u.String()
}

// interaction is a chat command interaction as Discord POSTs it; permissions "32" is Manage Server.
// Each interaction comes from its own member (user id = id), so that no cooldown applies.
func interaction(t *testing.T, id, permissions, name string, options ...map[string]any) string {
	t.Helper()
	b, err := json.Marshal(map[string]any{
		"id": id, "application_id": "111111111111111111", "type": 2, "token": "tok-" + id, "version": 1,
		"guild_id": "500000000000000001", "channel_id": "300000000000000001",
		"member": map[string]any{"user": map[string]any{"id": id, "username": "m"},
			"roles": []any{}, "permissions": permissions, "joined_at": "2024-01-01T00:00:00Z"},
		"data": map[string]any{"id": "600000000000000001", "name": name, "type": 1, "options": options},
	})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func option(name string, v any) map[string]any {
	return map[string]any{"name": name, "type": 3, "value": v}
}

const replicaArticle = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Kestrel Commission to oversee Black Sea grain corridor | Test Wire</title>
<meta property="article:published_time" content="2025-11-27T08:30:00Z"></head><body><main><article>
<h1>Kestrel Commission to oversee Black Sea grain corridor</h1>
<p>A new body called the Kestrel Commission would oversee grain shipments through the Black Sea
corridor under a revised annex to the US peace plan, two officials familiar with the negotiations said.</p>
<p>The Kestrel Commission would be chaired by Finland and include representatives of Ukraine, Turkey
and the United Nations, the officials said, speaking on condition of anonymity because the talks are private.</p>
<p>Ukrainian negotiators have pressed for guarantees that the corridor stays open during any ceasefire,
arguing that grain revenue is vital to the country's budget. Russia has not commented on the proposal.</p>
</article></main></body></html>`

// Two replicas, HTTP-only, on one PostgreSQL and one corpus folder: a document added through one
// is answered by the other within 30 s, and /unanswered on either lists what both recorded.
func TestReplicasShareCorpusAndRecords(t *testing.T) {
	db := testDatabase(t)
	news := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(replicaArticle))
	}))
	defer news.Close()
	stamp := time.Now().Format("150405.000") // the questions of this run, whatever else is there
	pub, priv, _ := ed25519.GenerateKey(nil)
	corpusDir := t.TempDir()
	env := func() map[string]string {
		return map[string]string{"INTERACTIONS_ADDR": "127.0.0.1:0", "DISCORD_PUBLIC_KEY": hex.EncodeToString(pub),
			"DISCORD_APPLICATION_ID": "111111111111111111", "DATABASE_URL": db, "CORPUS_DIR": corpusDir,
			"CORPUS_POLL": "200ms", "CORPUS_ALLOW_PRIVATE_URLS": "true", "DATA_DIR": t.TempDir()}
	}
	var urls [2]string
	var rests [2]*fakeDiscord
	for i := range urls {
		s := serving(t, env())
		m := listeningAddr.FindStringSubmatch(s.log.String())
		if m == nil {
			t.Fatalf("replica %d did not log its address:\n%s", i, s.log.String())
		}
		urls[i], rests[i] = "http://"+m[1]+"/interactions", s.rest
	}
	// ask posts an interaction to replica i and returns its reply, immediate or deferred.
	ask := func(i int, id, permissions, name string, options ...map[string]any) string {
		t.Helper()
		code, body := signedPost(t, urls[i], priv, interaction(t, id, permissions, name, options...))
		return finalReply(t, rests[i], "tok-"+id, code, body)
	}

	if text := ask(0, "1300000000000000001", "32", "corpus",
		map[string]any{"name": "add", "type": 1, "options": []any{option("url", news.URL+"/kestrel")}}); !strings.Contains(text, "Added to the sources") {
		t.Fatalf("/corpus add on replica A:\n%.600s", text)
	}
	// The bound on how soon another replica serves the new document; a question posted
	// within it must be answered from it. Polling, so a fast run takes no longer than it needs.
	const replicaLag = 30 * time.Second
	start := time.Now()
	for try := 0; ; try++ {
		asked := time.Now()
		if text := ask(1, fmt.Sprintf("13000000000001%04d", try), "0", "ask", option("question", "Who would chair the Kestrel Commission?")); strings.Contains(text, "Finland") {
			t.Logf("replica B answered from A's new document when asked %s after the add", asked.Sub(start).Round(time.Millisecond))
			break
		}
		if time.Since(start) > replicaLag {
			t.Fatalf("replica B did not answer from the document added on replica A within %s", replicaLag)
		}
		time.Sleep(100 * time.Millisecond)
	}

	ask(0, "1300000000000000003", "0", "ask", option("question", "What is the capital of Australia? "+stamp))
	ask(1, "1300000000000000004", "0", "ask", option("question", "What did the Pope say about Narnia? "+stamp))
	// Both questions are recorded before their replies are sent, in the one database, so each
	// replica lists both at once; the wait only allows for a deferred /unanswered.
	for i := range urls {
		text := ask(i, fmt.Sprintf("130000000000000%04d", 5+i), "32", "unanswered")
		for _, want := range []string{"Australia? " + stamp, "Narnia? " + stamp} {
			if !strings.Contains(text, want) {
				t.Errorf("/unanswered on %s lacks %q:\n%.2000s", urls[i], want, text)
			}
		}
	}
}
