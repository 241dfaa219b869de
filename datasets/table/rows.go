package table

import (
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
)

// FormatFunc appends the bytes of row r (its cells in row) to b and
// returns b; tmp is a scratch buffer owned by the calling goroutine.
type FormatFunc func(b []byte, r int, row []Cell, tmp *[]byte) []byte

// WriteRows formats every row of t with format and writes the bytes in
// row order: sequentially, or for a Concurrent table of at least 4,096
// rows in chunks of 2,048 rows on all cores (the same bytes, in order;
// at most two chunks per core in flight). format must then be safe for
// concurrent use. Memory does not grow with the table.
func WriteRows(w io.Writer, t Table, format FormatFunc) error {
	const chunk = 2048
	workers := runtime.GOMAXPROCS(0)
	if !t.Concurrent || t.Len < 2*chunk || workers < 2 {
		var b, tmp []byte
		var row []Cell
		for r := 0; r < t.Len; r++ {
			row = t.Row(r, row)
			b = format(b, r, row, &tmp)
			if len(b) > 1<<15 {
				if _, err := w.Write(b); err != nil {
					return err
				}
				b = b[:0]
			}
		}
		_, err := w.Write(b)
		return err
	}
	// Chunks are formatted by workers into buffers and written in order;
	// at most 2×workers chunks are in flight.
	n := (t.Len + chunk - 1) / chunk
	// Chunk buffers are recycled: written chunks come back for the next
	// ones, so a big table is formatted without growing a fresh buffer
	// (copying as it doubles) and dropping it for every chunk.
	free := make(chan []byte, 2*workers)
	results := make([]chan []byte, n)
	for i := range results {
		results[i] = make(chan []byte, 1)
	}
	next := make(chan int)
	var sizeHint atomic.Int64
	sem := make(chan struct{}, 2*workers)
	go func() {
		for i := 0; i < n; i++ {
			sem <- struct{}{}
			next <- i
		}
		close(next)
	}()
	for range workers {
		go func() {
			var tmp []byte
			var row []Cell
			for i := range next {
				var b []byte
				select {
				case b = <-free:
				default:
					// A new buffer starts at the size of the chunks so
					// far instead of growing (and copying) to it.
					b = make([]byte, 0, sizeHint.Load())
				}
				for r := i * chunk; r < min((i+1)*chunk, t.Len); r++ {
					row = t.Row(r, row)
					b = format(b, r, row, &tmp)
				}
				if n := int64(len(b)); n > sizeHint.Load() {
					sizeHint.Store(n + n/8)
				}
				results[i] <- b
			}
		}()
	}
	var err error
	for i := 0; i < n; i++ {
		b := <-results[i]
		<-sem
		if err == nil {
			_, err = w.Write(b)
		}
		select {
		case free <- b[:0]:
		default:
		}
	}
	return err
}

// Overflow records the first infinite cell (an overflow the writers
// refuse) met by row formatters that may run concurrently. The zero value
// is ready to use.
type Overflow struct {
	once sync.Once
	err  error
}

// Note records an infinite cell at row r (from 0), column col of t.
func (f *Overflow) Note(t Table, r, col int) {
	f.once.Do(func() {
		f.err = fmt.Errorf("output: row %d, column %q: infinite value (an overflow): not written", r+1, t.Columns[col].Name)
	})
}

// Err is the first infinite cell noted, or nil.
func (f *Overflow) Err() error { return f.err }
