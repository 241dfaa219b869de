package gpkg

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
)

// geometryType returns the gpkg_geometry_columns type name of a layer's
// geometries: the common type when all agree, MULTIPOLYGON for a mix of
// polygons and multipolygons (polygons are then written as one-member
// multipolygons), GEOMETRY otherwise. Nil geometries are ignored; a layer
// of nil geometries only is GEOMETRY.
func geometryType(geoms []orb.Geometry) string {
	seen := map[string]bool{}
	for _, g := range geoms {
		if g != nil {
			seen[typeName(g)] = true
		}
	}
	switch {
	case len(seen) == 1:
		for t := range seen {
			return t
		}
	case len(seen) == 2 && seen["POLYGON"] && seen["MULTIPOLYGON"]:
		return "MULTIPOLYGON"
	}
	return "GEOMETRY"
}

func typeName(g orb.Geometry) string {
	switch g.(type) {
	case orb.Point:
		return "POINT"
	case orb.MultiPoint:
		return "MULTIPOINT"
	case orb.LineString:
		return "LINESTRING"
	case orb.MultiLineString:
		return "MULTILINESTRING"
	case orb.Polygon, orb.Ring:
		return "POLYGON"
	case orb.MultiPolygon:
		return "MULTIPOLYGON"
	case orb.Collection:
		return "GEOMETRYCOLLECTION"
	}
	return "GEOMETRY"
}

// checkCoords reports the first non-finite or out-of-range coordinate.
func checkCoords(g orb.Geometry) error {
	var bad error
	visit := func(p orb.Point) {
		if bad != nil {
			return
		}
		if math.IsNaN(p[0]) || math.IsInf(p[0], 0) || math.IsNaN(p[1]) || math.IsInf(p[1], 0) ||
			p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90 {
			bad = fmt.Errorf("coordinate [%v, %v] is not a WGS84 lon/lat", p[0], p[1])
		}
	}
	var walk func(g orb.Geometry)
	walk = func(g orb.Geometry) {
		switch g := g.(type) {
		case orb.Point:
			visit(g)
		case orb.MultiPoint:
			for _, p := range g {
				visit(p)
			}
		case orb.LineString:
			for _, p := range g {
				visit(p)
			}
		case orb.Ring:
			for _, p := range g {
				visit(p)
			}
		case orb.MultiLineString:
			for _, l := range g {
				walk(l)
			}
		case orb.Polygon:
			for _, r := range g {
				walk(r)
			}
		case orb.MultiPolygon:
			for _, p := range g {
				walk(p)
			}
		case orb.Collection:
			for _, x := range g {
				walk(x)
			}
		case orb.Bound:
			visit(g.Min)
			visit(g.Max)
		}
	}
	walk(g)
	return bad
}

// Flags byte of the GeoPackage binary header (GeoPackage 1.2, clause 2.1.3).
const (
	flagLittleEndian = 0x01
	flagEnvelopeXY   = 0x02 // envelope indicator 1: [minx, maxx, miny, maxy]
	flagEmpty        = 0x10
)

// srsWGS84 is the srs_id of EPSG:4326 in gpkg_spatial_ref_sys.
const srsWGS84 = 4326

// encode returns the GeoPackage binary of g: "GP", version 0, flags, the
// srs_id, an XY envelope (omitted for points, whose envelope is the point)
// and little-endian ISO WKB. asMulti turns a Polygon into a MultiPolygon.
// Complexity O(vertices).
func encode(g orb.Geometry, asMulti bool) ([]byte, error) {
	if err := checkCoords(g); err != nil {
		return nil, err
	}
	switch x := g.(type) {
	case orb.Ring:
		g = orb.Polygon{x}
	case orb.Bound:
		g = x.ToPolygon()
	}
	if p, ok := g.(orb.Polygon); ok && asMulti {
		g = orb.MultiPolygon{p}
	}
	body, err := wkb.Marshal(g, binary.LittleEndian)
	if err != nil {
		return nil, fmt.Errorf("wkb: %w", err)
	}
	_, isPoint := g.(orb.Point)
	empty := isEmpty(g)
	flags := byte(flagLittleEndian)
	if empty {
		flags |= flagEmpty
	}
	n := 8
	if !isPoint && !empty {
		flags |= flagEnvelopeXY
		n += 32
	}
	out := make([]byte, n, n+len(body))
	out[0], out[1], out[2], out[3] = 'G', 'P', 0, flags
	binary.LittleEndian.PutUint32(out[4:], uint32(srsWGS84))
	if n > 8 {
		b := g.Bound()
		for i, v := range []float64{b.Min[0], b.Max[0], b.Min[1], b.Max[1]} {
			binary.LittleEndian.PutUint64(out[8+8*i:], math.Float64bits(v))
		}
	}
	return append(out, body...), nil
}

// isEmpty reports a geometry without any coordinate.
func isEmpty(g orb.Geometry) bool {
	switch x := g.(type) {
	case orb.Point:
		return false
	case orb.MultiPoint:
		return len(x) == 0
	case orb.LineString:
		return len(x) == 0
	case orb.Ring: // written as a polygon
		return len(x) == 0
	case orb.MultiLineString:
		for _, l := range x {
			if len(l) > 0 {
				return false
			}
		}
		return true
	case orb.Polygon:
		for _, r := range x {
			if len(r) > 0 {
				return false
			}
		}
		return true
	case orb.MultiPolygon:
		for _, p := range x {
			if !isEmpty(p) {
				return false
			}
		}
		return true
	case orb.Collection:
		for _, c := range x {
			if !isEmpty(c) {
				return false
			}
		}
		return true
	}
	return false
}
