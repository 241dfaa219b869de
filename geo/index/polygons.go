package index

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/tidwall/rtree"

	"github.com/partons/partons/geo"
)

// Polygons is an immutable point-in-polygon locator over areas such as
// municipalities. Area i is the i-th MultiPolygon given to NewPolygons; the
// bounding box of each of its polygons is an R-tree entry. Containment
// follows geo.Contains: planar lon/lat, holes excluded, boundary inside.
//
// Safe for concurrent use after NewPolygons returns.
type Polygons struct {
	areas []orb.MultiPolygon
	parts []polyPart
	tree  rtree.RTreeG[int32] // data: index into parts
}

// polyPart locates one polygon of one area.
type polyPart struct {
	area int32
	poly orb.Polygon
}

// NewPolygons indexes polys (the slice is copied, the geometries are shared
// and must not be modified afterwards). Polygons without vertices or with a
// non-finite bound are skipped. len(polys) must fit in an int32 (programmer
// error: panics). O(v + p log p) for v vertices and p polygons.
func NewPolygons(polys []orb.MultiPolygon) *Polygons {
	if len(polys) > math.MaxInt32 {
		panic("index: more than MaxInt32 polygons")
	}
	ix := &Polygons{areas: append([]orb.MultiPolygon(nil), polys...)}
	for i, mp := range ix.areas {
		for _, poly := range mp {
			if len(poly) == 0 || len(poly[0]) == 0 {
				continue
			}
			b := poly[0].Bound()
			if !finiteBound(b) {
				continue
			}
			ix.tree.Insert(b.Min, b.Max, int32(len(ix.parts)))
			ix.parts = append(ix.parts, polyPart{area: int32(i), poly: poly})
		}
	}
	return ix
}

// Len returns the number of areas (len of NewPolygons' input).
func (ix *Polygons) Len() int { return len(ix.areas) }

// Locate returns the smallest index of the areas containing p (a point on a
// border shared by two areas belongs to both, so the lower index wins,
// deterministically); ok is false when no area contains p.
// O(log p + c·v) for c candidate polygons whose bounds contain p, of v
// vertices each.
func (ix *Polygons) Locate(p orb.Point) (i int32, ok bool) {
	i = -1
	if math.IsNaN(p[0]) || math.IsNaN(p[1]) {
		return i, false
	}
	ix.tree.Search(p, p, func(_, _ [2]float64, k int32) bool {
		part := ix.parts[k]
		if (i < 0 || part.area < i) && geo.Contains(part.poly, p) {
			i = part.area
		}
		return true
	})
	return i, i >= 0
}

// finiteBound reports whether all of b's coordinates are finite.
func finiteBound(b orb.Bound) bool {
	for _, v := range [...]float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
