package ondemand

import (
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/geodesic"
	"github.com/partons/partons/geo/road"
)

// A road around three sides of a square at 50 km/h: RoadCar follows it,
// the estimate takes the straight line × 1.3 at 45 km/h; a point off the
// road falls back to the estimate.
func TestRoadCar(t *testing.T) {
	vs := []orb.Point{{2.80, 50.90}, {2.80, 50.91}, {2.82, 50.91}, {2.82, 50.90}}
	var es []road.EdgeSpec
	total := 0.0
	for i := 0; i+1 < len(vs); i++ {
		l := geodesic.Distance(vs[i], vs[i+1])
		total += l
		es = append(es, road.EdgeSpec{From: int32(i), To: int32(i + 1), LengthM: l, Forward: true, Backward: true,
			SpeedKmh: 50, Geometry: orb.LineString{vs[i], vs[i+1]}})
	}
	g, err := road.Build(road.Car, vs, es)
	if err != nil {
		t.Fatal(err)
	}
	est := Estimate{DefaultCarDetour, DefaultCarKmh}
	rc := &RoadCar{Graph: g, SnapM: 200, LegSpeedKmh: 15, Fallback: est}
	off := orb.Point{2.81, 50.95}
	out := make([]int32, 2)
	rc.CarSeconds(vs[0], []orb.Point{vs[3], off}, out)
	if want := int32(math.Ceil(total * 3.6 / 50)); out[0] != want {
		t.Errorf("by road %d s, want %d", out[0], want)
	}
	want := make([]int32, 1)
	est.CarSeconds(vs[0], []orb.Point{off}, want)
	if out[1] != want[0] || want[0] != int32(math.Ceil(geodesic.Distance(vs[0], off)*1.3*3.6/45)) {
		t.Errorf("off the road %d s, want the estimate %d", out[1], want[0])
	}
}
