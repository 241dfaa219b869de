package feedio

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/partons/partons/datasets"
)

// MaxProblems bounds the problems kept for one load; the rest are counted.
const MaxProblems = 10_000

// Problems collects every problem of a load, up to MaxProblems.
type Problems struct {
	List    datasets.ErrorList
	dropped int
}

// Add records a problem.
func (p *Problems) Add(src string, line int, field, format string, args ...any) {
	if len(p.List) >= MaxProblems {
		p.dropped++
		return
	}
	p.List.Add(&datasets.RecordError{Source: src, Line: line, Feature: -1, Field: field, Reason: fmt.Sprintf(format, args...)})
}

// AddFeature records a problem with a GeoJSON feature (0-based index).
func (p *Problems) AddFeature(src string, feature int, field, format string, args ...any) {
	if len(p.List) >= MaxProblems {
		p.dropped++
		return
	}
	p.List.Add(&datasets.RecordError{Source: src, Feature: feature, Field: field, Reason: fmt.Sprintf(format, args...)})
}

// AddErr records an error: a RecordError as it is, anything else under src.
func (p *Problems) AddErr(src string, err error) {
	var re *datasets.RecordError
	if errors.As(err, &re) {
		if len(p.List) >= MaxProblems {
			p.dropped++
			return
		}
		p.List.Add(re)
		return
	}
	p.Add(src, 0, "", "%v", err)
}

// Len is the number of problems found so far, listed or not.
func (p *Problems) Len() int { return len(p.List) + p.dropped }

// Err returns nil without problems, else the list (with a last entry
// counting those not listed).
func (p *Problems) Err() error {
	if p.Len() == 0 {
		return nil
	}
	l := p.List
	if p.dropped > 0 {
		l = append(l[:len(l):len(l)], &datasets.RecordError{Source: l[len(l)-1].Source, Feature: -1,
			Reason: fmt.Sprintf("and %d more problems not listed (at most %d are)", p.dropped, MaxProblems)})
	}
	return l
}

// Table reads one CSV file of a feed: header (a UTF-8 byte-order mark is
// dropped), then one record per Next, values trimmed of spaces. Malformed
// records are reported to Problems and skipped (Rows counts them too).
type Table struct {
	Source string
	Rows   int // records read so far, malformed ones included
	r      *csv.Reader
	rc     io.Closer
	col    map[string]int
	rec    []string
	line   int
	probs  *Problems
	utf8   bool // a non-UTF-8 value was already reported
	done   bool
	ctx    context.Context
}

// OpenTable opens a CSV file of the archive. ok is false when the file is
// absent; a file that cannot be read is reported to probs.
func (a *Archive) OpenTable(name string, probs *Problems) (t *Table, ok bool) {
	if !a.Has(name) {
		return nil, false
	}
	rc, err := a.Open(name)
	if err != nil {
		probs.AddErr(a.Source(name), err)
		return nil, false
	}
	t = NewTable(a.Source(name), rc, probs)
	t.rc = rc
	t.ctx = a.ctx
	return t, true
}

// NewTable reads the header of a CSV file from r.
func NewTable(src string, r io.Reader, probs *Problems) *Table {
	cr := csv.NewReader(&lineBound{r: r})
	cr.ReuseRecord = true
	cr.FieldsPerRecord = 0
	t := &Table{Source: src, r: cr, probs: probs, col: map[string]int{}}
	hdr, err := cr.Read()
	if err != nil {
		if err == io.EOF {
			probs.Add(src, 1, "", "empty file: no header line")
		} else {
			t.report(err)
		}
		t.done = true
		return t
	}
	t.line = 1
	for i, h := range hdr {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if _, dup := t.col[h]; dup && h != "" {
			probs.Add(src, 1, h, "column appears twice in the header")
			continue
		}
		t.col[h] = i
	}
	return t
}

// SetProblems sends the table's later problems to p.
func (t *Table) SetProblems(p *Problems) { t.probs = p }

// Has reports whether the header has the column.
func (t *Table) Has(col string) bool { _, ok := t.col[col]; return ok }

// Require reports each missing column; it returns false if one is missing.
func (t *Table) Require(cols ...string) bool {
	ok := true
	for _, c := range cols {
		if !t.Has(c) && !t.done {
			t.probs.Add(t.Source, 1, c, "required column missing from the header")
			ok = false
		}
	}
	return ok
}

// Next reads the next well-formed record; false at the end or after a
// fatal read error (reported).
func (t *Table) Next() bool {
	for !t.done {
		rec, err := t.r.Read()
		if err == io.EOF {
			t.Close()
			return false
		}
		t.Rows++
		if t.ctx != nil && t.Rows&0xffff == 0 && t.ctx.Err() != nil {
			t.Close() // cancelled: the caller returns ctx.Err()
			return false
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && (errors.Is(err, csv.ErrFieldCount) || errors.Is(err, csv.ErrQuote) || errors.Is(err, csv.ErrBareQuote)) {
				t.report(err)
				continue
			}
			t.report(err)
			t.Close()
			return false
		}
		t.rec = rec
		t.line, _ = t.r.FieldPos(0)
		if !t.utf8 {
			for _, v := range rec {
				if !utf8.ValidString(v) {
					t.utf8 = true
					t.probs.Add(t.Source, t.line, "", "not UTF-8 text (GTFS files are UTF-8; further lines not reported)")
					break
				}
			}
		}
		return true
	}
	return false
}

func (t *Table) report(err error) {
	if errors.Is(err, errLongLine) {
		t.probs.Add(t.Source, t.line+1, "", "a line longer than %d bytes: not a GTFS text file?", MaxLineBytes)
		return
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		line := pe.Line
		if pe.StartLine > 0 {
			line = pe.StartLine
		}
		t.probs.Add(t.Source, line, "", "malformed CSV: %v", pe.Err)
		return
	}
	t.probs.AddErr(t.Source, err)
}

// Close releases the file (called by Next at the end).
func (t *Table) Close() {
	t.done = true
	if t.rc != nil {
		t.rc.Close()
		t.rc = nil
	}
}

// Line is the 1-based line of the current record.
func (t *Table) Line() int { return t.line }

// Get returns the trimmed value of a column, "" when the column is absent.
func (t *Table) Get(col string) string {
	i, ok := t.col[col]
	if !ok || i >= len(t.rec) {
		return ""
	}
	return strings.TrimSpace(t.rec[i])
}

// Errorf reports a problem with a field of the current record.
func (t *Table) Errorf(field, format string, args ...any) {
	t.probs.Add(t.Source, t.line, field, format, args...)
}

// Need returns a required value, reporting it when empty.
func (t *Table) Need(col string) (string, bool) {
	v := t.Get(col)
	if v == "" {
		if t.Has(col) { // a missing column is reported once, by Require
			t.Errorf(col, "required value is empty")
		}
		return "", false
	}
	return v, true
}

var errLongLine = errors.New("line too long")

// lineBound fails when a line passes MaxLineBytes, so one huge line
// cannot make the CSV reader buffer the whole file.
type lineBound struct {
	r   io.Reader
	run int
}

func (l *lineBound) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	rest := p[:n]
	for {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			l.run += len(rest)
			break
		}
		if l.run+i > MaxLineBytes {
			return n - len(rest) + i, errLongLine
		}
		l.run, rest = 0, rest[i+1:]
	}
	if l.run > MaxLineBytes {
		return n, errLongLine
	}
	return n, err
}
