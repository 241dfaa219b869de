package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/partons/partons/study"
)

// provenance is a service's source, source_date and reports in a
// services.csv.
func provenance(t *testing.T, header, row []string) [3]string {
	t.Helper()
	return [3]string{cell(t, header, row, "source"), cell(t, header, row, "source_date"), cell(t, header, row, "reports")}
}

// Without reports every service of the embedded sample still says where
// it comes from: its source and vintage from the sample's metadata, no
// reports; there is no contributions.csv.
func TestRunProvenanceEmbedded(t *testing.T) {
	out := filepath.Join(t.TempDir(), "report")
	if code, _, stderr := runCLI(t, "run", "-q", "--outputs", "services.csv", "--out", out); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "contributions.csv")); !os.IsNotExist(err) {
		t.Errorf("contributions.csv written without reports: %v", err)
	}
	h, rows := readCSV(t, filepath.Join(out, "services.csv"))
	for id, want := range map[string][3]string{
		"osm-node-1004413170": {"osm-2015-pois", "2015-11", ""},
		"laposte-10685A":      {"laposte-2020", "2020", ""},
	} {
		if got := provenance(t, h, rows[id]); got != want {
			t.Errorf("%s: %q, want %q", id, got, want)
		}
	}
	for id, r := range rows {
		if cell(t, h, r, "source") == "" || cell(t, h, r, "source_date") == "" {
			t.Errorf("%s has no source or no date: %v", id, r)
		}
	}
}

// The user's files: a GeoJSON file stating its data date dates its
// services (the UTC day: 01:30 in Brussels on 1 April is 31 March), a CSV
// file states none. A confirmed closure older than the GeoJSON file's
// date is superseded; one of a service of the undated CSV file applies.
func TestRunProvenanceFiles(t *testing.T) {
	setToday(t, "2025-01-15")
	dir := t.TempDir()
	villages := writeFile(t, dir, "v.csv", "id,name,country,population,lon,lat\nv1,Ieper,BE,35000,2.8850,50.8503\n")
	dated := writeFile(t, dir, "dated.geojson", `{"type":"FeatureCollection","data_date":"2024-04-01T01:30:00+02:00","features":[`+
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[2.8860,50.8510]},"properties":{"id":"g1","name":"Apotheek","category":"amenity=pharmacy","country":"BE"}},`+
		`{"type":"Feature","geometry":{"type":"Point","coordinates":[2.8870,50.8520]},"properties":{"id":"g2","name":"Bakker","category":"shop=bakery","country":"BE"}}]}`)
	undated := writeFile(t, dir, "undated.csv", "id,name,category,country,lon,lat\nc1,Slager,shop=butcher,BE,2.8880,50.8530\nc2,Post,amenity=post_office,BE,2.8890,50.8540\n")
	reports := writeFile(t, dir, "reports.csv", "id,kind,service_id,observed_on,reporter_role,status\n"+
		"r1,closed,g1,2024-03-15,resident,confirmed\n"+
		"r2,closed,c1,2024-03-15,resident,confirmed\n"+
		"r3,hours_changed,g2,2024-06-01,resident,proposed\n")
	out := filepath.Join(dir, "out")
	if code, _, stderr := runCLI(t, "run", "-q", "--villages", villages, "--services", dated, "--services", undated,
		"--contributions", reports, "--out", out); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	h, rows := readCSV(t, filepath.Join(out, "services.csv"))
	for id, want := range map[string][3]string{
		"g1": {"dated.geojson", "2024-03-31", ""},
		"g2": {"dated.geojson", "2024-03-31", ""},
		"c2": {"undated.csv", "", ""},
	} {
		if got := provenance(t, h, rows[id]); got != want {
			t.Errorf("%s: %q, want %q", id, got, want)
		}
	}
	if _, ok := rows["c1"]; ok || len(rows) != 3 {
		t.Errorf("services %v: c1 should be closed", rows)
	}
	ch, outcomes := readCSV(t, filepath.Join(out, "contributions.csv"))
	for id, want := range map[string]string{"r1": "superseded", "r2": "applied", "r3": "listed"} {
		if got := cell(t, ch, outcomes[id], "outcome"); got != want {
			t.Errorf("%s: outcome %q, want %q", id, got, want)
		}
	}
}

// Services read from OpenStreetMap come from the extracts, dated by
// their replication time.
func TestRunProvenanceOSM(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r")
	if code, _, e := runCLI(t, "run", "-q", "--osm", "../../datasets/osmroad/testdata/liechtenstein-2013-08-03.osm.pbf",
		"--outputs", "services.csv", "--out", out); code != exitOK {
		t.Fatal(e)
	}
	h, rows := readCSV(t, filepath.Join(out, "services.csv"))
	if len(rows) == 0 {
		t.Fatal("no services")
	}
	for id, r := range rows {
		if got, want := provenance(t, h, r), [3]string{study.OSMExtractSource, "2013-08-03", ""}; got != want {
			t.Errorf("%s: %q, want %q", id, got, want)
		}
	}
}

// A scenario variant's services.csv keeps the base services' provenance
// and names the scenario as the source of the services it adds.
func TestScenarioProvenance(t *testing.T) {
	dir := t.TempDir()
	scn := writeFile(t, dir, "s.yaml", "variants:\n  - name: more\n    changes:\n"+
		"      - add_services: [{id: new-1, category: pharmacy, country: BE, lon: 2.7270, lat: 50.8550}]\n")
	out := filepath.Join(dir, "out")
	if code, _, stderr := runCLI(t, "scenario", "-q", scn, "--out", out, "--variant-outputs", variantReports); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, v := range []string{"base", "more"} {
		h, rows := readCSV(t, filepath.Join(out, v, "services.csv"))
		if got, want := provenance(t, h, rows["laposte-10685A"]), [3]string{"laposte-2020", "2020", ""}; got != want {
			t.Errorf("%s: %q, want %q", v, got, want)
		}
	}
	h, rows := readCSV(t, filepath.Join(out, "more", "services.csv"))
	if got, want := provenance(t, h, rows["new-1"]), [3]string{"scenario", "", ""}; got != want {
		t.Errorf("new-1: %q, want %q", got, want)
	}
}
