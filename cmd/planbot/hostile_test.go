package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/planbot/planbot/corpus/ingest"
	"github.com/planbot/planbot/index"
)

// Issue 8, case 8: a problem file is named with its folder even when its name starts with the
// folder's name ("bad-key.md" in a folder "bad").
func TestProblemFileNamedWithFolder(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "bad")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	writeDoc(t, dir, "good.md", "id: test-doc\ntitle: A test document\n", testBody)
	writeDoc(t, dir, "bad-key.md", "id: bad-doc\ncolour: blue\n", testBody)
	t.Chdir(base) // CORPUS_DIR=bad, relative, as an operator would type it
	r := runCLI(t, map[string]string{"CORPUS_DIR": "bad"}, "", "ask", "How large could the army be?")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if !strings.HasPrefix(r.stderr, filepath.Join("bad", "bad-key.md")+":") {
		t.Errorf("stderr %q: want the problem named bad/bad-key.md", r.stderr)
	}
}

// newsSite serves the ingest package's sample news article at every path, on loopback.
func newsSite(t *testing.T) *httptest.Server {
	t.Helper()
	page, err := os.ReadFile(filepath.Join("..", "..", "corpus", "ingest", "testdata", "news.html"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" {
			t.Errorf("credentials sent to the site: %q", r.Header.Get("Authorization"))
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// corpusCLI is a cli with hooks that refuse to connect anywhere but loopback (recording every
// address in seen) and resolve no name, so that no test of `planbot corpus add` can send traffic
// off the machine. Its stdout and stderr both go to the returned buffer.
func corpusCLI(env map[string]string, seen *[]string) (*cli, *bytes.Buffer) {
	var out bytes.Buffer
	return &cli{getenv: func(k string) string { return env[k] }, stdin: strings.NewReader(""), stdout: &out, stderr: &out,
		hooks: corpusHooks{
			beforeConnect: func(network, address string) error {
				*seen = append(*seen, address)
				if ap, err := netip.ParseAddrPort(address); err != nil || !ap.Addr().Unmap().IsLoopback() {
					return fmt.Errorf("test guard: refusing to connect to %s", address)
				}
				return nil
			},
			resolver: &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, address string) (net.Conn, error) {
				return nil, errors.New("no DNS in tests")
			}},
		}}, &out
}

// runCorpusCLI runs planbot through corpusCLI, with stdout and stderr apart.
func runCorpusCLI(t *testing.T, env map[string]string, seen *[]string, args ...string) result {
	t.Helper()
	c, _ := corpusCLI(env, seen)
	var out, errb bytes.Buffer
	c.stdout, c.stderr = &out, &errb
	code := c.main(context.Background(), args)
	return result{code, out.String(), errb.String()}
}

// planbot corpus init|add|remove|restore|list, end to end on a real folder.
func TestCorpusCommand(t *testing.T) {
	news := newsSite(t)
	dir := filepath.Join(t.TempDir(), "corpus")
	env := map[string]string{"CORPUS_DIR": dir, "CORPUS_ALLOW_PRIVATE_URLS": "true"}
	var seen []string
	run := func(args ...string) result {
		return runCorpusCLI(t, env, &seen, append([]string{"corpus"}, args...)...)
	}

	if r := run("init"); r.code != exitOK || !strings.Contains(r.stdout, "copied 5 built-in documents") {
		t.Fatalf("init: %+v", r)
	}
	if r := run("init"); r.code != exitFailure || !strings.Contains(r.stderr, "not empty") {
		t.Errorf("second init: %+v", r)
	}
	link := strings.Replace(news.URL, "http://", "http://user:secret@", 1) + "/world/kyiv-plan#top"
	// The outlet's bidi override and zero-width space are stripped like any page text.
	r := run("add", "--outlet", "The \u202eLedger\u200b", "--published", "2025-11-21", link)
	if r.code != exitOK || !strings.HasPrefix(r.stdout, "added kyiv-weighs-us-peace-plan") {
		t.Fatalf("add: %+v", r)
	}
	id := strings.Fields(r.stdout)[1]
	data, err := os.ReadFile(filepath.Join(dir, id+".md"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "secret") || !strings.Contains(string(data), "url: \""+news.URL+"/world/kyiv-plan\"") ||
		!strings.Contains(string(data), "outlet: The Ledger") {
		t.Errorf("stored front matter:\n%.500s", data)
	}
	if strings.Contains(r.stdout+r.stderr, "secret") {
		t.Errorf("output shows the password: %+v", r)
	}
	// The same link again, with or without its user info, is refused like /corpus add refuses it.
	if r := run("add", news.URL+"/world/kyiv-plan"); r.code != exitFailure || !strings.Contains(r.stderr, "already a source: `"+id+"`") {
		t.Errorf("second add: %+v", r)
	}
	if r := run("add", "--published", "21/11/2025", news.URL+"/other"); r.code != exitFailure || !strings.Contains(r.stderr, ingest.Message(ingest.ErrBadDate)) {
		t.Errorf("bad date: %+v", r)
	}
	if r := run("list"); r.code != exitOK || strings.Count(r.stdout, "\n") != 7 || !strings.Contains(r.stdout, id) {
		t.Errorf("list: %+v", r)
	}
	if r := run("remove", id); r.code != exitOK || !strings.Contains(r.stdout, "removed "+id) {
		t.Fatalf("remove: %+v", r)
	}
	if r := run("list", "--trash"); r.code != exitOK || !strings.Contains(r.stdout, id) {
		t.Errorf("list --trash: %+v", r)
	}
	if r := run("restore", id); r.code != exitOK {
		t.Fatalf("restore: %+v", r)
	}
	if _, err := os.Stat(filepath.Join(dir, id+".md")); err != nil {
		t.Errorf("not restored: %v", err)
	}
	if r := run("remove", "no-such-doc"); r.code != exitFailure || !strings.Contains(r.stderr, ingest.Message(ingest.ErrNotFound)) {
		t.Errorf("remove unknown: %+v", r)
	}
	if r := runCorpusCLI(t, nil, &seen, "corpus", "list"); r.code != exitUsage {
		t.Errorf("no folder: %+v", r)
	}
	for _, a := range seen {
		if !strings.HasPrefix(a, "127.0.0.1:") {
			t.Errorf("connected to %s", a)
		}
	}
}

// Issue 8, case 5 through `planbot corpus add`: links to 127.0.0.1 hidden in IPv6 forms, and
// special-purpose ranges, are refused by the check on the dialled address; the test's guard
// proves no connection was even attempted, so no traffic leaves loopback.
func TestCorpusAddRefusesEmbeddedIPv4(t *testing.T) {
	dir := t.TempDir()
	if r := runCLI(t, nil, "", "corpus", "init", "--corpus", dir); r.code != exitOK {
		t.Fatal(r)
	}
	for _, addr := range []string{"[2002:7f00:1::1]", "[64:ff9b::7f00:1]", "[64:ff9b:1::7f00:1]",
		"[2001:0:4136:e378:8000:63bf:80ff:fffe]", "[::7f00:1]", "[::ffff:0:7f00:1]", "[fec0::1]", "[2001:db8::1]",
		"192.0.2.1", "127.0.0.1", "[::ffff:127.0.0.1]", "169.254.169.254"} {
		var seen []string
		r := runCorpusCLI(t, map[string]string{"CORPUS_DIR": dir}, &seen, "corpus", "add", "http://"+addr+":8080/article")
		if r.code != exitFailure || !strings.Contains(r.stderr, ingest.Message(ingest.ErrPrivateAddress)) {
			t.Errorf("%s: %+v", addr, r)
		}
		if len(seen) > 0 {
			t.Errorf("%s: the fetch got as far as connecting to %v", addr, seen)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 5 {
		t.Errorf("%d files in the folder, want the 5 built-in", len(entries))
	}
}

// Issue 8, case 8: a name that does not resolve, a link with no host or too long, each get their
// own message from `planbot corpus add`, as from /corpus add.
func TestCorpusAddLinkProblems(t *testing.T) {
	dir := t.TempDir()
	runCLI(t, nil, "", "corpus", "init", "--corpus", dir)
	for link, want := range map[string]error{
		"https://no-such-site.example/a": ingest.ErrDNS,
		"https:///a":                     ingest.ErrNoHost,
		"https://example.com/" + strings.Repeat("a", 2048): ingest.ErrURLTooLong,
		"ftp://example.com/a":                              ingest.ErrScheme,
	} {
		var seen []string
		r := runCorpusCLI(t, map[string]string{"CORPUS_DIR": dir}, &seen, "corpus", "add", link)
		if r.code != exitFailure || !strings.Contains(r.stderr, ingest.Message(want)) || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%.40s: %+v", link, r)
		}
	}
}

// Issue 8, case 8: a question line over 1 MiB on standard input is answered as too long, and the
// questions after it still are answered.
func TestAskHugeStdinLine(t *testing.T) {
	huge := strings.Repeat("army ", 300_000) // 1.5 MB
	r := runCLI(t, nil, huge+"\n"+armyQuestion+"\n", "ask")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, reasonText(index.ReasonTooLong)) || !strings.Contains(r.stdout, "Q: "+armyQuestion) ||
		!strings.Contains(r.stdout, "Sources:") {
		t.Errorf("stdout:\n%.600s", r.stdout)
	}
}

// Issue 8, case 4: text from the corpus reaches the terminal with its control and bidi
// characters escaped, not obeyed.
func TestAskEscapesTerminalOutput(t *testing.T) {
	dir := t.TempDir()
	body := "The armed forces of the country would be capped at 600,000 personnel \x1b]0;pwned\x07under the \u202Edraft\u202C plan, " +
		"a figure officials described as far below the current strength of the army.\n"
	writeDoc(t, dir, "evil.md", "id: evil\ntitle: Evil title\n", body+"\n"+testBody)
	r := runCLI(t, map[string]string{"CORPUS_DIR": dir}, "", "ask", "How large could the army be?")
	if r.code != exitOK {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if strings.ContainsAny(r.stdout, "\x1b\x07\u202E\u202C") {
		t.Errorf("raw control characters on the terminal:\n%q", r.stdout)
	}
	if !strings.Contains(r.stdout, `\x1b]0;pwned\x07under the \u202edraft\u202c plan`) {
		t.Errorf("escapes not shown:\n%s", r.stdout)
	}
}

// Issue 8, case 8: ask --json span offsets count Unicode code points of text, not bytes.
func TestAskJSONSpansAreCodePoints(t *testing.T) {
	text := "Київ — the army of Україна"
	army := strings.Index(text, "army")
	a := index.Answer{Answered: true, Confident: true, Excerpts: []index.Excerpt{{Text: text,
		Spans: []index.Span{{Start: army, End: army + len("army")}, {Start: strings.Index(text, "Україна"), End: len(text)}}}}}
	j := toJSON("q", a, "")
	runes := []rune(text)
	var got []string
	for _, s := range j.Excerpts[0].Spans {
		got = append(got, string(runes[s[0]:s[1]]))
	}
	if strings.Join(got, ",") != "army,Україна" {
		t.Errorf("spans %v select %q, want army and Україна", j.Excerpts[0].Spans, got)
	}
}

// Issue 8, case 1, end to end: an on-disk index whose root.bolt has damaged pages used to crash
// every start with a bbolt panic; now ask answers, after one log line saying the index was moved
// aside and rebuilt.
func TestAskWithDamagedIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	if r := runCLI(t, nil, "", "index", "--index", dir); r.code != exitOK {
		t.Fatalf("index: %+v", r)
	}
	bolts, _ := filepath.Glob(filepath.Join(dir, "gen-*", "store", "root.bolt"))
	if len(bolts) != 1 {
		t.Fatalf("root.bolt files: %v", bolts)
	}
	data, err := os.ReadFile(bolts[0])
	if err != nil {
		t.Fatal(err)
	}
	for i := 4 << 10; i < len(data); i++ { // past bbolt's first meta page
		data[i] ^= 0xff
	}
	if err := os.WriteFile(bolts[0], data, 0o600); err != nil {
		t.Fatal(err)
	}
	for run := 0; run < 2; run++ { // and the next start is clean
		r := runCLI(t, nil, "", "ask", "--index", dir, armyQuestion)
		if r.code != exitOK || !strings.Contains(r.stdout, "Sources:") {
			t.Fatalf("run %d: exit %d\nstdout %s\nstderr %s", run, r.code, r.stdout, r.stderr)
		}
		lines := strings.Count(r.stderr, "\n")
		if run == 0 && (lines != 1 || !strings.Contains(r.stderr, "moved it aside")) {
			t.Errorf("first start: want one log line about the damaged index, got:\n%s", r.stderr)
		}
		if run == 1 && lines != 0 {
			t.Errorf("second start logs:\n%s", r.stderr)
		}
	}
	if aside, _ := filepath.Glob(filepath.Join(dir, "damaged-gen-*", "store", "root.bolt")); len(aside) != 1 {
		t.Errorf("damaged index not kept aside: %v", aside)
	}
}
