package road

import (
	"testing"

	"github.com/paulmach/orb"
)

// TestSnapNearVertexIsTheVertex: a point a few ulps off a junction (as OSM
// decoders produce) must count as the junction, not as a point inside a
// one-way edge that has to be driven to its far end first.
func TestSnapNearVertexIsTheVertex(t *testing.T) {
	// a(0,0) --one-way--> b(0.001,0) <--two-way--> c(0.002,0)
	pts := []orb.Point{{0, 0}, {0.001, 0}, {0.002, 0}}
	l := 111.31949079327357
	g, err := Build(Car, pts, []EdgeSpec{
		{From: 0, To: 1, LengthM: l, Forward: true, SpeedKmh: 30, Geometry: orb.LineString{pts[0], pts[1]}},
		{From: 1, To: 2, LengthM: l, Forward: true, Backward: true, SpeedKmh: 30, Geometry: orb.LineString{pts[1], pts[2]}},
	})
	if err != nil {
		t.Fatal(err)
	}
	village := orb.Point{0.0010000000000000002, 0} // b, two ulps east
	sv, ok := g.Snap(village, 10)
	if !ok || !(sv.Frac == 0 || sv.Frac == 1) {
		t.Fatalf("snap %+v: want an exact edge end", sv)
	}
	service, _ := g.Snap(pts[2], 10)
	ws := NewWorkspace(g)
	if err := g.Nearest(ws, []Snap{service}, Search{Weight: Length}); err != nil {
		t.Fatal(err)
	}
	res, ok := ws.Cost(sv)
	if !ok || res.LengthM > l+1e-6 {
		t.Fatalf("route from b to c = %+v, want %v m (not via the one-way's far end)", res, l)
	}
}
