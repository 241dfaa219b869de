package geodesic_test

import (
	"fmt"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/geodesic"
)

// Ieper to Poperinge town halls, as the crow flies on the WGS84 ellipsoid.
func ExampleDistance() {
	ieper := orb.Point{2.8850, 50.8503} // lon, lat
	poperinge := orb.Point{2.7272, 50.8556}
	fmt.Printf("%.3f m\n", geodesic.Distance(ieper, poperinge))
	// Output: 11127.800 m
}

func ExampleInverse() {
	s12, azi1, azi2 := geodesic.Inverse(50.8503, 2.8850, 50.8556, 2.7272)
	fmt.Printf("%.3f m, leave heading %.4f°, arrive heading %.4f°\n", s12, azi1, azi2)
	// Output: 11127.800 m, leave heading -86.9016°, arrive heading -87.0240°
}

func ExampleDirect() {
	// 10 km setting off due east from Ieper; the geodesic curves south
	// of the parallel (checked against PROJ: 50.850214, 3.026998).
	lat, lon, azi := geodesic.Direct(50.8503, 2.8850, 90, 10000)
	fmt.Printf("%.6f %.6f %.4f\n", lat, lon, azi)
	// Output: 50.850214 3.026998 90.1101
}
