package contrib

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis/variant"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/contributions"
	"github.com/partons/partons/datasets/scenario"
)

// applied merges four hand-made reports into three services: s1 (a
// source of 2015) closes by a confirmed report of 2016; s2 (2020) is
// moved by a confirmed report of 2019, older than its source, so
// superseded; a confirmed report opens n1; a proposed one would close s3
// (a file without a date).
func applied(t *testing.T) *Applied {
	t.Helper()
	services := []datasets.Service{
		{ID: "s1", Name: "Bakker", Category: "shop=bakery", Country: "BE", Location: orb.Point{2.88, 50.85}, Origin: datasets.Origin{Source: "in/services.csv", Line: 2}},
		{ID: "s2", Name: "La Poste", Category: "Bureau de Poste", Country: "FR", Location: orb.Point{2.55, 50.97}, Origin: datasets.Origin{Source: "in/services.csv", Line: 3}},
		{ID: "s3", Name: "Apotheek", Category: "amenity=pharmacy", Country: "BE", Location: orb.Point{2.73, 50.93}, Origin: datasets.Origin{Source: "in/services.csv", Line: 4}},
	}
	const csv = "id,kind,service_id,category,name,lon,lat,observed_on,reporter_role,status,note\n" +
		"c1,closed,s1,,,,,2016-01-10,resident,confirmed,dicht\n" +
		"c2,moved,s2,,,2.56,50.98,2019-06-01,operator,confirmed,\n" +
		"n1,opened,,shop=bakery,Nieuw,2.90,50.86,2026-02-01,resident,confirmed,\n" +
		"p1,closed,s3,,,,,2026-03-01,municipality,proposed,\n"
	reps, err := contributions.Read("dir/reports.csv", strings.NewReader(csv), contributions.DefaultSchema())
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	vintage := map[string]string{"s1": "2015", "s2": "2020"}
	end := map[string]time.Time{"s1": day("2015-12-31"), "s2": day("2020-12-31")}
	opts := contributions.Options{Today: day("2026-06-01"), SourceDate: func(s *datasets.Service) (time.Time, bool) {
		d, ok := end[s.ID]
		return d, ok
	}}
	merged, err := contributions.Merge(services, reps, opts)
	if err != nil {
		t.Fatal(err)
	}
	return New(merged, services, reps, opts, func(s *datasets.Service) (string, string) {
		if v, ok := vintage[s.ID]; ok {
			return "survey", v
		}
		return "services.csv", ""
	})
}

// TestProvenanceAndAccount: every service the merge keeps or adds has
// its source, its date and the reports that changed it; the manifest
// counts the reports by kind and status and by outcome and names the
// closed and added services; contributions.csv places a closure at its
// service and names the file without its folder.
func TestProvenanceAndAccount(t *testing.T) {
	c := applied(t)
	for _, tc := range []struct {
		id, source, date, reports string
		ok                        bool
	}{
		{"s2", "survey", "2020", "", true}, // its move is older than the source: superseded
		{"s3", "services.csv", "", "", true},
		{"n1", "reports.csv", "2026-02-01", "n1", true},
		{"gone", "", "", "", false},
	} {
		s, d, r, ok := c.Provenance(tc.id)
		if s != tc.source || d != tc.date || strings.Join(r, " ") != tc.reports || ok != tc.ok {
			t.Errorf("%s: %q %q %v %v, want %q %q %q %v", tc.id, s, d, r, ok, tc.source, tc.date, tc.reports, tc.ok)
		}
	}
	m := c.Manifest()
	var counts []string
	for _, n := range m.Counts {
		if n.Reports > 0 {
			counts = append(counts, n.Kind+"/"+n.Status+"="+strconv.Itoa(n.Reports))
		}
	}
	if got := strings.Join(counts, " "); len(m.Counts) != 18 || got != "closed/proposed=1 closed/confirmed=1 opened/confirmed=1 moved/confirmed=1" {
		t.Errorf("%d counts, non-zero: %s", len(m.Counts), got)
	}
	if m.Outcomes["applied"] != 2 || m.Outcomes["superseded"] != 1 || m.Outcomes["listed"] != 1 ||
		strings.Join(m.Closed, " ") != "s1" || strings.Join(m.Added, " ") != "n1" {
		t.Errorf("outcomes %v, closed %v, added %v", m.Outcomes, m.Closed, m.Added)
	}
	tb := c.Table()
	if tb.Len != 4 {
		t.Fatalf("%d rows, want 4", tb.Len)
	}
	row := map[string]string{}
	for j, cell := range tb.Row(0, nil) {
		row[tb.Columns[j].Name] = cell.Text()
	}
	if row["id"] != "c1" || row["outcome"] != "applied" || row["name"] != "Bakker" || row["lon"] != "2.880000" ||
		row["located_by"] != "service" || row["file"] != "reports.csv" || row["line"] != "2" || row["note"] != "dicht" {
		t.Errorf("contributions.csv row of c1: %v", row)
	}
}

// TestProposedCloses: applied as if confirmed, the proposed closure of
// s3 becomes a closure of the variant (and nothing else: the services
// the base's reports moved or added stay as they are), and the
// variant's account has the report applied while the base's still lists
// it.
func TestProposedCloses(t *testing.T) {
	c := applied(t)
	v := scenario.Variant{Name: "residents-right", Changes: []scenario.Change{{UseProposedReports: true}}}
	// The base's services as a run holds them: categories mapped, the
	// raw one kept.
	services := append([]datasets.Service(nil), c.Merged().Services...)
	for i := range services {
		services[i].Raw = services[i].Category
	}
	out, va, err := Proposed(c, services, v, []variant.Change{{}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 1 || out[0].CloseServices == nil || strings.Join(out[0].CloseServices.IDs, " ") != "s3" || len(out[0].AddServices) != 0 {
		t.Fatalf("changes %+v", out)
	}
	outcome := func(a *Applied, id string) string {
		tb := a.Table()
		for i := range tb.Len {
			if r := tb.Row(i, nil); r[0].Text() == id {
				return r[tb.Index("outcome")].Text()
			}
		}
		return ""
	}
	if o, base := outcome(va, "p1"), outcome(c, "p1"); o != "applied" || base != "listed" {
		t.Errorf("p1 is %q in the variant and %q in the base, want applied and listed", o, base)
	}
	if o := va.Manifest().Outcomes; o["applied"] != 3 || o["listed"] != 0 {
		t.Errorf("variant outcomes %v", o)
	}
}
