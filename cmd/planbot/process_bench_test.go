package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkAskProcess times `planbot ask "…"` as a whole process: start, load the embedded corpus,
// build the in-memory index, answer, print, exit. The binary is built once, outside the timing.
// peak-RSS-MiB is the largest resident set of one such process (Linux reports it in KiB);
// cpu-ms/op is the processes' user+system CPU time, which a busy shared machine inflates far less
// than wall time.
func BenchmarkAskProcess(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "planbot")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	var peakKiB int64
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(bin, "ask", "How large could Ukraine's army be under the plan?")
		out, err := cmd.Output()
		if err != nil {
			b.Fatal(err)
		}
		if !strings.Contains(string(out), "600,000") {
			b.Fatalf("unexpected answer:\n%s", out)
		}
		cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			peakKiB = max(peakKiB, ru.Maxrss)
		}
	}
	b.ReportMetric(cpu.Seconds()*1000/float64(b.N), "cpu-ms/op")
	if peakKiB > 0 {
		b.ReportMetric(float64(peakKiB)/1024, "peak-RSS-MiB")
	}
}
