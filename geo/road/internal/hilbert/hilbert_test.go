package hilbert

import (
	"testing"

	"github.com/paulmach/orb"

	curve "github.com/partons/partons/geo/internal/hilbert"
)

// TestOrder checks that Order gives inverse permutations that follow the
// curve: on a 4 × 4 grid of points given row by row, the numbers are those
// of curve.XY at the cells' scaled corners, and ties keep the input order.
func TestOrder(t *testing.T) {
	var pts []orb.Point
	for y := range 4 {
		for x := range 4 {
			pts = append(pts, orb.Point{float64(x), float64(y)})
		}
	}
	pts = append(pts, pts[5]) // a tie with point 5
	inner, outer := Order(pts)
	for i, k := range inner {
		if outer[k] != int32(i) {
			t.Fatalf("outer is not the inverse of inner at %d", i)
		}
	}
	for k := 1; k < len(outer); k++ {
		a, b := pts[outer[k-1]], pts[outer[k]]
		ka := curve.XY(uint32(a[0]/3*65535), uint32(a[1]/3*65535))
		kb := curve.XY(uint32(b[0]/3*65535), uint32(b[1]/3*65535))
		if ka > kb || (ka == kb && outer[k-1] > outer[k]) {
			t.Fatalf("numbers %d and %d out of curve order", k-1, k)
		}
	}
	if inner[16] != inner[5]+1 {
		t.Errorf("the tie with point 5 is numbered %d, want %d", inner[16], inner[5]+1)
	}
	if in, out := Order(nil); len(in) != 0 || len(out) != 0 {
		t.Error("Order(nil) is not empty")
	}
}
