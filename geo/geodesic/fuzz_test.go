package geodesic

import (
	"math"
	"testing"
)

// FuzzInverse checks that Inverse never panics or returns NaN for finite
// in-range input, that the distance is non-negative, at most half the
// meridian-ellipse perimeter, and symmetric.
//
// Run with: go test -run='^$' -fuzz=FuzzInverse -fuzztime=60s ./geo/geodesic/
func FuzzInverse(f *testing.F) {
	seeds := [][4]float64{
		{50.8503, 2.8850, 50.8556, 2.7272},
		{0, 0, 0, 0},
		{0, 0, 0.5, 179.7},
		{-30, 0, 29.9, 179.8},
		{0, 0, 0, 180},
		{90, 0, -90, 0},
		{-90, 12, 45, -170},
		{1e-300, 0, -1e-300, 179.99999999},
		{45, 10, -45.0001, -169.9999},
		{0, -1e9, 0, 1e9},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1], s[2], s[3])
	}
	// Half the perimeter of the meridian ellipse (Ramanujan) is the
	// longest geodesic; allow a millimetre of slack.
	const maxS = 20003931.4586 + 1e-3
	f.Fuzz(func(t *testing.T, lat1, lon1, lat2, lon2 float64) {
		for _, v := range []float64{lat1, lon1, lat2, lon2} {
			if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e12 {
				t.Skip()
			}
		}
		if math.Abs(lat1) > 90 || math.Abs(lat2) > 90 {
			t.Skip()
		}
		s12, azi1, azi2 := Inverse(lat1, lon1, lat2, lon2)
		if math.IsNaN(s12) || math.IsNaN(azi1) || math.IsNaN(azi2) {
			t.Fatalf("NaN: Inverse(%v, %v, %v, %v) = %v, %v, %v", lat1, lon1, lat2, lon2, s12, azi1, azi2)
		}
		if !(s12 >= 0) || s12 > maxS {
			t.Fatalf("Inverse(%v, %v, %v, %v): s12 = %v out of [0, %v]", lat1, lon1, lat2, lon2, s12, maxS)
		}
		if math.Abs(azi1) > 180 || math.Abs(azi2) > 180 {
			t.Fatalf("azimuths %v, %v outside [-180, 180]", azi1, azi2)
		}
		r12, _, _ := Inverse(lat2, lon2, lat1, lon1)
		if math.Abs(r12-s12) > 1e-8 {
			t.Fatalf("asymmetric: %v vs %v", s12, r12)
		}
	})
}
