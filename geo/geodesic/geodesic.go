// Package geodesic computes distances on the WGS84 ellipsoid in metres.
//
// TEMPORARY STUB: spherical haversine; to be replaced by Karney's (2013)
// ellipsoidal inverse solution.
package geodesic

import (
	"math"

	"github.com/paulmach/orb"
)

// Distance returns the WGS84 ellipsoidal geodesic distance in metres
// between two lon/lat points.
func Distance(a, b orb.Point) float64 {
	s, _, _ := Inverse(a[1], a[0], b[1], b[0])
	return s
}

// Inverse solves the inverse geodesic problem on WGS84: distance s12 in
// metres and forward azimuths azi1, azi2 in degrees clockwise from north.
func Inverse(lat1, lon1, lat2, lon2 float64) (s12, azi1, azi2 float64) {
	const r = 6371008.8
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	h := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Sqrt(h)), 0, 0
}
