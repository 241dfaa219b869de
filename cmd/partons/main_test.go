package main

import (
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
