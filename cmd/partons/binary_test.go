package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"testing"
	"time"
)

// asBinaryEnv makes the test binary behave as the partons binary: TestMain
// runs main() instead of the tests. Tests that need a real process (exit
// codes, signals, kills, the hostile corpus) re-execute the test binary with
// it set, so they exercise exactly what a user runs without a separate build.
const asBinaryEnv = "PARTONS_TEST_AS_BINARY"

func TestMain(m *testing.M) {
	if os.Getenv(asBinaryEnv) == "1" {
		main()
		return // main exits; not reached
	}
	os.Exit(m.Run())
}

// binaryResult is the outcome of one partons process.
type binaryResult struct {
	stdout, stderr string
	code           int
}

// partonsCommand returns a command that runs partons with args (the test
// binary acting as partons), in dir when dir is not empty.
func partonsCommand(tb testing.TB, ctx context.Context, dir string, args ...string) *exec.Cmd {
	tb.Helper()
	exe, err := os.Executable()
	if err != nil {
		tb.Fatal(err)
	}
	c := exec.CommandContext(ctx, exe, args...)
	c.Env = append(os.Environ(), asBinaryEnv+"=1")
	c.Dir = dir
	return c
}

// runPartons runs partons with args in dir and returns what it printed and
// its exit code; it fails the test if the process cannot start or runs
// longer than timeout.
func runPartons(tb testing.TB, dir string, timeout time.Duration, args ...string) binaryResult {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	c := partonsCommand(tb, ctx, dir, args...)
	var out, errb bytes.Buffer
	c.Stdout, c.Stderr = &out, &errb
	err := c.Run()
	if ctx.Err() != nil {
		tb.Fatalf("partons %q: still running after %v\nstderr:\n%s", args, timeout, errb.String())
	}
	code := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		tb.Fatalf("partons %q: %v", args, err)
	}
	return binaryResult{stdout: out.String(), stderr: errb.String(), code: code}
}

// The re-executed test binary is partons: its version answers, and a usage
// error exits 2.
func TestBinaryReexec(t *testing.T) {
	r := runPartons(t, "", time.Minute, "--version")
	if r.code != 0 || !bytes.Contains([]byte(r.stdout), []byte("partons version")) {
		t.Fatalf("--version: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = runPartons(t, "", time.Minute, "run", "--no-such-flag")
	if r.code != exitUsage {
		t.Fatalf("unknown flag: exit %d, want %d; stderr %q", r.code, exitUsage, r.stderr)
	}
}
