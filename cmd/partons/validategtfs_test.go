package main

import (
	"strings"
	"testing"
)

func TestValidateGTFS(t *testing.T) {
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout []string
	}{
		{"folder feed", []string{"validate", "../../datasets/gtfs/testdata/tiny"}, 0,
			[]string{"../../datasets/gtfs/testdata/tiny: ok (GTFS feed, 1 agency, 5 stops; service 2026-01-05 to 2026-01-30; 7 timetabled trips on Monday 2026-01-05, a typical weekday)"}},
		{"flex feed", []string{"validate", "../../datasets/gtfs/flex/testdata/flexfeed"}, 0,
			[]string{"flexfeed: ok (GTFS feed, 1 agency, 2 stops; service 2026-01-05 to 2026-01-30; 1 timetabled trip on Monday 2026-01-05, a typical weekday; 2 trips with GTFS-Flex windows)"}},
		{"notes are not problems", []string{"validate", "../../datasets/gtfs/testdata/sample-gtfs-feed"}, 0,
			[]string{`note: ../../datasets/gtfs/testdata/sample-gtfs-feed/stop_times.txt:3: stop_id "museum" is a station`, "ok (GTFS feed, 2 agencies, 6 stops"}},
		{"every problem at once", []string{"validate", "../../testdata/hostile/gtfs/many-problems.zip"}, 3, []string{
			`many-problems.zip/routes.txt:4: field "route_id": duplicate id "R1"`,
			`many-problems.zip/stop_times.txt:4: field "stop_id": unknown stop "NOWHERE"`,
			`many-problems.zip/frequencies.txt:2: field "headway_secs"`,
			"many-problems.zip: 3 problems (read as a GTFS feed)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCLI(t, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tc.code, out, errs)
			}
			for _, w := range tc.stdout {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
		})
	}
}
