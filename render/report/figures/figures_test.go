package figures

import (
	"fmt"
	"math"
	"testing"

	"github.com/partons/partons/render/report/reporttest"
)

// Hand-computed cumulative shares: BE has 100 people at 500 m, 300 at
// 1500 m, 600 with no service at all; a village of unknown population and
// one of unknown distance do not count.
func TestCDFByHand(t *testing.T) {
	r := reporttest.Synthetic([]string{"BE", "BE", "BE", "BE", "BE", "FR"},
		[]float64{100, 300, 600, math.NaN(), 50, 10},
		[]float64{500, 1500, math.Inf(1), 200, math.NaN(), 3000})
	s := NewSeries(r, 0)
	if s.Known != 5 || s.Domestic != 0 {
		t.Errorf("known %d domestic %d", s.Known, s.Domestic)
	}
	cs := CDF(r, s, []string{"BE", "FR"}, 2000, 4) // x = 0, 500, 1000, 1500, 2000
	be, fr := cs[0], cs[1]
	want := []float64{0, 0.1, 0.1, 0.4, 0.4}
	if be.PopulationMeasured != 1000 || be.Basis != Nearest {
		t.Errorf("BE measured %v basis %v", be.PopulationMeasured, be.Basis)
	}
	for i := range want {
		if math.Abs(be.Share[i]-want[i]) > 1e-12 || be.X[i] != 500*float64(i) {
			t.Errorf("BE at %v: %v, want %v", be.X[i], be.Share[i], want[i])
		}
	}
	if fr.Share[4] != 0 || fr.PopulationMeasured != 10 {
		t.Errorf("FR %+v", fr)
	}
	// worst: no service first, then farthest, unknown left out
	if got := Worst(r, s, "BE", 3); fmt.Sprint(got) != "[2 1 0]" {
		t.Errorf("worst BE %v, want [2 1 0]", got)
	}
	if got := NiceMax(r, s); got != 10000 {
		t.Errorf("niceMax %v, want the largest threshold 10000", got)
	}
}

// TestUnmeasured: a figure no village has a finite value of, while the
// other figure has some, was never measured: blank it (the villages no
// route reaches say nothing about it); otherwise leave it alone.
func TestUnmeasured(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	for _, tc := range []struct {
		name     string
		x, other []float64
		blanked  bool
	}{
		{"length only", []float64{nan, inf}, []float64{234, inf}, true},
		{"both measured", []float64{3, inf}, []float64{234, inf}, false},
		{"nothing reached", []float64{inf, inf}, []float64{inf, inf}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := append([]float64(nil), tc.x...)
			Unmeasured(x, tc.other)
			for i := range x {
				if got := math.IsNaN(x[i]); got != (tc.blanked || math.IsNaN(tc.x[i])) {
					t.Errorf("x[%d] = %v", i, x[i])
				}
			}
		})
	}
}

// Village-counted figures: of the first four villages, 500 m, 1.5 km,
// none at all and one unknown: 1 of 3 within 1.2 km, 2 of 3 within
// 3.75 km, the median village at 1.5 km; the fifth is not a member.
func TestVillageFigures(t *testing.T) {
	nan := math.NaN()
	shares, med, n := VillageFigures([]float64{500, 1500, math.Inf(1), nan, 10}, func(v int) bool { return v < 4 }, []float64{1200, 3750})
	if n != 3 || med != 1500 || fmt.Sprint(shares) != fmt.Sprint([]float64{1.0 / 3, 2.0 / 3}) {
		t.Errorf("VillageFigures: %v %v %d", shares, med, n)
	}
}
