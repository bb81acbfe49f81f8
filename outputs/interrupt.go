package outputs

import (
	"os"
	"sync"
)

// An interrupted camcost must stop at once, without waiting for reading or
// costing to notice, and still leave every output folder as it was. The
// command line calls Abort when the user presses Ctrl-C and then exits:
// Abort waits for a folder being swapped in to finish its two renames,
// forbids any later swap, and removes the temporary folders of the work in
// progress. Those are the only two places where Abort and Atomic meet, so
// they share this small process-wide state.
var inFlight struct {
	sync.Mutex
	aborted bool
	dirs    map[string]bool
}

// track records a temporary folder for Abort to remove; the returned
// function forgets it.
func track(dir string) (forget func()) {
	inFlight.Lock()
	defer inFlight.Unlock()
	if inFlight.dirs == nil {
		inFlight.dirs = map[string]bool{}
	}
	inFlight.dirs[dir] = true
	return func() {
		inFlight.Lock()
		delete(inFlight.dirs, dir)
		inFlight.Unlock()
	}
}

// commit runs swap, the renames that put a new output in place, unless
// Abort came first; it reports whether it ran.
func commit(swap func() error) (bool, error) {
	inFlight.Lock()
	defer inFlight.Unlock()
	if inFlight.aborted {
		return false, nil
	}
	return true, swap()
}

// Abort stops every output in progress: no output folder is replaced from
// now on, and the temporary folders are removed. It returns once no swap
// is half done.
func Abort() {
	inFlight.Lock()
	defer inFlight.Unlock()
	inFlight.aborted = true
	for dir := range inFlight.dirs {
		os.RemoveAll(dir)
	}
	inFlight.dirs = nil
}
