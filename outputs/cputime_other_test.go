//go:build !unix

package outputs

import "time"

// processCPU is not measured on this system.
func processCPU() (total, sys time.Duration) { return 0, 0 }
