//go:build windows

package outputs

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/windows"
)

// lockOutput takes the lock of an output folder, or fails with ErrBusy if
// another process holds it: a LockFileEx lock on a file beside the folder,
// which Windows drops when the process dies. The file stays; it is empty.
func lockOutput(out string) (func(), error) {
	name := lockPath(out)
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("blocco della cartella di uscita: %w", err)
	}
	ol := new(windows.Overlapped)
	flags := uint32(windows.LOCKFILE_EXCLUSIVE_LOCK | windows.LOCKFILE_FAIL_IMMEDIATELY)
	if err := windows.LockFileEx(windows.Handle(f.Fd()), flags, 0, 1, 0, ol); err != nil {
		f.Close()
		if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
			return nil, fmt.Errorf("%s: %w", out, ErrBusy)
		}
		return nil, fmt.Errorf("blocco della cartella di uscita: %w", err)
	}
	return func() {
		windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, ol)
		f.Close()
	}, nil
}
