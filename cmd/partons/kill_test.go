//go:build unix

package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/partons/partons/benchmarks"
)

// reportHash is one hash over every file of a report (names and bytes);
// "" when there is no report.
func reportHash(tb testing.TB, dir string) string {
	tb.Helper()
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		return ""
	}
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		h.Write([]byte(rel + "\x00"))
		h.Write(b)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// synthInputs writes n synthetic villages and n/30 services into dir.
func synthInputs(tb testing.TB, dir string, n int) (villages, services string) {
	tb.Helper()
	v, s := benchmarks.Synth(n, max(n/30, 10), 7)
	villages, services = filepath.Join(dir, "villages.geojson"), filepath.Join(dir, "services.csv")
	if err := os.WriteFile(villages, v, 0o644); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(services, s, 0o644); err != nil {
		tb.Fatal(err)
	}
	return villages, services
}

// startPartons starts partons with TMPDIR set to tmp, so that any
// temporary file it made elsewhere than beside its output shows there.
func startPartons(tb testing.TB, tmp string, stderr *bytes.Buffer, args ...string) *exec.Cmd {
	tb.Helper()
	c := partonsCommand(tb, context.Background(), "", args...)
	c.Env = append(c.Env, "TMPDIR="+tmp)
	c.Stderr = stderr
	if err := c.Start(); err != nil {
		tb.Fatal(err)
	}
	return c
}

// TestKilledRunsLeaveTheReport stops runs at random points (SIGKILL,
// SIGINT, SIGTERM; fixed seed) while they compute or write a 1,000-village
// report over an earlier one. After each, the report is exactly the
// earlier one or the new one, never a mixture or missing; a run stopped by
// SIGINT/SIGTERM exits 130/143 and leaves nothing behind; a SIGKILLed one
// leaves temporary files only beside the output, and the next run removes
// them.
func TestKilledRunsLeaveTheReport(t *testing.T) {
	dir, tmp := t.TempDir(), t.TempDir()
	villages, services := synthInputs(t, dir, 1000)
	parent := filepath.Join(dir, "reports")
	out := filepath.Join(parent, "out")
	args := func(thresholds string) []string {
		return []string{"run", "-q", "--villages", villages, "--services", services, "--thresholds-m", thresholds, "--out", out}
	}
	params := []string{"1000,2000", "3000,6000"}
	ref := map[string]string{} // thresholds → report hash
	full := time.Duration(1 << 62)
	for _, p := range params {
		t0 := time.Now()
		if r := runPartons(t, "", 5*time.Minute, args(p)...); r.code != exitOK {
			t.Fatalf("run: exit %d: %s", r.code, r.stderr)
		}
		full = min(full, time.Since(t0)) // kill points spread over a run's length
		ref[p] = reportHash(t, out)
	}
	if ref[params[0]] == ref[params[1]] {
		t.Fatal("the two runs wrote the same report")
	}
	prev := ref[params[1]]
	rng := rand.New(rand.NewPCG(1, 2))
	sigs := []syscall.Signal{syscall.SIGKILL, syscall.SIGINT, syscall.SIGTERM}
	for i := range 9 {
		p, sig := params[i%2], sigs[i%3]
		var stderr bytes.Buffer
		c := startPartons(t, tmp, &stderr, args(p)...)
		time.Sleep(time.Duration(rng.Int64N(int64(full) * 11 / 10)))
		c.Process.Signal(sig)
		err := c.Wait()
		code := c.ProcessState.ExitCode()
		ws, _ := c.ProcessState.Sys().(syscall.WaitStatus)
		switch {
		case err == nil: // finished before the signal
		case sig == syscall.SIGINT && code == exitInterrupt, sig == syscall.SIGTERM && code == exitTerminate:
		case ws.Signaled() && ws.Signal() == sig: // SIGKILL, or a signal before partons listened
		default:
			t.Fatalf("kill %d (%v): %v, exit %d\n%s", i, sig, err, code, stderr.String())
		}
		got := reportHash(t, out)
		if got == "" && sig == syscall.SIGKILL && runtime.GOOS != "linux" {
			// Without an atomic exchange (Linux renameat2), a run killed
			// between its two renames leaves the earlier report aside; the
			// next run puts it back before anything else.
			got = prev
		}
		t.Logf("kill %d (%v): exit %d, report replaced %v", i, sig, code, got != prev)
		if got != prev && got != ref[p] {
			t.Fatalf("kill %d (%v): the report is neither the earlier one nor the new one (missing: %v)", i, sig, got == "")
		}
		prev = got
		// A killed run's litter (named after its pid) waits for the next
		// writer; a run stopped by SIGINT or SIGTERM leaves none.
		own := fmt.Sprintf(".out.tmp-%d-", c.Process.Pid)
		for _, name := range names(t, parent) {
			if name != "out" && name != ".out.lock" && (!strings.HasPrefix(name, ".out.tmp-") || sig != syscall.SIGKILL && strings.HasPrefix(name, own)) {
				t.Fatalf("kill %d (%v): %s left beside the report", i, sig, name)
			}
		}
		if left := names(t, tmp); len(left) > 0 {
			t.Fatalf("kill %d (%v): temporary files outside the report's folder: %v", i, sig, left)
		}
	}
	if r := runPartons(t, "", 5*time.Minute, args(params[0])...); r.code != exitOK {
		t.Fatalf("run: exit %d: %s", r.code, r.stderr)
	}
	if got, want := names(t, parent), []string{".out.lock", "out"}; !slices.Equal(got, want) {
		t.Errorf("after a complete run the folder holds %v, want %v", got, want)
	}
	if reportHash(t, out) != ref[params[0]] {
		t.Error("the complete run's report differs from the first one")
	}
}

