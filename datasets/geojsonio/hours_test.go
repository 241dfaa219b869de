package geojsonio_test

import (
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/geojsonio"
)

func TestReadServicesOpeningHours(t *testing.T) {
	in := `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"a","category":"pharmacy","opening_hours":"Mo-Fr 08:00-12:00; PH off"},"geometry":{"type":"Point","coordinates":[2.9,50.8]}},
{"type":"Feature","properties":{"id":"b","category":"pharmacy","opening_hours":null},"geometry":{"type":"Point","coordinates":[2.9,50.8]}},
{"type":"Feature","properties":{"id":"c","category":"pharmacy"},"geometry":{"type":"Point","coordinates":[2.9,50.8]}}]}`
	ss, err := geojsonio.ReadServices("s.geojson", strings.NewReader(in), datasets.DefaultServiceSchema())
	if err != nil {
		t.Fatal(err)
	}
	if ss[0].OpeningHours != "Mo-Fr 08:00-12:00; PH off" || ss[1].OpeningHours != "" || ss[2].OpeningHours != "" {
		t.Errorf("opening hours %q %q %q", ss[0].OpeningHours, ss[1].OpeningHours, ss[2].OpeningHours)
	}
	bad := strings.Replace(in, `"opening_hours":null`, `"opening_hours":{"mo":1}`, 1)
	if _, err := geojsonio.ReadServices("s.geojson", strings.NewReader(bad), datasets.DefaultServiceSchema()); err == nil ||
		!strings.Contains(err.Error(), "opening_hours") {
		t.Errorf("an object as opening_hours: %v", err)
	}
}
