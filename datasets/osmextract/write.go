package osmextract

import (
	"io"
	"strings"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets/geojsonio/collection"
	"github.com/partons/partons/datasets/table"
)

// Output file names.
const (
	VillagesFile   = "villages.geojson"
	ServicesFile   = "services.geojson"
	BoundariesFile = "boundaries.geojson"
)

// VillagesTable returns the villages as a table whose first columns are
// the default village schema of partons' readers (id, name, country,
// population, area_code, area_name), followed by population_source, place,
// name:nl, name:fr, code, osm_type, osm_id and merged_with.
func (res *Result) VillagesTable() table.Table {
	cols := []table.Column{
		{Name: "id"}, {Name: "name"}, {Name: "country"},
		{Name: "population", Kind: table.Number, Decimals: -1, Unit: "people"},
		{Name: "area_code"}, {Name: "area_name"}, {Name: "population_source"},
		{Name: "place"}, {Name: "name:nl"}, {Name: "name:fr"}, {Name: "code"},
		{Name: "osm_type"}, {Name: "osm_id", Kind: table.Number, Decimals: 0}, {Name: "merged_with"},
	}
	return table.Table{Columns: cols, Len: len(res.Villages), Row: func(i int, dst []table.Cell) []table.Cell {
		v, in := &res.Villages[i], &res.VillageInfo[i]
		pop := table.NullCell
		if v.HasPopulation {
			pop = table.Float(v.Population, -1)
		}
		return append(dst[:0], table.Str(v.ID), table.Str(v.Name), table.Str(v.Country), pop,
			table.Str(v.AreaCode), table.Str(v.AreaName), table.Str(in.PopulationSource),
			table.Str(in.Place), table.Str(in.NameNL), table.Str(in.NameFR), table.Str(in.Code),
			table.Str(in.OSM.Type), table.Float(float64(in.OSM.ID), 0), table.Str(joinIDs(in.MergedWith)))
	}}
}

// ServicesTable returns the services: id, name, category (the common
// category), country (the default service schema), then raw (the OSM tag
// that matched), opening_hours, osm_type, osm_id and merged_with.
func (res *Result) ServicesTable() table.Table {
	cols := []table.Column{
		{Name: "id"}, {Name: "name"}, {Name: "category"}, {Name: "country"},
		{Name: "raw"}, {Name: "opening_hours"},
		{Name: "osm_type"}, {Name: "osm_id", Kind: table.Number, Decimals: 0}, {Name: "merged_with"},
	}
	return table.Table{Columns: cols, Len: len(res.Services), Row: func(i int, dst []table.Cell) []table.Cell {
		s, in := &res.Services[i], &res.ServiceInfo[i]
		return append(dst[:0], table.Str(s.ID), table.Str(s.Name), table.Str(s.Category), table.Str(s.Country),
			table.Str(s.Raw), table.Str(in.OpeningHours),
			table.Str(in.OSM.Type), table.Float(float64(in.OSM.ID), 0), table.Str(joinIDs(in.MergedWith)))
	}}
}

// BoundariesTable returns the boundaries: id, country, area_code,
// area_name (the default boundary schema), then admin_level, name,
// area_km2, osm_type and osm_id.
func (res *Result) BoundariesTable() table.Table {
	cols := []table.Column{
		{Name: "id"}, {Name: "country"}, {Name: "area_code"}, {Name: "area_name"},
		{Name: "admin_level", Kind: table.Number, Decimals: 0}, {Name: "name"},
		{Name: "area_km2", Kind: table.Number, Decimals: 3, Unit: "km2"},
		{Name: "osm_type"}, {Name: "osm_id", Kind: table.Number, Decimals: 0},
	}
	return table.Table{Columns: cols, Len: len(res.Boundaries), Row: func(i int, dst []table.Cell) []table.Cell {
		b, in := &res.Boundaries[i], &res.BoundaryInfo[i]
		return append(dst[:0], table.Str(b.ID), table.Str(b.Country), table.Str(b.AreaCode), table.Str(b.AreaName),
			table.Int(in.AdminLevel), table.Str(in.Name), table.Float(in.AreaKm2, 3),
			table.Str(in.OSM.Type), table.Float(float64(in.OSM.ID), 0))
	}}
}

// WriteVillages writes the villages as an RFC 7946 FeatureCollection
// (points for nodes, polygons for areas) with the ODbL attribution.
func (res *Result) WriteVillages(w io.Writer) error {
	geoms := make([]orb.Geometry, len(res.Villages))
	for i := range res.Villages {
		geoms[i] = res.Villages[i].Geometry
	}
	return collection.Write(w, res.VillagesTable(), geoms, res.writeOptions("villages"))
}

// WriteServices writes the services as points (an area's point inside it).
func (res *Result) WriteServices(w io.Writer) error {
	geoms := make([]orb.Geometry, len(res.Services))
	for i := range res.Services {
		geoms[i] = res.Services[i].Location
	}
	return collection.Write(w, res.ServicesTable(), geoms, res.writeOptions("services"))
}

// WriteBoundaries writes the boundaries as Polygons or MultiPolygons.
func (res *Result) WriteBoundaries(w io.Writer) error {
	geoms := make([]orb.Geometry, len(res.Boundaries))
	for i := range res.Boundaries {
		mp := res.Boundaries[i].Geometry
		if len(mp) == 1 {
			geoms[i] = mp[0]
		} else {
			geoms[i] = mp
		}
	}
	return collection.Write(w, res.BoundariesTable(), geoms, res.writeOptions("boundaries"))
}

// writeOptions are the collection members of a file named name: the ODbL
// attribution and, when known, the extracts' data date, which a run of
// the file takes its reference week of opening hours from.
func (res *Result) writeOptions(name string) collection.Options {
	o := collection.Options{Name: name, Attribution: Attribution}
	if res.Report != nil {
		o.DataDate = res.Report.DataDate
	}
	return o
}

func joinIDs(ids []ObjectID) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = id.String()
	}
	return strings.Join(s, ",")
}
