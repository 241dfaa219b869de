package geojsonio

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/geojsonio/internal/geometry"
	"github.com/partons/partons/datasets/geojsonio/internal/jsonscan"
	"github.com/partons/partons/geo"
)

// ReadVillages reads villages from a GeoJSON FeatureCollection. Geometries
// may be Point, Polygon or MultiPolygon; for polygons Location is a point
// inside the polygon (geo.PointOnSurface). Ids come from the s.ID property,
// else from the feature "id"; a name is required; country, area and
// population are optional (a missing population is unknown, not zero).
//
// source names the input in errors. On bad data it returns nil and a
// datasets.ErrorList with every problem found (capped at
// datasets.MaxProblems); if r fails it returns the read error wrapped.
// O(size of input); memory is the input bytes plus the result. Strings
// that many villages repeat (country, area code and name) are shared.
func ReadVillages(source string, r io.Reader, s datasets.VillageSchema) ([]datasets.Village, error) {
	return readVillages(source, r, s, framingAuto)
}

func readVillages(source string, r io.Reader, s datasets.VillageSchema, fr framing) ([]datasets.Village, error) {
	if s.Name == "" {
		return nil, errors.New("geojsonio: village schema names no name property")
	}
	props := []string{s.ID, s.Name, s.Country, s.AreaCode, s.AreaName, s.Population, PointProperty}
	return readRecords(source, r, fr, props, s.Mapped(), func(c *featureCtx) datasets.Village {
		v := datasets.Village{Origin: c.origin}
		var idField string
		v.ID, idField = c.id(s.ID, true)
		v.Name = c.text(s.Name, true, false)
		v.Country = c.country(s.Country, false)
		v.AreaCode = c.code(s.AreaCode)
		v.AreaName = c.text(s.AreaName, false, true)
		v.Population, v.HasPopulation = c.quantity(s.Population)
		v.Geometry, v.Location = c.locatedGeometry()
		if p, ok := c.measurementPoint(v.Geometry); ok {
			v.Location = p
		}
		c.checkID(v.ID, idField)
		return v
	})
}

// PointProperty is the optional property of a Polygon or MultiPolygon
// village giving the point its distances are measured from, as
// [lon, lat] in WGS84 degrees: the commune's main place (its chef-lieu,
// or its OpenStreetMap place node) rather than a point the reader finds
// inside the polygon, which may be kilometres from where people live. It
// must lie inside the polygon (boundary included); a Point village is
// measured from itself and takes none; null or absent means none.
const PointProperty = "point"

// measurementPoint reads PointProperty for a village of geometry g
// (nil when the geometry was invalid), reporting a malformed, misplaced
// or misused value on the "point" field.
func (c *featureCtx) measurementPoint(g orb.Geometry) (orb.Point, bool) {
	raw := c.prop(PointProperty)
	if k := jsonscan.Kind(raw); k == "missing" || k == "null" {
		return orb.Point{}, false
	}
	var xy []float64
	if jsonscan.Kind(raw) != "an array" || json.Unmarshal(raw, &xy) != nil || len(xy) != 2 {
		c.fail(PointProperty, fmt.Sprintf("want [lon, lat] in degrees, got %s", describeRaw(raw)))
		return orb.Point{}, false
	}
	p := orb.Point{xy[0], xy[1]}
	if err := datasets.ValidateLonLat(p[0], p[1]); err != nil {
		c.fail(PointProperty, err.Error())
		return orb.Point{}, false
	}
	inside := false
	switch g := g.(type) {
	case nil:
		return orb.Point{}, false // the geometry's problem is reported
	case orb.Polygon:
		inside = planar.PolygonContains(g, p)
	case orb.MultiPolygon:
		inside = planar.MultiPolygonContains(g, p)
	default:
		c.fail(PointProperty, fmt.Sprintf("only a Polygon or MultiPolygon village takes a measurement point; this %s is measured from itself", g.GeoJSONType()))
		return orb.Point{}, false
	}
	if !inside {
		c.fail(PointProperty, fmt.Sprintf("[%v, %v] lies outside the village's %s (lat, lon swapped?)", p[0], p[1], g.GeoJSONType()))
		return orb.Point{}, false
	}
	return p, true
}

// ReadServices reads service points from a GeoJSON FeatureCollection.
// Geometries may be Point, or Polygon/MultiPolygon (shops mapped as
// buildings) reduced to a point inside them. A category is required;
// Service.Raw and Service.Category both hold the raw value (the caller maps
// it through the taxonomy). Name, country, capacity and opening_hours are
// optional.
// Errors and cost as for ReadVillages.
func ReadServices(source string, r io.Reader, s datasets.ServiceSchema) ([]datasets.Service, error) {
	return readServices(source, r, s, framingAuto)
}

