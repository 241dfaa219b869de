package compare

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partons/partons/analysis/history"
	"github.com/partons/partons/analysis/reportdiff"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/load"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/study"
)

// reports holds the hostile report folders (README.md there says how each
// was made from good/).
const reports = "../../testdata/hostile/reports"

func guards(t testing.TB, exprs ...string) []reportdiff.Guard {
	t.Helper()
	var gs []reportdiff.Guard
	for _, e := range exprs {
		g, err := reportdiff.ParseGuard(e)
		if err != nil {
			t.Fatal(err)
		}
		gs = append(gs, g)
	}
	return gs
}

func read(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestDiffIdenticalReports: a report against itself changes nothing: every
// known guard's change is 0 (so "<= 0" trips and "< -0.02" does not), the
// overall pharmacy share is unknown (no pharmacy in France), and the
// manifest vouches for every file it lists.
func TestDiffIdenticalReports(t *testing.T) {
	good := filepath.Join(reports, "good")
	out := filepath.Join(t.TempDir(), "d")
	res, err := Diff(context.Background(), good, good, DiffOptions{Out: out, Version: "test",
		Guards: guards(t, "post_within_1200m_share < -0.02", "post_within_1200m_share <= 0", "pharmacy_within_3750m_share < -0.02")})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(res.Categories, ",") != "pharmacy,post" {
		t.Errorf("categories %v", res.Categories)
	}
	want := []struct{ known, tripped bool }{{true, false}, {true, true}, {false, false}}
	for i, g := range res.Guards {
		if g.Known != want[i].known || g.Tripped != want[i].tripped || g.Known && g.Change != 0 {
			t.Errorf("guard %s: known %v tripped %v change %v, want %+v and no change", g.Expr, g.Known, g.Tripped, g.Change, want[i])
		}
	}
	if res.Guards[0].Old != 0.2803 {
		t.Errorf("overall post share within 1200 m %v, want 0.2803 (good/areas.csv)", res.Guards[0].Old)
	}
	m := read(t, filepath.Join(out, "manifest.json"))
	for _, s := range []string{`"version": "test"`, `"unknown_guards": "fail"`, `"status": "tripped"`, `"status": "unknown"`, `"change": null`,
		`"old": "` + reportdir.RelativePath(out, good) + `"`} {
		if !strings.Contains(m, s) {
			t.Errorf("manifest.json lacks %s", s)
		}
	}
	r, err := reportdir.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"delta_villages.csv", "delta_villages.geojson", "areas_delta.csv", "services_delta.csv"} {
		if _, err := r.ReadVerified(f); err != nil {
			t.Error(err)
		}
	}
	if dv := read(t, filepath.Join(out, "delta_villages.csv")); strings.Contains(dv, "lost") || strings.Contains(dv, "gained") {
		t.Errorf("identical reports, yet coverage lost or gained:\n%s", dv)
	}
}

// TestDiffRefusesChangedReports: every hostile copy of good/ is refused as
// invalid data, naming the file, and nothing is written.
func TestDiffRefusesChangedReports(t *testing.T) {
	good := filepath.Join(reports, "good")
	for _, tc := range []struct{ dir, want string }{
		{"truncated-villages", "truncated-villages/villages.csv: 700 bytes where"},
		{"edited-row", "edited-row/villages.csv: sha256"},
		{"removed-row", "removed-row/villages.csv: 1285 bytes where"},
		{"edited-areas", "edited-areas/areas.csv: sha256"},
		{"missing-areas", "missing-areas/areas.csv: listed in"},
		{"manifest-no-checksum", "records no sha256"},
		{"manifest-unlisted", "does not list this file"},
		{"no-manifest", "no-manifest/manifest.json: missing"},
		{"manifest-newer", "newer partons"},
		{"nan-coordinates", "no valid lon/lat"},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "d")
			_, err := Diff(context.Background(), good, filepath.Join(reports, tc.dir), DiffOptions{Out: out})
			if !errors.Is(err, datasets.ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want invalid data with %q", err, tc.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("%s written despite the error", out)
			}
		})
	}
}

