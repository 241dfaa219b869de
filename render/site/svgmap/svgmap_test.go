package svgmap

import (
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

func square(lon0, lat0, lon1, lat1 float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{lon0, lat0}, {lon1, lat0}, {lon1, lat1}, {lon0, lat1}, {lon0, lat0}}}}
}

// A village at 2°E 50°N inside an area 0.2° square, on a map 100 units
// wide: the span is the area's 0.2° of latitude (its longitude span is
// 0.2 × cos 50° = 0.1286), so the scale is (100 − 2 × 12) / 0.2 = 380
// units a degree and the height 0.2 × 380 + 24 = 100. The village is at
// x = 12 + 0.1 × cos 50° × 380 = 36.4, y = 12 + 0.1 × 380 = 50; the area's
// corners at x 12 and 12 + 0.2 × cos 50° × 380 = 60.9, y 12 and 88.
func TestRegionHandComputed(t *testing.T) {
	m := Region(100, []Place{{Lon: 2, Lat: 50, Country: "BE", Href: "a.html", Class: "c0"}},
		[]Outline{{Name: "Area", Shape: square(1.9, 49.9, 2.1, 50.1), Current: true},
			{Name: "Degenerate", Shape: square(2, 50, 2, 50)}}, func(cc string) string { return cc })
	if m.W != 100 || m.H != 100 {
		t.Errorf("size %d×%d, want 100×100", m.W, m.H)
	}
	if len(m.Points) != 1 || m.Points[0].X != "36.4" || m.Points[0].Y != "50" {
		t.Errorf("points %+v", m.Points)
	}
	if len(m.Areas) != 1 || m.Areas[0].Path != "M12 88L60.9 88L60.9 12L12 12Z" || !m.Areas[0].Current || m.Areas[0].Name != "Area" {
		t.Errorf("areas %+v, want one path (the degenerate outline left out)", m.Areas)
	}
	if m.Square != "" || m.Circle != "" {
		t.Error("one country needs no shape legend")
	}
}

// Without outlines the map is the villages' alone; a second country's
// villages are squares and named in the legend; NaN places are skipped.
func TestRegionPlaces(t *testing.T) {
	m := Region(640, []Place{{Lon: 2.9, Lat: 50.85, Country: "BE"}, {Lon: 2.4, Lat: 51.0, Country: "FR"}, {Lon: math.NaN(), Lat: 50, Country: "NL"}},
		nil, func(cc string) string { return "country " + cc })
	if len(m.Points) != 2 || m.Points[0].Square || !m.Points[1].Square || m.Circle != "country BE" || m.Square != "country FR" || len(m.Areas) != 0 {
		t.Errorf("%+v", m)
	}
	for _, p := range m.Points {
		if strings.Contains(p.X+p.Y, "NaN") {
			t.Errorf("NaN coordinate %+v", p)
		}
	}
	if e := Region(640, nil, nil, nil); e.H != 120 || len(e.Points) != 0 {
		t.Errorf("empty map %+v", e)
	}
}

// Trend: values 1000 and 2000 on the 180 × 44 chart: x at 5 and 175, y at
// 44 − 5 − v/2000 × 34 = 22 and 5; an unknown year is named, not drawn.
func TestTrendHandComputed(t *testing.T) {
	pts, dots, sum := Trend([]float64{1000, math.NaN(), 2000}, []string{"2024", "2025", "2026"}, func(v float64) string { return Num1(v/1000) + " km" })
	if pts != "5,22 175,5" || len(dots) != 2 || dots[1].Label != "2026: 2 km" || sum != "2024: 1 km → 2025: – → 2026: 2 km" {
		t.Errorf("%q %+v %q", pts, dots, sum)
	}
}

func TestDistClass(t *testing.T) {
	for d, want := range map[float64]string{1200: "c0", 1201: "c1", 3750: "c1", 10000: "c2", 10001: "c3", math.NaN(): "cu"} {
		if got := DistClass(d); got != want {
			t.Errorf("DistClass(%v) = %s, want %s", d, got, want)
		}
	}
}
