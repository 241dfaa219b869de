package flex

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/partons/partons/datasets/gtfs"
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

func checkRows(t *testing.T, files []gtfs.FileRows) {
	t.Helper()
	for _, f := range files {
		sum := f.Used
		for _, v := range f.Unused {
			sum += v
		}
		if sum != f.Read {
			t.Errorf("%s: read %d, used %d + unused %v", f.File, f.Read, f.Used, f.Unused)
		}
	}
}

// TestCTranFlex reads C-TRAN's GTFS-Flex feed: every row of every Flex
// file is used (all its trips are on-demand), and the first window is the
// one of the file's first line for that trip.
func TestCTranFlex(t *testing.T) {
	p := realFeed(t, "ctran-flex.zip")
	fx, err := Read(context.Background(), gtfs.Source{Path: p})
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, fx.Files)
	want := map[string]string{
		"booking_rules.txt": "128 128 ", "location_group_stops.txt": "293 293 ", "location_groups.txt": "10 10 ",
		"locations.geojson": "8 8 ", "stop_times.txt": "2778 2778 ", "trips.txt": "1389 1389 ",
	}
	if got := rowsOf(fx.Files); !reflect.DeepEqual(got, want) {
		t.Errorf("rows %v, want %v", got, want)
	}
	stops := 0
	for _, g := range fx.Groups {
		stops += len(g.Stops)
	}
	if len(fx.Zones) != 8 || len(fx.Groups) != 10 || stops != 293 || len(fx.BookingRules) != 128 || len(fx.Windows) != 2778 {
		t.Errorf("%d zones, %d groups of %d stops, %d rules, %d windows", len(fx.Zones), len(fx.Groups), stops, len(fx.BookingRules), len(fx.Windows))
	}
	for _, z := range fx.Zones {
		if len(z.Area) == 0 || z.Bound.Min[0] < -123 || z.Bound.Max[0] > -122 || z.Bound.Min[1] < 45 || z.Bound.Max[1] > 46 {
			t.Errorf("zone %s bound %v: not around Vancouver WA", z.ID, z.Bound)
		}
	}
	w := fx.Windows[0]
	if w.Start != 5*3600+1800 || w.End != 19*3600 || w.Group == "" || w.PickupType != 2 || w.DropOffType != 1 ||
		w.MeanFactor != 1.3 || w.MeanOffsetS != 1200 || w.SafeFactor != 1 || !w.HasDuration || w.PickupRule == "" {
		t.Errorf("first window %+v", w)
	}
}
