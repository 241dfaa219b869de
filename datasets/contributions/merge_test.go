package contributions

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partons/partons/datasets"
	"github.com/paulmach/orb"
)

var update = flag.Bool("update", false, "rewrite the golden files of the merge rules")

// mergeServices are three services: s1 from a source of 2015, s2 of
// 2020, s3 from a source without a date.
func mergeServices() []datasets.Service {
	return []datasets.Service{
		{ID: "s1", Name: "Bakker", Category: "shop=bakery", Country: "BE", Location: orb.Point{2.88, 50.85}, Origin: datasets.Origin{Source: "services.csv", Line: 2, Feature: -1}},
		{ID: "s2", Name: "La Poste", Category: "Bureau de Poste", Country: "FR", Location: orb.Point{2.55, 50.97}, Origin: datasets.Origin{Source: "services.csv", Line: 3, Feature: -1}},
		{ID: "s3", Name: "Apotheek", Category: "amenity=pharmacy", Country: "BE", Location: orb.Point{2.73, 50.93}, Origin: datasets.Origin{Source: "services.csv", Line: 4, Feature: -1}},
	}
}

func mergeOptions(t testing.TB, proposed bool) Options {
	dates := map[string]time.Time{"s1": date(t, "2015-11-30"), "s2": date(t, "2020-12-31")}
	return Options{
		Today: date(t, "2026-06-01"),
		SourceDate: func(s *datasets.Service) (time.Time, bool) {
			d, ok := dates[s.ID]
			return d, ok
		},
		InArea:   func(p orb.Point) bool { return p[0] >= 2 && p[0] <= 3.5 && p[1] >= 50.5 && p[1] <= 51.2 },
		Proposed: proposed,
	}
}

