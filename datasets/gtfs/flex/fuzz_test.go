package flex

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/partons/partons/datasets/gtfs/internal/feedio"
)

// FuzzZones feeds arbitrary GeoJSON to the zone reader shared by
// locations.geojson and the on-demand configuration: every zone it
// accepts has closed rings of valid lon/lat, and it never panics.
// Run: go test ./datasets/gtfs/flex -run '^$' -fuzz FuzzZones -fuzztime 30s
func FuzzZones(f *testing.F) {
	for _, p := range []string{"testdata/zones.geojson", "testdata/flexfeed/locations.geojson"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","id":1,"properties":{"hours":"24/7","max_walk_m":1e308},"geometry":{"type":"MultiPolygon","coordinates":[]}}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var p feedio.Problems
		ids, props, areas, index := readFeatures("f.geojson", b, &p)
		if len(ids) != len(props) || len(ids) != len(areas) || len(ids) != len(index) {
			t.Fatal("lengths differ")
		}
		for i, a := range areas {
			for _, pg := range a {
				for _, r := range pg {
					if len(r) < 4 || r[0] != r[len(r)-1] {
						t.Fatalf("zone %q: ring %v", ids[i], r)
					}
				}
			}
			z := Zone{Area: a, Bound: a.Bound(), OnDemand: &OnDemand{}}
			zoneRules(&z, props[i])
		}
		dir := t.TempDir()
		path := filepath.Join(dir, "z.geojson")
		os.WriteFile(path, b, 0o644)
		ReadZones(path)
	})
}
