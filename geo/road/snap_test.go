package road

import (
	"encoding/csv"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"sync"
	"testing"

	"github.com/paulmach/orb"
)

// TestLocalMetricMatchesGeodesic compares the snapping metric with WGS84
// geodesics from GeographicLib (testdata/geod_reference.csv).
func TestLocalMetricMatchesGeodesic(t *testing.T) {
	f, err := os.Open("testdata/geod_reference.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 100 {
		t.Fatalf("%d reference rows", len(rows))
	}
	var worstQuery, worstSeg float64
	for i, row := range rows[1:] {
		var v [5]float64
		for k := range v {
			if v[k], err = strconv.ParseFloat(row[k], 64); err != nil {
				t.Fatalf("row %d: %v", i+2, err)
			}
		}
		p, q, want := orb.Point{v[0], v[1]}, orb.Point{v[2], v[3]}, v[4]
		kx, ky := metresPerDegree(p[1])
		// Distance from the query point p, in the projection centred on p.
		d, _ := segDist(p, q, q, kx, ky)
		relQ := math.Abs(d-want) / want
		// Segment length at mid-latitude, as used for Frac and Build checks.
		relS := math.Abs(segmentM(p, q)-want) / want
		limitQ, limitS := 3e-4, 1e-6 // within 1 km
		if want > 1000 {
			limitQ, limitS = 2e-3, 1e-6
		}
		if relQ > limitQ || relS > limitS {
			t.Errorf("row %d (%.0f m): query metric off by %.2e, segment metric by %.2e (limits %.0e, %.0e)", i+2, want, relQ, relS, limitQ, limitS)
		}
		worstQuery, worstSeg = math.Max(worstQuery, relQ), math.Max(worstSeg, relS)
	}
	t.Logf("worst relative error: query-centred %.2e, mid-latitude segment %.2e", worstQuery, worstSeg)
}

func TestSnapHand(t *testing.T) {
	vs := []orb.Point{at(0, 0), at(100, 0), at(200, 0), at(100, 100)}
	g := mustBuild(t, Car, vs, []EdgeSpec{
		handEdge(vs, 0, 1, 100, true, false, 50),
		handEdge(vs, 1, 2, 100, true, true, 50),
		handEdge(vs, 1, 3, 100, false, false, 50), // footway: not for cars
	})
	for _, tc := range []struct {
		name string
		p    orb.Point
		maxM float64
		ok   bool
		want Snap
	}{
		{name: "beside one-way", p: at(50, 30), ok: true, want: Snap{Edge: 0, Frac: 0.5, DistM: 30, Point: at(50, 0)}},
		{name: "below", p: at(150, -20), ok: true, want: Snap{Edge: 1, Frac: 0.5, DistM: 20, Point: at(150, 0)}},
		{name: "beyond dead end", p: at(-40, 30), ok: true, want: Snap{Edge: 0, Frac: 0, DistM: 50, Point: at(0, 0)}},
		{name: "beyond far end", p: at(230, 40), ok: true, want: Snap{Edge: 1, Frac: 1, DistM: 50, Point: at(200, 0)}},
		{name: "footway ignored", p: at(110, 90), ok: true, want: Snap{Edge: 1, Frac: 0.1, DistM: 90, Point: at(110, 0)}},
		{name: "within limit", p: at(150, -20), maxM: 20.01, ok: true, want: Snap{Edge: 1, Frac: 0.5, DistM: 20, Point: at(150, 0)}},
		{name: "beyond limit", p: at(150, -20), maxM: 19.99},
		{name: "invalid point", p: orb.Point{math.NaN(), 50}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, ok := g.Snap(tc.p, tc.maxM)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v (%+v)", ok, tc.ok, s)
			}
			if !ok {
				return
			}
			if s.Edge != tc.want.Edge || math.Abs(s.Frac-tc.want.Frac) > 1e-4 || math.Abs(s.DistM-tc.want.DistM) > 0.01 ||
				segmentM(s.Point, tc.want.Point) > 0.01 {
				t.Errorf("got %+v, want %+v", s, tc.want)
			}
		})
	}
	// Exact ends: a snap beyond the dead end is vertex 0 itself.
	if s, _ := g.Snap(at(-40, 30), 0); s.Frac != 0 {
		t.Errorf("Frac beyond the dead end = %v, want exactly 0", s.Frac)
	}
}

