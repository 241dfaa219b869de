package files

import (
	"bufio"
	"bytes"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/partons/partons/datasets"
)

func box(x0, y0, x1, y1 float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}}
}

// Two communes of one EPCI become one area of two polygons; a country
// boundary (no area code) is no area; areas sort by country, then code;
// the written file reads back with the same names, "<b>" and quotes
// included.
func TestAreasGroupsAndWrites(t *testing.T) {
	bs := []datasets.Boundary{
		{ID: "fr", Country: "FR", Geometry: box(2, 50, 3, 51)},
		{ID: "c2", Country: "FR", AreaCode: "245900", AreaName: "", Geometry: box(2.5, 50.7, 2.6, 50.8)},
		{ID: "be", Country: "BE", AreaCode: "33011", AreaName: `Ieper "<b>"`, Geometry: box(2.8, 50.8, 2.95, 50.9)},
		{ID: "c1", Country: "FR", AreaCode: "245900", AreaName: "CC Hauts de Flandre", Geometry: box(2.4, 50.9, 2.5, 51)},
	}
	l := Areas(bs)
	if l.Table.Len != 2 {
		t.Fatalf("%d areas, want 2", l.Table.Len)
	}
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	f, _ := Lookup("areas.geojson")
	if err := f.Writer(&Content{Boundaries: bs, Attribution: "IGN"})(w); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	fc, err := geojson.UnmarshalFeatureCollection(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(fc.Features) != 2 {
		t.Fatalf("%d features", len(fc.Features))
	}
	be, fr := fc.Features[0], fc.Features[1]
	if be.Properties["area_name"] != `Ieper "<b>"` || be.Properties["country"] != "BE" || be.Properties["area_code"] != "33011" {
		t.Errorf("first area %v", be.Properties)
	}
	mp, ok := fr.Geometry.(orb.MultiPolygon)
	if fr.Properties["area_name"] != "CC Hauts de Flandre" || !ok || len(mp) != 2 || mp[0][0][0] != (orb.Point{2.5, 50.7}) {
		t.Errorf("second area %v %v: want the EPCI's name (the first non-empty) and both communes, in input order", fr.Properties, fr.Geometry)
	}
	if n := Areas(bs[:1]).Table.Len; n != 0 {
		t.Errorf("a country boundary gave %d areas", n)
	}
}
