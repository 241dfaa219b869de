// Command partons measures how far people live from everyday services,
// across national borders. See the README for the commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := execute(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
