package geojsonio

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets"
)

// rawFeature is one feature as found in the stream; every member stays raw
// so that a wrongly typed member becomes a RecordError, not a decode error.
type rawFeature struct {
	Type       json.RawMessage `json:"type"`
	ID         json.RawMessage `json:"id"`
	Geometry   json.RawMessage `json:"geometry"`
	Properties json.RawMessage `json:"properties"`
}

// featureCtx is what a per-kind builder sees of one feature. One is
// reused for all the features of a walk (see begin).
type featureCtx struct {
	origin datasets.Origin
	raw    rawFeature
	names  []string          // the schema's property names ("" for none)
	vals   []json.RawMessage // raw value of names[i]; nil when absent
	probs  *datasets.Problems
	shared interner
	ids    datasets.IDSet // the ids of the walk so far
	bad    bool           // a problem was reported for this feature

	estimate int // expected number of features, 0 while unknown (see reserve)

	features int                    // features begun
	mapped   []datasets.FieldColumn // mapped properties: some feature must have each
	seen     []bool                 // seen[i]: some feature has property names[i]
	listing  bool                   // some mapped property is unseen: note the keys
	keys     []string               // distinct property names noted, for the error

	// Set by fastFeature: the properties are in vals already (loaded),
	// the geometry is the valid Point point (hasPoint).
	loaded, hasPoint bool
	point            orb.Point
	fastKeys         [][]byte // property names fastProps saw, while listing
}

// fail reports a problem with field of the current feature.
func (c *featureCtx) fail(field, reason string) {
	c.bad = true
	c.probs.Add(&datasets.RecordError{Line: c.origin.Line, Feature: c.origin.Feature, Field: field, Reason: reason})
}

// decodeCollection streams the FeatureCollection in r and calls build for
// each feature that is a JSON object (or null). It returns a wrapped I/O
// error when r fails; data problems go to c.probs.
//
// O(size of input); memory is one feature plus the decoder buffer.
func decodeCollection(source string, r io.Reader, c *featureCtx, build func(c *featureCtx)) error {
	probs := c.probs
	br := bufio.NewReader(r)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xEF\xBB\xBF")) {
		_, _ = br.Discard(3) // RFC 8259 §8.1: a parser may ignore a byte order mark
	}
	lr := &lineReader{r: br, line: 1}
	dec := json.NewDecoder(lr)
	fileErr := func(line int, reason string) {
		probs.Add(&datasets.RecordError{Line: line, Feature: -1, Reason: reason})
	}
	// fatalAt turns a decoder error into a problem, or an I/O error.
	// The offsets of syntax errors from Token are positions in the input,
	// but those from Decode are not (they count the bytes of all decoded
	// values): the value that failed, which started at valueStart, is
	// scanned again to find the position (valueStart < 0 for Token).
	fatalAt := func(err error, valueStart int64) error {
		if lr.err != nil {
			return fmt.Errorf("geojsonio: reading %s: %w", source, lr.err)
		}
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			off := se.Offset
			if valueStart >= 0 {
				off = lr.syntaxErrorAt(valueStart)
			}
			fileErr(lr.lineAt(off), "invalid JSON: "+se.Error())
		case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
			fileErr(lr.lastLine(), "truncated JSON: unexpected end of file")
		default:
			fileErr(lr.lineAt(dec.InputOffset()), "invalid JSON: "+err.Error())
		}
		return nil
	}
	fatal := func(err error) error { return fatalAt(err, -1) }

	tok, err := dec.Token()
	if errors.Is(err, io.EOF) && lr.total == 0 {
		fileErr(0, "empty file")
		return nil
	}
	if errors.Is(err, io.EOF) && len(bytes.TrimSpace(lr.win)) == 0 {
		fileErr(0, "empty file (white space only)")
		return nil
	}
	if err != nil {
		return fatal(err)
	}
	if tok != json.Delim('{') {
		fileErr(1, fmt.Sprintf("not a GeoJSON FeatureCollection: the document is %s, not an object", describeToken(tok)))
		return nil
	}

	var docType string
	var sawFeatures bool
	n := 0
	for dec.More() {
		lr.advance(dec.InputOffset())
		tok, err := dec.Token()
		if err != nil {
			return fatal(err)
		}
		key, _ := tok.(string)
		switch key {
		case "features":
			sawFeatures = true
			off := dec.InputOffset()
			tok, err := dec.Token()
			if err != nil {
				return fatal(err)
			}
			line := lr.valueLine(off) // once read: see decodeStart
			if tok != json.Delim('[') {
				fileErr(line, fmt.Sprintf(`"features" is %s, not an array`, describeToken(tok)))
				return nil
			}
			for dec.More() {
				off := dec.InputOffset()
				c.begin(0, n)
				n++
				err := dec.Decode(&c.raw)
				start := lr.decodeStart(off)
				c.origin.Line = lr.valueLine(start)
				var te *json.UnmarshalTypeError
				switch {
				case errors.As(err, &te):
					c.fail("", "feature is not a JSON object")
				case err != nil:
					return fatalAt(err, start)
				default:
					build(c)
				}
				if probs.Full() {
					return nil
				}
			}
			if _, err := dec.Token(); err != nil { // ']'
				return fatal(err)
			}
		default:
			var v json.RawMessage
			off := dec.InputOffset()
			if err := dec.Decode(&v); err != nil {
				return fatalAt(err, lr.decodeStart(off))
			}
			switch key {
			case "type":
				if err := json.Unmarshal(v, &docType); err != nil {
					docType = ""
				}
			case "crs":
				if reason := checkCRS(v); reason != "" {
					fileErr(0, reason)
				}
			}
		}
	}
	if _, err := dec.Token(); err != nil { // '}'
		return fatal(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		if err != nil {
			return fatal(err)
		}
		fileErr(lr.lineAt(dec.InputOffset()), "unexpected data after the end of the FeatureCollection")
	}

	switch {
	case docType == "":
		fileErr(0, `not a GeoJSON FeatureCollection: missing "type": "FeatureCollection"`)
	case docType != "FeatureCollection":
		fileErr(0, fmt.Sprintf("not a GeoJSON FeatureCollection: the document is a %q (wrap it in a FeatureCollection)", docType))
	case !sawFeatures:
		fileErr(0, `FeatureCollection has no "features" member`)
	case n == 0:
		fileErr(0, "FeatureCollection has no features")
	}
	return nil
}

