package csvio

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

// headerPeek is how much of the file is looked at to find the delimiter.
const headerPeek = 64 << 10

// TableConfig says how OpenTable reads a table.
type TableConfig struct {
	Source   string   // names the input in problems and I/O errors
	Pkg      string   // the reading package, for I/O errors: "<Pkg>: reading <Source>: …"
	Required []string // non-empty column names the header must hold
	MaxRows  int      // records read (syntax errors included) before Rows stops; 0 for no cap
}

// Table is a CSV input whose header has been read and checked. It is the
// strict reading shared by the CSV readers of partons: the delimiter is
// detected from the header line, a UTF-8 byte order mark is skipped, and
// header names are trimmed and must be valid UTF-8 and unique.
// A Table is used from one goroutine.
type Table struct {
	Header       []string       // trimmed column names
	Col          map[string]int // trimmed column name -> index
	DecimalComma bool           // the file is semicolon-separated: "2,5" is a number

	line  int // of the header
	cfg   TableConfig
	cr    *csv.Reader
	src   *errReader
	probs *datasets.Problems
	row   Row // reused for every row
}

// errReader remembers the first error of the underlying reader other than
// io.EOF, so that I/O failures are told apart from CSV syntax errors.
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

func (t *Table) ioErr() error {
	if t.src.err != nil {
		return fmt.Errorf("%s: reading %s: %w", t.cfg.Pkg, t.cfg.Source, t.src.err)
	}
	return nil
}

// OpenTable reads the header of r and checks it, adding every problem to
// probs. t is nil when nothing more can be read (an empty file, a header
// that is not CSV); ok is false when the header has problems, and then
// t.Rows must not be called. err is non-nil only for I/O failures.
func OpenTable(r io.Reader, probs *datasets.Problems, cfg TableConfig) (t *Table, ok bool, err error) {
	src := &errReader{r: r}
	br := bufio.NewReaderSize(src, headerPeek)
	t = &Table{cfg: cfg, src: src, probs: probs, Col: map[string]int{}}
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xEF\xBB\xBF")) {
		_, _ = br.Discard(3)
	}
	head, _ := br.Peek(headerPeek)
	if err := t.ioErr(); err != nil {
		return nil, false, err
	}
	if len(bytes.TrimSpace(head)) == 0 {
		probs.Add(&datasets.RecordError{Feature: -1, Reason: "empty file"})
		return nil, false, nil
	}
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	comma := datasets.DetectDelimiter(head)
	t.DecimalComma = comma == ';'
	t.cr = csv.NewReader(br)
	t.cr.Comma = comma
	t.cr.FieldsPerRecord = -1
	t.cr.ReuseRecord = true
	t.cr.TrimLeadingSpace = comma != '\t'

	rec, err := t.cr.Read()
	if err != nil {
		if err := t.ioErr(); err != nil {
			return nil, false, err
		}
		line, reason := 1, err.Error()
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			line, reason = pe.Line, pe.Err.Error()
		}
		probs.Add(&datasets.RecordError{Line: line, Feature: -1, Reason: "header: " + reason})
		return nil, false, nil
	}
	t.line, _ = t.cr.FieldPos(0)
	line := t.line
	ok = true
	t.Header = make([]string, len(rec))
	for i, name := range rec {
		if !utf8.ValidString(name) {
			probs.Add(&datasets.RecordError{Line: line, Feature: -1, Reason: fmt.Sprintf("header column %d is not valid UTF-8", i+1)})
			ok = false
		}
		name = strings.TrimSpace(name)
		t.Header[i] = name
		if _, dup := t.Col[name]; dup && name != "" {
			probs.Add(&datasets.RecordError{Line: line, Feature: -1, Field: name, Reason: "duplicate column in header"})
			ok = false
		}
		t.Col[name] = i
	}
	for _, name := range cfg.Required {
		if !t.has(name) {
			probs.Add(&datasets.RecordError{Line: line, Feature: -1, Field: name,
				Reason: fmt.Sprintf("required column %q is missing; header is %s", name, datasets.DescribeHeader(t.Header))})
			ok = false
		}
	}
	return t, ok, nil
}

func (t *Table) has(name string) bool {
	if name == "" {
		return false
	}
	_, ok := t.Col[name]
	return ok
}

// Row is one data row of a Table.
type Row struct {
	Line   int      // 1-based line of the row
	Fields []string // one per header column, untrimmed; valid during the call only
	Bad    bool     // a problem was reported for the row
	probs  *datasets.Problems
}

// Fail reports a problem with the row, in column field ("" for the whole
// row), and marks it bad.
func (r *Row) Fail(field, reason string) {
	r.Bad = true
	r.probs.Add(&datasets.RecordError{Line: r.Line, Feature: -1, Field: field, Reason: reason})
}

// Rows calls fn for each data row with as many fields as the header, until
// the end of the input or until probs is full. It reports syntax errors,
// wrong field counts, too many rows and a table without rows itself. fn
// gets the same *Row every time. It returns a wrapped error only for I/O
// failures.
func (t *Table) Rows(fn func(r *Row)) error {
	n := 0
	r := &t.row
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
			return fmt.Errorf("%s: reading %s: %w", t.cfg.Pkg, t.cfg.Source, err)
		}
		n++
		line, _ := t.cr.FieldPos(0)
		if t.cfg.MaxRows > 0 && n > t.cfg.MaxRows {
			t.probs.Add(&datasets.RecordError{Line: line, Feature: -1, Reason: fmt.Sprintf("more than %d data rows", t.cfg.MaxRows)})
			break
		}
		*r = Row{Line: line, Fields: rec, probs: t.probs}
		if len(rec) != len(t.Header) {
			r.Fail("", fmt.Sprintf("row has %d fields, header has %d", len(rec), len(t.Header)))
			continue
		}
		fn(r)
	}
	if n == 0 && !t.probs.Full() {
		t.probs.Add(&datasets.RecordError{Line: 1, Feature: -1, Reason: "no data rows after the header"})
	}
	return nil
}
