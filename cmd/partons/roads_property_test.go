package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/geodesic"
)

// TestRoadNeverBelowStraightLine: a road figure runs from the village to
// the service themselves (the legs to and from the network included), so
// for every village with one, road_m is at least the ellipsoidal geodesic
// between the village and that same service. The slack covers the
// rounding of the CSV (0.05 m for road_m, 10⁻⁷° for the coordinates) and
// the snapping's local projection (0.03 % of the legs). On the real
// Liechtenstein extract (© OpenStreetMap contributors, ODbL), every
// profile and both route kinds.
func TestRoadNeverBelowStraightLine(t *testing.T) {
	const pbf = "../../datasets/osmroad/testdata/liechtenstein-2013-08-03.osm.pbf"
	dir := t.TempDir()
	checked := 0
	for _, c := range []struct{ profile, routeBy string }{{"car", "time"}, {"foot", "length"}} {
		out := filepath.Join(dir, c.profile)
		if code, _, e := runCLI(t, "run", "-q", "--osm", pbf, "--profile", c.profile, "--route-by", c.routeBy, "--out", out); code != 0 {
			t.Fatal(e)
		}
		sh, services := readCSV(t, filepath.Join(out, "services.csv"))
		h, villages := readCSV(t, filepath.Join(out, "villages.csv"))
		for id, v := range villages {
			vp := orb.Point{parseF(t, cell(t, h, v, "lon")), parseF(t, cell(t, h, v, "lat"))}
			for _, col := range h {
				cat, ok := strings.CutSuffix(col, "_road_id")
				if !ok || cell(t, h, v, col) == "" {
					continue
				}
				s := services[cell(t, h, v, col)]
				sp := orb.Point{parseF(t, cell(t, sh, s, "lon")), parseF(t, cell(t, sh, s, "lat"))}
				line := geodesic.Distance(vp, sp)
				roadM := parseF(t, cell(t, h, v, cat+"_road_m"))
				legs := parseF(t, cell(t, h, v, "snap_m")) + parseF(t, cell(t, sh, s, "snap_m"))
				if slack := 0.1 + 3e-4*legs; roadM < line-slack {
					t.Errorf("%s %s: village %s, %s %s: road %.1f m below the straight line %.2f m", c.profile, c.routeBy, id, cat, s[0], roadM, line)
				}
				checked++
			}
		}
	}
	if checked < 300 {
		t.Errorf("only %d road figures checked", checked)
	}
	t.Logf("%d road figures checked", checked)
}