func readServices(source string, r io.Reader, s datasets.ServiceSchema, fr framing) ([]datasets.Service, error) {
	if s.Category == "" {
		return nil, errors.New("geojsonio: service schema names no category property")
	}
	props := []string{s.ID, s.Name, s.Category, s.Country, s.Capacity, s.OpeningHours}
	return readRecords(source, r, fr, props, s.Mapped(), func(c *featureCtx) datasets.Service {
		v := datasets.Service{Origin: c.origin}
		var idField string
		v.ID, idField = c.id(s.ID, true)
		v.Name = c.text(s.Name, false, false)
		v.Raw = c.text(s.Category, true, true)
		v.Category = v.Raw
		v.Country = c.country(s.Country, false)
		v.Capacity, v.HasCapacity = c.quantity(s.Capacity)
		v.OpeningHours = c.text(s.OpeningHours, false, true)
		_, v.Location = c.locatedGeometry()
		c.checkID(v.ID, idField)
		return v
	})
}

// ReadBoundaries reads country/area boundaries from a GeoJSON
// FeatureCollection of Polygons and MultiPolygons (a Polygon becomes a
// one-polygon MultiPolygon). The country is required; the id is optional
// (empty when absent) but must be unique when present.
// Errors and cost as for ReadVillages.
func ReadBoundaries(source string, r io.Reader, s datasets.BoundarySchema) ([]datasets.Boundary, error) {
	return readBoundaries(source, r, s, framingAuto)
}

func readBoundaries(source string, r io.Reader, s datasets.BoundarySchema, fr framing) ([]datasets.Boundary, error) {
	if s.Country == "" {
		return nil, errors.New("geojsonio: boundary schema names no country property")
	}
	props := []string{s.ID, s.Country, s.AreaCode, s.AreaName}
	return readRecords(source, r, fr, props, nil, func(c *featureCtx) datasets.Boundary {
		v := datasets.Boundary{Origin: c.origin}
		var idField string
		v.ID, idField = c.id(s.ID, false)
		v.Country = c.country(s.Country, true)
		v.AreaCode = c.code(s.AreaCode)
		v.AreaName = c.text(s.AreaName, false, true)
		g, err := geometry.Parse(c.raw.Geometry, geometry.Polygon|geometry.MultiPolygon)
		switch g := g.(type) {
		case orb.Polygon:
			v.Geometry = orb.MultiPolygon{g}
		case orb.MultiPolygon:
			v.Geometry = g
		}
		if err != nil {
			c.fail("geometry", err.Error())
		}
		c.checkID(v.ID, idField)
		return v
	})
}

// readRecords reads the FeatureCollection in r, checking each feature's
// type and loading its properties before build fills a record in from c,
// and that some feature has each mapped property.
// build reports problems through c; a record with any is dropped.
// Errors as for ReadVillages.
func readRecords[T any](source string, r io.Reader, fr framing, props []string, mapped []datasets.FieldColumn, build func(c *featureCtx) T) ([]T, error) {
	var out []T
	reset := func() { out = nil }
	err := readFeatures(source, r, fr, props, mapped, reset, func(c *featureCtx) {
		c.checkType()
		c.loadProperties()
		v := build(c)
		if !c.bad {
			out = append(reserve(c, out), v)
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// locatedGeometry parses a Point, Polygon or MultiPolygon geometry and
// finds its location (see location), reporting a problem with either on
// the "geometry" field.
func (c *featureCtx) locatedGeometry() (orb.Geometry, orb.Point) {
	if c.hasPoint { // read by fastFeature: a valid Point
		return c.point, c.point
	}
	g, err := geometry.Parse(c.raw.Geometry, geometry.Point|geometry.Polygon|geometry.MultiPolygon)
	var loc orb.Point
	if err == nil {
		loc, err = location(g)
	}
	if err != nil {
		c.fail("geometry", err.Error())
	}
	return g, loc
}

// checkID reports a repeated non-empty id.
func (c *featureCtx) checkID(id, field string) {
	if id == "" {
		return
	}
	if e := c.ids.Check(id, field, c.origin); e != nil {
		c.bad = true
		c.probs.Add(e)
	}
}

// location returns the point distances are measured from: the point
// itself, or a point inside a (Multi)Polygon, checked to be inside.
func location(g orb.Geometry) (orb.Point, error) {
	if p, ok := g.(orb.Point); ok {
		return p, nil
	}
	p, err := geo.PointOnSurface(g)
	if err != nil {
		return orb.Point{}, fmt.Errorf("no point inside the %s: %v", g.GeoJSONType(), err)
	}
	if err := datasets.ValidateLonLat(p[0], p[1]); err != nil {
		return orb.Point{}, fmt.Errorf("point inside the %s: %v", g.GeoJSONType(), err)
	}
	inside := false
	switch g := g.(type) {
	case orb.Polygon:
		inside = planar.PolygonContains(g, p)
	case orb.MultiPolygon:
		inside = planar.MultiPolygonContains(g, p)
	}
	if !inside {
		return orb.Point{}, fmt.Errorf("no point inside the %s could be found (degenerate polygon?)", g.GeoJSONType())
	}
	return p, nil
}
