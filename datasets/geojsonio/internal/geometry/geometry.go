package geometry

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/geojsonio/internal/jsonscan"
)

// Geometry types a reader accepts, as bits of Parse's allow.
const (
	Point = 1 << iota
	Polygon
	MultiPolygon
)

var geometryTypes = map[string]int{
	"Point": Point, "Polygon": Polygon, "MultiPolygon": MultiPolygon,
	"MultiPoint": 0, "LineString": 0, "MultiLineString": 0, "GeometryCollection": 0,
}

// Fields are the geometry members Parse looks at.
var Fields = []string{"type", "coordinates"}

// quotedTypes are the common geometry type values, as written in JSON.
var quotedTypes = []string{`"Point"`, `"Polygon"`, `"MultiPolygon"`}

// Parse validates a raw GeoJSON geometry and converts it to an
// orb.Point, orb.Polygon or orb.MultiPolygon. The error text is a reason
// for a RecordError on the "geometry" field. O(number of positions).
func Parse(raw json.RawMessage, allow int) (orb.Geometry, error) {
	switch kind := jsonscan.Kind(raw); kind {
	case "missing":
		return nil, errors.New("missing geometry")
	case "null":
		return nil, errors.New("null geometry")
	case "an object":
	default:
		return nil, fmt.Errorf("geometry is %s, not an object", kind)
	}
	// The members as json.Unmarshal into a struct with "type" and
	// "coordinates" fields would see them (see jsonscan.FieldIndex).
	var g struct{ Type, Coordinates json.RawMessage }
	it := jsonscan.NewObjectIter(raw)
	for it.Next() {
		switch jsonscan.FieldIndex(it.Key, it.Plain, Fields) {
		case 0:
			g.Type = it.Val
		case 1:
			g.Coordinates = it.Val
		}
	}
	if !it.OK { // not reached: the object has been checked
		return nil, errors.New("geometry: malformed object")
	}
	typ, err := geometryType(g.Type)
	if err != nil {
		return nil, err
	}
	bit, known := geometryTypes[typ]
	switch {
	case !known:
		return nil, fmt.Errorf("unknown geometry type %q", typ)
	case bit&allow == 0:
		return nil, fmt.Errorf("unsupported geometry type %s (accepted: %s)", typ, allowedNames(allow))
	}
	if jsonscan.Kind(g.Coordinates) == "missing" {
		return nil, fmt.Errorf("%s geometry has no coordinates", typ)
	}
	p := coordParser{b: g.Coordinates}
	var geom orb.Geometry
	switch bit {
	case Point:
		geom, err = p.position()
	case Polygon:
		geom, err = p.polygon()
	case MultiPolygon:
		geom, err = p.multiPolygon()
	}
	if err != nil {
		return nil, err
	}
	return geom, nil
}

// geometryType decodes the geometry "type" member; the common values are
// recognised without allocating.
func geometryType(raw json.RawMessage) (string, error) {
	for _, q := range quotedTypes {
		if string(raw) == q {
			return q[1 : len(q)-1], nil
		}
	}
	typ, err := jsonscan.Unquote(raw)
	if jsonscan.Kind(raw) != "a string" || err != nil {
		return "", fmt.Errorf(`geometry "type" is %s, not a string`, jsonscan.Kind(raw))
	}
	return typ, nil
}

func allowedNames(allow int) string {
	var names []string
	for _, n := range []string{"Point", "Polygon", "MultiPolygon"} {
		if geometryTypes[n]&allow != 0 {
			names = append(names, n)
		}
	}
	return strings.Join(names, ", ")
}

// numberByte marks the bytes a JSON number is made of.
var numberByte = func() (t [256]bool) {
	for _, c := range []byte("+-.0123456789eE") {
		t[c] = true
	}
	return t
}()

// coordParser reads the "coordinates" member of a geometry directly from
// its bytes, which the JSON decoder has already checked to be well-formed.
// It enforces what orb does not: arrays where arrays belong, numbers in
// positions, 2 or 3 numbers per position, finite in-range lon/lat, rings
// of at least 4 positions that are closed. It allocates only the result.
type coordParser struct {
	b    []byte
	i    int
	path []int // indices of the arrays being read, for error messages
}

func (p *coordParser) errorf(format string, args ...any) error {
	var sb strings.Builder
	sb.WriteString("coordinates")
	for _, k := range p.path {
		fmt.Fprintf(&sb, "[%d]", k)
	}
	sb.WriteString(": ")
	fmt.Fprintf(&sb, format, args...)
	return errors.New(sb.String())
}

func (p *coordParser) skipSpace() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\r', '\n':
			p.i++
		default:
			return
		}
	}
}

