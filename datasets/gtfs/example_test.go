package gtfs_test

import (
	"context"
	"fmt"
	"time"

	"github.com/partons/partons/datasets/gtfs"
)

// Read the committed tiny feed for Wednesday 2026-01-07: its trips, with
// one that began on Tuesday and runs past midnight, frequencies expanded.
func ExampleRead() {
	day := time.Date(2026, 1, 7, 0, 0, 0, 0, time.UTC)
	tt, err := gtfs.Read(context.Background(), []gtfs.Source{{Path: "testdata/tiny"}}, day)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range tt.Trips {
		first, last := t.Times[0], t.Times[len(t.Times)-1]
		fmt.Printf("%-16s %s %s → %s %s\n", t.ID, tt.Stops[first.Stop].ID, gtfs.FormatTime(first.Departure),
			tt.Stops[last.Stop].ID, gtfs.FormatTime(last.Arrival))
	}
	fmt.Println(tt.Counts["stops_not_served"], "stop not served;", tt.Counts["trips_no_service_on_date"], "trip not running")
	// Output:
	// tiny:NIGHT@prev  tiny:P1 00:12:00 → tiny:P2 00:20:00
	// tiny:F0#070000   tiny:P2 07:00:00 → tiny:X 07:05:00
	// tiny:F1#070000   tiny:P1 07:00:00 → tiny:Y 07:07:00
	// tiny:F1#071500   tiny:P1 07:15:00 → tiny:Y 07:22:00
	// tiny:F0#072000   tiny:P2 07:20:00 → tiny:X 07:25:00
	// tiny:F0#074000   tiny:P2 07:40:00 → tiny:X 07:45:00
	// tiny:T1          tiny:X 08:01:00 → tiny:P1 08:10:00
	// tiny:NIGHT       tiny:X 23:50:00 → tiny:P2 24:20:00
	// 1 stop not served; 1 trip not running
}
