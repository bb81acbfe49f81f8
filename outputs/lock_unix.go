//go:build unix

package outputs

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lockOutput takes the lock of an output folder, or fails with ErrBusy if
// another process holds it. The lock is an flock on a file beside the
// folder: the kernel drops it when the process dies, so a killed run never
// leaves a folder locked. The returned function releases it and removes the
// file; a process that locked a file already removed retries on the new one.
func lockOutput(out string) (func(), error) {
	name := lockPath(out)
	for {
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("blocco della cartella di uscita: %w", err)
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, fmt.Errorf("%s: %w", out, ErrBusy)
			}
			return nil, fmt.Errorf("blocco della cartella di uscita: %w", err)
		}
		// The holder before us may have removed the file between our open
		// and our lock: then we hold a lock nobody else can see.
		held, err1 := f.Stat()
		now, err2 := os.Stat(name)
		if err1 == nil && err2 == nil && os.SameFile(held, now) {
			return func() {
				os.Remove(name)
				f.Close()
			}, nil
		}
		f.Close()
	}
}
