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

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := execute(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
