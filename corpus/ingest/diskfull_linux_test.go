package ingest

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// fullDiskEnv tells the test binary it is the child that writes to a full file system.
const fullDiskEnv = "PLANBOT_TEST_FULL_DISK"

// Issue 8, case 8: a full disk during an add is ErrDiskFull (with its own message), and leaves no
// partial file behind. The disk is really full: as root, a child test process mounts a tiny
// tmpfs in its own mount namespace and fills it.
func TestWriteOnFullDisk(t *testing.T) {
	if dir := os.Getenv(fullDiskEnv); dir != "" {
		if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=64k"); err != nil {
			t.Fatalf("mount tmpfs: %v", err)
		}
		fill, err := os.Create(filepath.Join(dir, ".filler"))
		if err != nil {
			t.Fatal(err)
		}
		for {
			if _, err := fill.Write(make([]byte, 4096)); err != nil {
				break
			}
		}
		fill.Close()
		_, _, err = Write(dir, testArticle(), Meta{})
		if !errors.Is(err, ErrDiskFull) {
			t.Fatalf("Write on a full disk: %v, want ErrDiskFull", err)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 {
			t.Errorf("left %d entries behind, want only the filler", len(entries))
		}
		return
	}
	if os.Geteuid() != 0 {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI runs as root; this test needs root to mount a small file system")
		}
		t.Skip("needs root to mount a small file system (CI runs as root)")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestWriteOnFullDisk$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), fullDiskEnv+"="+corpusDir(t))
	cmd.SysProcAttr = &syscall.SysProcAttr{Unshareflags: syscall.CLONE_NEWNS}
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: TestWriteOnFullDisk") {
		t.Fatalf("child on the full disk: %v\n%s", err, out)
	}
}
