package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestMain lets the test binary act as camcost when asked to, so tests can
// start real camcost processes without building one.
func TestMain(m *testing.M) {
	if os.Getenv("CAMCOST_TEST_AS_MAIN") == "1" {
		os.Exit(run(os.Args, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// camcostProcess prepares camcost args as a separate process.
func camcostProcess(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), "CAMCOST_TEST_AS_MAIN=1")
	return cmd
}

// Several runs started together into one output folder: whatever the
// timing, each either succeeds or is refused with a clear message, and the
// folder is always one run's complete output, which verify accepts.
func TestConcurrentRunsIntoOneFolder(t *testing.T) {
	in := demoFolder(t)
	methods := []string{"diretto", "scalare", "reciproco"}
	for trial := range 6 {
		out := filepath.Join(t.TempDir(), "out")
		if trial%2 == 1 {
			// Half the trials replace a previous output.
			if code, _, stderr := camcost(t, "run", in, "--out", out, "--quiet"); code != 0 {
				t.Fatalf("first run: %s", stderr)
			}
		}
		var wg sync.WaitGroup
		codes := make([]int, len(methods))
		stderrs := make([]string, len(methods))
		for i, m := range methods {
			cmd := camcostProcess(t, "run", in, "--out", out, "--quiet", "--method", m)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			wg.Add(1)
			go func() {
				defer wg.Done()
				err := cmd.Run()
				codes[i] = cmd.ProcessState.ExitCode()
				if err != nil && cmd.ProcessState == nil {
					codes[i] = -1
				}
				stderrs[i] = stderr.String()
			}()
		}
		wg.Wait()
		ok := 0
		for i, code := range codes {
			switch {
			case code == 0:
				ok++
			case code == 1 && strings.Contains(stderrs[i], "un altro calcolo di camcost sta scrivendo"):
			default:
				t.Errorf("trial %d, %s: exit %d: %s", trial, methods[i], code, stderrs[i])
			}
		}
		if ok == 0 {
			t.Errorf("trial %d: no run succeeded: %q", trial, stderrs)
		}
		code, stdout, stderr := camcost(t, "verify", out)
		if code != 0 {
			t.Errorf("trial %d: verify after concurrent runs: exit %d\n%s%s", trial, code, stdout, stderr)
		}
		entries, _ := os.ReadDir(filepath.Dir(out))
		if len(entries) != 1 {
			t.Errorf("trial %d: left beside the output: %v", trial, fmt.Sprint(entries))
		}
	}
}

// Ctrl-C during a long run stops it at once with status 130, and the
// previous output stays as it was, with nothing left beside it.
func TestInterruptStopsAtOnce(t *testing.T) {
	big := filepath.Join(t.TempDir(), "grande")
	if code, _, stderr := camcost(t, "generate", big, "--people", "60000", "--daily", "--format", "csv"); code != 0 {
		t.Fatalf("generate: %s", stderr)
	}
	out := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := camcost(t, "run", demoFolder(t), "--out", out, "--quiet"); code != 0 {
		t.Fatalf("first run: %s", stderr)
	}
	for _, args := range [][]string{
		{"run", big, "--out", out, "--quiet"},
		{"validate", big},
	} {
		cmd := camcostProcess(t, args...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		waitReading(t, cmd.Process.Pid, big)
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			t.Fatal(err)
		}
		sent := time.Now()
		cmd.Wait()
		// Loose on purpose: the run itself takes seconds; stopping takes
		// the grace of 0.2 s plus the exit.
		if took := time.Since(sent); took > 1500*time.Millisecond {
			t.Errorf("%s: stopped %v after Ctrl-C", args[0], took)
		}
		if code := cmd.ProcessState.ExitCode(); code != exitInterrupted {
			t.Errorf("%s: exit %d after Ctrl-C, want %d; stderr %s", args[0], code, exitInterrupted, stderr.String())
		}
		if !strings.Contains(stderr.String(), "interrotto") {
			t.Errorf("%s: stderr %q does not say it was interrupted", args[0], stderr.String())
		}
	}
	if code, stdout, stderr := camcost(t, "verify", out); code != 0 {
		t.Errorf("the previous output changed: verify exit %d\n%s%s", code, stdout, stderr)
	}
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
		t.Errorf("left beside the output: %v", entries)
	}
}

// waitReading waits until process pid has a file of dir open: it is then
// reading its inputs, well past installing its signal handler. Where /proc
// cannot tell, it waits a second.
func waitReading(t *testing.T, pid int, dir string) {
	t.Helper()
	fds := fmt.Sprintf("/proc/%d/fd", pid)
	if _, err := os.Stat(fds); err != nil {
		time.Sleep(time.Second)
		return
	}
	for range 2000 {
		entries, _ := os.ReadDir(fds)
		for _, e := range entries {
			if target, err := os.Readlink(filepath.Join(fds, e.Name())); err == nil && strings.HasPrefix(target, dir) {
				return
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("process %d never opened a file of %s", pid, dir)
}
