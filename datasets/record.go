package datasets

import (
	"fmt"
	"github.com/paulmach/orb"
)

// Village is one place where people live: an OSM place node, a commune, a
// statistical section. Location is the point distances are measured from;
// Geometry is the original geometry (Point, Polygon or MultiPolygon) kept
// for output.
type Village struct {
	ID       string
	Name     string
	Country  string // ISO 3166-1 alpha-2, upper case; "" when unknown
	AreaCode string // municipality / commune / EPCI code (NIS, INSEE, …)
	AreaName string

	// Population is valid only when HasPopulation is true. Missing
	// population is never treated as zero.
	Population    float64
	HasPopulation bool

	Location orb.Point    // WGS84 lon/lat; inside Geometry for polygons
	Geometry orb.Geometry // WGS84; orb.Point, orb.Polygon or orb.MultiPolygon

	Origin Origin // where the record came from, for error messages
}

// Service is one service point: a pharmacy, a post office, a school.
type Service struct {
	ID       string
	Name     string
	Category string // common category after taxonomy mapping (e.g. "pharmacy")
	Raw      string // source value the category was mapped from (e.g. "amenity=pharmacy")
	Country  string // ISO 3166-1 alpha-2, upper case; "" when unknown

	// Capacity is valid only when HasCapacity is true.
	Capacity    float64
	HasCapacity bool

	// OpeningHours is the OSM opening_hours value as given; "" when the
	// source has none (unknown hours, never "always open").
	OpeningHours string

	Location orb.Point // WGS84 lon/lat
	Origin   Origin
}

// Boundary is a polygon with a country (and optionally an area) label,
// used to assign countries and areas by point-in-polygon.
type Boundary struct {
	ID       string
	Country  string
	AreaCode string
	AreaName string
	Geometry orb.MultiPolygon // WGS84
	Origin   Origin
}

// Origin locates a record in its source: the file (or embedded name) and
// either the 1-based CSV line or the 0-based GeoJSON feature index.
type Origin struct {
	Source  string
	Line    int // 1-based line for CSV; 0 when not line-based
	Feature int // 0-based feature index for GeoJSON; -1 when not feature-based
}

// String names the origin in messages that name a record:
// "services.csv:3", "services.geojson feature 4", or the source alone.
func (o Origin) String() string {
	switch {
	case o.Line > 0:
		return fmt.Sprintf("%s:%d", o.Source, o.Line)
	case o.Feature >= 0:
		return fmt.Sprintf("%s feature %d", o.Source, o.Feature)
	}
	return o.Source
}
