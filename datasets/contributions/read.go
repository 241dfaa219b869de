package contributions

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/csvio"
	"github.com/paulmach/orb"
)

// MaxFileBytes bounds one contributions file: 64 MiB, some hundred
// thousand reports. A bigger file is refused before it is parsed.
const MaxFileBytes = 64 << 20

// MaxReports bounds the reports of one file.
const MaxReports = 200_000

// Read reads the reports of one file, CSV or GeoJSON (told apart as for
// the other inputs: datasets.DetectFormat), with the columns s names.
// It returns every problem of the file at once as a datasets.ErrorList
// (errors.Is(err, datasets.ErrInvalid) holds), or a wrapped error when r
// fails. Ids must be unique within the file. O(size of the input).
func Read(source string, r io.Reader, s Schema) ([]Report, error) {
	buf, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("contributions: reading %s: %w", source, err)
	}
	probs := datasets.NewProblems(source)
	if len(buf) > MaxFileBytes {
		probs.Add(&datasets.RecordError{Feature: -1, Reason: fmt.Sprintf("file is larger than %d MiB: split it", MaxFileBytes>>20)})
		return nil, probs.Err()
	}
	head := buf[:min(len(buf), 512)]
	f, err := datasets.DetectFormat(source, head)
	if err != nil {
		probs.Add(&datasets.RecordError{Feature: -1, Reason: strings.TrimPrefix(err.Error(), "datasets: "+source+": ")})
		return nil, probs.Err()
	}
	var reps []Report
	add := func(rec record) {
		rep, ok := build(rec, s)
		if ok {
			reps = append(reps, rep)
		}
	}
	var ids datasets.IDSet
	check := func(rec record) {
		if id := rec.text(s.ID); id != "" {
			if e := ids.Check(id, s.ID, rec.origin()); e != nil {
				probs.Add(e)
				return
			}
		}
		add(rec)
	}
	if f == datasets.FormatCSV {
		err = readCSV(source, buf, s, probs, check)
	} else {
		readGeoJSON(buf, s, probs, check)
	}
	if err != nil {
		return nil, err
	}
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return reps, nil
}

// csvRecord is one CSV row.
type csvRecord struct {
	row   *csvio.Row
	t     *csvio.Table
	src   string
	s     Schema
	comma bool
}

func (c *csvRecord) text(name string) string {
	i, ok := c.t.Col[name]
	if !ok || name == "" {
		return ""
	}
	return strings.TrimSpace(c.row.Fields[i])
}

func (c *csvRecord) point() (orb.Point, bool) {
	lon, lat := c.text(c.s.Lon), c.text(c.s.Lat)
	if lon == "" && lat == "" {
		return orb.Point{}, false
	}
	if lon == "" || lat == "" {
		field := c.s.Lon
		if lon != "" {
			field = c.s.Lat
		}
		c.fail(field, "a location needs both longitude and latitude")
		return orb.Point{}, false
	}
	x, err1 := datasets.ParseDecimal(lon, c.comma)
	y, err2 := datasets.ParseDecimal(lat, c.comma)
	switch {
	case err1 != nil:
		c.fail(c.s.Lon, err1.Error())
	case err2 != nil:
		c.fail(c.s.Lat, err2.Error())
	default:
		if err := datasets.ValidateLonLat(x, y); err != nil {
			c.fail(c.s.Lon, err.Error())
			return orb.Point{}, false
		}
		return orb.Point{x, y}, true
	}
	return orb.Point{}, false
}

func (c *csvRecord) fail(field, reason string) { c.row.Fail(field, reason) }

func (c *csvRecord) origin() datasets.Origin {
	return datasets.Origin{Source: c.src, Line: c.row.Line, Feature: -1}
}

func readCSV(source string, buf []byte, s Schema, probs *datasets.Problems, each func(record)) error {
	t, ok, err := csvio.OpenTable(bytes.NewReader(buf), probs, csvio.TableConfig{
		Source: source, Pkg: "contributions", Required: s.required(), MaxRows: MaxReports})
	if err != nil || t == nil {
		return err
	}
	for _, m := range s.Mapped() {
		if _, has := t.Col[m.Column]; !has {
			probs.Add(&datasets.RecordError{Line: 1, Feature: -1, Field: m.Column,
				Reason: fmt.Sprintf("%s is mapped to column %q, which this file does not have; its columns are %s",
					m.Field, m.Column, datasets.DescribeHeader(t.Header))})
			ok = false
		}
	}
	if !ok {
		return nil
	}
	return t.Rows(func(r *csvio.Row) {
		for i, f := range r.Fields {
			if !utf8.ValidString(f) {
				r.Fail(t.Header[i], "not valid UTF-8")
			}
		}
		if !r.Bad {
			each(&csvRecord{row: r, t: t, src: source, s: s, comma: t.DecimalComma})
		}
	})
}

// geoRecord is one GeoJSON feature.
type geoRecord struct {
	props map[string]json.RawMessage
	geom  json.RawMessage
	id    json.RawMessage
	o     datasets.Origin
	probs *datasets.Problems
	s     Schema
	bad   bool
}

func (g *geoRecord) text(name string) string {
	raw, ok := g.props[name]
	if name == g.s.ID && (!ok || isNull(raw)) {
		raw, ok = g.id, len(g.id) > 0
	}
	if !ok || isNull(raw) {
		return ""
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			g.fail(name, "invalid string: "+err.Error())
			return ""
		}
		return strings.TrimSpace(s)
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return string(raw)
	}
	g.fail(name, fmt.Sprintf("property is %s, not a string", kindOf(raw)))
	return ""
}

