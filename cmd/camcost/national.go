package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/urfave/cli/v2"

	"camcost/costing"
	"camcost/indicators"
	"camcost/model"
	"camcost/outputs"
)

// bodyRun is what one body of a multi-body run leaves for the benchmarking.
type bodyRun struct {
	name     string
	man      *outputs.Manifest
	summary  indicators.BodySummary
	warnings []string
	// overrides are the command-line settings as checked against the
	// body's data, the same for every body.
	overrides model.Overrides
	err       error
}

// warningsOf lists what a run warns about, files left unread first. The
// lines are printed after "attenzione:", so the engine's warnings leave
// out their own mark.
func warningsOf(in *model.Inputs, engine []model.Problem) []string {
	var out []string
	for _, w := range in.Ignored {
		out = append(out, w.Error())
	}
	for _, w := range in.Warnings {
		out = append(out, w.Error())
	}
	for _, w := range engine {
		w.Warning = false
		out = append(out, w.Error())
	}
	return out
}

// parallel runs fn for 0..n-1 on the available cores, at most
// GOMAXPROCS at a time, and returns the errors in index order (nil when
// none). With stopEarly, the first failure or the end of ctx stops the
// indexes not yet started.
func parallel(ctx context.Context, n int, stopEarly bool, fn func(i int) error) []error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make([]error, n)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if errs[i] = fn(i); errs[i] != nil && stopEarly {
					cancel()
				}
			}
		}()
	}
feed:
	for i := range n {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	var out []error
	for _, err := range errs {
		if err != nil {
			out = append(out, err)
		}
	}
	return out
}

