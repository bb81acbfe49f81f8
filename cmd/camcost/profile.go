package main

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"

	"github.com/urfave/cli/v2"
)

// profileFlags are hidden global flags for measuring camcost itself
// ("make bench", issue notes): CPU and heap profiles for go tool pprof,
// and the execution trace for go tool trace (which goroutine ran when, on
// which core: the critical path of a run).
func profileFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "cpuprofile", Hidden: true, Usage: "scrive il profilo CPU in `FILE`"},
		&cli.StringFlag{Name: "memprofile", Hidden: true, Usage: "scrive il profilo di memoria in `FILE`"},
		&cli.StringFlag{Name: "exectrace", Hidden: true, Usage: "scrive la traccia di esecuzione in `FILE`"},
	}
}

// startProfiles starts what the global flags ask for and returns the
// function that stops and writes them.
func startProfiles(c *cli.Context) (stop func() error, err error) {
	var cpu *os.File
	if path := c.String("cpuprofile"); path != "" {
		if cpu, err = os.Create(path); err != nil {
			return nil, err
		}
		if err := pprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			return nil, err
		}
	}
	var tr *os.File
	if path := c.String("exectrace"); path != "" {
		if tr, err = os.Create(path); err == nil {
			if err = trace.Start(tr); err != nil {
				tr.Close()
			}
		}
		if err != nil {
			if cpu != nil {
				pprof.StopCPUProfile()
				cpu.Close()
			}
			return nil, err
		}
	}
	mem := c.String("memprofile")
	return func() error {
		var errs []error
		if tr != nil {
			trace.Stop()
			errs = append(errs, tr.Close())
		}
		if cpu != nil {
			pprof.StopCPUProfile()
			errs = append(errs, cpu.Close())
		}
		if mem != "" {
			errs = append(errs, writeHeapProfile(mem))
		}
		return errors.Join(errs...)
	}, nil
}

// writeHeapProfile writes the heap profile, after a collection, to path.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("memprofile: %w", err)
	}
	return f.Close()
}
