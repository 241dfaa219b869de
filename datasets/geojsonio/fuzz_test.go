package geojsonio_test

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/geojsonio"
)

// Run a fuzzer with, for example:
//
//	go test -run='^$' -fuzz=FuzzReadVillagesGeoJSON -fuzztime=30s ./datasets/geojsonio/
//
// Inputs that once failed are kept under testdata/fuzz/<FuzzName>/.

func addSeeds(f *testing.F) {
	f.Helper()
	for _, name := range []string{"villages.geojson", "services.geojson", "boundaries.geojson", "geonames-westhoek.geojson"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"", "{}", "[]", "null", `{"type": "FeatureCollection", "features": []}`,
		fc(village(`"a"`, `, "population": "12", "country": "be"`, pt), village(`7`, "", poly)),
		fc(vcoords("Point", "[2.9]"), vcoords("Polygon", "[[[0, 0], [1, 0], [0, 0]]]")),
		fc(vcoords("MultiPolygon", `[[[[2.4, 50.7], [2.5, 50.7], [2.5, 50.8], [2.4, 50.7]], [[2.41, 50.71], [2.49, 50.71], [2.49, 50.79], [2.41, 50.71]]]]`)),
		fc(`{"type": "Feature", "id": 1e3, "properties": null, "geometry": ` + pt + `}`),
		`{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": "a", "name": "b", "category": "c", "country": "FR"}, "geometry": ` + poly + `}]}`,
	} {
		f.Add([]byte(s))
	}
}

// checkErr requires a data error: the input is in memory, so there is no
// I/O error to pass through.
func checkErr(t *testing.T, err error) {
	t.Helper()
	if !errors.Is(err, datasets.ErrInvalid) {
		t.Fatalf("error does not wrap ErrInvalid: %v", err)
	}
	var list datasets.ErrorList
	if !errors.As(err, &list) || len(list) == 0 || len(list) > datasets.MaxProblems+1 {
		t.Fatalf("error is not a non-empty capped ErrorList: %v", err)
	}
}

func checkRecord(t *testing.T, seen map[string]bool, id string, loc orb.Point) {
	t.Helper()
	if id == "" || seen[id] {
		t.Fatalf("empty or repeated id %q", id)
	}
	seen[id] = true
	if err := datasets.ValidateLonLat(loc[0], loc[1]); err != nil {
		t.Fatalf("record %q: %v", id, err)
	}
}

func checkQuantity(t *testing.T, v float64, ok bool) {
	t.Helper()
	if ok && (math.IsNaN(v) || math.IsInf(v, 0) || v < 0) || !ok && v != 0 {
		t.Fatalf("quantity %v (known %v)", v, ok)
	}
}

func checkInside(t *testing.T, g orb.Geometry, p orb.Point) {
	t.Helper()
	switch g := g.(type) {
	case orb.Point:
		if g != p {
			t.Fatalf("point geometry %v, location %v", g, p)
		}
	case orb.Polygon:
		if !planar.PolygonContains(g, p) {
			t.Fatalf("location %v outside polygon", p)
		}
	case orb.MultiPolygon:
		if !planar.MultiPolygonContains(g, p) {
			t.Fatalf("location %v outside multipolygon", p)
		}
	default:
		t.Fatalf("geometry %T", g)
	}
}

func FuzzReadVillagesGeoJSON(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		vs, err := geojsonio.ReadVillages("fuzz", bytes.NewReader(data), datasets.DefaultVillageSchema())
		if err != nil {
			checkErr(t, err)
			if vs != nil {
				t.Fatal("records returned with an error")
			}
			return
		}
		if len(vs) == 0 {
			t.Fatal("no error and no villages")
		}
		seen := map[string]bool{}
		for _, v := range vs {
			checkRecord(t, seen, v.ID, v.Location)
			checkInside(t, v.Geometry, v.Location)
			checkQuantity(t, v.Population, v.HasPopulation)
			if v.Name == "" {
				t.Fatal("empty name")
			}
			if _, err := datasets.NormalizeCountry(v.Country); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func FuzzReadServicesGeoJSON(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		ss, err := geojsonio.ReadServices("fuzz", bytes.NewReader(data), datasets.DefaultServiceSchema())
		if err != nil {
			checkErr(t, err)
			return
		}
		if len(ss) == 0 {
			t.Fatal("no error and no services")
		}
		seen := map[string]bool{}
		for _, s := range ss {
			checkRecord(t, seen, s.ID, s.Location)
			checkQuantity(t, s.Capacity, s.HasCapacity)
			if s.Raw == "" || s.Category != s.Raw {
				t.Fatalf("category %q raw %q", s.Category, s.Raw)
			}
		}
	})
}

func FuzzReadBoundariesGeoJSON(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		bs, err := geojsonio.ReadBoundaries("fuzz", bytes.NewReader(data), datasets.DefaultBoundarySchema())
		if err != nil {
			checkErr(t, err)
			return
		}
		if len(bs) == 0 {
			t.Fatal("no error and no boundaries")
		}
		for _, b := range bs {
			if len(b.Country) != 2 || len(b.Geometry) == 0 {
				t.Fatalf("boundary %+v", b)
			}
			for _, poly := range b.Geometry {
				for _, r := range poly {
					if len(r) < 4 || r[0] != r[len(r)-1] {
						t.Fatalf("ring %v", r)
					}
					for _, p := range r {
						if err := datasets.ValidateLonLat(p[0], p[1]); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
		}
	})
}