// TestMergeGolden checks each merge rule and each conflict against a
// golden file (testdata/merge/NAME.golden; -update rewrites them): the
// services after the merge with the reports that changed them, the
// closed ones, and each report's outcome, or the error.
func TestMergeGolden(t *testing.T) {
	const head = "id,kind,service_id,category,name,lon,lat,observed_on,reporter_role,status\n"
	for _, tc := range []struct {
		name, reports string
		proposed      bool
	}{
		// Rules.
		{"confirmed-newer-applies", "c1,closed,s1,,,,,2016-01-10,resident,confirmed\nc2,moved,s2,,,2.56,50.98,2021-02-01,operator,confirmed\nc3,wrong_category,s3,shop=chemist,,,,2024-05-05,resident,confirmed\nc4,hours_changed,s2,,,,,2022-03-01,operator,confirmed\n", false},
		{"confirmed-older-superseded", "o1,closed,s1,,,,,2015-11-30,resident,confirmed\no2,moved,s2,,,2.56,50.98,2019-06-01,municipality,confirmed\n", false},
		{"unknown-source-date-applies", "u1,moved,s3,,,2.74,50.94,2001-01-01,resident,confirmed\n", false},
		{"proposed-listed-only", "p1,closed,s1,,,,,2026-01-01,resident,proposed\np2,opened,,shop=bakery,Nieuw,2.90,50.86,2026-02-01,resident,proposed\n", false},
		{"proposed-applied-if-residents-are-right", "p1,closed,s1,,,,,2026-01-01,resident,proposed\np2,opened,,shop=bakery,Nieuw,2.90,50.86,2026-02-01,resident,proposed\nx1,closed,s2,,,,,2026-01-01,resident,rejected\n", true},
		{"rejected-kept-not-checked", "x1,closed,gone,,,,,2030-01-01,resident,rejected\n", false},
		{"new-services-added", "n1,opened,,shop=bakery,Nieuw,2.90,50.86,2026-02-01,resident,confirmed\nn2,missing,,amenity=pharmacy,Oud,2.70,50.90,2010-01-01,association,confirmed\nn3,moved,n2,,,2.71,50.91,2012-01-01,association,confirmed\n", false},
		{"agreeing-reports", "a1,closed,s1,,,,,2026-01-01,resident,confirmed\na2,closed,s1,,,,,2026-01-03,municipality,confirmed\na3,moved,s2,,,2.56,50.98,2026-01-01,resident,confirmed\na4,moved,s2,,,2.56,50.98,2026-01-02,operator,confirmed\na5,hours_changed,s2,,,,,2026-01-02,operator,confirmed\n", false},
		// Conflicts and errors.
		{"conflict-closed-moved", "k1,closed,s1,,,,,2026-01-01,resident,confirmed\nk2,moved,s1,,,2.89,50.86,2026-02-01,operator,confirmed\n", false},
		{"conflict-closed-hours", "k1,hours_changed,s2,,,,,2026-01-01,operator,confirmed\nk2,closed,s2,,,,,2026-02-01,resident,confirmed\n", false},
		{"conflict-two-moves", "k1,moved,s2,,,2.56,50.98,2026-01-01,resident,confirmed\nk2,moved,s2,,,2.57,50.99,2026-02-01,operator,confirmed\n", false},
		{"conflict-two-categories", "k1,wrong_category,s3,shop=chemist,,,,2026-01-01,resident,confirmed\nk2,wrong_category,s3,shop=optician,,,,2026-02-01,resident,confirmed\n", false},
		{"conflict-proposed-if-residents-are-right", "k1,closed,s1,,,,,2026-01-01,resident,confirmed\nk2,moved,s1,,,2.89,50.86,2026-02-01,resident,proposed\n", true},
		{"error-unknown-service", "e1,closed,s9,,,,,2026-01-01,resident,confirmed\ne2,hours_changed,s8,,,,,2026-01-01,resident,proposed\n", false},
		{"error-future-date", "e1,closed,s1,,,,,2026-06-02,resident,confirmed\n", false},
		{"error-outside-every-area", "e1,opened,,shop=bakery,Far,4.35,50.85,2026-01-01,resident,confirmed\n", false},
		{"error-new-id-taken", "s2,opened,,shop=bakery,Twin,2.90,50.86,2026-01-01,resident,confirmed\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reps, err := Read("reports.csv", strings.NewReader(head+tc.reports), DefaultSchema())
			if err != nil {
				t.Fatal(err)
			}
			services := mergeServices()
			res, err := Merge(services, reps, mergeOptions(t, tc.proposed))
			got := describe(res, err)
			if !slicesEqual(services, mergeServices()) {
				t.Error("Merge changed its input")
			}
			path := filepath.Join("testdata", "merge", tc.name+".golden")
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
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func slicesEqual(a, b []datasets.Service) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// describe writes a merge result (or its error) as text.
func describe(res *Result, err error) string {
	var b strings.Builder
	if err != nil {
		if !errors.Is(err, datasets.ErrInvalid) {
			fmt.Fprintf(&b, "not an invalid-data error: ")
		}
		fmt.Fprintf(&b, "error:\n%s\n", err)
		return b.String()
	}
	b.WriteString("services:\n")
	for i, s := range res.Services {
		fmt.Fprintf(&b, "  %s %q %s %.2f,%.2f added=%v reports=%v\n", s.ID, s.Name, s.Category, s.Location[0], s.Location[1], res.Added[i], res.Changes[i])
	}
	b.WriteString("closed:\n")
	for _, c := range res.Closed {
		fmt.Fprintf(&b, "  %s by %v\n", c.Service.ID, c.Reports)
	}
	b.WriteString("reports:\n")
	for _, e := range res.Reports {
		fmt.Fprintf(&b, "  %s %s %s %s\n", e.ID, e.Kind, e.Status, e.Outcome)
	}
	b.WriteString("counts:\n")
	for _, c := range res.Counts() {
		if c.Reports > 0 {
			fmt.Fprintf(&b, "  %s %s %d\n", c.Kind, c.Status, c.Reports)
		}
	}
	return b.String()
}
