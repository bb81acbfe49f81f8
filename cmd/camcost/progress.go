package main

import (
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progressDelay is how long a run goes before it shows progress: quick runs
// stay quiet.
const progressDelay = time.Second

// progress shows how a long run is going on stderr, when stderr is a
// terminal: a bar of the work done (bytes read, bodies costed) and the
// current stage. It appears only after progressDelay and is safe for
// concurrent use.
type progress struct {
	w       io.Writer
	total   atomic.Int64
	done    atomic.Int64
	stage   atomic.Pointer[string]
	unit    string
	stop    chan struct{}
	stopped sync.WaitGroup
}

// newProgress returns a progress for w; it shows nothing when quiet is set
// or w is not a terminal.
func newProgress(w io.Writer, quiet bool, total int64, unit string) *progress {
	return startProgress(w, !quiet && isTerminal(w), total, unit, progressDelay)
}

// startProgress shows progress on w after delay if show is set.
func startProgress(w io.Writer, show bool, total int64, unit string, delay time.Duration) *progress {
	p := &progress{w: w, unit: unit, stop: make(chan struct{})}
	p.total.Store(total)
	p.SetStage("")
	if show {
		p.stopped.Add(1)
		go p.show(delay)
	}
	return p
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// Add counts n more units of work done.
func (p *progress) Add(n int64) { p.done.Add(n) }

// SetStage names what the run is doing now.
func (p *progress) SetStage(s string) { p.stage.Store(&s) }

// Close removes the bar, if it was shown.
func (p *progress) Close() {
	select {
	case <-p.stop:
	default:
		close(p.stop)
	}
	p.stopped.Wait()
}

func (p *progress) show(delay time.Duration) {
	defer p.stopped.Done()
	if delay > 0 {
		select {
		case <-p.stop:
			return
		case <-time.After(delay):
		}
	}
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetWidth(30),
		progressbar.OptionSetDescription(*p.stage.Load()),
		progressbar.OptionSetPredictTime(false),
		progressbar.OptionSetElapsedTime(false),
		progressbar.OptionClearOnFinish(),
	}
	if p.unit != "byte" {
		// Bodies and the like read well as a count; bytes as a percentage.
		opts = append(opts, progressbar.OptionShowCount(), progressbar.OptionSetItsString(p.unit))
	}
	bar := progressbar.NewOptions64(p.total.Load(), opts...)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		bar.Describe(*p.stage.Load())
		bar.Set64(min(p.done.Load(), p.total.Load()))
		select {
		case <-p.stop:
			bar.Finish()
			return
		case <-tick.C:
		}
	}
}
