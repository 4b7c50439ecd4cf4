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

// served is a running serve and the fakes it talks to.
type served struct {
	log, stdout *syncBuffer
	gateway     *fakeGateway
	rest        *fakeDiscord
	stop        func() int // interrupts serve and returns its exit code
}

// serving starts serve with env against a fake gateway and REST API and waits until it serves,
// failing the test if serve ends first.
func serving(t *testing.T, env map[string]string) *served {
	t.Helper()
	gw := &fakeGateway{ready: make(chan struct{})}
	ws := httptest.NewServer(gw)
	t.Cleanup(ws.Close)
	rest, transport := startFakeDiscord(t, 0)
	rest.gateway = "ws" + strings.TrimPrefix(ws.URL, "http")
	s := &served{log: &syncBuffer{}, stdout: &syncBuffer{}, gateway: gw, rest: rest}
	c := &cli{getenv: func(k string) string { return env[k] }, stdin: strings.NewReader(""),
		stdout: s.stdout, stderr: s.log, transport: transport}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- c.main(ctx, []string{"serve"}) }()
	for deadline := time.Now().Add(60 * time.Second); !strings.Contains(s.log.String(), "serving"); {
		select {
		case code := <-done:
			t.Fatalf("serve ended early with %d:\n%s", code, s.log.String())
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve never said it was serving:\n%s", s.log.String())
		}
	}
	stopped := false
	s.stop = func() int {
		cancel()
		if stopped {
			return exitOK
		}
		stopped = true
		select {
		case code := <-done:
			return code
		case <-time.After(60 * time.Second):
			t.Error("serve did not stop after the context was cancelled")
			return -1
		}
	}
	t.Cleanup(func() { s.stop() })
	return s
}

// waitLog waits until the log contains want.
func waitLog(t *testing.T, log *syncBuffer, want string) {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); !strings.Contains(log.String(), want); {
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
	log := serving(t, map[string]string{"DISCORD_TOKEN": testToken, "LOG_LEVEL": "info",
		"DATA_DIR": t.TempDir(), "CORPUS_DIR": dir}).log
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
