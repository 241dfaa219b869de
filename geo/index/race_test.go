//go:build race

package index

// raceEnabled is true under the race detector, whose slowdown would make
// the randomised oracle tests long without finding more races.
const raceEnabled = true
