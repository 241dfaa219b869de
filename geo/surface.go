package geo

import (
	"errors"

	"github.com/paulmach/orb"
)

// ErrEmptyGeometry is returned for geometries with no coordinates.
var ErrEmptyGeometry = errors.New("geo: empty geometry")

// PointOnSurface returns a point guaranteed to lie inside a Polygon or
// MultiPolygon (in the largest polygon), or the point itself for a Point.
//
// TEMPORARY STUB: returns the bound centre.
func PointOnSurface(g orb.Geometry) (orb.Point, error) {
	if g == nil {
		return orb.Point{}, ErrEmptyGeometry
	}
	if p, ok := g.(orb.Point); ok {
		return p, nil
	}
	return g.Bound().Center(), nil
}
