package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
