// Package areas places villages and services in the countries and areas
// of boundary polygons, where the data leaves them out.
package areas

import (
	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/geo/index"
)

// Stats counts what Assign filled in.
type Stats struct {
	VillageCountries int `json:"village_countries"`
	VillageAreas     int `json:"village_areas"`
	ServiceCountries int `json:"service_countries"`
	// Unlocated counts records that needed a country but lie in no
	// boundary polygon (they keep an empty country).
	Unlocated int `json:"unlocated"`
}

// Index indexes the boundaries' polygons for point location; the
// index i it returns is bs[i].
func Index(bs []datasets.Boundary) *index.Polygons {
	polys := make([]orb.MultiPolygon, len(bs))
	for i := range bs {
		polys[i] = bs[i].Geometry
	}
	return index.NewPolygons(polys)
}

// Assign fills in missing countries (and missing village
// areas) by point in polygon. Values given in the data always win. When
// polygons overlap, the first boundary in input order wins. O((v+s) log b).
func Assign(villages []datasets.Village, services []datasets.Service, bs []datasets.Boundary) Stats {
	var st Stats
	if len(bs) == 0 {
		return st
	}
	ix := Index(bs)
	for i := range villages {
		v := &villages[i]
		if v.Country != "" && (v.AreaCode != "" || !hasAreas(bs)) {
			continue
		}
		b, ok := ix.Locate(v.Location)
		if !ok {
			if v.Country == "" {
				st.Unlocated++
			}
			continue
		}
		if v.Country == "" && bs[b].Country != "" {
			v.Country = bs[b].Country
			st.VillageCountries++
		}
		if v.AreaCode == "" && bs[b].AreaCode != "" && bs[b].Country == v.Country {
			v.AreaCode, v.AreaName = bs[b].AreaCode, bs[b].AreaName
			st.VillageAreas++
		}
	}
	for i := range services {
		s := &services[i]
		if s.Country != "" {
			continue
		}
		b, ok := ix.Locate(s.Location)
		if !ok || bs[b].Country == "" {
			st.Unlocated++
			continue
		}
		s.Country = bs[b].Country
		st.ServiceCountries++
	}
	return st
}

func hasAreas(bs []datasets.Boundary) bool {
	for i := range bs {
		if bs[i].AreaCode != "" {
			return true
		}
	}
	return false
}
