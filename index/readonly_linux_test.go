package index

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// roChildEnv tells the test binary it is the child that sees the index on a read-only mount.
const roChildEnv = "PLANBOT_TEST_READONLY_INDEX"

// Issue 8, case 8: a valid index on read-only storage was taken for a corrupt one and
// "rebuilt", which failed. It must be opened read-only and serve; a reindex fails cleanly.
//
// The storage is made read-only for real: as root (CI), a child test process remounts the folder
// read-only in its own mount namespace; otherwise the files lose their write permission.
func TestValidIndexOnReadOnlyStorage(t *testing.T) {
	if dir := os.Getenv(roChildEnv); dir != "" {
		if err := syscall.Mount(dir, dir, "", syscall.MS_BIND, ""); err != nil {
			t.Fatalf("bind mount: %v", err)
		}
		if err := syscall.Mount(dir, dir, "", syscall.MS_REMOUNT|syscall.MS_BIND|syscall.MS_RDONLY, ""); err != nil {
			t.Fatalf("read-only remount: %v", err)
		}
		if err := os.WriteFile(filepath.Join(dir, "probe"), nil, 0o644); err == nil {
			t.Fatal("the folder is still writable")
		}
		checkReadOnlyIndex(t, dir)
		return
	}
	dir, gen, _ := builtIndex(t)
	if os.Geteuid() != 0 {
		filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
			if err == nil {
				os.Chmod(p, info.Mode().Perm()&^0o222)
			}
			return nil
		})
		t.Cleanup(func() {
			filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
				if err == nil {
					os.Chmod(p, info.Mode().Perm()|0o200)
				}
				return nil
			})
		})
		checkReadOnlyIndex(t, dir)
	} else {
		cmd := exec.Command(os.Args[0], "-test.run=^TestValidIndexOnReadOnlyStorage$", "-test.v", "-test.count=1")
		cmd.Env = append(os.Environ(), roChildEnv+"="+dir)
		cmd.SysProcAttr = &syscall.SysProcAttr{Unshareflags: syscall.CLONE_NEWNS} // mounts stay private
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "--- PASS: TestValidIndexOnReadOnlyStorage") {
			t.Fatalf("child on the read-only mount: %v\n%s", err, out)
		}
	}
	if g := currentGeneration(dir); g != gen {
		t.Errorf("pointer changed from %s to %s", gen, g)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 { // CURRENT and the generation
		t.Errorf("the folder changed: %d entries", len(entries))
	}
}

func checkReadOnlyIndex(t *testing.T, dir string) {
	t.Helper()
	docs := defaultDocs(t)
	l, err := New(nil, docs, Config{Dir: dir})
	if err != nil {
		t.Fatalf("valid index on read-only storage: %v", err)
	}
	defer l.Close()
	a, err := l.Answer(context.Background(), "Who drafted the 28-point plan?", Options{})
	if err != nil || !a.Answered {
		t.Errorf("read-only index does not answer: %+v %v", a, err)
	}
	if _, err := l.Reload(context.Background(), docs); err == nil {
		t.Error("a reindex on read-only storage reported success")
	}
	if a, err := l.Answer(context.Background(), "Who drafted the 28-point plan?", Options{}); err != nil || !a.Answered {
		t.Errorf("after the failed reindex the index no longer answers: %+v %v", a, err)
	}
}
