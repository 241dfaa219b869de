package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestClosedBorderExtractWorkflow follows the README on the real
// Liechtenstein extract (© OpenStreetMap contributors, ODbL): extract,
// prepare, then run on the graph with the extracted boundaries and a
// closed border; and run --osm --border closed in one go. The extract's
// boundaries hold Liechtenstein only (Switzerland's and Austria's
// relations are cut by its edge): the roads outside are one more country,
// so the closed border does not leak through them, and nothing is said on
// stderr.
func TestClosedBorderExtractWorkflow(t *testing.T) {
	const pbf = "../../datasets/osmroad/testdata/liechtenstein-2013-08-03.osm.pbf"
	dir := t.TempDir()
	ex := filepath.Join(dir, "ex")
	if code, _, e := runCLI(t, "extract", "-q", pbf, "--out", ex); code != 0 {
		t.Fatal(e)
	}
	graph := filepath.Join(dir, "li.graph")
	// prepare counts the crossings on the extract's own country relations,
	// as the run below does on the extracted boundaries.
	code, stdout, e := runCLI(t, "prepare", "-q", pbf, "--profiles", "car", "-o", graph)
	if code != 0 {
		t.Fatal(e)
	}
	if !strings.Contains(stdout, "car: 1571 ways, 2493 vertices, 2930 edges, 400.000 km, 11 border-crossing edges\n") {
		t.Errorf("prepare does not count the 11 border-crossing edges:\n%s", stdout)
	}
	// Without any country relation it says why it cannot count them.
	code, stdout, e = runCLI(t, "prepare", "-q", townOSM, "--profiles", "car", "-o", filepath.Join(dir, "town.graph"))
	if code != 0 || !strings.Contains(stdout, "border-crossing edges not counted (no country boundaries)") ||
		!strings.Contains(e, "holds no complete admin_level=2 relation") || !strings.Contains(e, "give --boundaries") {
		t.Errorf("prepare without countries: exit %d\n%s\n%s", code, stdout, e)
	}
	villages := writeFile(t, dir, "v.csv", "id,name,country,population,lon,lat\n"+
		"vaduz,Vaduz,LI,5700,9.5215,47.1395\n"+
		"bridge,Buchs bridgehead,CH,100,9.4887,47.1690\n")
	services := writeFile(t, dir, "s.csv", "id,name,category,country,lon,lat\nph1,Apotheke,amenity=pharmacy,LI,9.5225,47.1410\n")
	cfg := writeFile(t, dir, "c.yaml", "coverage:\n  pharmacy: [LI, CH]\n")
	want := map[string]map[string]string{
		"open":   {"vaduz": "ok", "bridge": "ok"},
		"closed": {"vaduz": "ok", "bridge": "unsnapped"}, // no Swiss road within 1 km but the bridge
	}
	for _, border := range []string{"open", "closed"} {
		out := filepath.Join(dir, border)
		code, _, e := runCLI(t, "run", "-q", "--config", cfg, "--villages", villages, "--services", services, "--roads", graph,
			"--boundaries", filepath.Join(ex, "boundaries.geojson"), "--border", border, "--out", out)
		if code != 0 || strings.Contains(e, "road vertices") {
			t.Fatalf("%s: exit %d, stderr %q, want no warning about road vertices outside", border, code, e)
		}
		h, rows := readCSV(t, filepath.Join(out, "villages.csv"))
		for id, status := range want[border] {
			if got := cell(t, h, rows[id], "pharmacy_road_status"); got != status {
				t.Errorf("%s: %s %q, want %q", border, id, got, status)
			}
		}
		m := readFile(t, filepath.Join(out, "manifest.json"))
		// The roads across the Rhine bridges and the Austrian border.
		if !strings.Contains(m, `"border_crossing_edges": 11,`) || !strings.Contains(m, `"vertices_outside_every_country": 15,`) {
			t.Errorf("%s: manifest lacks the 11 border-crossing edges and 15 vertices outside", border)
		}
	}

	out := filepath.Join(dir, "osm")
	code, _, e = runCLI(t, "run", "-q", "--osm", pbf, "--border", "closed", "--route-by", "length", "--out", out)
	if code != 0 || strings.Contains(e, "road vertices") {
		t.Fatalf("--osm --border closed: exit %d, stderr %q", code, e)
	}
	m := readFile(t, filepath.Join(out, "manifest.json"))
	for _, s := range []string{`"border": "closed"`, `"route_by": "length"`, `"border_crossing_edges": 11,`} {
		if !strings.Contains(m, s) {
			t.Errorf("--osm --border closed: manifest lacks %s", s)
		}
	}
}
