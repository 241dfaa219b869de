package osmextract

import (
	"encoding/json"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/geo"
)

// osmiumCounts is testdata/counts.json, written by gen_counts.py from
// osmium tags-filter + osmium export (and pyproj for the areas): the
// oracle for the real extracts.
type osmiumCounts map[string]struct {
	Places     map[string]Count `json:"places"`
	Categories map[string]Count `json:"categories"`
	Countries  map[string]struct {
		Code     string  `json:"code"`
		Rings    int     `json:"rings"`
		Vertices int     `json:"vertices"`
		AreaKm2  float64 `json:"area_km2"`
	} `json:"countries"`
}

func loadCounts(tb testing.TB) osmiumCounts {
	tb.Helper()
	var c osmiumCounts
	if err := json.Unmarshal(readTestdata(tb, "counts.json"), &c); err != nil {
		tb.Fatal(err)
	}
	return c
}

// Pinned totals (places; services by category), from counts.json, so that
// a change of the oracle file is visible here too.
var pinned = map[string]struct{ places, services int64 }{
	"monaco-2015-04-28.osm.pbf":        {3, 55},
	"liechtenstein-2013-08-03.osm.pbf": {17, 60},
	"andorra-2018-03-01.osm.pbf":       {63, 117},
}

// For Monaco, Liechtenstein and Andorra, the places and the objects of
// every category equal what osmium finds for the same tags (before
// node/area merging), and the country polygons osmium assembles are
// assembled with the same rings and vertices.
func TestRealExtractsMatchOsmium(t *testing.T) {
	t.Parallel()
	oracle := loadCounts(t)
	for _, path := range []string{monacoPBF, liechtensteinPBF, andorraPBF} {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			res := extract(t, Options{}, realSource(t, path))
			want, ok := oracle[name]
			if !ok {
				t.Fatalf("no oracle for %s", name)
			}
			rep := res.Report
			if !maps.Equal(rep.Places, want.Places) {
				t.Errorf("places %v, osmium %v", rep.Places, want.Places)
			}
			if !maps.Equal(rep.Categories, want.Categories) {
				t.Errorf("categories %v, osmium %v", rep.Categories, want.Categories)
			}
			var places, services int64
			for _, c := range rep.Places {
				places += c.Total()
			}
			for _, c := range rep.Categories {
				services += c.Total()
			}
			if p := pinned[name]; places != p.places || services != p.services {
				t.Errorf("%d places, %d services; pinned %d, %d", places, services, p.places, p.services)
			}
			// Written = matched − merged − unnamed places.
			if int64(len(res.Services)) != services-int64(rep.ServicesMerged) ||
				int64(len(res.Villages)) != places-int64(rep.VillagesMerged)-int64(rep.PlacesUnnamed) {
				t.Errorf("written %d villages, %d services do not add up", len(res.Villages), len(res.Services))
			}
			// Output order: OSM type, then id (then category).
			for i := 1; i < len(res.ServiceInfo); i++ {
				if res.ServiceInfo[i-1].OSM.Compare(res.ServiceInfo[i].OSM) > 0 {
					t.Fatalf("services %d and %d out of order", i-1, i)
				}
			}
			for i := 1; i < len(res.VillageInfo); i++ {
				if res.VillageInfo[i-1].OSM.Compare(res.VillageInfo[i].OSM) >= 0 {
					t.Fatalf("villages %d and %d out of order", i-1, i)
				}
			}
			for id, wc := range want.Countries {
				rid, _ := strconv.ParseInt(id, 10, 64)
				k := slices.IndexFunc(res.BoundaryInfo, func(b BoundaryInfo) bool { return b.OSM.ID == rid })
				if k < 0 {
					t.Errorf("country relation/%s (%s) not assembled", id, wc.Code)
					continue
				}
				b := res.Boundaries[k]
				rings, verts := 0, 0
				for _, p := range b.Geometry {
					for _, r := range p {
						rings++
						verts += len(r)
					}
				}
				if b.Country != wc.Code || rings != wc.Rings || verts != wc.Vertices {
					t.Errorf("relation/%s: %s, %d rings, %d vertices; osmium %s, %d, %d", id, b.Country, rings, verts, wc.Code, wc.Rings, wc.Vertices)
				}
				// Spherical (mean radius) against WGS84 ellipsoidal area:
				// within 0.5 % at these latitudes.
				if a := res.BoundaryInfo[k].AreaKm2; !near(a, wc.AreaKm2, 0.005*wc.AreaKm2) {
					t.Errorf("relation/%s: %.3f km², pyproj %.3f", id, a, wc.AreaKm2)
				}
			}
		})
	}
}

