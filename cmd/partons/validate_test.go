package main

import (
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
