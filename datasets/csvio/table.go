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
	"github.com/partons/partons/geo/crs"
	"github.com/paulmach/orb"
)

// headerPeek is how much of the file is looked at to find the delimiter.
const headerPeek = 64 << 10

// table is an open CSV file whose header has been checked against a
// schema.
type table struct {
	source string
	cr     *csv.Reader
	src    *errReader
	probs  *datasets.Problems
	header []string
	col    map[string]int // trimmed header name -> index

	decimalComma bool
	// Coordinates: lon/lat columns, or x/y columns converted by toWGS84.
	xCol, yCol     string
	xIdx, yIdx     int
	projected      bool
	epsg           int
	toWGS84        func(x, y float64) (lon, lat float64)
	sawParseErrors bool

	size     int            // bytes in the input, for estimate
	estimate int            // expected number of rows, 0 while unknown (see reserve)
	ids      datasets.IDSet // the ids of the rows so far
	row      rowCtx         // reused for every row
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

// openTable reads the input into memory and then its header. required
// lists the schema columns that must be present. It returns (nil, nil)
// when the file cannot be read further (problems were added to probs) and
// a non-nil error only for I/O failures.
func openTable(source string, r io.Reader, probs *datasets.Problems, required []string, cs datasets.CoordSchema) (*table, error) {
	buf, readErr := datasets.ReadAll(r)
	in := io.Reader(bytes.NewReader(buf))
	if readErr != nil {
		// Replay what was read, then the failure: rows are read and
		// problems reported up to it, as when reading r directly.
		in = io.MultiReader(in, failingReader{readErr})
	}
	src := &errReader{r: in}
	br := bufio.NewReaderSize(src, headerPeek)
	ioErr := func() error {
		if src.err != nil {
			return fmt.Errorf("csvio: reading %s: %w", source, src.err)
		}
		return nil
	}
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xEF\xBB\xBF")) {
		_, _ = br.Discard(3)
	}
	head, _ := br.Peek(headerPeek)
	if err := ioErr(); err != nil {
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
	cr := csv.NewReader(br)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	cr.TrimLeadingSpace = comma != '\t'

	t := &table{source: source, cr: cr, src: src, probs: probs, decimalComma: comma == ';', col: map[string]int{}, size: len(buf)}
	rec, err := cr.Read()
	if err != nil {
		if err := ioErr(); err != nil {
			return nil, err
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			probs.Add(&datasets.RecordError{Line: pe.Line, Feature: -1, Reason: "header: " + pe.Err.Error()})
		} else {
			probs.Add(&datasets.RecordError{Line: 1, Feature: -1, Reason: "header: " + err.Error()})
		}
		return nil, nil
	}
	line, _ := cr.FieldPos(0)
	t.header = make([]string, len(rec))
	bad := false
	for i, name := range rec {
		if !utf8.ValidString(name) {
			probs.Add(&datasets.RecordError{Line: line, Feature: -1, Reason: fmt.Sprintf("header column %d is not valid UTF-8", i+1)})
			bad = true
		}
		name = strings.TrimSpace(name)
		t.header[i] = name
		if _, dup := t.col[name]; dup && name != "" {
			probs.Add(&datasets.RecordError{Line: line, Feature: -1, Field: name, Reason: "duplicate column in header"})
			bad = true
		}
		t.col[name] = i
	}
	for _, name := range required {
		if !t.has(name) {
			probs.Add(&datasets.RecordError{Line: line, Feature: -1, Field: name,
				Reason: fmt.Sprintf("required column %q is missing; header is %s", name, t.describeHeader())})
			bad = true
		}
	}
	if !t.resolveCoords(line, cs) {
		bad = true
	}
	if bad {
		return nil, nil
	}
	return t, nil
}

func (t *table) has(name string) bool {
	if name == "" {
		return false
	}
	_, ok := t.col[name]
	return ok
}

func (t *table) describeHeader() string { return datasets.DescribeHeader(t.header) }

// resolveCoords picks lon/lat columns when both are in the header, else
// x/y columns in cs.EPSG (0 means 4326).
func (t *table) resolveCoords(line int, cs datasets.CoordSchema) bool {
	switch {
	case t.has(cs.Lon) && t.has(cs.Lat):
		t.xCol, t.yCol = cs.Lon, cs.Lat
	case t.has(cs.X) && t.has(cs.Y):
		t.xCol, t.yCol, t.projected = cs.X, cs.Y, true
		t.epsg = cs.EPSG
		if t.epsg == 0 {
			t.epsg = 4326
		}
		f, err := crs.ToWGS84(t.epsg)
		if err != nil {
			t.probs.Add(&datasets.RecordError{Line: line, Feature: -1, Field: cs.X,
				Reason: fmt.Sprintf("cannot convert x/y columns from EPSG:%d: %v", t.epsg, err)})
			return false
		}
		t.toWGS84 = f
	default:
		epsg := cs.EPSG
		if epsg == 0 {
			epsg = 4326
		}
		field := cs.Lon
		if field == "" {
			field = cs.X
		}
		t.probs.Add(&datasets.RecordError{Line: line, Feature: -1, Field: field,
			Reason: fmt.Sprintf("no coordinate columns: need %s (WGS84 degrees) or %s (EPSG:%d); header is %s",
				pairName(cs.Lon, cs.Lat), pairName(cs.X, cs.Y), epsg, t.describeHeader())})
		return false
	}
	t.xIdx, t.yIdx = t.col[t.xCol], t.col[t.yCol]
	return true
}

func pairName(a, b string) string {
	if a == "" || b == "" {
		return "(not configured)"
	}
	return fmt.Sprintf("%q and %q", a, b)
}

// rowCtx is one data row being turned into a record.
type rowCtx struct {
	t      *table
	rec    []string
	origin datasets.Origin
	bad    bool
}

// rows calls fn for each data row with the right number of valid UTF-8
// fields; it reports syntax, field-count and encoding problems itself.
// It returns a wrapped error only for I/O failures.
func (t *table) rows(fn func(c *rowCtx)) error {
	n := 0
	for !t.probs.Full() {
		rec, err := t.cr.Read()
		if err == io.EOF {
			break
		}
		if t.src.err != nil {
			return fmt.Errorf("csvio: reading %s: %w", t.source, t.src.err)
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			t.sawParseErrors = true
			t.probs.Add(&datasets.RecordError{Line: pe.Line, Feature: -1, Reason: "CSV syntax: " + pe.Err.Error()})
			continue
		}
		if err != nil {
			return fmt.Errorf("csvio: reading %s: %w", t.source, err)
		}
		n++
		if n == estimateAfter {
			t.estimateRows(n)
		}
		line, _ := t.cr.FieldPos(0)
		c := &t.row
		*c = rowCtx{t: t, rec: rec, origin: datasets.Origin{Source: t.source, Line: line, Feature: -1}}
		if len(rec) != len(t.header) {
			c.fail("", fmt.Sprintf("row has %d fields, header has %d", len(rec), len(t.header)))
			continue
		}
		for i, f := range rec {
			if !utf8.ValidString(f) {
				c.fail(t.header[i], "not valid UTF-8")
			}
		}
		if c.bad {
			continue
		}
		fn(c)
	}
	if n == 0 && !t.sawParseErrors && !t.probs.Full() {
		t.probs.Add(&datasets.RecordError{Line: 1, Feature: -1, Reason: "no data rows after the header"})
	}
	return nil
}

func (c *rowCtx) fail(field, reason string) {
	c.bad = true
	c.t.probs.Add(&datasets.RecordError{Line: c.origin.Line, Feature: -1, Field: field, Reason: reason})
}

// cell returns the trimmed value of column name; ok is false when the
// schema names no such column or the header lacks it.
func (c *rowCtx) cell(name string) (v string, ok bool) {
	if name == "" {
		return "", false
	}
	i, ok := c.t.col[name]
	if !ok {
		return "", false
	}
	return strings.TrimSpace(c.rec[i]), true
}

// text returns a cell; with required, a blank cell is a problem.
func (c *rowCtx) text(name string, required bool) string {
	v, _ := c.cell(name)
	if v == "" && required {
		c.fail(name, "required value is empty")
	}
	return v
}

// id returns the record id and checks it is present and unique in the file.
func (c *rowCtx) id(name string) string {
	v, _ := c.cell(name)
	if v == "" {
		c.fail(name, "missing id")
		return ""
	}
	if e := c.t.ids.Check(v, name, c.origin); e != nil {
		c.bad = true
		c.t.probs.Add(e)
	}
	return v
}

func (c *rowCtx) country(name string) string {
	v, _ := c.cell(name)
	cc, err := datasets.NormalizeCountry(v)
	if err != nil {
		c.fail(name, err.Error())
	}
	return cc
}

func (c *rowCtx) quantity(name string) (float64, bool) {
	v, _ := c.cell(name)
	q, ok, err := datasets.ParseQuantity(v, c.t.decimalComma)
	if err != nil {
		c.fail(name, err.Error())
	}
	return q, ok
}

// location parses and converts the coordinate cells.
func (c *rowCtx) location() (orb.Point, bool) {
	t := c.t
	x, errX := datasets.ParseDecimal(c.rec[t.xIdx], t.decimalComma)
	y, errY := datasets.ParseDecimal(c.rec[t.yIdx], t.decimalComma)
	if errX != nil {
		c.fail(t.xCol, "coordinate: "+errX.Error())
	}
	if errY != nil {
		c.fail(t.yCol, "coordinate: "+errY.Error())
	}
	if errX != nil || errY != nil {
		return orb.Point{}, false
	}
	if !t.projected {
		ok := true
		if err := datasets.ValidateLonLat(x, 0); err != nil {
			c.fail(t.xCol, err.Error())
			ok = false
		}
		if err := datasets.ValidateLonLat(0, y); err != nil {
			c.fail(t.yCol, err.Error())
			ok = false
		}
		return orb.Point{x, y}, ok
	}
	lon, lat := t.toWGS84(x, y)
	if err := datasets.ValidateLonLat(lon, lat); err != nil {
		c.fail(t.xCol, fmt.Sprintf("x=%v, y=%v in EPSG:%d: %v", x, y, t.epsg, err))
		return orb.Point{}, false
	}
	return orb.Point{lon, lat}, true
}
