package main

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// serving starts serve with env against a fake gateway and REST API and waits until it serves.
// The returned stop interrupts it and waits for it to end.
func serving(t *testing.T, env map[string]string) (log *syncBuffer, stop func()) {
	t.Helper()
	gw := &fakeGateway{ready: make(chan struct{})}
	ws := httptest.NewServer(gw)
	t.Cleanup(ws.Close)
	rest, transport := startFakeDiscord(t, 0)
	rest.gateway = "ws" + strings.TrimPrefix(ws.URL, "http")
	log = &syncBuffer{}
	c := &cli{getenv: func(k string) string { return env[k] }, stdin: strings.NewReader(""),
		stdout: &syncBuffer{}, stderr: log, transport: transport}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() { done <- c.main(ctx, []string{"serve"}) }()
	waitLog(t, log, "serving")
	return log, func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop")
		}
	}
}

// waitLog waits until the log contains want.
func waitLog(t *testing.T, log *syncBuffer, want string) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(log.String(), want); {
		if time.Now().After(deadline) {
			t.Fatalf("log never said %q:\n%s", want, log.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

const hupDoc = "---\nid: hup-doc\ntitle: A document added while serving\n---\n" +
	"Negotiators met in Geneva again on Sunday to discuss the revised plan and the security guarantees " +
	"for Ukraine, officials said, adding that further rounds of talks were expected within the week.\n"

// A missing CORPUS_DIR is created and filled with the built-in documents; SIGHUP reindexes it,
// logging the new document, and a broken file is logged with its line while the old index serves.
func TestServeSeedsCorpusAndReindexesOnSIGHUP(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	log, stop := serving(t, map[string]string{"DISCORD_TOKEN": testToken, "LOG_LEVEL": "info",
		"DATA_DIR": t.TempDir(), "CORPUS_DIR": dir})
	defer stop()
	waitLog(t, log, "copied the built-in documents")
	if files, _ := filepath.Glob(filepath.Join(dir, "*.md")); len(files) < 5 {
		t.Fatalf("corpus folder seeded with %d files", len(files))
	}
	if err := os.WriteFile(filepath.Join(dir, "hup.md"), []byte(hupDoc), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	waitLog(t, log, "SIGHUP reindex done")
	if !strings.Contains(log.String(), "docs_added=[hup-doc]") {
		t.Errorf("the new document is not in the logged diff:\n%s", log.String())
	}
	bad := "---\ntitle: Broken\nthis line is not a field\n---\nText.\n"
	if err := os.WriteFile(filepath.Join(dir, "broken.md"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	syscall.Kill(os.Getpid(), syscall.SIGHUP)
	waitLog(t, log, "old index keeps serving")
	if !strings.Contains(log.String(), "broken.md:") {
		t.Errorf("problem logged without file and line:\n%s", log.String())
	}
}

// A folder with documents of its own is never seeded; an empty one is, once.
func TestSeedCorpusDir(t *testing.T) {
	lg := slog.New(slog.DiscardHandler)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ".keep"), nil, 0o644)
	n, err := seedCorpusDir(lg, dir)
	if err != nil || n < 5 {
		t.Fatalf("empty folder: seeded %d, %v", n, err)
	}
	if n, err := seedCorpusDir(lg, dir); err != nil || n != 0 {
		t.Errorf("seeded again: %d, %v", n, err)
	}
	own := t.TempDir()
	os.WriteFile(filepath.Join(own, "mine.md"), []byte(hupDoc), 0o644)
	if n, err := seedCorpusDir(lg, own); err != nil || n != 0 {
		t.Errorf("folder with a document seeded: %d, %v", n, err)
	}
	if n, _ := seedCorpusDir(lg, ""); n != 0 {
		t.Error("no CORPUS_DIR seeded something")
	}
}
