//go:build !linux

package index

import "time"

// processCPU and threadCPU are measured on Linux only; elsewhere the CPU metrics read 0.
func processCPU() time.Duration { return 0 }

func threadCPU() time.Duration { return 0 }
