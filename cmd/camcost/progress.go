package main

import (
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

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
	watch   progressWatcher // w, when it watches
	stop    chan struct{}
	stopped sync.WaitGroup
}

// A progressWatcher, given as the writer of a progress, is told each stage
// as it starts and the count when the progress closes: the tests watch
// what a command reports with one.
type progressWatcher interface {
	io.Writer
	stageStarted(stage string)
	closed(done, total int64)
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
	p.stage.Store(new(string))
	p.watch, _ = w.(progressWatcher)
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

// Complete counts all the work as done, whatever the estimate of the
// total was.
func (p *progress) Complete() { p.done.Store(p.total.Load()) }

// SetStage names what the run is doing now.
func (p *progress) SetStage(s string) {
	p.stage.Store(&s)
	if p.watch != nil {
		p.watch.stageStarted(s)
	}
}

// Close removes the bar, if it was shown.
func (p *progress) Close() {
	select {
	case <-p.stop:
	default:
		close(p.stop)
		if p.watch != nil {
			p.watch.closed(p.done.Load(), p.total.Load())
		}
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
	b := p.newBar()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		b.draw()
		select {
		case <-p.stop:
			b.clear()
			return
		case <-tick.C:
		}
	}
}

// bar draws a progress on its terminal.
type bar struct {
	p   *progress
	bar *progressbar.ProgressBar
	out *lineWriter
}

func (p *progress) newBar() *bar {
	out := &lineWriter{w: p.w}
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(out),
		progressbar.OptionSetWidth(30),
		progressbar.OptionSetDescription(*p.stage.Load()),
		progressbar.OptionSetPredictTime(false),
		progressbar.OptionSetElapsedTime(false),
	}
	if p.unit != "byte" {
		// Bodies and the like read well as a count; bytes as a percentage.
		opts = append(opts, progressbar.OptionShowCount(), progressbar.OptionSetItsString(p.unit))
	}
	return &bar{p: p, bar: progressbar.NewOptions64(p.total.Load(), opts...), out: out}
}

// draw shows the current stage and count. A full bar stays on screen with
// the stages that follow (computing, writing) until clear.
func (b *bar) draw() {
	b.bar.Set64(min(b.p.done.Load(), b.p.total.Load()))
	b.bar.Describe(*b.p.stage.Load())
}

// clear blanks the line of the bar, as wide as it ever was.
func (b *bar) clear() { b.out.clear() }

// lineWriter passes the bar through and remembers its widest line, which
// the bar itself loses track of once full.
type lineWriter struct {
	w          io.Writer
	cur, width int
}

func (l *lineWriter) Write(p []byte) (int, error) {
	for s := string(p); s != ""; {
		i := strings.IndexAny(s, "\r\n")
		if i < 0 {
			l.cur += utf8.RuneCountInString(s)
			break
		}
		l.cur += utf8.RuneCountInString(s[:i])
		l.width, l.cur = max(l.width, l.cur), 0
		s = s[i+1:]
	}
	l.width = max(l.width, l.cur)
	return l.w.Write(p)
}

func (l *lineWriter) clear() {
	if l.width > 0 {
		io.WriteString(l.w, "\r"+strings.Repeat(" ", l.width)+"\r")
	}
}