// names lists a directory, sorted.
func names(tb testing.TB, dir string) []string {
	tb.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	var n []string
	for _, e := range entries {
		n = append(n, e.Name())
	}
	return n
}

// TestConcurrentRunsOneReport: two runs writing the same --out at once
// take turns on its lock; both succeed and the report is exactly one of
// the two, never a mixture, with nothing left beside it.
func TestConcurrentRunsOneReport(t *testing.T) {
	dir, tmp := t.TempDir(), t.TempDir()
	villages, services := synthInputs(t, dir, 300)
	args := func(thresholds, out string) []string {
		return []string{"run", "-q", "--villages", villages, "--services", services, "--thresholds-m", thresholds, "--out", out}
	}
	params := []string{"1000,2000", "3000,6000"}
	ref := map[string]bool{}
	for k, p := range params {
		out := filepath.Join(dir, fmt.Sprint("ref", k), "out") // as deep as the shared one: the manifest has relative paths
		if r := runPartons(t, "", 5*time.Minute, args(p, out)...); r.code != exitOK {
			t.Fatalf("run: exit %d: %s", r.code, r.stderr)
		}
		ref[reportHash(t, out)] = true
	}
	parent := filepath.Join(dir, "shared")
	out := filepath.Join(parent, "out")
	for round := range 2 {
		cmds := make([]*exec.Cmd, len(params))
		stderrs := make([]bytes.Buffer, len(params))
		for k, p := range params { // both run at once; started from the test's goroutine, which may fail the test
			cmds[k] = startPartons(t, tmp, &stderrs[k], args(p, out)...)
		}
		var failed []string
		for k, c := range cmds { // wait for both before failing: the temporary folders go at the end
			if err := c.Wait(); err != nil {
				failed = append(failed, fmt.Sprintf("%v: %s", err, stderrs[k].String()))
			}
		}
		if len(failed) > 0 {
			t.Fatalf("round %d: a concurrent run failed: %s", round, strings.Join(failed, "; "))
		}
		if !ref[reportHash(t, out)] {
			t.Fatalf("round %d: the report is not one of the two runs' reports", round)
		}
		if got, want := names(t, parent), []string{".out.lock", "out"}; !slices.Equal(got, want) {
			t.Fatalf("round %d: the folder holds %v, want %v", round, got, want)
		}
	}
}

// TestSignalStopsBlockedRead: a command blocked reading a named pipe whose
// writer never writes stops on SIGTERM or SIGINT with the signal's exit
// code (it used to ignore both).
func TestSignalStopsBlockedRead(t *testing.T) {
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
		args func(fifo, dir string) []string
	}{
		{syscall.SIGTERM, exitTerminate, func(fifo, _ string) []string { return []string{"validate", fifo} }},
		{syscall.SIGINT, exitInterrupt, func(fifo, dir string) []string {
			return []string{"access", "--matrix", fifo, "--demand", fifo, "--supply", fifo, "--out", filepath.Join(dir, "a.csv")}
		}},
	} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			fifo := filepath.Join(dir, "pipe.csv")
			if err := syscall.Mkfifo(fifo, 0o600); err != nil {
				t.Skip("no named pipes here:", err)
			}
			var stderr bytes.Buffer
			c := startPartons(t, t.TempDir(), &stderr, tc.args(fifo, dir)...)
			exited := make(chan struct{})
			go func() { c.Wait(); close(exited) }()
			opened := make(chan *os.File, 1)
			go func() {
				w, _ := os.OpenFile(fifo, os.O_WRONLY, 0) // returns once partons has the pipe open
				opened <- w
			}()
			select {
			case w := <-opened:
				if w == nil {
					c.Process.Kill()
					<-exited
					t.Fatal("cannot open the pipe for writing")
				}
				defer w.Close()
			case <-exited:
				// Let the writer's open return: a reader that takes nothing.
				if r, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0); err == nil {
					defer r.Close()
				}
				if w := <-opened; w != nil {
					w.Close()
				}
				t.Fatalf("partons ended (exit %d) before reading the pipe: %s", c.ProcessState.ExitCode(), stderr.String())
			}
			stuck := time.AfterFunc(time.Minute, func() { c.Process.Kill() }) // a partons ignoring the signal fails, not hangs
			defer stuck.Stop()
			c.Process.Signal(tc.sig)
			<-exited
			if got := c.ProcessState.ExitCode(); got != tc.code || !strings.Contains(stderr.String(), "stopped by "+signalName(tc.sig)) {
				t.Errorf("exit %d, want %d; stderr %q", got, tc.code, stderr.String())
			}
		})
	}
}
