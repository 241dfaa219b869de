package load

import (
	"errors"
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
)

// TestDataDate: the date a GeoJSON file states is recorded with the
// input; a CSV states none; a malformed date is an error naming the file.
func TestDataDate(t *testing.T) {
	gj := `{"type":"FeatureCollection","data_date":"2013-08-03T19:00:02Z","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[2.885,50.85]},"properties":{"id":"a","name":"Ieper"}}]}`
	csv := "id,name,lon,lat\nb,Bailleul,2.737,50.739\n"
	_, ins, err := Villages([]Source{Bytes("v.geojson", []byte(gj)), Bytes("v.csv", []byte(csv))}, datasets.DefaultVillageSchema())
	if err != nil {
		t.Fatal(err)
	}
	if ins[0].DataDate != "2013-08-03T19:00:02Z" || ins[1].DataDate != "" {
		t.Errorf("data dates %q %q", ins[0].DataDate, ins[1].DataDate)
	}
	bad := strings.Replace(gj, "2013-08-03T19:00:02Z", "yesterday", 1)
	_, _, err = Villages([]Source{Bytes("bad.geojson", []byte(bad))}, datasets.DefaultVillageSchema())
	if err == nil || !strings.Contains(err.Error(), "bad.geojson") || !strings.Contains(err.Error(), `member "data_date": "yesterday" is not a date`) ||
		!errors.Is(err, datasets.ErrInvalid) {
		t.Errorf("bad date: %v", err)
	}
}
