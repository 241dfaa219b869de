package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// The room above the soft memory limit adds up over the graphs loaded (a
// scenario may hold graphs of two profiles), and a GOMEMLIMIT is left alone.
func TestMakeRoomForAddsUp(t *testing.T) {
	oldLimit, oldOwn, oldRoom := debug.SetMemoryLimit(-1), ownMemoryLimit, room
	t.Cleanup(func() { debug.SetMemoryLimit(oldLimit); ownMemoryLimit, room = oldOwn, oldRoom })

	ownMemoryLimit, room = true, 0
	makeRoomFor(100 << 20)
	makeRoomFor(50 << 20)
	if got, want := debug.SetMemoryLimit(-1), int64(softMemoryLimit+150<<20); got != want {
		t.Errorf("limit %d after two graphs, want %d", got, want)
	}
	ownMemoryLimit = false
	debug.SetMemoryLimit(1 << 40)
	makeRoomFor(100 << 20)
	if got := debug.SetMemoryLimit(-1); got != 1<<40 {
		t.Errorf("limit %d, want the one set from outside", got)
	}
}

// prepare lifts the soft limit main set and collects at half growth,
// unless the environment set them.
func TestMemoryForPrepare(t *testing.T) {
	oldLimit, oldOwn, oldGC := debug.SetMemoryLimit(-1), ownMemoryLimit, debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetMemoryLimit(oldLimit); ownMemoryLimit = oldOwn; debug.SetGCPercent(oldGC) })

	t.Setenv("GOGC", "")
	ownMemoryLimit = true
	debug.SetMemoryLimit(softMemoryLimit)
	memoryForPrepare()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("limit %d, want none", got)
	}
	if got := debug.SetGCPercent(100); got != prepareGCPercent {
		t.Errorf("GC percent %d, want %d", got, prepareGCPercent)
	}
	t.Setenv("GOGC", "100")
	ownMemoryLimit = false
	debug.SetMemoryLimit(1 << 40)
	memoryForPrepare()
	if got := debug.SetMemoryLimit(-1); got != 1<<40 {
		t.Errorf("limit %d, want the one set from outside", got)
	}
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent %d, want GOGC's 100", got)
	}
}

// run collects at runGCPercent's growth under the soft limit main set,
// unless the environment set GOGC or the limit.
func TestMemoryForRun(t *testing.T) {
	oldOwn, oldGC := ownMemoryLimit, debug.SetGCPercent(100)
	t.Cleanup(func() { ownMemoryLimit = oldOwn; debug.SetGCPercent(oldGC) })

	t.Setenv("GOGC", "")
	ownMemoryLimit = true
	memoryForRun()
	if got := debug.SetGCPercent(100); got != runGCPercent {
		t.Errorf("GC percent %d, want %d", got, runGCPercent)
	}
	ownMemoryLimit = false // GOMEMLIMIT given
	memoryForRun()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent %d with GOMEMLIMIT given, want 100", got)
	}
	t.Setenv("GOGC", "100")
	ownMemoryLimit = true
	memoryForRun()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent %d, want GOGC's 100", got)
	}
}