// checkCRS accepts only a legacy GeoJSON 2008 "crs" member that names
// WGS84 lon/lat (or null); RFC 7946 removed the member.
func checkCRS(raw json.RawMessage) string {
	var c struct {
		Properties struct {
			Name string `json:"name"`
		} `json:"properties"`
	}
	if bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return ""
	}
	_ = json.Unmarshal(raw, &c)
	switch strings.ToUpper(c.Properties.Name) {
	case "URN:OGC:DEF:CRS:OGC:1.3:CRS84", "URN:OGC:DEF:CRS:OGC::CRS84", "EPSG:4326", "URN:OGC:DEF:CRS:EPSG::4326", "CRS84":
		return ""
	}
	return fmt.Sprintf(`"crs" %s is not WGS84 lon/lat: RFC 7946 GeoJSON must be in EPSG:4326 (reproject, e.g. ogr2ogr -t_srs EPSG:4326)`, compact(raw))
}

func compact(raw []byte) string {
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil || b.Len() > 120 {
		return "member"
	}
	return b.String()
}

func describeToken(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		switch v {
		case '[':
			return "an array"
		case '{':
			return "an object"
		}
	case string:
		return "a string"
	case float64, json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%v", tok)
}

// lineReader passes bytes through to a json.Decoder while keeping the
// bytes not yet located, so that byte offsets reported by the decoder can
// be turned into 1-based line numbers. Offsets must be queried in
// non-decreasing order; memory is the bytes read since the last query
// (about one feature plus the decoder's read-ahead).
type lineReader struct {
	r     io.Reader
	err   error  // first read error other than io.EOF
	win   []byte // bytes [base, base+len(win)) of the input
	base  int64
	total int64
	line  int // line of the byte at base
}

func (l *lineReader) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	if n < 0 || n > len(p) {
		n = 0 // a misbehaving reader must not make us panic
	}
	l.win = append(l.win, p[:n]...)
	l.total += int64(n)
	if err != nil && err != io.EOF && l.err == nil {
		l.err = err
	}
	return n, err
}

// advance moves base forward to off, counting the newlines passed.
func (l *lineReader) advance(off int64) {
	k := off - l.base
	if k <= 0 {
		return
	}
	if k > int64(len(l.win)) {
		k = int64(len(l.win))
	}
	l.line += bytes.Count(l.win[:k], []byte{'\n'})
	l.win = l.win[k:]
	l.base += k
}

// lineAt returns the line of the byte at off.
func (l *lineReader) lineAt(off int64) int {
	l.advance(off)
	return l.line
}

// lastLine returns the line of the last byte read.
func (l *lineReader) lastLine() int {
	l.advance(l.total)
	return l.line
}

// syntaxErrorAt returns the position of the first syntax error in the
// bytes read from start on, or start if none is found.
func (l *lineReader) syntaxErrorAt(start int64) int64 {
	l.advance(start)
	if start < l.base {
		return l.base
	}
	var v json.RawMessage
	var se *json.SyntaxError
	if err := json.Unmarshal(l.win, &v); errors.As(err, &se) && se.Offset > 0 {
		// Unmarshal counts bytes up to and including the bad one.
		return start + se.Offset - 1
	}
	return start
}

// decodeStart returns where json.Decoder.Decode starts scanning a value
// when its read position is off: past the white space and the one comma or
// colon that separates the value from the previous token, if any. Like
// valueLine, it can only see bytes already read: ask once the decoder has
// read the value (or failed in it), not before, since the decoder's
// read-ahead may end anywhere, even between a comma and the next value.
func (l *lineReader) decodeStart(off int64) int64 {
	l.advance(off)
	for i, c := range l.win {
		switch c {
		case ' ', '\t', '\r', '\n':
		case ',', ':':
			return off + int64(i) + 1
		default:
			return off + int64(i)
		}
	}
	return off
}

// valueLine returns the line of the first byte at or after off that is
// neither white space, a comma nor a colon: where the next JSON value
// starts.
func (l *lineReader) valueLine(off int64) int {
	l.advance(off)
	line := l.line
	for _, c := range l.win {
		switch c {
		case '\n':
			line++
		case ' ', '\t', '\r', ',', ':':
		default:
			return line
		}
	}
	return line
}