func (g *geoRecord) point() (orb.Point, bool) {
	if len(g.geom) == 0 || isNull(g.geom) {
		return orb.Point{}, false
	}
	var pt struct {
		Type        string            `json:"type"`
		Coordinates []json.RawMessage `json:"coordinates"`
	}
	if err := json.Unmarshal(g.geom, &pt); err != nil {
		g.fail("geometry", "not a GeoJSON geometry: "+err.Error())
		return orb.Point{}, false
	}
	if pt.Type != "Point" {
		g.fail("geometry", fmt.Sprintf("geometry is a %q; a report's location is a Point", pt.Type))
		return orb.Point{}, false
	}
	if len(pt.Coordinates) != 2 {
		g.fail("geometry", fmt.Sprintf("a Point has 2 coordinates [lon, lat], not %d", len(pt.Coordinates)))
		return orb.Point{}, false
	}
	var p orb.Point
	for i, c := range pt.Coordinates {
		v, err := strconv.ParseFloat(string(c), 64)
		if err != nil || math.IsInf(v, 0) {
			g.fail("geometry", fmt.Sprintf("coordinate %s is not a number", clip(string(c))))
			return orb.Point{}, false
		}
		p[i] = v
	}
	if err := datasets.ValidateLonLat(p[0], p[1]); err != nil {
		g.fail("geometry", err.Error())
		return orb.Point{}, false
	}
	return p, true
}

func (g *geoRecord) fail(field, reason string) {
	g.bad = true
	g.probs.Add(&datasets.RecordError{Line: g.o.Line, Feature: g.o.Feature, Field: field, Reason: reason})
}

func (g *geoRecord) origin() datasets.Origin { return g.o }

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

func kindOf(raw json.RawMessage) string {
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	}
	return "not text"
}

// readGeoJSON reads a FeatureCollection held in buf, feature by
// feature, so that each problem names the feature's line.
func readGeoJSON(buf []byte, s Schema, probs *datasets.Problems, each func(record)) {
	buf = bytes.TrimPrefix(buf, []byte("\xEF\xBB\xBF"))
	fileErr := func(field, reason string, off int64) {
		probs.Add(&datasets.RecordError{Line: lineAt(buf, off), Feature: -1, Field: field, Reason: reason})
	}
	if !utf8.Valid(buf) {
		fileErr("", "not valid UTF-8", 0)
		return
	}
	if err := json.Unmarshal(buf, new(any)); err != nil {
		var se *json.SyntaxError
		off := int64(0)
		if errors.As(err, &se) {
			off = se.Offset
		}
		fileErr("", "not JSON: "+err.Error(), off)
		return
	}
	var head struct {
		Type     string          `json:"type"`
		Features json.RawMessage `json:"features"`
	}
	if err := json.Unmarshal(buf, &head); err != nil || head.Type != "FeatureCollection" {
		fileErr("type", fmt.Sprintf("not a GeoJSON FeatureCollection (type %q)", head.Type), 0)
		return
	}
	if len(head.Features) == 0 || head.Features[0] != '[' {
		fileErr("features", "a FeatureCollection holds a \"features\" array", 0)
		return
	}
	// The document is valid JSON: walk to the features array and decode
	// its elements one by one, noting where each starts.
	dec := json.NewDecoder(bytes.NewReader(buf))
	_, _ = dec.Token() // {
	for dec.More() {
		key, _ := dec.Token()
		if key != "features" {
			var skip json.RawMessage
			_ = dec.Decode(&skip)
			continue
		}
		_, _ = dec.Token() // [
		i := 0
		for ; dec.More(); i++ {
			if i == MaxReports {
				fileErr("features", fmt.Sprintf("more than %d reports", MaxReports), dec.InputOffset())
				return
			}
			start := dec.InputOffset()
			var f struct {
				Type       json.RawMessage            `json:"type"`
				ID         json.RawMessage            `json:"id"`
				Geometry   json.RawMessage            `json:"geometry"`
				Properties map[string]json.RawMessage `json:"properties"`
			}
			var raw json.RawMessage
			_ = dec.Decode(&raw)
			g := &geoRecord{o: datasets.Origin{Line: lineAt(buf, skipSep(buf, start)), Feature: i}, probs: probs, s: s}
			if err := json.Unmarshal(raw, &f); err != nil {
				g.fail("", "not a GeoJSON Feature object: "+err.Error())
				continue
			}
			if string(f.Type) != `"Feature"` {
				g.fail("type", fmt.Sprintf("type is %s, not \"Feature\"", clip(string(f.Type))))
				continue
			}
			g.props, g.geom, g.id = f.Properties, f.Geometry, f.ID
			each(g)
			if probs.Full() {
				return
			}
		}
		if i == 0 {
			fileErr("features", "no features", 0)
		}
		return
	}
}

// skipSep moves off past white space and commas.
func skipSep(buf []byte, off int64) int64 {
	for off < int64(len(buf)) && strings.IndexByte(" \t\r\n,", buf[off]) >= 0 {
		off++
	}
	return off
}

// lineAt is the 1-based line of byte offset off.
func lineAt(buf []byte, off int64) int {
	off = min(max(off, 0), int64(len(buf)))
	return 1 + bytes.Count(buf[:off], []byte("\n"))
}
