//go:build unix

package outputs

import (
	"syscall"
	"time"
)

// processCPU is the CPU time, user and system, the process has used so
// far, and the system part of it: on a shared machine a benchmark's wall
// time says little.
func processCPU() (total, sys time.Duration) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), time.Duration(ru.Stime.Nano())
}