// costBodies costs every body on its own, in parallel on the available
// cores, writing each body's outputs into tmp/<body>. Only the bodies'
// summaries stay in memory, so memory is bounded by the number of workers.
// With fewer bodies than cores, each body writes its files on the cores
// left over. The first failure stops the bodies not yet started; every
// failure found is returned, in body order. Once every body is costed and
// none has failed, summarized is called once, on a worker, with their
// summaries, while the last bodies' files are still being written.
func costBodies(ctx context.Context, dir, out, tmp string, bodies []string, sf settingsFlags, progress func(string), summarized func([]indicators.BodySummary)) ([]bodyRun, error) {
	runs := make([]bodyRun, len(bodies))
	summaries := make([]indicators.BodySummary, len(bodies))
	var left atomic.Int64 // bodies not yet summarized
	left.Store(int64(len(bodies)))
	var failed atomic.Bool
	cores := runtime.GOMAXPROCS(0)
	workers := max(1, min(cores, len(bodies))) // as parallel runs them
	writers := (cores + workers - 1) / workers
	// A workspace per worker: the bodies after the first reuse the
	// costing's memory (a sync.Pool would drop it at every collection).
	spaces := make(chan *costing.Workspace, workers)
	for range workers {
		spaces <- new(costing.Workspace)
	}
	parallel(ctx, len(bodies), true, func(i int) error {
		ws := <-spaces
		runs[i] = costBody(dir, out, tmp, bodies[i], sf, writers, ws, func(s indicators.BodySummary) {
			summaries[i] = s
			if left.Add(-1) == 0 && ctx.Err() == nil && !failed.Load() {
				summarized(summaries)
			}
		})
		if runs[i].err != nil {
			failed.Store(true)
		}
		spaces <- ws
		progress(bodies[i])
		return runs[i].err
	})
	var errs []error
	for _, r := range runs {
		if r.err != nil {
			errs = append(errs, r.err)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if err := ctx.Err(); err != nil {
		return nil, outputs.ErrInterrupted
	}
	return runs, nil
}

// writeBody writes a body's outputs; the tests make it fail.
var writeBody = outputs.WriteBodyParallel

// bodyError is the failure of one body, named.
type bodyError struct {
	body string
	err  error
}

func (e *bodyError) Error() string { return e.body + ": " + e.err.Error() }
func (e *bodyError) Unwrap() error { return e.err }

// costBody costs one body in ws, hands its summary to summarized and
// writes its outputs, writers files at a time.
func costBody(dir, out, tmp, name string, sf settingsFlags, writers int, ws *costing.Workspace, summarized func(indicators.BodySummary)) bodyRun {
	in := filepath.Join(dir, name)
	res, err := costFolder(in, sf, ws)
	if err != nil {
		return bodyRun{name: name, err: &bodyError{name, err}}
	}
	if err := os.Mkdir(filepath.Join(tmp, name), 0o755); err != nil {
		return bodyRun{name: name, err: &bodyError{name, err}}
	}
	info := outputs.NewRunInfo(res, name)
	info.InputDir = relInputDir(in, filepath.Join(out, name))
	summary := indicators.Summarize(res, info.Run(name))
	summarized(summary)
	man, err := writeBody(filepath.Join(tmp, name), res, info, writers)
	if err != nil {
		return bodyRun{name: name, err: &bodyError{name, err}}
	}
	return bodyRun{name: name, man: man, summary: summary, warnings: warningsOf(res.Inputs, res.Warnings), overrides: res.Settings.Overrides}
}

// runNational costs a multi-body folder and writes every body's outputs in
// a sub-folder of out, the benchmarking workbook and a manifest covering
// all of them; nothing is written unless every body succeeds.
func runNational(ctx context.Context, stdout, stderr io.Writer, dir, out string, bodies []string, sf settingsFlags, quiet bool) error {
	prog := newProgress(stderr, quiet, int64(len(bodies)), "enti")
	defer prog.Close()
	prog.SetStage("calcolo degli enti")
	var runs []bodyRun
	err := outputs.Atomic(ctx, out, func(tmp string) error {
		// The benchmarking workbook needs only the bodies' summaries: it
		// is written beside the last bodies' files, on the core they
		// leave free.
		type written struct {
			file outputs.File
			err  error
		}
		var bench chan written
		var err error
		runs, err = costBodies(ctx, dir, out, tmp, bodies, sf, func(string) { prog.Add(1) }, func(sums []indicators.BodySummary) {
			bench = make(chan written, 1)
			go func() {
				f, err := outputs.WriteBenchmark(tmp, sums)
				bench <- written{f, err}
			}()
		})
		var b written
		if bench != nil { // never left writing into a folder about to go
			b = <-bench
		}
		if err != nil {
			return err
		}
		if b.err != nil {
			return b.err
		}
		prog.SetStage("confronto tra enti")
		summaries := make([]indicators.BodySummary, len(runs))
		mans := make([]*outputs.Manifest, len(runs))
		for i, r := range runs {
			summaries[i], mans[i] = r.summary, r.man
		}
		_, err = outputs.WriteNationalManifest(tmp, b.file, summaries, mans, outputs.NationalInfo{
			Version:   model.Version,
			Overrides: runs[0].overrides,
			InputDir:  relInputDir(dir, out),
		})
		return err
	})
	prog.Close()
	if err != nil {
		return nationalError(stderr, dir, err, "nessun risultato scritto: correggere gli enti indicati e rilanciare")
	}
	for _, r := range runs {
		for _, w := range r.warnings {
			fmt.Fprintf(stderr, "attenzione: %s: %s\n", r.name, w)
		}
	}
	fmt.Fprintf(stdout, "%d enti calcolati, ciascuno quadrato al centesimo per ogni voce.\n", len(runs))
	for _, r := range runs {
		fmt.Fprintf(stdout, "  %-24s %s\n", r.name, r.man.Ente)
	}
	fmt.Fprintf(stdout, "Risultati in %s: una sotto-cartella per ente, %s e %s.\n", out, outputs.BenchWorkbook, outputs.ManifestFile)
	return nil
}

// nationalError prints the failures of a multi-body run, each body named,
// and turns them into exit status 1.
func nationalError(stderr io.Writer, dir string, err error, final string) error {
	var found bool
	for _, e := range unjoin(err) {
		var be *bodyError
		if !errors.As(e, &be) {
			continue
		}
		found = true
		var probs model.Problems
		if errors.As(be.err, &probs) {
			probs = probs.Fold()
			fmt.Fprintf(stderr, "%s: %s nei dati di input:\n", filepath.Join(dir, be.body), plural(probs.Count(), "problema", "problemi"))
			for _, p := range probs {
				fmt.Fprintf(stderr, "  %s\n", p.Error())
			}
			continue
		}
		fmt.Fprintf(stderr, "%s: %s\n", filepath.Join(dir, be.body), osText(be.err))
	}
	if !found {
		return fmt.Errorf("run: %w", err)
	}
	return cli.Exit(final, 1)
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