// The Liechtenstein and Andorra country polygons contain their capitals
// (coordinates from the national mapping agencies, rounded) and nothing
// far outside; the capital's place node is labelled with the country.
func TestRealCountryPolygons(t *testing.T) {
	t.Parallel()
	cases := []struct {
		path, code, capital string
		in, out             orb.Point
		minKm2, maxKm2      float64
	}{
		{liechtensteinPBF, "LI", "Vaduz", orb.Point{9.5209, 47.1410}, orb.Point{9.45, 47.30}, 155, 165},      // out: Swiss Rhine valley (Altstätten)
		{andorraPBF, "AD", "Andorra la Vella", orb.Point{1.5218, 42.5063}, orb.Point{1.60, 42.45}, 460, 470}, // out: Spanish Cerdanya
	}
	for _, tc := range cases {
		t.Run(tc.code, func(t *testing.T) {
			t.Parallel()
			res := extract(t, Options{}, realSource(t, tc.path))
			k := slices.IndexFunc(res.Boundaries, func(b datasets.Boundary) bool { return b.Country == tc.code && b.AreaCode == "" })
			if k < 0 {
				t.Fatalf("no %s country polygon; skipped: %+v", tc.code, res.Report.Skipped)
			}
			mp := res.Boundaries[k].Geometry
			if !geo.Contains(mp, tc.in) || geo.Contains(mp, tc.out) {
				t.Errorf("%s polygon: contains capital %v, contains outside point %v", tc.code, geo.Contains(mp, tc.in), geo.Contains(mp, tc.out))
			}
			if a := res.BoundaryInfo[k].AreaKm2; a < tc.minKm2 || a > tc.maxKm2 {
				t.Errorf("%s: %.1f km²", tc.code, a)
			}
			v := slices.IndexFunc(res.Villages, func(v datasets.Village) bool { return v.Name == tc.capital })
			if v < 0 || res.Villages[v].Country != tc.code {
				t.Errorf("capital %s: index %d, not labelled %s", tc.capital, v, tc.code)
			}
		})
	}
}

// BoundariesOnly gives the country polygons a full extract gives, and
// nothing else; the neighbours cut by the extract edge are reported.
func TestRealBoundariesOnly(t *testing.T) {
	t.Parallel()
	full := extract(t, Options{}, realSource(t, liechtensteinPBF))
	only := extract(t, Options{BoundariesOnly: true, AdminLevels: []int{2}}, realSource(t, liechtensteinPBF))
	if len(only.Villages) != 0 || len(only.Services) != 0 {
		t.Errorf("BoundariesOnly read %d villages and %d services", len(only.Villages), len(only.Services))
	}
	var want []datasets.Boundary
	for _, b := range full.Boundaries {
		if b.AreaCode == "" && b.AreaName == "" {
			want = append(want, b)
		}
	}
	if len(only.Boundaries) != len(want) || len(want) == 0 {
		t.Fatalf("BoundariesOnly: %d country boundaries, the full extract %d", len(only.Boundaries), len(want))
	}
	for i := range want {
		if only.Boundaries[i].Country != want[i].Country || !orb.Equal(only.Boundaries[i].Geometry, want[i].Geometry) {
			t.Errorf("boundary %d: %s differs from the full extract's %s", i, only.Boundaries[i].Country, want[i].Country)
		}
	}
	var cut []string
	for _, s := range only.Report.Skipped {
		if s.AdminLevel == 2 {
			cut = append(cut, s.Name)
		}
	}
	t.Logf("countries: %d (%s); cut: %q", len(want), want[0].Country, cut)
	if len(cut) == 0 {
		t.Error("no cut admin_level=2 relation reported: the extract edge cuts Switzerland and Austria")
	}
}
