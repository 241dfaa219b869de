package flex

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets"
)

func TestReadZones(t *testing.T) {
	fx, err := ReadZones("testdata/zones.geojson")
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, fx.Files)
	if fx.Feed != "zones" || len(fx.Zones) != 2 {
		t.Fatalf("%+v", fx)
	}
	n, s := fx.Zones[0], fx.Zones[1]
	if n.ID != "zones:noord" || n.Name != "Flex Westhoek Noord" || n.OnDemand.Hours != "Mo-Fr 07:00-19:00; Sa 08:00-13:00" ||
		n.OnDemand.MaxWalkM != 800 || n.OnDemand.MaxRideFactor != 1.5 || n.OnDemand.BookingLeadMin != 120 || n.OnDemand.MaxTransfers != 2 {
		t.Errorf("noord %+v %+v", n, n.OnDemand)
	}
	// zuid: id from the properties, every rule at its default.
	if s.ID != "zones:zuid" || s.OnDemand.MaxWalkM != DefaultMaxWalkM || s.OnDemand.MaxRideFactor != DefaultMaxRideFactor ||
		s.OnDemand.BookingLeadMin != DefaultBookingLeadMin || s.OnDemand.MaxTransfers != DefaultMaxTransfers || s.OnDemand.Parsed == nil {
		t.Errorf("zuid %+v %+v", s, s.OnDemand)
	}
	if fx.Zone("zones:zuid") != &fx.Zones[1] || (&Flex{Zones: fx.Zones}).Zone("zones:noord") != &fx.Zones[0] {
		t.Error("Zone lookup")
	}
	if !n.Contains(orb.Point{2.7, 51.0}) || n.Contains(orb.Point{2.7, 50.8}) || !s.Contains(orb.Point{2.85, 50.75}) || s.Contains(orb.Point{2.65, 50.85}) {
		t.Error("Contains")
	}
}

func TestBadZones(t *testing.T) {
	sq := `"geometry":{"type":"Polygon","coordinates":[[[2.6,50.9],[2.9,50.9],[2.9,51.1],[2.6,50.9]]]}`
	for _, tc := range []struct {
		name, features, want string
	}{
		{"misspelt rule", `{"type":"Feature","id":"a","properties":{"hours":"Mo-Fr 07:00-19:00","max_walk":800},` + sq + `}`,
			`feature 0: field "max_walk": zone "a": unknown property`},
		{"no hours", `{"type":"Feature","id":"a","properties":{},` + sq + `}`, `feature 0: field "hours": zone "a": required`},
		{"bad hours", `{"type":"Feature","id":"a","properties":{"hours":"Mo-Fr 25:00-26:00"},` + sq + `}`, `feature 0: field "hours": zone "a": "Mo-Fr 25:00-26:00"`},
		{"ride factor below 1", `{"type":"Feature","id":"a","properties":{"hours":"24/7","max_ride_factor":0.5},` + sq + `}`,
			`feature 0: field "max_ride_factor": zone "a": 0.5: want a number from 1 to 10`},
		{"fractional transfers", `{"type":"Feature","id":"a","properties":{"hours":"24/7","max_transfers":1.5},` + sq + `}`,
			`feature 0: field "max_transfers": zone "a": 1.5: want a whole number`},
		{"PH without country", `{"type":"Feature","id":"a","properties":{"hours":"Mo-Fr 07:00-19:00; PH off"},` + sq + `}`,
			`feature 0: field "country": zone "a": required: the hours "Mo-Fr 07:00-19:00; PH off" name public holidays (PH)`},
		{"PH in a country without holidays", `{"type":"Feature","id":"a","properties":{"hours":"PH off","country":"XX"},` + sq + `}`,
			`feature 0: field "country": zone "a": "XX": no public-holiday calendar`},
		{"no id", `{"type":"Feature","properties":{"hours":"24/7"},` + sq + `}`, `feature 0: field "id": every zone needs an id`},
		{"duplicate id", `{"type":"Feature","id":"a","properties":{"hours":"24/7"},` + sq + `},{"type":"Feature","id":"a","properties":{"hours":"24/7"},` + sq + `}`,
			`feature 1: field "id": duplicate id "a" (also feature 0)`},
		{"latitude", `{"type":"Feature","id":"a","properties":{"hours":"24/7"},"geometry":{"type":"Polygon","coordinates":[[[2.6,95],[2.9,50.9],[2.9,51.1],[2.6,95]]]}}`,
			`feature 0: field "geometry": zone "a": ring 0 position 0 [2.6, 95] is not WGS84 lon, lat`},
		{"empty", ``, `no zone`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "z.geojson")
			os.WriteFile(p, []byte(`{"type":"FeatureCollection","features":[`+tc.features+`]}`), 0o644)
			_, err := ReadZones(p)
			if !errors.Is(err, datasets.ErrInvalid) || !strings.Contains(err.Error(), p+": "+tc.want) {
				t.Errorf("%v\nwant %s", err, tc.want)
			}
		})
	}
}
