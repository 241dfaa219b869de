package csvio_test

import (
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/csvio"
)

// TestWrongCRS: x/y outside the declared system's area of use are an
// error on their line naming the system they fit; lon/lat columns
// holding projected metres say which system they look like.
func TestWrongCRS(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		epsg  int
		in    string
		wants []want
	}{
		{"Lambert 72 declared as Lambert-93", 2154,
			"id,name,x,y\nieper,Ieper,45520.462,172142.988\nok,Lille,704000,7059000\n",
			[]want{{2, "x", "these x,y fit EPSG:31370 (BD72 / Belgian Lambert 72), not 2154"}}},
		{"degrees declared as Lambert 72", 31370,
			"id,name,x,y\nieper,Ieper,2.885,50.8503\n",
			[]want{{2, "x", "look like WGS84 longitude/latitude degrees (EPSG:4326), not EPSG:31370 metres"}}},
		{"Lambert 72 in lon/lat columns", 0,
			"id,name,lon,lat\nieper,Ieper,45520.462,172142.988\n",
			[]want{
				{2, "lon", "longitude 45520.462 outside [-180, 180]; these look like x,y metres in EPSG:31370"},
				{2, "lat", "latitude 172142.988 outside [-90, 90]; these look like x,y metres in EPSG:31370"},
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := datasets.DefaultVillageSchema()
			s.Coords.EPSG = tc.epsg
			_, err := csvio.ReadVillages("v.csv", strings.NewReader(tc.in), s)
			checkProblems(t, "v.csv", err, tc.wants)
		})
	}
}
