package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkAskProcess times `planbot ask "…"` as a whole process: start, load the embedded corpus,
// build the in-memory index, answer, print, exit. The binary is built once, outside the timing.
func BenchmarkAskProcess(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "planbot")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out, err := exec.Command(bin, "ask", "How large could Ukraine's army be under the plan?").Output()
		if err != nil {
			b.Fatal(err)
		}
		if !strings.Contains(string(out), "600,000") {
			b.Fatalf("unexpected answer:\n%s", out)
		}
	}
}
