package gtfs

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// RealFeed returns the path of a real timetable kept outside the
// repository (their licences do not allow copying them in): in
// ../shared/data/gtfs relative to the repository root (see SOURCES.md
// there), or in the folder named by PARTONS_GTFS_DATA. The test is
// skipped when it is absent.
func realFeed(t *testing.T, name string) string {
	t.Helper()
	dir := os.Getenv("PARTONS_GTFS_DATA")
	if dir == "" {
		dir = "../../../shared/data/gtfs" // from datasets/gtfs to the repository root, then ../shared
	}
	p := filepath.Join(dir, name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("real feed %s absent (kept outside the repository, see ../shared/data/gtfs/SOURCES.md): %v", name, err)
	}
	return p
}

// checkRows asserts that every row of every file read is accounted for.
func checkRows(t *testing.T, tt *Timetable) {
	t.Helper()
	if len(tt.Files) == 0 {
		t.Fatal("no file accounted for")
	}
	for _, f := range tt.Files {
		sum := f.Used
		for _, v := range f.Unused {
			sum += v
		}
		if sum != f.Read {
			t.Errorf("%s/%s: read %d rows, used %d + unused %v = %d", f.Feed, f.File, f.Read, f.Used, f.Unused, sum)
		}
	}
}

func TestRealFeeds(t *testing.T) {
	// Trips on the default day, counted independently (a short Python
	// reading of calendar, calendar_dates, trips and stop_times): trips
	// of the day, plus those of the day before with at least two
	// departures at or after 24:00. The default day is a typical
	// weekday: for BART not Monday 2018-05-28, Memorial Day (its Sunday
	// service), the first weekday of the feed, but the Tuesday after.
	for _, tc := range []struct {
		file       string
		date       string
		trips      int
		wantUnused string // file:reason that must be non-zero
	}{
		{"bart.zip", "2018-05-29", 1113 + 31, "trips.txt:no_service_on_date"},
		{"caltrain.zip", "2017-10-02", 92 + 0, "trips.txt:no_service_on_date"},
		{"trimet-2routes.zip", "2021-11-01", 302 + 7, "trips.txt:no_service_on_date"},
		{"ctran-flex.zip", "2025-10-01", 0, "trips.txt:flex"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			p := realFeed(t, tc.file)
			tt, err := Read(context.Background(), []Source{{Path: p}}, time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			checkRows(t, tt)
			if got := tt.Date.Format(time.DateOnly); got != tc.date || len(tt.Trips) != tc.trips {
				t.Errorf("%d trips on %s, want %d on %s", len(tt.Trips), got, tc.trips, tc.date)
			}
			if wd := tt.Date.Weekday(); wd == time.Saturday || wd == time.Sunday {
				t.Errorf("default date %s is a %s", tt.Date.Format(time.DateOnly), wd)
			}
			found := false
			for _, f := range tt.Files {
				t.Logf("%s: read %d used %d unused %v", f.File, f.Read, f.Used, f.Unused)
				for k, v := range f.Unused {
					if f.File+":"+k == tc.wantUnused && v > 0 {
						found = true
					}
				}
			}
			if !found {
				t.Errorf("no %s count", tc.wantUnused)
			}
			t.Logf("date %s, %d stops, %d trips, %d transfers, counts %v, warnings %q", tt.Date.Format(time.DateOnly),
				len(tt.Stops), len(tt.Trips), len(tt.Transfers), tt.Counts, tt.Warnings)
		})
	}
}
