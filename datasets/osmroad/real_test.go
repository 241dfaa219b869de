package osmroad

import (
	"context"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/partons/partons/datasets/osmfile"
	"github.com/partons/partons/geo/road"
)

// oracle is the JSON written by testdata/gen_oracle.py (pyosmium + PROJ).
type oracle struct {
	DanglingNodes int64 `json:"dangling_nodes"`
	Car           oracleProfile
	Bicycle       oracleProfile
	Foot          oracleProfile
}

type oracleProfile struct {
	Ways        int     `json:"ways"`
	Vertices    int     `json:"vertices"`
	Edges       int     `json:"edges"`
	LengthM     float64 `json:"length_m"`
	BorderEdges int     `json:"border_edges"`
	OnewayWays  int     `json:"oneway_ways"`
}

func (o *oracle) profile(p road.Profile) oracleProfile {
	switch p {
	case road.Car:
		return o.Car
	case road.Bicycle:
		return o.Bicycle
	}
	return o.Foot
}

// labeller returns a Country function: code inside the polygon of
// testdata/border (written by gen_borders.py), "XX" outside. It uses the
// crossing-number rule of gen_oracle.py on the 1e-7° grid of OSM
// coordinates, so nodes lying exactly on the border (roads are often cut
// there) are labelled as the oracle labels them.
func labeller(tb testing.TB, border, code string) func(orb.Point) string {
	tb.Helper()
	g, err := geojson.UnmarshalGeometry(readTestdata(tb, border))
	if err != nil {
		tb.Fatal(err)
	}
	poly, ok := g.Geometry().(orb.Polygon)
	if !ok || len(poly) == 0 || len(poly[0]) < 4 {
		tb.Fatalf("%s: not a polygon", border)
	}
	grid := func(v float64) float64 { return math.Round(v * 1e7) }
	ring := make([][2]float64, len(poly[0]))
	for k, p := range poly[0] {
		ring[k] = [2]float64{grid(p[0]), grid(p[1])}
	}
	return func(p orb.Point) string {
		x, y := grid(p[0]), grid(p[1])
		in := false
		for i, j := 0, len(ring)-1; i < len(ring); j, i = i, i+1 {
			xi, yi, xj, yj := ring[i][0], ring[i][1], ring[j][0], ring[j][1]
			if (yi > y) != (yj > y) && x < (xj-xi)*(y-yi)/(yj-yi)+xi {
				in = !in
			}
		}
		if in {
			return code
		}
		return "XX"
	}
}

