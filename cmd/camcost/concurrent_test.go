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
	if testing.Short() {
		t.Skip("starts many processes")
	}
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
