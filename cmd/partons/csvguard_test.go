package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// hostileIDs are villages and services whose ids and names a spreadsheet
// would run as formulas; the French village lies west of Greenwich so its
// lon is a negative number, which must stay a number.
func hostileIDs(t *testing.T, dir string) (villages, services string) {
	t.Helper()
	villages = writeFile(t, dir, "v.csv", "id,name,country,population,lon,lat\n"+
		"=1+1,\"+cmd|' /C calc'!A0\",BE,100,2.885,50.8503\n"+
		"-2+3,@SUM(1+1),FR,50,-0.5,47\n")
	services = writeFile(t, dir, "s.csv", "id,name,category,country,lon,lat\n"+
		"@s1,\"=HYPERLINK(\"\"http://example.invalid\"\")\",amenity=pharmacy,BE,2.886,50.851\n"+
		"s2,-P2,amenity=pharmacy,FR,-0.49,47\n")
	return villages, services
}

// column returns the values of the named column.
func column(t *testing.T, recs [][]string, name string) []string {
	t.Helper()
	for i, h := range recs[0] {
		if h == name {
			var out []string
			for _, r := range recs[1:] {
				out = append(out, r[i])
			}
			return out
		}
	}
	t.Fatalf("no column %q in %v", name, recs[0])
	return nil
}

func TestRunCSVFormulaGuard(t *testing.T) {
	dir := t.TempDir()
	villages, services := hostileIDs(t, dir)
	guarded, raw := filepath.Join(dir, "guarded"), filepath.Join(dir, "raw")
	if code, _, e := runCLI(t, "run", "-q", "--villages", villages, "--services", services, "--format", "gpkg", "--out", guarded); code != 0 {
		t.Fatal(e)
	}
	if code, _, e := runCLI(t, "run", "-q", "--villages", villages, "--services", services, "--csv-raw", "--out", raw); code != 0 {
		t.Fatal(e)
	}
	type check struct {
		file, col string
		want      []string
	}
	for _, tc := range []struct {
		name   string
		dir    string
		checks []check
	}{
		{"guarded", guarded, []check{
			{"villages.csv", "id", []string{"'=1+1", "'-2+3"}},
			{"villages.csv", "name", []string{"'+cmd|' /C calc'!A0", "'@SUM(1+1)"}},
			{"villages.csv", "lon", []string{"2.8850000", "-0.5000000"}},
			{"villages.csv", "pharmacy_nearest_id", []string{"'@s1", "s2"}},
			{"services.csv", "id", []string{"'@s1", "s2"}},
			{"services.csv", "name", []string{`'=HYPERLINK("http://example.invalid")`, "'-P2"}},
			{"access.csv", "village_id", []string{"'=1+1"}},
		}},
		{"raw", raw, []check{
			{"villages.csv", "id", []string{"=1+1", "-2+3"}},
			{"villages.csv", "name", []string{"+cmd|' /C calc'!A0", "@SUM(1+1)"}},
			{"villages.csv", "lon", []string{"2.8850000", "-0.5000000"}},
			{"services.csv", "name", []string{`=HYPERLINK("http://example.invalid")`, "-P2"}},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, c := range tc.checks {
				got := column(t, csvRows(t, filepath.Join(tc.dir, c.file)), c.col)
				if len(got) > len(c.want) {
					got = got[:len(c.want)] // access.csv: the village's first row
				}
				if strings.Join(got, "|") != strings.Join(c.want, "|") {
					t.Errorf("%s %s = %q, want %q", c.file, c.col, got, c.want)
				}
			}
			var m struct {
				Run struct {
					CSVRaw *bool `json:"csv_raw"`
				} `json:"run"`
			}
			if err := json.Unmarshal([]byte(readFile(t, filepath.Join(tc.dir, "manifest.json"))), &m); err != nil {
				t.Fatal(err)
			}
			if m.Run.CSVRaw == nil || *m.Run.CSVRaw != (tc.name == "raw") {
				t.Errorf("manifest run.csv_raw = %v, want %v", m.Run.CSVRaw, tc.name == "raw")
			}
		})
	}
	// GeoJSON and GeoPackage keep the raw values.
	gj := readFile(t, filepath.Join(guarded, "villages.geojson"))
	if !strings.Contains(gj, `"id":"=1+1"`) || strings.Contains(gj, `'=1+1`) {
		t.Error("villages.geojson does not keep the raw id")
	}
	gp := readFile(t, filepath.Join(guarded, "partons.gpkg"))
	if !strings.Contains(gp, "=1+1") || strings.Contains(gp, "'=1+1") {
		t.Error("partons.gpkg does not keep the raw id")
	}
}

