package files

import (
	"sort"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/table"
)

// Areas is areas.geojson: one feature per area the boundaries name (an
// area code, within its country), sorted by country and code, with the
// columns area_code, area_name and country (the keys of areas.csv and of
// villages.csv's area columns) and as geometry every polygon of the
// boundaries with that code, as one multipolygon (not dissolved: shared
// edges stay). The area's name is the first non-empty one in input order.
// Boundaries without an area code (countries) are left out; no boundary
// with a code gives an empty layer. O(boundaries · log boundaries).
func Areas(bs []datasets.Boundary) Layer {
	type area struct {
		code, name, country string
		shape               orb.MultiPolygon
	}
	byKey := map[[2]string]*area{}
	var as []*area
	for _, b := range bs {
		if b.AreaCode == "" {
			continue
		}
		k := [2]string{b.Country, b.AreaCode}
		a := byKey[k]
		if a == nil {
			a = &area{code: b.AreaCode, country: b.Country}
			byKey[k] = a
			as = append(as, a)
		}
		if a.name == "" {
			a.name = b.AreaName
		}
		a.shape = append(a.shape, b.Geometry...)
	}
	sort.SliceStable(as, func(i, j int) bool {
		if as[i].country != as[j].country {
			return as[i].country < as[j].country
		}
		return as[i].code < as[j].code
	})
	rows := make([][]table.Cell, len(as))
	geoms := make([]orb.Geometry, len(as))
	for i, a := range as {
		rows[i] = []table.Cell{table.Str(a.code), table.Str(a.name), table.Str(a.country)}
		geoms[i] = a.shape
	}
	cols := []table.Column{{Name: "area_code"}, {Name: "area_name"}, {Name: "country"}}
	return Layer{Table: table.FromRows(cols, rows), Geometries: geoms}
}
