package transit

import (
	"context"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/geodesic"
	"github.com/partons/partons/geo/road"
)

// uPath is a foot network around a pond: from P0 north to P1, east to
// P2, south to P3. P0 and P3 are 700 m apart in a straight line, 1.8 km
// on foot.
func uPath(t *testing.T) (*road.Graph, []orb.Point, float64) {
	t.Helper()
	vs := []orb.Point{{2.80, 50.90}, {2.80, 50.905}, {2.81, 50.905}, {2.81, 50.90}}
	var es []road.EdgeSpec
	total := 0.0
	for i := 0; i+1 < len(vs); i++ {
		l := geodesic.Distance(vs[i], vs[i+1])
		total += l
		es = append(es, road.EdgeSpec{From: int32(i), To: int32(i + 1), LengthM: l, Forward: true, Backward: true,
			SpeedKmh: DefaultWalkKmh, Geometry: orb.LineString{vs[i], vs[i+1]}})
	}
	g, err := road.Build(road.Foot, vs, es)
	if err != nil {
		t.Fatal(err)
	}
	return g, vs, total
}

func TestFootWalkerAgainstStraightLine(t *testing.T) {
	g, vs, total := uPath(t)
	fw := &FootWalker{Graph: g, SnapM: 100}
	d := geodesic.Distance(vs[0], vs[3])
	sec, ok := fw.WalkSeconds(vs[0], vs[3], d)
	want := int32(math.Ceil(total * 3.6 / DefaultWalkKmh))
	if !ok || sec != want {
		t.Fatalf("walk %d s (%v), want %d (%.0f m around the pond)", sec, ok, want, total)
	}
	est := StraightSeconds(d, DefaultDetourFactor, DefaultWalkKmh)
	if !(sec > est) {
		t.Errorf("network walk %d s not longer than the estimate %d s", sec, est)
	}
	// Along one side the network is the straight line: quicker than the
	// estimate's 1.3 detour.
	d01 := geodesic.Distance(vs[0], vs[1])
	if s, ok := fw.WalkSeconds(vs[0], vs[1], d01); !ok || s != int32(math.Ceil(d01*3.6/DefaultWalkKmh)) || s >= StraightSeconds(d01, DefaultDetourFactor, DefaultWalkKmh) {
		t.Errorf("straight side: %d s %v", s, ok)
	}
	// 1.8 km for 0.7 km is more than twice the straight line.
	fw2 := &FootWalker{Graph: g, SnapM: 100, MaxDetour: 2}
	if _, ok := fw2.WalkSeconds(vs[0], vs[3], d); ok {
		t.Error("a detour of 2.6 accepted with MaxDetour 2")
	}
	// A point 1 km off the network does not snap.
	off := orb.Point{2.80, 50.92}
	if fw.Snaps(off) {
		t.Error("point 1 km away snaps")
	}
	if _, ok := fw.WalkSeconds(off, vs[0], geodesic.Distance(off, vs[0])); ok {
		t.Error("walk from an unsnapped point")
	}
}

// Compute with the foot network: the shop across the pond is a walk of
// 1.8 km (walk_only, median the network time), not the estimate; a
// village off the network is unsnapped.
func TestComputeWithFootNetwork(t *testing.T) {
	g, vs, total := uPath(t)
	tt := timetable(t, []tstop{{"be:X", 3.2, 50.9}, {"be:Y", 3.3, 50.9}}, []ttrip{
		{"be:1", "be:r", [][3]int32{{0, hm(8, 0), hm(8, 0)}, {1, hm(8, 20), hm(8, 20)}}, false},
	}, nil)
	fw := &FootWalker{Graph: g, SnapM: 100}
	net, err := Build(tt, NetworkOptions{Walker: fw})
	if err != nil {
		t.Fatal(err)
	}
	opt := DefaultOptions()
	opt.From, opt.To, opt.Walker = hm(8, 0), hm(8, 5), fw
	res, err := Compute(context.Background(), net, []Place{{Point: vs[0]}, {Point: orb.Point{2.80, 50.92}}}, []Place{{Point: vs[3]}}, []Group{{0}}, opt)
	if err != nil {
		t.Fatal(err)
	}
	m := res[0].Groups[0]
	if want := math.Ceil(total*3.6/DefaultWalkKmh) / 60; m.Status != StatusWalkOnly || math.Abs(m.Median-want) > 1e-9 {
		t.Errorf("across the pond: %+v, want walk_only %v min", m, want)
	}
	if st := res[1].Groups[0].Status; st != StatusUnsnapped {
		t.Errorf("off the network: %s", st)
	}
}
