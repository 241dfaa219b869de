package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

func TestValidateReportsEveryProblem(t *testing.T) {
	dir := t.TempDir()
	// Three problems in one file: out-of-range latitude (line 2), negative
	// population (line 3), duplicate id (line 4).
	bad := writeFile(t, dir, "villages.csv", "id,name,country,population,lon,lat\n"+
		"a,Alpha,BE,10,2.9,95\n"+
		"b,Beta,BE,-5,2.9,50.8\n"+
		"b,Beta bis,BE,5,2.9,50.8\n")
	good := writeFile(t, dir, "services.csv", "id,name,category,country,lon,lat\ns,Post,amenity=post_office,FR,2.5,50.9\n")
	code, out, _ := runCLI(t, "validate", bad, good)
	if code != exitInvalid {
		t.Fatalf("exit %d, want %d; output:\n%s", code, exitInvalid, out)
	}
	for _, want := range []string{
		"villages.csv:2", "villages.csv:3", "villages.csv:4", `"population"`, "duplicate id",
		"villages.csv: 3 problems (read as villages)", "services.csv: ok (1 services)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if code, _, _ := runCLI(t, "validate", good); code != exitOK {
		t.Errorf("valid file: exit %d", code)
	}
	if code, _, _ := runCLI(t, "validate", "--as", "shops", good); code != exitUsage {
		t.Errorf("bad --as: exit %d, want usage", code)
	}
	if code, _, _ := runCLI(t, "validate"); code != exitUsage {
		t.Errorf("no file: exit %d, want usage", code)
	}
}

func TestRunBoundariesAssignCountries(t *testing.T) {
	dir := t.TempDir()
	// Two squares: XA north of the equator of our toy world, XB south (user-assigned
	// ISO codes: BE and FR would not lie there).
	bounds := writeFile(t, dir, "b.geojson", `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"country":"XA","area_code":"X1","area_name":"Noord"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}},
{"type":"Feature","properties":{"country":"XB","area_code":"Y1","area_name":"Sud"},"geometry":{"type":"Polygon","coordinates":[[[0,-1],[1,-1],[1,0],[0,0],[0,-1]]]}}]}`)
	villages := writeFile(t, dir, "v.csv", "id,name,population,lon,lat\nn,North,10,0.5,0.5\ns,South,20,0.5,-0.5\n")
	services := writeFile(t, dir, "s.csv", "id,name,category,lon,lat\np,Post,amenity=post_office,0.5,-0.4\n")
	out := filepath.Join(dir, "out")
	code, _, stderr := runCLI(t, "run", "-q", "--villages", villages, "--services", services, "--out", out)
	if code != exitInvalid || !strings.Contains(stderr, "country") {
		t.Fatalf("without boundaries: exit %d %q, want invalid data naming country", code, stderr)
	}
	code, _, stderr = runCLI(t, "run", "-q", "--villages", villages, "--services", services, "--boundaries", bounds, "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	csv := readFile(t, filepath.Join(out, "villages.csv"))
	for _, want := range []string{"n,North,XA,X1,Noord,10,", "s,South,XB,Y1,Sud,20,"} {
		if !strings.Contains(csv, want) {
			t.Errorf("villages.csv lacks %q:\n%s", want, csv)
		}
	}
	// Cross-border metrics off: no country needed at all.
	code, _, stderr = runCLI(t, "run", "-q", "--villages", villages, "--services", services, "--cross-border=false", "--out", out)
	if code != exitOK {
		t.Fatalf("--cross-border=false: exit %d: %s", code, stderr)
	}
	if strings.Contains(readFile(t, filepath.Join(out, "villages.csv")), "domestic") {
		t.Error("domestic columns written with cross-border metrics off")
	}
}

// A services file read as villages repeated one error per feature; the
// problem is now shown once with its count, with hints at --services and
// at the mappings, and explicit --services/--villages with per-file
// mappings read the files right.
func TestValidateGroupsAndHints(t *testing.T) {
	dir := t.TempDir()
	var feats []string
	for i := range 30 {
		feats = append(feats, fmt.Sprintf(`{"type":"Feature","properties":{"id":"s%d","TYPEQU":"D307"},"geometry":{"type":"Point","coordinates":[2.7,50.8]}}`, i))
	}
	svc := writeFile(t, dir, "bpe.geojson", `{"type":"FeatureCollection","features":[`+strings.Join(feats, ",\n")+`]}`)
	vil := writeFile(t, dir, "communes.csv", "code,nom,pop_2026,lon,lat\n59043,Bergues,3600,2.434,50.968\n")

	code, out, _ := runCLI(t, "validate", svc, vil)
	if code != exitInvalid {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	for _, want := range []string{
		`bpe.geojson:1: feature 0: field "name": required property is missing [30 times: feature 0, feature 1, feature 2, feature 3, feature 4, …]`,
		`  hint: no column or property "name"; map it with --village-field name=COLUMN (columns are: id, TYPEQU)`,
		"bpe.geojson: 30 problems (read as villages)",
		`  hint: read as villages because it has no "category" column or property; if it holds services, pass --services`,
		`communes.csv:1: field "id": required column "id" is missing`,
		`  hint: no column or property "id"; map it with --village-field id=COLUMN (columns are: code, nom, pop_2026, lon, lat)`,
		`communes.csv: note: no column "population" (every population is unknown); columns are: code, nom, pop_2026, lon, lat; map with --village-field population=COLUMN`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "required property is missing"); n != 1 {
		t.Errorf("the repeated problem is printed %d times, want once:\n%s", n, out)
	}

	code, out, stderr := runCLI(t, "validate", "--services", svc+":category=TYPEQU",
		"--villages", vil+":id=code,name=nom,population=pop_2026")
	if code != exitOK {
		t.Fatalf("explicit kinds: exit %d:\n%s%s", code, out, stderr)
	}
	for _, want := range []string{"bpe.geojson: ok (30 services)", "communes.csv: ok (1 villages)"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// --service-field makes auto detection see the category column.
	if code, out, _ := runCLI(t, "validate", "--service-field", "category=TYPEQU", svc); code != exitOK || !strings.Contains(out, "ok (30 services)") {
		t.Errorf("--service-field: exit %d:\n%s", code, out)
	}
	if code, _, _ := runCLI(t, "validate", "--services", svc+":population=x"); code != exitUsage {
		t.Errorf("a village field on a services file: exit %d, want usage", code)
	}
}
