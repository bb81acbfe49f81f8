package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// frames splits what a bar wrote into the lines it showed, in order,
// dropping the blank lines that clear it and repeats of the same line.
func frames(out string) []string {
	var fs []string
	for _, f := range strings.Split(out, "\r") {
		if strings.TrimSpace(f) != "" && (len(fs) == 0 || fs[len(fs)-1] != f) {
			fs = append(fs, f)
		}
	}
	return fs
}

// The bar shows every stage with the count of the moment, also once the
// count is full, and clear blanks all of it. The test draws the bar itself:
// what it shows does not depend on a clock.
func TestProgressBarShowsEveryStage(t *testing.T) {
	type step struct {
		stage    string
		add      int64
		complete bool
	}
	tests := []struct {
		name  string
		total int64
		unit  string
		stage string // when the bar appears
		steps []step
		want  []string
	}{
		{
			name: "bodies", total: 60, unit: "enti", stage: "calcolo degli enti",
			steps: []step{{add: 12}, {add: 48}, {stage: "confronto tra enti"}},
			want: []string{
				"calcolo degli enti   0% |                              | (0/60) ",
				"calcolo degli enti  20% |██████                        | (12/60) ",
				"calcolo degli enti 100% |██████████████████████████████| (60/60) ",
				"confronto tra enti 100% |██████████████████████████████| (60/60) ",
			},
		},
		{
			name: "bytes", total: 1000, unit: "byte", stage: "lettura dei dati",
			steps: []step{{add: 500}, {complete: true}, {stage: "calcolo dei costi"}, {stage: "scrittura dei risultati"}},
			want: []string{
				"lettura dei dati   0% |                              |  ",
				"lettura dei dati  50% |███████████████               |  ",
				"lettura dei dati 100% |██████████████████████████████|  ",
				"calcolo dei costi 100% |██████████████████████████████|  ",
				"scrittura dei risultati 100% |██████████████████████████████|  ",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			p := startProgress(&out, false, tt.total, tt.unit, 0)
			p.SetStage(tt.stage)
			b := p.newBar()
			b.draw()
			for _, s := range tt.steps {
				switch {
				case s.stage != "":
					p.SetStage(s.stage)
				case s.complete:
					p.Complete()
				default:
					p.Add(s.add)
				}
				b.draw()
			}
			b.clear()
			p.Close()
			if got := frames(out.String()); !slices.Equal(got, tt.want) {
				t.Errorf("frames:\n%q\nwant\n%q", got, tt.want)
			}
			wide := 0
			for _, f := range tt.want {
				wide = max(wide, len([]rune(f)))
			}
			if got, want := out.String(), "\r"+strings.Repeat(" ", wide)+"\r"; !strings.HasSuffix(got, want) {
				t.Errorf("the bar ends with %q, want a blank line as wide as its widest, %d", got[max(0, len(got)-len(want)):], wide)
			}
		})
	}
}

func TestProgressQuietWhenNotATerminal(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, false, 10, "byte")
	p.Add(10)
	p.Close()
	if buf.Len() != 0 {
		t.Errorf("a buffer is not a terminal, yet progress wrote %q", buf.String())
	}
}

// watcher is a stderr that records what a command's progress reports.
type watcher struct {
	mu sync.Mutex
	bytes.Buffer
	stages      []string
	closes      int
	done, total int64
}

func (w *watcher) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.Buffer.Write(p)
}

func (w *watcher) stageStarted(s string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.stages = append(w.stages, s)
}

func (w *watcher) closed(done, total int64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.closes++
	w.done, w.total = done, total
}

// A run reports its stages in order, and its count ends at its total: the
// bytes of the folder (a file it does not read included) or the bodies.
func TestRunReportsEveryStage(t *testing.T) {
	single := func(t *testing.T) string {
		dir := filepath.Join(t.TempDir(), "ente")
		if err := os.CopyFS(dir, os.DirFS("../../costing/testdata/fase1")); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "leggimi.txt"), []byte("non è una tabella\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	broken := func(t *testing.T) string {
		dir := single(t)
		if err := os.Remove(filepath.Join(dir, "tempi.csv")); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	tests := []struct {
		name   string
		dir    func(t *testing.T) string
		stages []string
		total  func(dir string) int64
		ok     bool
	}{
		{"one body", single, []string{"lettura dei dati", "calcolo dei costi", "scrittura dei risultati"}, inputBytes, true},
		{"bodies", func(t *testing.T) string { return nationalFolder(t, 3, 120) }, []string{"calcolo degli enti", "confronto tra enti"},
			func(string) int64 { return 3 }, true},
		{"a folder that cannot be read", broken, []string{"lettura dei dati"}, inputBytes, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.dir(t)
			var stdout bytes.Buffer
			stderr := &watcher{}
			err := runRun(context.Background(), &stdout, stderr, dir, filepath.Join(t.TempDir(), "out"), settingsFlags{}, false)
			if (err == nil) != tt.ok {
				t.Fatalf("run: %v\n%s", err, stderr.String())
			}
			if !slices.Equal(stderr.stages, tt.stages) {
				t.Errorf("stages %q, want %q", stderr.stages, tt.stages)
			}
			if stderr.closes != 1 {
				t.Errorf("progress closed %d times, want once", stderr.closes)
			}
			if want := tt.total(dir); stderr.total != want {
				t.Errorf("total %d, want %d", stderr.total, want)
			}
			if tt.ok && stderr.done != stderr.total {
				t.Errorf("count ends at %d of %d", stderr.done, stderr.total)
			}
		})
	}
}
