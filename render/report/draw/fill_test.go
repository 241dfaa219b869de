package draw

import (
	"math"
	"testing"

	"github.com/partons/partons/render/qml"
)

// Colours on the classes, at and beside each limit.
func TestFillClasses(t *testing.T) {
	br := []float64{1200, 3750, 10000}
	for _, tc := range []struct {
		d    float64
		want string
	}{
		{0, qml.Ramp(qml.Sequential, 0)}, {1200, qml.Ramp(qml.Sequential, 0)}, {1200.1, qml.Ramp(qml.Sequential, 1.0/3)},
		{10000, qml.Ramp(qml.Sequential, 2.0/3)}, {10001, qml.Ramp(qml.Sequential, 1)}, {math.Inf(1), qml.Ramp(qml.Sequential, 1)},
		{math.NaN(), qml.NoDataColor},
	} {
		if got := ClassFill(tc.d, br); got != tc.want {
			t.Errorf("ClassFill(%v) = %s, want %s", tc.d, got, tc.want)
		}
	}
	db := []float64{500, 2000}
	for _, tc := range []struct {
		d float64
		i int
	}{{-5000, 0}, {-2000.5, 0}, {-2000, 1}, {-501, 1}, {-500, 2}, {0, 2}, {500, 2}, {501, 3}, {2000, 3}, {2001, 4}} {
		if got, want := DeltaFill(tc.d, db), qml.Ramp(qml.Diverging, float64(tc.i)/4); got != want {
			t.Errorf("DeltaFill(%v) = %s, want class %d %s", tc.d, got, tc.i, want)
		}
	}
}
