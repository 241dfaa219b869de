package gtfs

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// render writes a Timetable as text, one trip or transfer per line.
func render(tt *Timetable) string {
	var b strings.Builder
	fmt.Fprintf(&b, "date %s\n", tt.Date.Format("2006-01-02"))
	for _, tr := range tt.Trips {
		fmt.Fprintf(&b, "trip %s route %s type %d freq %v exact %v:", tr.ID, tr.RouteID, tr.RouteType, tr.Frequency, tr.Exact)
		for _, s := range tr.Times {
			fmt.Fprintf(&b, " %s@%s-%s", tt.Stops[s.Stop].ID, FormatTime(s.Arrival), FormatTime(s.Departure))
			if s.NoPickup {
				b.WriteString("/nopickup")
			}
			if s.NoDropOff {
				b.WriteString("/nodropoff")
			}
		}
		b.WriteString("\n")
	}
	for _, x := range tt.Transfers {
		fmt.Fprintf(&b, "transfer %s -> %s type %d min %d s\n", tt.Stops[x.From].ID, tt.Stops[x.To].ID, x.Type, x.MinSeconds)
	}
	var keys []string
	for k := range tt.Counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "count %s %d\n", k, tt.Counts[k])
	}
	for _, f := range tt.Files {
		fmt.Fprintf(&b, "rows %s %s\n", f.File, fmtRows(f))
	}
	for _, w := range tt.Warnings {
		fmt.Fprintf(&b, "warning %s\n", w)
	}
	return b.String()
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update to rewrite after checking):\n%s", path, got)
	}
}

// TestSampleFeed reads the committed sample-gtfs-feed on Wednesday
// 2019-05-15, when services all-day and on-working-days run. Checked by
// hand: b-downtown-on-working-days runs every 300 s from 08:00 to before
// 08:59 (12 trips, exact), b-outbound-on-working-days every 600 s from
// 15:00 to before 16:00 (6 trips, headway-based); the stations airport
// and museum, named in stop_times, are boarding points; the one transfer
// is airport-1 -> airport-2, timed.
func TestSampleFeed(t *testing.T) {
	tt, err := Read(context.Background(), []Source{{Path: "testdata/sample-gtfs-feed", Name: "sample"}}, day0("2019-05-15"))
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, tt)
	if len(tt.Trips) != 22 || tt.Counts["frequency_trips"] != 18 {
		t.Errorf("%d trips, %d from frequencies; want 22 and 18", len(tt.Trips), tt.Counts["frequency_trips"])
	}
	golden(t, "testdata/sample-2019-05-15.golden", render(tt))
}

func TestTinyGolden(t *testing.T) {
	golden(t, "testdata/tiny-2026-01-07.golden", render(readTiny(t, "2026-01-07")))
}
