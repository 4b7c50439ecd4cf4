package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Issue 8, case 2: the loader reads only regular files inside the folder, each under the size
// cap, and reports the others by name instead of blocking on a pipe, reading /dev/zero until
// memory runs out, or indexing /etc/passwd.
func TestLoadDirRefusesHostileFiles(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "corpus")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(path, text string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, "good.md"), "---\nid: good\ntitle: Good\n---\nA sentence about the plan.\n")
	secret := filepath.Join(base, "secret.txt")
	write(secret, "Secret title\nroot:x:0:0:root:/root:/bin/bash\n")
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	link("/dev/zero", "zero.md")
	link(secret, "passwd.md")
	link("../secret.txt", "relative.md")
	write(filepath.Join(dir, "notes.text"), "Inside title\nA sentence inside the folder.\n")
	link("notes.text", "inside.txt") // a link that stays inside is fine
	link("missing.md", "dangling.md")
	big := strings.Repeat("word ", MaxFileBytes/5+1)
	write(filepath.Join(dir, "huge.md"), "Huge\n"+big)

	type result struct {
		docs     []Document
		problems []Problem
		err      error
	}
	done := make(chan result, 1)
	go func() {
		docs, problems, err := LoadDir(dir)
		done <- result{docs, problems, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("LoadDir still running after 60 s: it is waiting on the pipe or reading /dev/zero")
	}
	if r.err != nil {
		t.Fatal(r.err)
	}
	var ids []string
	for _, d := range r.docs {
		ids = append(ids, d.ID)
		if strings.Contains(d.Body, "root:x:0:0") {
			t.Errorf("%s: a file outside the folder was loaded", d.File)
		}
	}
	if strings.Join(ids, ",") != "good,inside" {
		t.Errorf("loaded %v, want good and inside", ids)
	}
	got := map[string]string{}
	for _, p := range r.problems {
		got[p.File] = p.Msg
	}
	for file, want := range map[string]string{
		"fifo.md":     "not a regular file",
		"zero.md":     "outside the corpus folder",
		"passwd.md":   "outside the corpus folder",
		"relative.md": "outside the corpus folder",
		"dangling.md": "outside the corpus folder (or to nothing)",
		"huge.md":     "larger than the 8 MiB",
	} {
		if !strings.Contains(got[file], want) {
			t.Errorf("problem for %s = %q, want it to say %q", file, got[file], want)
		}
	}
	if len(r.problems) != 6 {
		t.Errorf("%d problems, want 6: %v", len(r.problems), r.problems)
	}
}

// A link that stays inside the folder but leads to a pipe is refused too, without blocking.
func TestReadDirRefusesPipeBehindInsideLink(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "queue.pipe"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("queue.pipe", filepath.Join(dir, "pipe.md")); err != nil {
		t.Fatal(err)
	}
	files, problems, err := ReadDir(dir)
	if err != nil || len(files) != 0 || len(problems) != 1 || problems[0].File != "pipe.md" ||
		!strings.Contains(problems[0].Msg, "not a regular file") {
		t.Errorf("ReadDir = %d files, %v, %v; want pipe.md refused", len(files), problems, err)
	}
}
