// Command partons measures how far people live from everyday services,
// across national borders. See the README for the commands.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/partons/partons/datasets/output"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// softMemoryLimit keeps the garbage collector working harder rather than
// letting the heap grow past it (a soft limit: live data may exceed it).
// A 100,000-village run needs about 300 MiB of live data; GOMEMLIMIT in the
// environment overrides this.
const softMemoryLimit = 384 << 20

// ownMemoryLimit is true when main set the soft memory limit (GOMEMLIMIT
// unset); makeRoomFor then moves it.
var ownMemoryLimit bool

// room is the long-lived data makeRoomFor has been told of.
var room int64

// makeRoomFor raises a soft memory limit set by main by n more bytes of
// long-lived data (a road graph and its snapping index): the limit is
// headroom for the analysis, and a live heap above it would keep the
// collector running (a 1M-vertex graph run took 40 % longer). The room
// only grows, as graphs of several profiles may be alive at once (scenario
// variants). A limit set with GOMEMLIMIT is left alone.
func makeRoomFor(n int64) {
	if ownMemoryLimit && n > 0 {
		room += n
		debug.SetMemoryLimit(softMemoryLimit + room)
	}
}

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
		ownMemoryLimit = true
	}
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go stopOnSignal(sigs, cancel, os.Stderr)
	os.Exit(execute(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// stopOnSignal ends the process on the first SIGINT or SIGTERM, whatever
// the command is doing (computing, writing, or blocked reading a named
// pipe): it cancels ctx, removes every output not yet in place
// (output.Stop; a report being swapped in is swapped first, so each output
// is either the previous one or the new one) and exits with the signal's
// code (130 or 143).
func stopOnSignal(sigs <-chan os.Signal, cancel context.CancelFunc, stderr io.Writer) {
	sig := <-sigs
	cancel()
	output.Stop()
	fmt.Fprintf(stderr, "\npartons: stopped by %s; outputs not yet written were discarded, earlier ones are unchanged\n", signalName(sig))
	os.Exit(signalExit(sig))
}
