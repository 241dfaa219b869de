package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A Belgian and a French service file with different column names are
// combined with a mapping each; a mapping applies to its file only, and
// the manifest replays the run.
func TestRunPerFileMappings(t *testing.T) {
	dir := t.TempDir()
	villages := writeFile(t, dir, "v.csv", "id,name,country,population,lon,lat\n"+
		"be,Poperinge,BE,100,2.726,50.855\nfr,Bergues,FR,50,2.434,50.968\n")
	be := writeFile(t, dir, "be.csv", "id,name,category,country,lon,lat\nph,Apotheek,amenity=pharmacy,BE,2.727,50.856\n")
	fr := writeFile(t, dir, "fr.csv", "ID;TYPEQU;country;LAMBERT_X;LAMBERT_Y\nbpe-1;D307;FR;661330;7097530\n")
	out := filepath.Join(dir, "out")
	frArg := fr + ":id=ID,category=TYPEQU,x=LAMBERT_X,y=LAMBERT_Y,epsg=2154"
	code, _, stderr := runCLI(t, "run", "-q", "--villages", villages, "--services", be, "--services", frArg, "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	svc := readFile(t, filepath.Join(out, "services.csv"))
	for _, want := range []string{"ph,Apotheek,pharmacy,amenity=pharmacy,BE,", "bpe-1,,pharmacy,D307,FR,2.45063"} {
		if !strings.Contains(svc, want) {
			t.Errorf("services.csv lacks %q:\n%s", want, svc)
		}
	}
	man := readFile(t, filepath.Join(out, "manifest.json"))
	if !strings.Contains(man, `"file_fields": [`) || !strings.Contains(man, `"category": "TYPEQU"`) {
		t.Errorf("manifest does not record the per-file mappings:\n%s", man)
	}
	again := filepath.Join(dir, "again")
	if code, _, stderr := runCLI(t, "run", "-q", "--manifest", filepath.Join(out, "manifest.json"), "--out", again); code != exitOK {
		t.Fatalf("replay: exit %d: %s", code, stderr)
	}
	if readFile(t, filepath.Join(again, "services.csv")) != svc {
		t.Error("replay differs")
	}

	// The same mapping given for every file must fit every file: the
	// Belgian file has no TYPEQU column, and the error says so.
	code, _, stderr = runCLI(t, "run", "-q", "--villages", villages, "--services", be, "--services", frArg,
		"--service-field", "capacity=beds", "--out", filepath.Join(dir, "o2"))
	if code != exitInvalid || !strings.Contains(stderr, "be.csv:1: field \"beds\": capacity is mapped to column \"beds\"") ||
		!strings.Contains(stderr, "fr.csv:1: field \"beds\"") {
		t.Errorf("global mapping missing in both files: exit %d, stderr %q", code, stderr)
	}
	// A per-file mapping to a missing column names that file only.
	code, _, stderr = runCLI(t, "run", "-q", "--villages", villages, "--services", be+":capacity=beds", "--services", frArg,
		"--out", filepath.Join(dir, "o3"))
	if code != exitInvalid || !strings.Contains(stderr, "be.csv:1: field \"beds\"") || strings.Contains(stderr, "fr.csv") {
		t.Errorf("per-file mapping: exit %d, stderr %q", code, stderr)
	}
	// An unknown field is a usage error before anything is read.
	code, _, stderr = runCLI(t, "run", "-q", "--villages", villages, "--services", be, "--services", fr+":categroy=TYPEQU",
		"--out", filepath.Join(dir, "o4"))
	if code != exitUsage || !strings.Contains(stderr, `unknown field "categroy"`) {
		t.Errorf("unknown field: exit %d, stderr %q", code, stderr)
	}
}

// The config's services_files give a file and its mappings; a relative
// path is relative to the config file.
func TestRunConfigServicesFiles(t *testing.T) {
	dir := t.TempDir()
	villages := writeFile(t, dir, "v.csv", "id,name,country,population,lon,lat\nfr,Bergues,FR,50,2.434,50.968\n")
	if err := os.Mkdir(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "data"), "fr.csv", "ID;TYPEQU;country;LAMBERT_X;LAMBERT_Y\nbpe-1;D307;FR;661330;7097530\n")
	cfg := writeFile(t, filepath.Join(dir, "data"), "c.yaml", "services_files:\n"+
		"  - path: fr.csv\n    fields: {id: ID, category: TYPEQU, x: LAMBERT_X, y: LAMBERT_Y}\n    epsg: 2154\n")
	out := filepath.Join(dir, "out")
	code, _, stderr := runCLI(t, "run", "-q", "--config", cfg, "--villages", villages, "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if svc := readFile(t, filepath.Join(out, "services.csv")); !strings.Contains(svc, "bpe-1,,pharmacy,D307,FR,2.45063") {
		t.Errorf("services.csv:\n%s", svc)
	}
}
