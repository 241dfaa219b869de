package odmatrix

import (
	"io"
	"strings"
	"unicode/utf8"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/csvio"
)

// maxRows caps the data rows of one file so that indexes and line
// numbers fit in int32.
const maxRows = 1<<31 - 2

// table is an open CSV input whose header holds the required columns.
type table struct {
	*csvio.Table
	col []int // index of each required column
}

// openTable reads the header of r and checks that it names every column
// in required. It returns (nil, nil) when the input cannot be read further
// (problems were added to probs) and a non-nil error only for I/O failures.
func openTable(source string, r io.Reader, probs *datasets.Problems, required []string) (*table, error) {
	tb, ok, err := csvio.OpenTable(r, probs, csvio.TableConfig{
		Source: source, Pkg: "odmatrix", Required: required, MaxRows: maxRows})
	if err != nil || !ok {
		return nil, err
	}
	t := &table{Table: tb, col: make([]int, len(required))}
	for k, name := range required {
		t.col[k] = tb.Col[name]
	}
	return t, nil
}

// row is one data row: the trimmed cells of the required columns.
type row struct {
	*csvio.Row
	cells []string
}

// rows calls fn for each data row with the right number of fields and
// valid UTF-8 in the required columns; it reports syntax, field-count and
// encoding problems itself and returns a wrapped error only for I/O
// failures.
func (t *table) rows(fn func(r *row)) error {
	rw := &row{cells: make([]string, len(t.col))}
	return t.Rows(func(r *csvio.Row) {
		rw.Row = r
		for k, i := range t.col {
			if !utf8.ValidString(r.Fields[i]) {
				r.Fail(t.Header[i], "not valid UTF-8")
			}
			rw.cells[k] = strings.TrimSpace(r.Fields[i])
		}
		if r.Bad {
			return
		}
		fn(rw)
	})
}
