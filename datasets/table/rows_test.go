package table

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"
)

// TestWriteRowsOrder: rows come out in order on both paths (sequential,
// and concurrent chunks of 2,048 rows), whatever the chunk boundaries.
func TestWriteRowsOrder(t *testing.T) {
	for _, n := range []int{0, 1, 4095, 4096, 2048*3 + 5} {
		for _, conc := range []bool{false, true} {
			tb := Table{Columns: []Column{{Name: "i", Kind: Number}}, Len: n, Concurrent: conc,
				Row: func(i int, dst []Cell) []Cell { return append(dst[:0], Int(i)) }}
			var b bytes.Buffer
			err := WriteRows(&b, tb, func(b []byte, r int, row []Cell, _ *[]byte) []byte {
				return append(row[0].AppendText(b), '\n')
			})
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
			if n == 0 {
				lines = nil
			}
			if len(lines) != n {
				t.Fatalf("n=%d concurrent=%v: %d lines", n, conc, len(lines))
			}
			for i, l := range lines {
				if l != strconv.Itoa(i) {
					t.Fatalf("n=%d concurrent=%v: line %d is %q", n, conc, i, l)
				}
			}
		}
	}
}

// TestOverflowFirstNoted: the first infinite cell noted is the one named.
func TestOverflowFirstNoted(t *testing.T) {
	tb := FromRows([]Column{{Name: "a"}, {Name: "share"}}, [][]Cell{{Str("x"), Float(math.Inf(1), 2)}})
	var o Overflow
	if o.Err() != nil {
		t.Fatal("zero Overflow reports an error")
	}
	o.Note(tb, 6, 1)
	o.Note(tb, 0, 0)
	if got, want := o.Err().Error(), `output: row 7, column "share": infinite value (an overflow): not written`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
