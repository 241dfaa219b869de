// Command partons measures how far people live from everyday services,
// across national borders. See the README for the commands.
package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"runtime/debug"
	"sync"
	"syscall"

	"github.com/partons/partons/render/output"
	"github.com/partons/partons/study/roads"
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

// prepareGCPercent is the heap growth between collections for prepare
// (GOGC): the heap is collected when it has grown by half of the live
// data instead of doubling. prepare's live data are large tables without
// pointers, cheap to mark; on the synthetic national networks this took a
// fifth off the peak memory for about 5 % more CPU.
const prepareGCPercent = 50

// memoryForPrepare removes a soft memory limit set by main, for prepare:
// it builds large long-lived data once and exits, and under the limit the
// collector ran all the time while the OSM data grew past it. It then sets
// the collector's growth to prepareGCPercent. A limit set with GOMEMLIMIT
// and a GOGC in the environment are left alone.
func memoryForPrepare() {
	if ownMemoryLimit {
		debug.SetMemoryLimit(math.MaxInt64)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(prepareGCPercent)
	}
}

// runGCPercent is the heap growth between collections for run (GOGC)
// under the soft memory limit main sets: a run builds its inputs and
// results once and keeps most of what it allocates to the end, so
// collecting at every doubling of a small early heap marks the same
// records again and again. With the limit in place the heap still never
// grows past it for long; on the 100k-village straight-line job this took
// a tenth off the CPU time with the same peak memory.
const runGCPercent = 400

// memoryForRun sets the collector's growth to runGCPercent for run when
// main set the soft limit and GOGC is not in the environment.
func memoryForRun() {
	if ownMemoryLimit && os.Getenv("GOGC") == "" {
		debug.SetGCPercent(runGCPercent)
	}
}

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
		ownMemoryLimit = true
	}
	roads.ReserveMemory = makeRoomFor
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	runMain(os.Args[1:], sigs, os.Stdout, os.Stderr, output.Stop, os.Exit)
}

// runMain runs the command line and ends the process with exit: with the
// command's exit code or, when a signal (from sigs) arrives first, as
// stopOnSignal says. Once a signal has arrived, the command's own outcome
// is ignored and its error not printed: cancelled, it returns at once
// with whatever error its cancellation caused (exit 130 for SIGTERM, 1
// for a write cut short), and exiting with it would race the signal's
// exit code and the removal of the unfinished outputs (stop, output.Stop
// in partons). exit never returns in partons; tests pass one that does.
func runMain(args []string, sigs <-chan os.Signal, stdout, stderr io.Writer, stop func(), exit func(int)) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var (
		mu        sync.Mutex
		finished  bool // the command returned before any signal
		signalled bool // a signal arrived before the command returned
	)
	stopped := make(chan struct{}) // closed when stopOnSignal's exit returns (tests)
	go func() {
		defer close(stopped)
		sig, ok := <-sigs
		if !ok {
			return
		}
		mu.Lock()
		signalled = !finished
		mu.Unlock()
		if signalled {
			stopOnSignal(sig, cancel, stop, stderr, exit)
		}
	}()
	err := runCommand(ctx, args, stdout, stderr)
	mu.Lock()
	finished = !signalled
	mu.Unlock()
	if !finished {
		<-stopped // the signal's exit ends the process; its error is not news
		return
	}
	exit(reportError(err, stderr))
}

// stopOnSignal ends the process on a SIGINT or SIGTERM, whatever the
// command is doing (computing, writing, or blocked reading a named pipe):
// it cancels the command's context, removes every output not yet in place
// (output.Stop; a report being swapped in is swapped first, so each output
// is either the previous one or the new one) and exits with the signal's
// code (130 or 143).
func stopOnSignal(sig os.Signal, cancel context.CancelFunc, stop func(), stderr io.Writer, exit func(int)) {
	cancel()
	stop()
	fmt.Fprintf(stderr, "\npartons: stopped by %s; outputs not yet written were discarded, earlier ones are unchanged\n", signalName(sig))
	exit(signalExit(sig))
}
