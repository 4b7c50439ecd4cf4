package index

import (
	"syscall"
	"time"
	"unsafe"
)

// processCPU is the CPU time (user and system, all threads, garbage collector included) this
// process has used. On a shared machine wall time grows with the load; CPU time much less.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// threadCPU is the CPU time of the calling OS thread (CLOCK_THREAD_CPUTIME_ID, nanosecond
// resolution); meaningful only while the goroutine is locked to its thread.
func threadCPU() time.Duration {
	const clockThreadCPUTime = 3
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return 0
	}
	return time.Duration(ts.Nano())
}
