//go:build !race

package index

// raceEnabled is false without the race detector.
const raceEnabled = false
