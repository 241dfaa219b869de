package odmatrix

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/partons/partons/datasets"
)

// headerPeek is how much of the input is looked at to find the delimiter.
const headerPeek = 64 << 10

// maxRows caps the data rows of one file so that indexes and line
// numbers fit in int32.
const maxRows = 1<<31 - 2

// table is an open CSV input whose header holds the required columns.
type table struct {
	source       string
	cr           *csv.Reader
	src          *errReader
	probs        *datasets.Problems
	header       []string
	col          []int // index of each required column
	decimalComma bool
}

// errReader remembers the first error of the underlying reader other
// than io.EOF, so that I/O failures are told apart from CSV syntax errors.
type errReader struct {
	r   io.Reader
	err error
}

func (e *errReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && err != io.EOF && e.err == nil {
		e.err = err
	}
	return n, err
}

func (t *table) ioErr() error {
	if t.src.err != nil {
		return fmt.Errorf("odmatrix: reading %s: %w", t.source, t.src.err)
	}
	return nil
}

// openTable reads the header of r and checks that it names every column
// in required. It returns (nil, nil) when the input cannot be read further
// (problems were added to probs) and a non-nil error only for I/O failures.
func openTable(source string, r io.Reader, probs *datasets.Problems, required []string) (*table, error) {
	src := &errReader{r: r}
	br := bufio.NewReaderSize(src, headerPeek)
	t := &table{source: source, src: src, probs: probs}
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xEF\xBB\xBF")) {
		_, _ = br.Discard(3)
	}
	head, _ := br.Peek(headerPeek)
	if err := t.ioErr(); err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(head)) == 0 {
		probs.Add(&datasets.RecordError{Feature: -1, Reason: "empty file"})
		return nil, nil
	}
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	comma := datasets.DetectDelimiter(head)
	t.decimalComma = comma == ';'
	t.cr = csv.NewReader(br)
	t.cr.Comma = comma
	t.cr.FieldsPerRecord = -1
	t.cr.ReuseRecord = true
	t.cr.TrimLeadingSpace = comma != '\t'

	rec, err := t.cr.Read()
	if err != nil {
		if err := t.ioErr(); err != nil {
			return nil, err
		}
		line, reason := 1, err.Error()
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			line, reason = pe.Line, pe.Err.Error()
		}
		probs.Add(&datasets.RecordError{Line: line, Feature: -1, Reason: "header: " + reason})
		return nil, nil
	}
	bad := false
	col := make(map[string]int, len(rec))
	t.header = make([]string, len(rec))
	for i, name := range rec {
		if !utf8.ValidString(name) {
			probs.Add(&datasets.RecordError{Line: 1, Feature: -1, Reason: fmt.Sprintf("header column %d is not valid UTF-8", i+1)})
			bad = true
		}
		name = strings.TrimSpace(name)
		t.header[i] = name
		if _, dup := col[name]; dup && name != "" {
			probs.Add(&datasets.RecordError{Line: 1, Feature: -1, Field: name, Reason: "duplicate column in header"})
			bad = true
		}
		col[name] = i
	}
	for _, name := range required {
		i, ok := col[name]
		if !ok {
			probs.Add(&datasets.RecordError{Line: 1, Feature: -1, Field: name,
				Reason: fmt.Sprintf("required column %q is missing; header is %s", name, datasets.DescribeHeader(t.header))})
			bad = true
		}
		t.col = append(t.col, i)
	}
	if bad {
		return nil, nil
	}
	return t, nil
}

// row is one data row: the trimmed cells of the required columns.
type row struct {
	line  int
	cells []string
	bad   bool
	t     *table
}

func (r *row) fail(field, reason string) {
	r.bad = true
	r.t.probs.Add(&datasets.RecordError{Line: r.line, Feature: -1, Field: field, Reason: reason})
}

// rows calls fn for each data row with the right number of valid UTF-8
// fields; it reports syntax, field-count and encoding problems itself and
// returns a wrapped error only for I/O failures.
func (t *table) rows(fn func(r *row)) error {
	n := 0
	r := &row{t: t, cells: make([]string, len(t.col))}
	for !t.probs.Full() {
		rec, err := t.cr.Read()
		if err == io.EOF {
			break
		}
		if err := t.ioErr(); err != nil {
			return err
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			n++
			t.probs.Add(&datasets.RecordError{Line: pe.Line, Feature: -1, Reason: "CSV syntax: " + pe.Err.Error()})
			continue
		}
		if err != nil {
			return fmt.Errorf("odmatrix: reading %s: %w", t.source, err)
		}
		n++
		line, _ := t.cr.FieldPos(0)
		if n > maxRows {
			t.probs.Add(&datasets.RecordError{Line: line, Feature: -1, Reason: fmt.Sprintf("more than %d data rows", maxRows)})
			break
		}
		r.line, r.bad = line, false
		if len(rec) != len(t.header) {
			r.fail("", fmt.Sprintf("row has %d fields, header has %d", len(rec), len(t.header)))
			continue
		}
		for k, i := range t.col {
			if !utf8.ValidString(rec[i]) {
				r.fail(t.header[i], "not valid UTF-8")
			}
			r.cells[k] = strings.TrimSpace(rec[i])
		}
		if r.bad {
			continue
		}
		fn(r)
	}
	if n == 0 && !t.probs.Full() {
		t.probs.Add(&datasets.RecordError{Line: 1, Feature: -1, Reason: "no data rows after the header"})
	}
	return nil
}
