package outputs

import (
	"io"
	"sync"
)

var warmOnce sync.Once

// Warm prepares, once per process, what the workbooks of every body
// share: the shared style sheet and the captured styles and theme parts
// (sharedstyles.go), by building and saving an empty body workbook. A run
// calls it on a goroutine of its own while the engine computes, so that
// the second core does this work instead of the first workbook's writer;
// writing gives the same bytes with or without it.
func Warm() {
	warmOnce.Do(func() {
		f, _, err := newBodyWorkbook("", "", RunInfo{})
		if err != nil {
			return // the first real workbook meets and reports the error
		}
		saveWorkbook(f, io.Discard)
	})
}