// open consumes '[' (after white space) or fails.
func (p *coordParser) open(what string) error {
	p.skipSpace()
	if p.i >= len(p.b) || p.b[p.i] != '[' {
		return p.errorf("%s is %s, not an array", what, jsonscan.Kind(p.b[min(p.i, len(p.b)):]))
	}
	p.i++
	return nil
}

// next prepares element k of the array being read: it consumes the
// separating comma and reports false at the closing ']' (consumed).
func (p *coordParser) next(k int) (bool, error) {
	p.skipSpace()
	if p.i >= len(p.b) {
		return false, p.errorf("unexpected end of coordinates")
	}
	if p.b[p.i] == ']' {
		p.i++
		return false, nil
	}
	if k > 0 {
		if p.b[p.i] != ',' {
			return false, p.errorf("malformed array")
		}
		p.i++
		p.skipSpace()
	}
	return true, nil
}

// position reads [lon, lat] or [lon, lat, altitude].
func (p *coordParser) position() (orb.Point, error) {
	if err := p.open("position"); err != nil {
		return orb.Point{}, err
	}
	var v [3]float64
	n := 0
	for {
		more, err := p.next(n)
		if err != nil {
			return orb.Point{}, err
		}
		if !more {
			break
		}
		start := p.i
		for p.i < len(p.b) && numberByte[p.b[p.i]] {
			p.i++
		}
		if p.i == start {
			return orb.Point{}, p.errorf("position element %d is %s, not a number", n, jsonscan.Kind(p.b[start:]))
		}
		x, err := strconv.ParseFloat(string(p.b[start:p.i]), 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			return orb.Point{}, p.errorf("position element %d %q is not a number", n, p.b[start:p.i])
		}
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return orb.Point{}, p.errorf("position element %d %s is not finite", n, p.b[start:p.i])
		}
		if n < len(v) {
			v[n] = x
		}
		n++
	}
	switch {
	case n < 2:
		return orb.Point{}, p.errorf("position has %d number(s); need longitude and latitude", n)
	case n > 3:
		return orb.Point{}, p.errorf("position has %d numbers; at most 3 (longitude, latitude, altitude)", n)
	}
	if err := datasets.ValidateLonLat(v[0], v[1]); err != nil {
		if hint := datasets.CoordinateHint(v[0], v[1]); hint != "" {
			return orb.Point{}, p.errorf("%v; %s: GeoJSON must be WGS84 lon/lat (reproject, e.g. ogr2ogr -t_srs EPSG:4326)", err, hint)
		}
		return orb.Point{}, p.errorf("%v", err)
	}
	return orb.Point{v[0], v[1]}, nil
}

// ring reads a linear ring: at least 4 positions, first equal to last.
func (p *coordParser) ring() (orb.Ring, error) {
	r, err := coordArray[orb.Ring](p, "ring", p.position)
	switch {
	case err != nil:
		return nil, err
	case len(r) < 4:
		return nil, p.errorf("ring has %d positions; need at least 4", len(r))
	case r[0] != r[len(r)-1]:
		return nil, p.errorf("ring is not closed: first position %v differs from last %v", r[0], r[len(r)-1])
	}
	return r, nil
}

// polygon reads one or more rings (the first is the exterior).
func (p *coordParser) polygon() (orb.Polygon, error) {
	poly, err := coordArray[orb.Polygon](p, "polygon", p.ring)
	switch {
	case err != nil:
		return nil, err
	case len(poly) == 0:
		return nil, p.errorf("polygon has no rings")
	}
	return poly, nil
}

// multiPolygon reads one or more polygons.
func (p *coordParser) multiPolygon() (orb.MultiPolygon, error) {
	mp, err := coordArray[orb.MultiPolygon](p, "multipolygon", p.polygon)
	switch {
	case err != nil:
		return nil, err
	case len(mp) == 0:
		return nil, p.errorf("multipolygon has no polygons")
	}
	return mp, nil
}

// coordArray reads an array whose elements elem reads, what being its name
// in errors. Errors inside an element carry the element's index in their
// path; the array's own checks are the caller's. elem is a method value
// (p.ring) rather than a function taking p: passing p through a function
// value would move every parser to the heap.
func coordArray[S ~[]E, E any](p *coordParser, what string, elem func() (E, error)) (S, error) {
	if err := p.open(what); err != nil {
		return nil, err
	}
	p.path = append(p.path, 0)
	var out S
	for k := 0; ; k++ {
		more, err := p.next(k)
		if err != nil {
			return nil, err
		}
		if !more {
			break
		}
		p.path[len(p.path)-1] = k
		e, err := elem()
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	p.path = p.path[:len(p.path)-1]
	return out, nil
}
