package csvio

import "slices"

// failingReader returns err.
type failingReader struct{ err error }

func (f failingReader) Read([]byte) (int, error) { return 0, f.err }

// estimateAfter is how many rows are read before the number of rows is
// estimated from their size.
const estimateAfter = 64

// estimateRows sets t.estimate from the bytes the first n rows took: a
// few percent more rows than their average size predicts for the whole
// input, so that the result slice and the id set reserved for it rarely
// grow. Like the result itself, the reservation is proportional to the
// input size.
func (t *table) estimateRows(n int) {
	done := t.cr.InputOffset()
	if done <= 0 {
		return
	}
	est := n + int(float64(int64(t.size)-done)/float64(done)*float64(n))
	t.estimate = est + est/32
	t.ids.Grow(t.estimate - n)
}

// reserve returns out with room for the rows t expects in all (none is
// expected before t has estimated it). Builders call it before each
// append. O(1) except when it grows out, once.
func reserve[T any](t *table, out []T) []T {
	if t.estimate > cap(out) {
		out = slices.Grow(out, t.estimate-len(out))
	}
	return out
}
