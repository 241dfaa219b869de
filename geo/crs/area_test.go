package crs

import (
	"math"
	"slices"
	"strconv"
	"testing"
)

// TestAreaForEverySystem guards against a system added without its area
// of use.
func TestAreaForEverySystem(t *testing.T) {
	for _, code := range Supported() {
		a, err := AreaOfUse(code)
		if err != nil {
			t.Fatal(err)
		}
		if !(a.West < a.East && a.South < a.North) || a.Name == "" {
			t.Errorf("EPSG:%d: area %+v", code, a)
		}
	}
	if _, err := AreaOfUse(3857); err == nil {
		t.Error("AreaOfUse(3857): want an error")
	}
}

// TestFitting checks which systems points fit, against the same test done
// with PROJ 9 through pyproj (inverse, forward again within 1 m, inside the
// EPSG area of use widened by 2°). The first five are Ieper in each system
// (the values of TestIeper).
func TestFitting(t *testing.T) {
	tests := []struct {
		x, y float64
		want []int // the whole list, most specific first
	}{
		{45520.462, 172142.988, []int{31370, 32631}},  // Belgian Lambert 72 (UTM 31N's area reaches the Gulf of Guinea)
		{691885.247, 7083782.051, []int{2154, 32631}}, // Lambert-93
		{491904.558, 5633184.198, []int{32631}},       // UTM 31N
		{3820834.088, 3106433.888, []int{3035}},       // ETRS89-LAEA
		{2.885, 50.8503, []int{4326}},                 // degrees
		{50.8503, 2.885, []int{4326}},                 // swapped degrees are still degrees
		{5633184.198, 491904.558, []int{3035}},        // swapped UTM: the Sahara in LAEA
		{math.NaN(), 1, nil},
		{4e6, 4e6, []int{3035}},
		{650000, 6862000, []int{2154, 32631}},
		{180, 90, []int{4326}},          // degrees, not Lambert 72 metres near its origin
		{-200, 40, []int{31370, 32631}}, // metres near Lambert 72's origin
		{100000, 100000, []int{31370, 32631}},
		{200000, -50000, []int{31370, 32631}}, // Lorraine, within 2° of Belgium
		{1e6, 3e6, []int{3035}},
		{45520.462, 172142.988 + 1e9, nil}, // no system maps it back: beyond every projection
		{6e5, 1e5, []int{32631}},
		{-4e5, 6.6e6, []int{2154}},  // Brittany's western tip, within the margin
		{1.3e6, 6.3e6, []int{2154}}, // Corsica's east
		{3.2e6, 2.0e6, []int{3035}},
		{7e6, 5e6, nil},
		{2.5e5, 1.5e5, []int{31370, 32631}}, // Liège
		{1e7, 1e7, nil},
	}
	for _, tc := range tests {
		t.Run(strconv.FormatFloat(tc.x, 'g', -1, 64)+","+strconv.FormatFloat(tc.y, 'g', -1, 64), func(t *testing.T) {
			got := Fitting(tc.x, tc.y)
			if !slices.Equal(got, tc.want) {
				t.Errorf("Fitting(%v, %v) = %v, want %v", tc.x, tc.y, got, tc.want)
			}
		})
	}
}
