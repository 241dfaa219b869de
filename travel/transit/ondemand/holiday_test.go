package ondemand

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/datasets/gtfs/flex"
	"github.com/partons/partons/travel/transit/raptor"
)

// A configured zone whose hours say "PH off" runs on its own country's
// public holidays only: on Tuesday 14 July 2026 (a French holiday, not a
// Belgian one) the Belgian zone operates and the French one does not; on
// Tuesday 21 July (Belgian National Day) the other way round.
func TestZoneHoursPublicHolidays(t *testing.T) {
	path := filepath.Join(t.TempDir(), "zones.geojson")
	sq := `"geometry":{"type":"Polygon","coordinates":[[[2.6,50.9],[2.9,50.9],[2.9,51.1],[2.6,50.9]]]}`
	err := os.WriteFile(path, []byte(`{"type":"FeatureCollection","features":[`+
		`{"type":"Feature","id":"be","properties":{"hours":"Mo-Fr 07:00-19:00; PH off","country":"BE"},`+sq+`},`+
		`{"type":"Feature","id":"fr","properties":{"hours":"Mo-Fr 07:00-19:00; PH off","country":"FR"},`+sq+`}]}`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	fx, err := flex.ReadZones(path)
	if err != nil {
		t.Fatal(err)
	}
	net, err := raptor.Build(&gtfs.Timetable{}, raptor.NetworkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		date string
		want map[string]bool // zone → operates
	}{
		{"2026-07-13", map[string]bool{"zones:be": true, "zones:fr": true}}, // a Monday, no holiday
		{"2026-07-14", map[string]bool{"zones:be": true, "zones:fr": false}},
		{"2026-07-21", map[string]bool{"zones:be": false, "zones:fr": true}},
	} {
		t.Run(tc.date, func(t *testing.T) {
			d, _ := time.Parse(time.DateOnly, tc.date)
			for _, z := range fx.Zones {
				one := &flex.Flex{Feed: fx.Feed, Zones: []flex.Zone{z}}
				pl, err := New(net, Config{Flex: []*flex.Flex{one}, Date: d})
				if err != nil {
					t.Fatal(err)
				}
				if got := pl.Counts["ondemand_zone_intervals"] == 1; got != tc.want[z.ID] || pl.Counts["ondemand_zones_hours_unknown"] != 0 {
					t.Errorf("zone %s operates %v, want %v (%v)", z.ID, got, tc.want[z.ID], pl.Counts)
				}
			}
		})
	}
}