// TestCheckCoords pins the row, line and field of a coordinate that is no
// finite number.
func TestCheckCoords(t *testing.T) {
	c := reportdiff.CSV{Header: []string{"id", "lon", "lat"}, Rows: [][]string{{"a", "2.5", "51"}, {"b", "2.6", "Inf"}}}
	var re *datasets.RecordError
	if err := checkCoords("v.csv", c); !errors.As(err, &re) || re.Line != 3 || re.Field != "lat" {
		t.Errorf("error %v, want line 3 field lat", err)
	}
	if err := checkCoords("v.csv", reportdiff.CSV{Header: []string{"id"}}); !errors.Is(err, datasets.ErrInvalid) {
		t.Errorf("no lon/lat columns: error %v", err)
	}
}

// TestDiffGuardOnNoIndicator: a guard on a threshold neither report has is
// a *GuardError before anything is written.
func TestDiffGuardOnNoIndicator(t *testing.T) {
	good := filepath.Join(reports, "good")
	out := filepath.Join(t.TempDir(), "d")
	_, err := Diff(context.Background(), good, good, DiffOptions{Out: out, Guards: guards(t, "post_within_999m_share < 0")})
	var ge *GuardError
	if !errors.As(err, &ge) || ge.Expr != "post_within_999m_share < 0" || !strings.Contains(err.Error(), "share_within_999m") {
		t.Fatalf("error %v, want a GuardError on the missing column", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s written despite the error", out)
	}
}

// TestDiffCancelled: a cancelled context stops the diff with nothing
// written.
func TestDiffCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	good := filepath.Join(reports, "good")
	out := filepath.Join(t.TempDir(), "d")
	if _, err := Diff(ctx, good, good, DiffOptions{Out: out}); !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s written despite the cancellation", out)
	}
}

func TestDataDate(t *testing.T) {
	for _, tc := range []struct {
		name       string
		m          reportdir.Manifest
		date, from string
	}{
		{"none", reportdir.Manifest{}, "", ""},
		{"osm extracts first", reportdir.Manifest{Data: []reportdir.Source{{Name: "other", Vintage: "2020"}, {Name: study.OSMExtractSource, Vintage: "2025-03-04T23:30:00-02:00"}},
			Roads: &reportdir.RoadInfo{DataDate: "2024-01-01"}}, "2025-03-05", "osm extracts"},
		{"road network", reportdir.Manifest{Roads: &reportdir.RoadInfo{DataDate: "2024-06-30T10:00:00Z"}}, "2024-06-30", "road network"},
		{"road date not a day", reportdir.Manifest{Roads: &reportdir.RoadInfo{DataDate: "summer"}}, "", ""},
		{"input files: the newest village, service or boundary file", reportdir.Manifest{Inputs: []load.Input{
			{Kind: "villages", DataDate: "2013-08-03T19:00:02Z"}, {Kind: "services", DataDate: "2014-01-01T01:00:00+02:00"},
			{Kind: "contributions", DataDate: "2020-01-01T00:00:00Z"}, {Kind: "boundaries"}}}, "2013-12-31", "input files"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if date, from := DataDate(&tc.m); date != tc.date || from != tc.from {
				t.Errorf("DataDate = %q, %q, want %q, %q", date, from, tc.date, tc.from)
			}
		})
	}
}

// TestHistoryOfGivenYears: good/ has no data date, so its year must be
// given; two years of the same report make a history with no change.
func TestHistoryOfGivenYears(t *testing.T) {
	good := filepath.Join(reports, "good")
	var ue *UndatedError
	if _, err := ReadYear(good, 0); !errors.As(err, &ue) || ue.Dir != good || ue.Date != "" {
		t.Fatalf("undated report: error %v, want an UndatedError", err)
	}
	var years []*Year
	for _, y := range []int{2025, 2024} {
		yr, err := ReadYear(good, y)
		if err != nil {
			t.Fatal(err)
		}
		if yr.From != "argument" || yr.Year != y {
			t.Errorf("year %+v", yr.Run)
		}
		years = append(years, yr)
	}
	out := filepath.Join(t.TempDir(), "h")
	h, err := History(context.Background(), years, HistoryOptions{Out: out, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if got := h.String(); got != "2 years (2024–2025), 4 villages, 2 categories" {
		t.Errorf("history %q", got)
	}
	if sc := read(t, filepath.Join(out, "service_changes.csv")); strings.Count(sc, "\n") != 1 {
		t.Errorf("service_changes.csv of an unchanged report has rows:\n%s", sc)
	}
	if _, err := History(context.Background(), []*Year{years[0], years[0]}, HistoryOptions{Out: filepath.Join(t.TempDir(), "h")}); !errors.Is(err, history.ErrYears) {
		t.Errorf("two reports of one year: error %v, want ErrYears", err)
	}
}
