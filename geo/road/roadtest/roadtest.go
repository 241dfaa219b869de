// Package roadtest builds road graphs and points for tests of the
// packages that route on a road.Graph (travel, analysis/access): random
// jittered grids, random points in a box, and snapping of many points.
// Distances are metres, speeds km/h. Nothing here is safe for production
// input: it calls testing.TB.Fatal on failure.
package roadtest

import (
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/geodesic"
	"github.com/partons/partons/geo/road"
)

// GridGraph builds a side×side road grid with jittered vertices over
// spanLon × spanLat degrees from (lon0, lat0): about 3 % of links
// missing, 10 % one-way, speeds 30–90 km/h.
func GridGraph(tb testing.TB, side int, lon0, lat0, spanLon, spanLat float64, seed uint64) *road.Graph {
	tb.Helper()
	rng := rand.New(rand.NewPCG(seed, 99))
	dlon, dlat := spanLon/float64(side), spanLat/float64(side)
	vs := make([]orb.Point, side*side)
	for r := range side {
		for c := range side {
			vs[r*side+c] = orb.Point{lon0 + (float64(c)+0.6*(rng.Float64()-0.5))*dlon, lat0 + (float64(r)+0.6*(rng.Float64()-0.5))*dlat}
		}
	}
	speeds := []float64{30, 50, 70, 90}
	var es []road.EdgeSpec
	link := func(a, b int) {
		if rng.Float64() < 0.03 {
			return
		}
		e := road.EdgeSpec{From: int32(a), To: int32(b), LengthM: geodesic.Distance(vs[a], vs[b]), Forward: true, Backward: true,
			SpeedKmh: speeds[rng.IntN(len(speeds))], Geometry: orb.LineString{vs[a], vs[b]}, WayID: int64(len(es) + 1)}
		if rng.Float64() < 0.1 {
			if rng.IntN(2) == 0 {
				e.Forward = false
			} else {
				e.Backward = false
			}
		}
		es = append(es, e)
	}
	for r := range side {
		for c := range side {
			if c+1 < side {
				link(r*side+c, r*side+c+1)
			}
			if r+1 < side {
				link(r*side+c, (r+1)*side+c)
			}
		}
	}
	g, err := road.Build(road.Car, vs, es)
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

// RandomPoints returns n points uniform in the box.
func RandomPoints(rng *rand.Rand, n int, lon0, lat0, spanLon, spanLat float64) []orb.Point {
	out := make([]orb.Point, n)
	for k := range out {
		out[k] = orb.Point{lon0 + spanLon*rng.Float64(), lat0 + spanLat*rng.Float64()}
	}
	return out
}

// SnapAll snaps every point within maxM metres; unsnapped points get
// Edge -1.
func SnapAll(g *road.Graph, pts []orb.Point, maxM float64) []road.Snap {
	out := make([]road.Snap, len(pts))
	for k, p := range pts {
		s, ok := g.Snap(p, maxM)
		if !ok {
			s = road.Snap{Edge: -1}
		}
		out[k] = s
	}
	return out
}