// TestDiffCSVFormulaGuard: diff reads the values a report holds, whether
// it was written guarded or raw, guards them once in its CSV (unless
// --csv-raw) and keeps them raw in its GeoJSON.
func TestDiffCSVFormulaGuard(t *testing.T) {
	dir := t.TempDir()
	villages, services := hostileIDs(t, dir)
	for _, src := range []string{"guarded", "raw"} {
		rep := filepath.Join(dir, "rep-"+src)
		args := []string{"run", "-q", "--villages", villages, "--services", services, "--out", rep}
		if src == "raw" {
			args = append(args, "--csv-raw")
		}
		if code, _, e := runCLI(t, args...); code != 0 {
			t.Fatal(e)
		}
		for _, tc := range []struct {
			flags []string
			want  string
		}{{nil, "'=1+1"}, {[]string{"--csv-raw"}, "=1+1"}} {
			out := filepath.Join(dir, "diff-"+src+strings.Join(tc.flags, ""))
			if code, _, e := runCLI(t, append([]string{"diff", rep, rep, "--out", out}, tc.flags...)...); code != 0 {
				t.Fatal(e)
			}
			if got := column(t, csvRows(t, filepath.Join(out, "delta_villages.csv")), "village_id")[0]; got != tc.want {
				t.Errorf("diff of a %s report %v: delta_villages.csv id %q, want %q", src, tc.flags, got, tc.want)
			}
			gj := readFile(t, filepath.Join(out, "delta_villages.geojson"))
			if !strings.Contains(gj, `"=1+1"`) || strings.Contains(gj, `"'=1+1"`) {
				t.Errorf("diff of a %s report %v: delta_villages.geojson does not keep the raw id", src, tc.flags)
			}
			if !strings.Contains(readFile(t, filepath.Join(out, "manifest.json")), `"csv_raw": `+map[bool]string{true: "true", false: "false"}[tc.flags != nil]) {
				t.Errorf("diff %v: manifest does not record csv_raw", tc.flags)
			}
		}
	}
}

// TestAccessCSVFormulaGuard: the access command's own CSV writer guards
// ids too.
func TestAccessCSVFormulaGuard(t *testing.T) {
	dir := t.TempDir()
	demand := writeFile(t, dir, "d.csv", "id,population\n=1+1,10\n")
	supply := writeFile(t, dir, "s.csv", "id,capacity\n@x,1\n")
	matrix := writeFile(t, dir, "m.csv", "origin_id,destination_id,cost\n=1+1,@x,3\n")
	for _, tc := range []struct {
		flags          []string
		demand, supply string
	}{{nil, "'=1+1", "'@x"}, {[]string{"--csv-raw"}, "=1+1", "@x"}} {
		out, svc := filepath.Join(dir, "a.csv"), filepath.Join(dir, "svc.csv")
		args := append([]string{"--matrix", matrix, "--demand", demand, "--supply", supply, "--out", out, "--services", svc}, tc.flags...)
		if err, _, _ := accessRun(t, args...); err != nil {
			t.Fatal(err)
		}
		if got := csvRows(t, out)[1][0]; got != tc.demand {
			t.Errorf("access %v: id %q, want %q", tc.flags, got, tc.demand)
		}
		if got := csvRows(t, svc)[1][0]; got != tc.supply {
			t.Errorf("access %v: service id %q, want %q", tc.flags, got, tc.supply)
		}
	}
}

// TestLocateCSVFormulaGuard: locate's sites.csv guards candidate ids and
// names, unless --csv-raw, and its manifest records which.
func TestLocateCSVFormulaGuard(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		flags    []string
		id, name string
	}{{nil, "'=1+1", "'+cmd|' /C calc'!A0"}, {[]string{"--csv-raw"}, "=1+1", "+cmd|' /C calc'!A0"}} {
		out := filepath.Join(dir, "loc"+strings.Join(tc.flags, ""))
		args := append([]string{"locate", "-q", "--villages", hostileCategories + "formula-villages.csv", "--model", "pcenter", "--p", "1", "--out", out}, tc.flags...)
		if code, _, e := runCLI(t, args...); code != 0 {
			t.Fatal(e)
		}
		sites := csvRows(t, filepath.Join(out, "sites.csv"))
		if got := column(t, sites, "site_id")[0]; got != tc.id {
			t.Errorf("locate %v: site_id %q, want %q", tc.flags, got, tc.id)
		}
		if got := column(t, sites, "site_name")[0]; got != tc.name {
			t.Errorf("locate %v: site_name %q, want %q", tc.flags, got, tc.name)
		}
		if !strings.Contains(readFile(t, filepath.Join(out, "manifest.json")), `"csv_raw": `+map[bool]string{true: "true", false: "false"}[tc.flags != nil]) {
			t.Errorf("locate %v: manifest does not record csv_raw", tc.flags)
		}
	}
}
