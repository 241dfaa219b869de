package gtfs

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partons/partons/datasets/gtfs/internal/feedio"
	"github.com/partons/partons/datasets/gtfs/internal/raw"
)

// zipOf packs the files of a folder feed into a zip, replacing some.
func zipOf(tb testing.TB, dir string, over map[string]string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	ents, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		if c, ok := over[e.Name()]; ok {
			b = []byte(c)
		}
		w, _ := z.Create(e.Name())
		w.Write(b)
	}
	z.Close()
	return buf.Bytes()
}

// readZip parses a zip feed held in memory and builds its default day:
// what the fuzz targets run.
func readZip(b []byte) (*Timetable, error) {
	a, err := feedio.OpenZip("fuzz.zip", bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	var p feedio.Problems
	f := raw.Parse(a, "fuzz", &p)
	if err := p.Err(); err != nil {
		return nil, err
	}
	fs := &Feeds{feeds: []*raw.Feed{f}}
	d, _ := fs.DefaultDate()
	return fs.Timetable(d), nil
}

// FuzzReadZip feeds arbitrary archives to the reader: it must return a
// timetable whose rows are all accounted for, or an error, never panic.
// Run: go test ./datasets/gtfs -run '^$' -fuzz FuzzReadZip -fuzztime 30s
func FuzzReadZip(f *testing.F) {
	f.Add(zipOf(f, "testdata/tiny", nil))
	hostile, _ := filepath.Glob("../../testdata/hostile/gtfs/*.zip")
	for _, h := range hostile {
		if strings.Contains(h, "hugeline") {
			continue // 2 MiB inflated: slows every mutation of it
		}
		if b, err := os.ReadFile(h); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		tt, err := readZip(b)
		if err == nil {
			checkTimetable(t, tt)
		}
	})
}

// FuzzStopTimes replaces the tiny feed's stop_times.txt (the file with
// times, sequences and interpolation) by arbitrary CSV text.
// Run: go test ./datasets/gtfs -run '^$' -fuzz FuzzStopTimes -fuzztime 30s
func FuzzStopTimes(f *testing.F) {
	for _, s := range []string{
		"trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,08:00:00,08:01:00,X,1\nT1,,,Y,2\nT1,25:10:00,25:10:00,P1,3\n",
		"\ufefftrip_id,stop_sequence,stop_id,arrival_time,departure_time\n\"T1\",\"1\",\"X\",\"08:00:00\",\"08:00:00\"\nT1,2,Y,,\nT1,3,P1,09:00:00,\n",
		"trip_id,arrival_time,departure_time,stop_id,stop_sequence\nF0,23:59:59,24:00:01,X,0\nF0,47:00:00,47:00:00,Y,4\n",
		"trip_id,location_group_id,stop_sequence,start_pickup_drop_off_window,end_pickup_drop_off_window\nS1,G,1,08:00:00,10:00:00\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tt, err := readZip(zipOf(t, "testdata/tiny", map[string]string{"stop_times.txt": s}))
		if err == nil {
			checkTimetable(t, tt)
		}
	})
}

// checkTimetable asserts the Timetable's invariants: rows accounted for,
// indices in range, times non-decreasing, sorted trips and transfers.
func checkTimetable(t *testing.T, tt *Timetable) {
	t.Helper()
	checkRows(t, tt)
	n := int32(len(tt.Stops))
	for i, tr := range tt.Trips {
		if len(tr.Times) < 2 {
			t.Fatalf("trip %s has %d stop times", tr.ID, len(tr.Times))
		}
		for k, s := range tr.Times {
			if s.Stop < 0 || s.Stop >= n || s.Departure < s.Arrival || k > 0 && s.Arrival < tr.Times[k-1].Departure {
				t.Fatalf("trip %s stop time %d: %+v", tr.ID, k, s)
			}
		}
		if i > 0 && tt.Trips[i-1].Times[0].Departure > tr.Times[0].Departure {
			t.Fatalf("trips not sorted at %d", i)
		}
	}
	for i, x := range tt.Transfers {
		if x.From < 0 || x.From >= n || x.To < 0 || x.To >= n || i > 0 && tt.Transfers[i-1].From > x.From {
			t.Fatalf("transfer %d: %+v", i, x)
		}
	}
}
