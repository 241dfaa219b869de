//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// lockedBuffer is a bytes.Buffer safe for the command and the signal
// handler writing at once.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestSignalDecidesTheExitCode: a command cancelled by a signal returns an
// error of its own (here context.Canceled, exit 130, from waiting for an
// output's lock); the process must still end once, with the signal's
// code, after the unfinished outputs are removed. It used to exit with
// the command's code too, racing the signal handler: a SIGTERM could
// give 130, and the temporary folder could outlive the process.
func TestSignalDecidesTheExitCode(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "report")
			// Hold the report's lock: the run waits for it until cancelled,
			// so it can only return after the signal arrived.
			lf, err := os.OpenFile(filepath.Join(filepath.Dir(out), ".report.lock"), os.O_RDWR|os.O_CREATE, 0o666)
			if err != nil {
				t.Fatal(err)
			}
			defer lf.Close()
			if err := syscall.Flock(int(lf.Fd()), syscall.LOCK_EX); err != nil {
				t.Fatal(err)
			}
			sigs := make(chan os.Signal, 1)
			sigs <- sig
			var mu sync.Mutex
			var exits []int
			stopped := false
			var stdout, stderr lockedBuffer
			runMain([]string{"run", "-q", "--out", out}, sigs, &stdout, &stderr,
				func() { mu.Lock(); stopped = true; mu.Unlock() },
				func(code int) { mu.Lock(); exits = append(exits, code); mu.Unlock() })
			mu.Lock()
			defer mu.Unlock()
			if want := []int{signalExit(sig)}; !slices.Equal(exits, want) || !stopped {
				t.Errorf("exit called with %v (outputs removed: %v), want %v after removing them", exits, stopped, want)
			}
			if got, want := stderr.String(), "\npartons: stopped by "+signalName(sig)+"; "; !strings.HasPrefix(got, want) {
				t.Errorf("stderr %q, want only the signal's message (%q…), not the cancelled command's error", got, want)
			}
		})
	}
}

// TestNoSignalExitsWithTheCommandsCode: without a signal the process ends
// once, with the command's code.
func TestNoSignalExitsWithTheCommandsCode(t *testing.T) {
	var exits []int
	var stdout, stderr lockedBuffer
	sigs := make(chan os.Signal)
	defer close(sigs) // ends runMain's signal goroutine
	runMain([]string{"no-such-command"}, sigs, &stdout, &stderr,
		func() { t.Error("outputs removed without a signal") },
		func(code int) { exits = append(exits, code) })
	if want := []int{exitUsage}; !slices.Equal(exits, want) {
		t.Errorf("exit called with %v, want %v", exits, want)
	}
}
