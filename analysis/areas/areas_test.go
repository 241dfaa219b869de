package areas

import (
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets"
)

func square(x0, y0, x1, y1 float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}}
}

// TestAssign: BE is the square x 0–1, FR x 1–2 (y 0–1); the area
// "west" covers x 0–0.5 in BE; a second area "overlap" covers x 0.4–0.6
// after it. Values in the data win; where polygons overlap the first
// boundary wins; an area is taken only from the village's own country;
// a record outside every polygon keeps its empty country and is counted.
func TestAssign(t *testing.T) {
	bs := []datasets.Boundary{
		{AreaCode: "west", AreaName: "West", Country: "BE", Geometry: square(0, 0, 0.5, 1)},
		{AreaCode: "overlap", AreaName: "Overlap", Country: "BE", Geometry: square(0.4, 0, 0.6, 1)},
		{Country: "BE", Geometry: square(0, 0, 1, 1)},
		{Country: "FR", Geometry: square(1, 0, 2, 1)},
	}
	vs := []datasets.Village{
		{ID: "a", Location: orb.Point{0.2, 0.5}},                                  // west, BE
		{ID: "b", Location: orb.Point{0.45, 0.5}},                                 // west and overlap: west first
		{ID: "c", Location: orb.Point{1.5, 0.5}},                                  // FR, no area there
		{ID: "d", Location: orb.Point{0.2, 0.5}, Country: "FR"},                   // the data says FR: no BE area for it
		{ID: "e", Location: orb.Point{0.2, 0.5}, AreaCode: "mine", Country: "BE"}, // all given
		{ID: "f", Location: orb.Point{5, 5}},                                      // nowhere
	}
	ss := []datasets.Service{
		{ID: "s1", Location: orb.Point{1.2, 0.2}},
		{ID: "s2", Location: orb.Point{0.2, 0.2}, Country: "NL"}, // given: kept
		{ID: "s3", Location: orb.Point{-1, 0}},                   // nowhere
	}
	st := Assign(vs, ss, bs)
	want := []struct{ country, area, name string }{
		{"BE", "west", "West"}, {"BE", "west", "West"}, {"FR", "", ""}, {"FR", "", ""}, {"BE", "mine", ""}, {"", "", ""},
	}
	for i, w := range want {
		if v := vs[i]; v.Country != w.country || v.AreaCode != w.area || v.AreaName != w.name {
			t.Errorf("village %s: %q %q %q, want %q %q %q", v.ID, v.Country, v.AreaCode, v.AreaName, w.country, w.area, w.name)
		}
	}
	if ss[0].Country != "FR" || ss[1].Country != "NL" || ss[2].Country != "" {
		t.Errorf("services: %q %q %q, want FR NL and none", ss[0].Country, ss[1].Country, ss[2].Country)
	}
	if want := (Stats{VillageCountries: 3, VillageAreas: 2, ServiceCountries: 1, Unlocated: 2}); st != want {
		t.Errorf("stats %+v, want %+v", st, want)
	}
	if st := Assign(vs[:1], nil, nil); st != (Stats{}) {
		t.Errorf("no boundaries: %+v", st)
	}
}
