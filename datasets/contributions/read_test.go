package contributions

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/partons/partons/datasets"
	"github.com/paulmach/orb"
)

func readFile(t testing.TB, name string, s Schema) ([]Report, error) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return Read(name, f, s)
}

func date(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestReadCSV(t *testing.T) {
	reps, err := readFile(t, "reports.csv", DefaultSchema())
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) != 4 {
		t.Fatalf("%d reports, want 4", len(reps))
	}
	r1 := reps[0]
	want := Report{ID: "r1", Kind: Closed, ServiceID: "osm-node-1", ObservedOn: date(t, "2026-03-14"), Role: Resident,
		Status: Confirmed, Note: "The baker closed in March, sign on the door", EvidenceURL: "https://example.org/photo/1.jpg",
		Lang: "nl", Origin: datasets.Origin{Source: "reports.csv", Line: 2, Feature: -1}}
	if r1 != want {
		t.Errorf("r1 = %+v\nwant %+v", r1, want)
	}
	r2 := reps[1]
	if r2.Kind != Opened || !r2.HasLocation || r2.Location != (orb.Point{2.8801, 50.8512}) || r2.Category != "shop=bakery" || r2.Name != "Bakkerij Nieuw" || r2.Status != Proposed {
		t.Errorf("r2 = %+v", r2)
	}
	if reps[3].Status != Rejected || reps[3].Role != Association || reps[3].Origin.Line != 5 {
		t.Errorf("r4 = %+v", reps[3])
	}
}

func TestReadGeoJSON(t *testing.T) {
	reps, err := readFile(t, "reports.geojson", DefaultSchema())
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) != 2 {
		t.Fatalf("%d reports, want 2", len(reps))
	}
	g1, g2 := reps[0], reps[1]
	if g1.ID != "g1" || g1.Kind != Missing || g1.Location != (orb.Point{2.74, 50.92}) || g1.Origin.Line != 2 || g1.Origin.Feature != 0 {
		t.Errorf("g1 = %+v", g1)
	}
	// A numeric id property, a null geometry, a timestamp with a zone:
	// the date as written.
	if g2.ID != "7" || g2.HasLocation || !g2.ObservedOn.Equal(date(t, "2026-03-14")) || g2.Origin.Line != 3 {
		t.Errorf("g2 = %+v", g2)
	}
}

// A form tool's CSV export (semicolons, decimal commas, its own column
// names and capitalised values) reads with a mapping alone.
func TestReadFormExport(t *testing.T) {
	s := DefaultSchema()
	if err := s.Apply(map[string]string{"id": "Report number", "kind": "What happened", "service_id": "Which service",
		"category": "Kind of service", "lon": "Longitude", "lat": "Latitude", "observed_on": "Date seen",
		"reporter_role": "You are", "status": "Moderation", "note": "Comment", "evidence_url": "Link to a photo"}); err != nil {
		t.Fatal(err)
	}
	reps, err := readFile(t, "form-export.csv", s)
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) != 2 || reps[0].Kind != Closed || reps[0].Role != Resident || reps[0].Note != "Bakker dicht" ||
		reps[1].Location != (orb.Point{2.8801, 50.8512}) || reps[1].Status != Proposed {
		t.Errorf("got %+v", reps)
	}
	// Without the mapping, the missing columns are named with the header.
	_, err = readFile(t, "form-export.csv", DefaultSchema())
	if err == nil || !strings.Contains(err.Error(), `required column "kind" is missing; header is`) {
		t.Errorf("err = %v", err)
	}
}

// Every problem of a file is reported at once, each naming the line and
// the field.
func TestReadEveryProblem(t *testing.T) {
	_, err := readFile(t, "bad.csv", DefaultSchema())
	if !errors.Is(err, datasets.ErrInvalid) {
		t.Fatalf("err = %v, want invalid data", err)
	}
	var l datasets.ErrorList
	if !errors.As(err, &l) {
		t.Fatalf("err is %T", err)
	}
	got := err.Error()
	for _, want := range []string{
		`bad.csv:2: field "kind": "vanished" is not one of closed, opened, moved, hours_changed, wrong_category, missing`,
		`bad.csv:3: field "observed_on": date "14/03/2026" is not YYYY-MM-DD`,
		`bad.csv:3: field "service_id": a closed report names the service it is about`,
		`bad.csv:4: field "reporter_role": "mayor" is not one of resident, municipality, association, operator`,
		`bad.csv:4: field "status": "maybe" is not one of proposed, confirmed, rejected`,
		`bad.csv:4: field "evidence_url": evidence URL "javascript:alert(1)" is not http or https`,
		`bad.csv:4: field "lon": a moved report gives the location`,
		`bad.csv:5: field "lat": a location needs both longitude and latitude`,
		`bad.csv:5: field "service_id": an opened report is about a service the data does not have`,
		`bad.csv:6: field "id": duplicate id "b1" (first at bad.csv:2)`,
		`bad.csv:7: field "category": a wrong_category report gives the category`,
		`bad.csv:7: field "evidence_url": evidence URL "data:text/html;base64,PHNjcmlwdD4=" is not http or https`,
		`bad.csv:8: field "lon": longitude 200 outside [-180, 180]`,
		`bad.csv:8: field "evidence_url": evidence URL "http://user:pw@example.org/" holds a user name or password`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

func TestReadRejects(t *testing.T) {
	head := "id,kind,service_id,observed_on,reporter_role,status,note\n"
	for _, tc := range []struct{ name, file, in, want string }{
		{"empty", "x.csv", "", "empty file"},
		{"header only", "x.csv", head, "no data rows"},
		{"control character", "x.csv", head + "a,closed,s,2026-01-01,resident,confirmed,\"x\x07y\"\n", `field "note": holds control characters`},
		{"not geojson", "x.geojson", `{"type":"Feature"}`, "not a GeoJSON FeatureCollection"},
		{"bad json", "x.geojson", "{\"type\":\n\"FeatureCollection\",", "x.geojson:2: not JSON"},
		{"no features", "x.geojson", `{"type":"FeatureCollection","features":[]}`, "no features"},
		{"polygon", "x.geojson", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a","kind":"missing","category":"c","observed_on":"2026-01-01","reporter_role":"resident","status":"proposed"},"geometry":{"type":"Polygon","coordinates":[]}}]}`, `feature 0: field "geometry": geometry is a "Polygon"`},
		{"object property", "x.geojson", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a","kind":{"x":1},"observed_on":"2026-01-01","reporter_role":"resident","status":"proposed"},"geometry":null}]}`, `field "kind": property is an object, not a string`},
		{"future-proof date", "x.csv", head + "a,closed,s,1850-01-01,resident,confirmed,\n", "before 1900"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(tc.file, strings.NewReader(tc.in), DefaultSchema())
			if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, datasets.ErrInvalid) {
				t.Errorf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestSchemaApply(t *testing.T) {
	s := DefaultSchema()
	if err := s.Apply(map[string]string{"colour": "x"}); err == nil || !strings.Contains(err.Error(), "unknown contributions field") {
		t.Errorf("err = %v", err)
	}
	if err := s.Apply(map[string]string{"kind": "Type"}); err != nil || s.Kind != "Type" || len(s.Mapped()) != 1 {
		t.Errorf("s = %+v, err %v", s, err)
	}
}
