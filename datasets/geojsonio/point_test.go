package geojsonio_test

import (
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/geojsonio"
)

// A polygon village's "point" property is the point its distances are
// measured from; it must be a [lon, lat] inside the polygon, and a point
// village takes none.
func TestReadVillagesMeasurementPoint(t *testing.T) {
	t.Parallel()
	const square = `{"type":"Polygon","coordinates":[[[2.0,50.0],[2.1,50.0],[2.1,50.1],[2.0,50.1],[2.0,50.0]]]}`
	feature := func(point, geom string) string {
		return `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"59001","name":"A","point":` +
			point + `},"geometry":` + geom + `}]}`
	}
	for _, tc := range []struct {
		name, point, geom string
		want              orb.Point // zero: the reader's own point inside
		err               string
	}{
		{"inside", "[2.02, 50.09]", square, orb.Point{2.02, 50.09}, ""},
		{"on the boundary", "[2.0, 50.05]", square, orb.Point{2.0, 50.05}, ""},
		{"null", "null", square, orb.Point{}, ""},
		{"outside", "[50.05, 2.05]", square, orb.Point{}, `field "point": [50.05, 2.05] lies outside the village's Polygon (lat, lon swapped?)`},
		{"three numbers", "[2.05, 50.05, 12]", square, orb.Point{}, `field "point": want [lon, lat] in degrees, got [2.05, 50.05, 12]`},
		{"a string", `"2.05 50.05"`, square, orb.Point{}, `field "point": want [lon, lat] in degrees`},
		{"out of range", "[2.05, 95]", square, orb.Point{}, `field "point": `},
		{"on a point village", "[2.05, 50.05]", `{"type":"Point","coordinates":[2.05,50.05]}`, orb.Point{}, "measured from itself"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vs, err := geojsonio.ReadVillages("v.geojson", strings.NewReader(feature(tc.point, tc.geom)), datasets.DefaultVillageSchema())
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.Contains(err.Error(), "feature 0") {
					t.Fatalf("error %v, want one naming feature 0 and %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := vs[0].Location
			if tc.want != (orb.Point{}) && got != tc.want {
				t.Errorf("measured from %v, want %v", got, tc.want)
			}
			if tc.want == (orb.Point{}) && (got == orb.Point{} || got == orb.Point{2.02, 50.09}) {
				t.Errorf("measured from %v, want the reader's own point inside", got)
			}
		})
	}
}