// bruteSnap scans every segment of every accepted routable edge.
func bruteSnap(g *Graph, p orb.Point, accept func(int32) bool) (best float64, edge int32) {
	kx, ky := metresPerDegree(p[1])
	best, edge = math.Inf(1), -1
	for e := int32(0); int(e) < g.NumEdges(); e++ {
		if !g.Routable(e) || (accept != nil && !accept(e)) {
			continue
		}
		geom := g.Edge(e).Geometry
		for i := 1; i < len(geom); i++ {
			if d, _ := segDist(p, geom[i-1], geom[i], kx, ky); d < best {
				best, edge = d, e
			}
		}
	}
	return best, edge
}

func TestSnapMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	vs, es := randomGraph(rng, 1500, false)
	g := mustBuild(t, Car, vs, es)
	odd := func(e int32) bool { return e%2 == 1 }
	for _, accept := range []func(int32) bool{nil, odd} {
		for q := 0; q < 400; q++ {
			p := orb.Point{2.55 + 0.38*rng.Float64(), 50.75 + 0.28*rng.Float64()}
			maxM := 0.0
			if q%3 == 0 {
				maxM = 300 * rng.Float64()
			}
			want, wantEdge := bruteSnap(g, p, accept)
			s, ok := g.SnapFunc(p, maxM, accept)
			if ok != (maxM <= 0 || want <= maxM) {
				t.Fatalf("query %v max %v: ok %v, brute force %.3f m", p, maxM, ok, want)
			}
			if !ok {
				continue
			}
			if math.Abs(s.DistM-want) > 1e-9*math.Max(1, want) {
				t.Fatalf("query %v: snapped %.6f m to edge %d, brute force %.6f m to edge %d", p, s.DistM, s.Edge, want, wantEdge)
			}
			if accept != nil && !accept(s.Edge) || !g.Routable(s.Edge) {
				t.Fatalf("snapped to edge %d outside the filter", s.Edge)
			}
			// The snap is consistent: Frac locates Point, and Point is
			// DistM from the query.
			at, _ := g.PointAt(s.Edge, s.Frac)
			kx, ky := metresPerDegree(p[1])
			if d, _ := segDist(p, s.Point, s.Point, kx, ky); segmentM(at, s.Point) > 1e-3 || math.Abs(d-s.DistM) > 1e-6 {
				t.Fatalf("snap %+v: PointAt(Frac) is %.4f m away, Point %.6f m from the query", s, segmentM(at, s.Point), d)
			}
		}
	}
}

func TestSnapConcurrent(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	vs, es := randomGraph(rng, 300, false)
	g := mustBuild(t, Car, vs, es)
	ref := mustBuild(t, Car, vs, es)
	qs := make([]orb.Point, 64)
	for i := range qs {
		qs[i] = orb.Point{2.6 + 0.28*rng.Float64(), 50.8 + 0.18*rng.Float64()}
	}
	var wg sync.WaitGroup
	got := make([][]Snap, 4)
	for w := range got {
		wg.Go(func() {
			for _, q := range qs {
				s, _ := g.Snap(q, 0)
				got[w] = append(got[w], s)
			}
		})
	}
	wg.Wait()
	for i, q := range qs {
		want, _ := ref.Snap(q, 0)
		for w := range got {
			if got[w][i] != want {
				t.Fatalf("goroutine %d query %d: %+v, want %+v", w, i, got[w][i], want)
			}
		}
	}
}
