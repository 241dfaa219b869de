package ondemand

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/datasets/gtfs/flex"
	"github.com/partons/partons/travel/transit/raptor"
)

// realFeed returns the path of a real feed kept outside the repository
// (../shared/data/gtfs from the repository root, or PARTONS_GTFS_DATA);
// the test is skipped when it is absent.
func realFeed(t *testing.T, name string) string {
	t.Helper()
	dir := os.Getenv("PARTONS_GTFS_DATA")
	if dir == "" {
		dir = "../../../../shared/data/gtfs"
	}
	p := filepath.Join(dir, name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("real feed %s absent (kept outside the repository, see ../shared/data/gtfs/SOURCES.md): %v", name, err)
	}
	return p
}

// TestCTranFlex plans C-TRAN's GTFS-Flex service on the feed's default
// day: every stop_times window row is accounted for (a trip not running
// that day, a row where a ride of the day starts or ends, or one where
// none does), and a point inside a zone is offered rides.
func TestCTranFlex(t *testing.T) {
	src := gtfs.Source{Path: realFeed(t, "ctran-flex.zip")}
	ctx := context.Background()
	feeds, err := gtfs.Load(ctx, []gtfs.Source{src})
	if err != nil {
		t.Fatal(err)
	}
	fx, err := flex.Read(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	date, _ := feeds.DefaultDate()
	net, err := raptor.Build(feeds.Timetable(date), raptor.NetworkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pl, err := New(net, Config{Flex: []*flex.Flex{fx}, Date: date, Runs: feeds.ServiceRuns, MaxWalkM: 1200})
	if err != nil {
		t.Fatal(err)
	}
	c := pl.Counts
	t.Logf("%s: %v", date.Format("2006-01-02"), c)
	if got := c["ondemand_windows_not_running"] + c["ondemand_windows_used"] + c["ondemand_windows_unpaired"]; got != len(fx.Windows) {
		t.Errorf("%d window rows accounted for, of %d", got, len(fx.Windows))
	}
	if c["ondemand_trips_running"]+c["ondemand_trips_not_running"] != 1389 {
		t.Errorf("trips: %v, want 1389 in all", c)
	}
	if c["ondemand_windows_used"] == 0 || c["ondemand_offers"] == 0 {
		t.Fatalf("no ride on %s: %v", date, c)
	}
	// The centre of every zone's bounding box that lies inside the zone
	// is offered rides by some zone.
	inside := 0
	for _, z := range fx.Zones {
		p := z.Bound.Center()
		if !z.Contains(p) {
			continue
		}
		inside++
		if legs := pl.Legs(p, 3, nil); len(legs) == 0 {
			t.Logf("zone %s: no ride from its centre on %s", z.ID, date.Format("Mon 2006-01-02"))
		} else {
			for _, l := range legs {
				if len(l.Windows) == 0 || l.Ride < 0 || l.Pre < 0 {
					t.Errorf("zone %s: leg %+v", z.ID, l)
				}
			}
		}
	}
	if inside == 0 {
		t.Error("no zone holds its bounding box's centre: the test proves nothing")
	}
}
