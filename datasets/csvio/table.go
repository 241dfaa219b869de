package csvio

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/geo/crs"
	"github.com/paulmach/orb"
)

// table is an open CSV file whose header has been checked against a
// schema.
type table struct {
	*Table
	// Coordinates: lon/lat columns, or x/y columns converted by toWGS84.
	xCol, yCol string
	xIdx, yIdx int
	projected  bool
	epsg       int
	toWGS84    func(x, y float64) (lon, lat float64)

	size     int            // bytes in the input, for estimate
	estimate int            // expected number of rows, 0 while unknown (see reserve)
	ids      datasets.IDSet // the ids of the rows so far
	ctx      rowCtx         // reused for every row
}

// openTable reads the input into memory and then its header. required
// lists the schema columns that must be present, mapped the fields the
// user mapped to a column, which must be present too. It returns (nil, nil)
// when the file cannot be read further (problems were added to probs) and
// a non-nil error only for I/O failures.
func openTable(source string, r io.Reader, probs *datasets.Problems, required []string, mapped []datasets.FieldColumn, cs datasets.CoordSchema) (*table, error) {
	buf, readErr := datasets.ReadAll(r)
	in := io.Reader(bytes.NewReader(buf))
	if readErr != nil {
		// Replay what was read, then the failure: rows are read and
		// problems reported up to it, as when reading r directly.
		in = io.MultiReader(in, failingReader{readErr})
	}
	tb, ok, err := OpenTable(in, probs, TableConfig{Source: source, Pkg: "csvio", Required: required})
	if err != nil || tb == nil {
		return nil, err
	}
	t := &table{Table: tb, size: len(buf)}
	ok = t.checkMapped(required, mapped) && ok
	if !t.resolveCoords(tb.line, cs) || !ok {
		return nil, nil
	}
	return t, nil
}

// checkMapped reports every mapped column the header lacks (required
// ones are reported by OpenTable already).
func (t *table) checkMapped(required []string, mapped []datasets.FieldColumn) bool {
	ok := true
	for _, m := range mapped {
		if t.has(m.Column) || slices.Contains(required, m.Column) {
			continue
		}
		t.probs.Add(&datasets.RecordError{Line: t.line, Feature: -1, Field: m.Column,
			Reason: fmt.Sprintf("%s is mapped to column %q, which this file does not have; its columns are %s",
				m.Field, m.Column, t.describeHeader())})
		ok = false
	}
	return ok
}

func (t *table) describeHeader() string { return datasets.DescribeHeader(t.Header) }

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
	t.xIdx, t.yIdx = t.Col[t.xCol], t.Col[t.yCol]
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
	*Row
	t      *table
	origin datasets.Origin
}

// rows calls fn for each data row with the right number of valid UTF-8
// fields; it reports syntax, field-count and encoding problems itself.
// It returns a wrapped error only for I/O failures.
func (t *table) rows(fn func(c *rowCtx)) error {
	n := 0
	return t.Rows(func(r *Row) {
		n++
		if n == estimateAfter {
			t.estimateRows(n)
		}
		for i, f := range r.Fields {
			if !utf8.ValidString(f) {
				r.Fail(t.Header[i], "not valid UTF-8")
			}
		}
		if r.Bad {
			return
		}
		c := &t.ctx
		*c = rowCtx{Row: r, t: t, origin: datasets.Origin{Source: t.cfg.Source, Line: r.Line, Feature: -1}}
		fn(c)
	})
}

// cell returns the trimmed value of column name; ok is false when the
// schema names no such column or the header lacks it.
func (c *rowCtx) cell(name string) (v string, ok bool) {
	if name == "" {
		return "", false
	}
	i, ok := c.t.Col[name]
	if !ok {
		return "", false
	}
	return strings.TrimSpace(c.Fields[i]), true
}

// text returns a cell; with required, a blank cell is a problem.
func (c *rowCtx) text(name string, required bool) string {
	v, _ := c.cell(name)
	if v == "" && required {
		c.Fail(name, "required value is empty")
	}
	return v
}

// id returns the record id and checks it is present and unique in the file.
func (c *rowCtx) id(name string) string {
	v, _ := c.cell(name)
	if v == "" {
		c.Fail(name, "missing id")
		return ""
	}
	if e := c.t.ids.Check(v, name, c.origin); e != nil {
		c.Bad = true
		c.t.probs.Add(e)
	}
	return v
}

func (c *rowCtx) country(name string) string {
	v, _ := c.cell(name)
	cc, err := datasets.NormalizeCountry(v)
	if err != nil {
		c.Fail(name, err.Error())
	}
	return cc
}

func (c *rowCtx) quantity(name string) (float64, bool) {
	v, _ := c.cell(name)
	q, ok, err := datasets.ParseQuantity(v, c.t.DecimalComma)
	if err != nil {
		c.Fail(name, err.Error())
	}
	return q, ok
}

// location parses and converts the coordinate cells.
func (c *rowCtx) location() (orb.Point, bool) {
	t := c.t
	x, errX := datasets.ParseDecimal(c.Fields[t.xIdx], t.DecimalComma)
	y, errY := datasets.ParseDecimal(c.Fields[t.yIdx], t.DecimalComma)
	if errX != nil {
		c.Fail(t.xCol, "coordinate: "+errX.Error())
	}
	if errY != nil {
		c.Fail(t.yCol, "coordinate: "+errY.Error())
	}
	if errX != nil || errY != nil {
		return orb.Point{}, false
	}
	if !t.projected {
		errLon, errLat := datasets.ValidateLonLat(x, 0), datasets.ValidateLonLat(0, y)
		hint := ""
		if errLon != nil || errLat != nil {
			if h := datasets.CoordinateHint(x, y); h != "" {
				hint = "; " + h + ": name the columns as x/y with their EPSG code"
			}
		}
		if errLon != nil {
			c.Fail(t.xCol, errLon.Error()+hint)
		}
		if errLat != nil {
			c.Fail(t.yCol, errLat.Error()+hint)
		}
		return orb.Point{x, y}, errLon == nil && errLat == nil
	}
	if err := datasets.ValidateXY(t.epsg, x, y); err != nil {
		c.Fail(t.xCol, err.Error())
		return orb.Point{}, false
	}
	lon, lat := t.toWGS84(x, y)
	if err := datasets.ValidateLonLat(lon, lat); err != nil {
		c.Fail(t.xCol, fmt.Sprintf("x=%v, y=%v in EPSG:%d: %v", x, y, t.epsg, err))
		return orb.Point{}, false
	}
	return orb.Point{lon, lat}, true
}
