package main

import (
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunOnStoredHierarchy: prepare --hierarchy stores the time hierarchy,
// a run on it gives the villages.csv of a run on the plain graph file
// within the rounding bound the manifest states (every number compared as
// a number, to its printed precision), and --exact-roads or another
// route_by gives Dijkstra's file byte for byte. Real Liechtenstein roads
// (© OpenStreetMap contributors, ODbL).
func TestRunOnStoredHierarchy(t *testing.T) {
	const pbf = "../../datasets/osmroad/testdata/liechtenstein-2013-08-03.osm.pbf"
	dir := t.TempDir()
	var vb strings.Builder
	vb.WriteString("id,name,country,population,lon,lat\n")
	for i := range 80 {
		fmt.Fprintf(&vb, "v%d,V%d,LI,%d,%.4f,%.4f\n", i, i, 100+i, 9.48+0.015*float64(i%10), 47.06+0.025*float64(i/10))
	}
	villages := writeFile(t, dir, "v.csv", vb.String())
	services := writeFile(t, dir, "s.csv", "id,name,category,country,lon,lat\n"+
		"ph1,Vaduz,amenity=pharmacy,LI,9.5225,47.1410\nph2,Schaan,amenity=pharmacy,LI,9.5090,47.1650\n"+
		"ph3,Triesen,amenity=pharmacy,LI,9.5280,47.1070\nph4,Eschen,amenity=pharmacy,LI,9.5230,47.2110\n"+
		"po1,Balzers,amenity=post_office,LI,9.5010,47.0660\npo2,Mauren,amenity=post_office,LI,9.5420,47.2200\n")
	plain, hier := filepath.Join(dir, "plain.graph"), filepath.Join(dir, "hier.graph")
	if code, _, e := runCLI(t, "prepare", "-q", pbf, "--profiles", "car,foot", "-o", plain); code != 0 {
		t.Fatal(e)
	}
	code, so, e := runCLI(t, "prepare", "-q", pbf, "--profiles", "car,foot", "--hierarchy", "-o", hier)
	if code != 0 {
		t.Fatal(e)
	}
	if !strings.Contains(so, "car: contraction hierarchy for time: ") || !strings.Contains(so, "foot: contraction hierarchy for time: ") {
		t.Errorf("prepare --hierarchy does not report the hierarchies:\n%s", so)
	}
	run := func(name, graph string, extra ...string) (csv string, m map[string]any, stdout string) {
		t.Helper()
		out := filepath.Join(dir, name)
		args := append([]string{"run", "--villages", villages, "--services", services, "--roads", graph, "--out", out}, extra...)
		code, so, e := runCLI(t, args...)
		if code != 0 {
			t.Fatal(e)
		}
		var man struct {
			Roads map[string]any `json:"roads"`
		}
		if err := json.Unmarshal([]byte(readFile(t, filepath.Join(out, "manifest.json"))), &man); err != nil {
			t.Fatal(err)
		}
		return filepath.Join(out, "villages.csv"), man.Roads, so
	}
	pCSV, pRoads, pOut := run("plain", plain)
	hCSV, hRoads, hOut := run("hier", hier)
	xCSV, xRoads, _ := run("exact", hier, "--exact-roads")
	if _, ok := pRoads["hierarchy"]; ok || strings.Contains(pOut, "hierarchy") {
		t.Errorf("a run on a graph file without hierarchy mentions one: %v", pRoads["hierarchy"])
	}
	h, _ := hRoads["hierarchy"].(map[string]any)
	bound, _ := h["rounding_bound"].(float64)
	if h["weight"] != "time" || h["used"] != true || !(bound > 0 && bound < 1e-9) {
		t.Fatalf("manifest roads.hierarchy %v", h)
	}
	if !strings.Contains(hOut, "contraction hierarchy for time: costs within ") {
		t.Errorf("the summary does not say the hierarchy was used:\n%s", hOut)
	}
	if x, _ := xRoads["hierarchy"].(map[string]any); x["used"] != false || x["note"] == "" {
		t.Errorf("--exact-roads: manifest roads.hierarchy %v", x)
	}
	if readFile(t, xCSV) != readFile(t, pCSV) {
		t.Error("--exact-roads on the hierarchy file differs from the plain graph file")
	}
	lCSV, lRoads, _ := run("length", hier, "--route-by", "length")
	if l, _ := lRoads["hierarchy"].(map[string]any); l["used"] != false || !strings.Contains(fmt.Sprint(l["note"]), "route_by length") {
		t.Errorf("--route-by length: manifest roads.hierarchy %v", l)
	}
	lpCSV, _, _ := run("length-plain", plain, "--route-by", "length")
	if readFile(t, lCSV) != readFile(t, lpCSV) {
		t.Error("--route-by length on the hierarchy file differs from the plain graph file")
	}
	compareWithin(t, pCSV, hCSV, bound)

	// --hierarchy=car contracts the car graph only: a car run searches on
	// the same hierarchy as above, a foot run on Dijkstra as on the plain
	// file, byte for byte.
	carOnly := filepath.Join(dir, "car-only.graph")
	code, so, e = runCLI(t, "prepare", "-q", pbf, "--profiles", "car,foot", "--hierarchy=car", "-o", carOnly)
	if code != 0 || !strings.Contains(so, "car: contraction hierarchy for time: ") || strings.Contains(so, "foot: contraction hierarchy") {
		t.Fatalf("prepare --hierarchy=car: exit %d\n%s%s", code, so, e)
	}
	oCSV, oRoads, _ := run("car-only", carOnly)
	if o, _ := oRoads["hierarchy"].(map[string]any); o["used"] != true || readFile(t, oCSV) != readFile(t, hCSV) {
		t.Errorf("car run on the car-only hierarchy: manifest roads.hierarchy %v, or villages.csv differs from the run on every hierarchy", o)
	}
	fCSV, fRoads, _ := run("foot-car-only", carOnly, "--profile", "foot")
	fpCSV, _, _ := run("foot-plain", plain, "--profile", "foot")
	if _, ok := fRoads["hierarchy"]; ok || readFile(t, fCSV) != readFile(t, fpCSV) {
		t.Errorf("foot run on the car-only hierarchy: manifest roads.hierarchy %v, or villages.csv differs from the plain file's", fRoads["hierarchy"])
	}
	for _, tc := range []struct{ flag, want string }{
		{"--hierarchy=bicycle", "--hierarchy: bicycle is not among the profiles built (--profiles car,foot)"},
		{"--hierarchy=all,car", `--hierarchy: "all" contracts every profile`},
		{"--hierarchy=bus", `--hierarchy: "bus" is not car, bicycle or foot`},
		{"--hierarchy=car,car", "--hierarchy: car is given twice"},
		{"--core-degree=8", "--core-degree tunes the contraction: give it with --hierarchy"},
		{"--contractions=2", "--contractions tunes the contraction: give it with --hierarchy"},
		{"--hierarchy=", "--hierarchy=: name profiles (--hierarchy=car), or give --hierarchy alone"},
	} {
		if code, _, e := runCLI(t, "prepare", "-q", pbf, "--profiles", "car,foot", tc.flag, "-o", filepath.Join(dir, "bad.graph")); code != exitUsage || !strings.Contains(e, tc.want) {
			t.Errorf("%s: exit %d, %q; want %d and %q", tc.flag, code, e, exitUsage, tc.want)
		}
	}

	// "--hierarchy car" with a space: car is read as a FILE, and said so.
	if code, _, e := runCLI(t, "prepare", "-q", pbf, "--hierarchy", "car", "-o", filepath.Join(dir, "bad.graph")); code != exitUsage ||
		!strings.Contains(e, `FILE "car" is a profile, not a file: to contract only its graph, write --hierarchy=car (with =)`) {
		t.Errorf("--hierarchy car: exit %d, %q", code, e)
	}

	// Every junction left in the core (a core degree below any
	// junction's; format version 3): the same file within the bound.
	core := filepath.Join(dir, "core.graph")
	if code, so, e := runCLI(t, "prepare", "-q", pbf, "--profiles", "car,foot", "--hierarchy", "--core-degree", "0.001", "-o", core); code != 0 ||
		!strings.Contains(so, "car: contraction hierarchy for time: ") || !strings.Contains(so, "0 of them shortcuts, core of ") {
		t.Fatalf("prepare --core-degree 0.001: exit %d\n%s%s", code, so, e)
	}
	cCSV, cRoads, _ := run("core", core)
	if c, _ := cRoads["hierarchy"].(map[string]any); c["used"] != true {
		t.Errorf("core hierarchy: manifest roads.hierarchy %v", c)
	}
	compareWithin(t, pCSV, cCSV, bound)

	// With country boundaries an open border keeps the hierarchy (the
	// labels are counted, not set) and counts as without; a closed border
	// labels the roads, drops it and gives Dijkstra's file.
	const bounds = "../../testdata/liechtenstein/boundaries.geojson"
	bpCSV, bpRoads, _ := run("bounds-plain", plain, "--boundaries", bounds)
	bhCSV, bhRoads, _ := run("bounds-hier", hier, "--boundaries", bounds)
	if b, _ := bhRoads["hierarchy"].(map[string]any); b["used"] != true {
		t.Errorf("open border with boundaries: manifest roads.hierarchy %v", b)
	}
	for _, k := range []string{"border_crossing_edges", "vertices_outside_every_country", "vertices", "edges"} {
		if bpRoads[k] != bhRoads[k] {
			t.Errorf("roads.%s: %v on the plain file, %v on the hierarchy file", k, bpRoads[k], bhRoads[k])
		}
	}
	if bpRoads["border_crossing_edges"] == nil {
		t.Error("no border-crossing edge counted: the boundaries label nothing")
	}
	compareWithin(t, bpCSV, bhCSV, bound)
	cpCSV, _, _ := run("closed-plain", plain, "--boundaries", bounds, "--border", "closed")
	chCSV, chRoads, _ := run("closed-hier", hier, "--boundaries", bounds, "--border", "closed")
	if c, _ := chRoads["hierarchy"].(map[string]any); c["used"] != false || c["note"] == "" {
		t.Errorf("closed border: manifest roads.hierarchy %v", c)
	}
	if readFile(t, cpCSV) != readFile(t, chCSV) {
		t.Error("closed border: the hierarchy file differs from the plain graph file")
	}
}

// compareWithin compares two villages.csv cell by cell: equal text, or
// numbers that differ by no more than the relative bound plus one unit of
// their printed precision (a rounding may flip the last digit).
func compareWithin(t *testing.T, a, b string, bound float64) {
	t.Helper()
	ra, rb := csvRows(t, a), csvRows(t, b)
	if len(ra) != len(rb) || len(ra) < 2 {
		t.Fatalf("%d and %d rows", len(ra), len(rb))
	}
	numbers, differ, roadCells := 0, 0, 0
	for i := range ra {
		if len(ra[i]) != len(rb[i]) {
			t.Fatalf("row %d: %d and %d cells", i, len(ra[i]), len(rb[i]))
		}
		for j, x := range ra[i] {
			y := rb[i][j]
			if i > 0 && strings.Contains(ra[0][j], "_road_m") && x != "" {
				roadCells++
			}
			if x == y {
				continue
			}
			differ++
			fx, ex := parseNum(x)
			fy, ey := parseNum(y)
			if ex != nil || ey != nil {
				t.Errorf("row %d %s: %q and %q", i, ra[0][j], x, y)
				continue
			}
			numbers++
			if unit := math.Pow(10, -float64(decimals(x))); math.Abs(fx-fy) > bound*math.Abs(fx)+unit*1.0001 {
				t.Errorf("row %d %s: %q and %q beyond the bound %g", i, ra[0][j], x, y, bound)
			}
		}
	}
	if roadCells < 40 {
		t.Errorf("only %d road distances: the comparison proves little", roadCells)
	}
	t.Logf("%d road distances, %d cells differ in their last digit", roadCells, differ)
}

func parseNum(s string) (float64, error) {
	var f float64
	_, err := fmt.Sscan(s, &f)
	return f, err
}

func decimals(s string) int {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}