// TestRealExtracts pins the networks of the two committed extracts and
// checks them against the independent pyosmium/PROJ oracle: ways, vertices
// and edges exactly, total length to 1 mm, one-way ways, and the edges
// crossing the national border.
func TestRealExtracts(t *testing.T) {
	t.Parallel()
	cases := []struct {
		file, oracle, border, code string
		waysKept                   int64
		replication                time.Time
		bounds                     orb.Bound
	}{
		{"monaco-2015-04-28.osm.pbf", "monaco.oracle.json", "monaco-border.geojson", "MC", 1204,
			time.Date(2015, 4, 28, 20, 22, 2, 0, time.UTC),
			orb.Bound{Min: orb.Point{7.40921, 43.72335}, Max: orb.Point{7.44864, 43.75169}}},
		{"liechtenstein-2013-08-03.osm.pbf", "liechtenstein.oracle.json", "liechtenstein-border.geojson", "LI", 2713,
			time.Date(2013, 8, 3, 19, 0, 2, 0, time.UTC),
			orb.Bound{Min: orb.Point{9.47108, 47.04774}, Max: orb.Point{9.63622, 47.27128}}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			var want oracle
			if err := json.Unmarshal(readTestdata(t, tc.oracle), &want); err != nil {
				t.Fatal(err)
			}
			nets, rep, err := ReadAll(context.Background(), []osmfile.Source{testSource(tc.file)},
				Options{Country: labeller(t, tc.border, tc.code)})
			if err != nil {
				t.Fatal(err)
			}
			f := rep.Files[0]
			if !f.ReplicationTime.Equal(tc.replication) || f.Bounds == nil ||
				math.Abs(f.Bounds.Min[0]-tc.bounds.Min[0]) > 1e-5 || math.Abs(f.Bounds.Max[1]-tc.bounds.Max[1]) > 1e-5 {
				t.Errorf("header: time %v bounds %v", f.ReplicationTime, f.Bounds)
			}
			text := rep.String()
			for _, want := range []string{"sha256 ", "data as of " + tc.replication.Format(time.RFC3339), Attribution, "border-crossing edges"} {
				if !strings.Contains(text, want) {
					t.Errorf("report text lacks %q:\n%s", want, text)
				}
			}
			if rep.WaysKept != tc.waysKept || rep.DanglingNodes != want.DanglingNodes || rep.DuplicateWays != 0 {
				t.Errorf("ways kept %d dangling %d duplicates %d, want %d %d 0",
					rep.WaysKept, rep.DanglingNodes, rep.DuplicateWays, tc.waysKept, want.DanglingNodes)
			}
			for _, p := range []road.Profile{road.Car, road.Bicycle, road.Foot} {
				w, pr, net := want.profile(p), rep.Profile(p), nets[p]
				oneway := map[int64]bool{}
				for _, e := range net.Edges {
					if !e.Forward || !e.Backward {
						oneway[e.WayID] = true
					}
				}
				got := [5]int{pr.RoutableWays, pr.Vertices, pr.Edges, pr.BorderEdges, len(oneway)}
				if exp := [5]int{w.Ways, w.Vertices, w.Edges, w.BorderEdges, w.OnewayWays}; got != exp {
					t.Errorf("%s: ways, vertices, edges, border edges, one-way ways = %v, oracle %v", p, got, exp)
				}
				if math.Abs(pr.LengthKm*1000-w.LengthM) > 1e-3 {
					t.Errorf("%s: length %.6f m, oracle %.6f m", p, pr.LengthKm*1000, w.LengthM)
				}
				if pr.BorderEdges == 0 {
					t.Errorf("%s: the network does not cross the border", p)
				}
				checkInvariants(t, net)
			}
		})
	}
}

// TestLiechtensteinSpansThreeCountries: the largest car component holds
// vertices in Liechtenstein, in Switzerland (west of the Rhine, south of
// lat 47.2) and in Austria (north-east, beyond Feldkirch's border
// crossing): roads that cross borders connect.
func TestLiechtensteinSpansThreeCountries(t *testing.T) {
	t.Parallel()
	li := labeller(t, "liechtenstein-border.geojson", "LI")
	net, _, err := Read(context.Background(), []osmfile.Source{testSource("liechtenstein-2013-08-03.osm.pbf")}, road.Car, Options{})
	if err != nil {
		t.Fatal(err)
	}
	g, err := road.Build(road.Car, net.Vertices, net.Edges)
	if err != nil {
		t.Fatal(err)
	}
	var inLI, inCH, inAT int
	for v, p := range net.Vertices {
		if g.Component(int32(v)) != 0 {
			continue
		}
		switch {
		case li(p) == "LI":
			inLI++
		case p[0] < 9.5 && p[1] < 47.2:
			inCH++
		case p[0] > 9.55 && p[1] > 47.22:
			inAT++
		}
	}
	count, largest := g.Components()
	t.Logf("car: %d components, largest %d of %d vertices: %d LI, %d CH, %d AT", count, largest, len(net.Vertices), inLI, inCH, inAT)
	if inLI == 0 || inCH == 0 || inAT == 0 {
		t.Errorf("largest component: %d LI, %d CH, %d AT vertices; want all > 0", inLI, inCH, inAT)
	}
}
