package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The hand-written town network (datasets/osmroad/testdata/town.osm) lies
// on the equator, where 0.001° of longitude is 111.319490793 m.
const townOSM = "../../datasets/osmroad/testdata/town.osm"

func readCSV(t testing.TB, path string) (header []string, rows map[string][]string) {
	t.Helper()
	recs := csvRows(t, path)
	rows = map[string][]string{}
	for _, r := range recs[1:] {
		rows[r[0]] = r
	}
	return recs[0], rows
}

func cell(t testing.TB, header []string, row []string, col string) string {
	t.Helper()
	for i, h := range header {
		if h == col {
			return row[i]
		}
	}
	t.Fatalf("no column %q", col)
	return ""
}

func TestRunRoadsHandChecked(t *testing.T) {
	dir := t.TempDir()
	villages := writeFile(t, dir, "v.csv", "id,name,country,population,lon,lat\n"+
		"main,Main Street west end,AA,100,0.000,0.0001\n"+ // 11.06 m north of node 1
		"bridge,West bridgehead,AA,50,0.048,0\n"+ // node 42
		"island,Island,AA,10,0.030,0\n"+ // node 50, a network of its own
		"far,Far away,AA,5,0.1,0.1\n") // 12 km from any road
	services := writeFile(t, dir, "s.csv", "id,name,category,country,lon,lat\n"+
		"p1,Post east,amenity=post_office,AA,0.004,0\n"+ // node 5
		"p2,Post across,amenity=post_office,BB,0.052,0\n") // node 43, across the bridge
	bounds := writeFile(t, dir, "b.geojson", `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"country":"AA"},"geometry":{"type":"Polygon","coordinates":[[[-1,-1],[0.05,-1],[0.05,1],[-1,1],[-1,-1]]]}},
{"type":"Feature","properties":{"country":"BB"},"geometry":{"type":"Polygon","coordinates":[[[0.05,-1],[1,-1],[1,1],[0.05,1],[0.05,-1]]]}}]}`)
	out := filepath.Join(dir, "open")
	if code, _, e := runCLI(t, "run", "-q", "--villages", villages, "--services", services, "--roads", townOSM, "--out", out); code != 0 {
		t.Fatal(e)
	}
	h, rows := readCSV(t, filepath.Join(out, "villages.csv"))
	want := []struct{ id, col, val string }{
		// Main Street, node 1 to node 5: 4 × 111.319 m at 30 km/h (residential) = 53.43 s,
		// plus the 11.057 m leg from the village to node 1 (0.0001° of latitude) at the
		// car's 45 km/h (0.88 s): 456.3 m, 54.32 s.
		{"main", "snap_m", "11.1"}, {"main", "post_road_status", "ok"}, {"main", "post_road_m", "456.3"},
		{"main", "post_road_min", "0.91"}, {"main", "post_road_id", "p1"}, {"main", "post_road_domestic_m", "456.3"},
		{"main", "post_road_abroad_m", ""}, // p2 is on another network
		// Across the bridge: 111.3 m and 222.6 m at 60 km/h (secondary), 111.3 m at 50 km/h (FR:urban) = 28.05 s.
		{"bridge", "post_road_m", "445.3"}, {"bridge", "post_road_min", "0.47"}, {"bridge", "post_road_id", "p2"},
		{"bridge", "post_road_country", "BB"}, {"bridge", "post_road_domestic_m", ""}, {"bridge", "post_road_abroad_m", "445.3"},
		{"island", "post_road_status", "unreachable"}, {"island", "post_road_m", ""}, {"island", "post_road_min", ""},
		{"island", "status", "post:unreachable"},
		{"far", "post_road_status", "unsnapped"}, {"far", "post_road_m", ""},
	}
	for _, w := range want {
		if got := cell(t, h, rows[w.id], w.col); got != w.val {
			t.Errorf("%s %s = %q, want %q", w.id, w.col, got, w.val)
		}
	}
	// The nearest road is the bridge at (0.052, 0): 5.3 km east, 11.1 km south.
	if s := cell(t, h, rows["far"], "snap_m"); !strings.HasPrefix(s, "1228") {
		t.Errorf("far snap_m = %q, want the real distance to the network (12.28 km)", s)
	}
	sh, srows := readCSV(t, filepath.Join(out, "services.csv"))
	if cell(t, sh, srows["p1"], "snap_m") != "0.0" || cell(t, sh, srows["p1"], "snap_status") != "ok" {
		t.Errorf("services.csv p1 = %v", srows["p1"])
	}
	m := readFile(t, filepath.Join(out, "manifest.json"))
	for _, s := range []string{`"source": "osm"`, `"unsnapped_villages": 1`, "OpenStreetMap contributors"} {
		if !strings.Contains(m, s) {
			t.Errorf("manifest lacks %s", s)
		}
	}

	// Closing the border leaves the bridgehead without a post office.
	closed := filepath.Join(dir, "closed")
	if code, _, e := runCLI(t, "run", "-q", "--villages", villages, "--services", services, "--roads", townOSM,
		"--boundaries", bounds, "--border", "closed", "--out", closed); code != 0 {
		t.Fatal(e)
	}
	h, rows = readCSV(t, filepath.Join(closed, "villages.csv"))
	if got := cell(t, h, rows["bridge"], "post_road_status"); got != "unreachable" {
		t.Errorf("closed border: bridge status %q, want unreachable", got)
	}
	if got := cell(t, h, rows["main"], "post_road_m"); got != "456.3" {
		t.Errorf("closed border: main road_m %q, want 456.3 (domestic route unaffected)", got)
	}

	// A prepared graph file gives the same report as the OSM file.
	graph := filepath.Join(dir, "town.graph")
	if code, _, e := runCLI(t, "prepare", "-q", townOSM, "-o", graph); code != 0 {
		t.Fatal(e)
	}
	fromGraph := filepath.Join(dir, "graph")
	if code, _, e := runCLI(t, "run", "-q", "--villages", villages, "--services", services, "--roads", graph, "--out", fromGraph); code != 0 {
		t.Fatal(e)
	}
	a := readFile(t, filepath.Join(out, "villages.csv"))
	b := readFile(t, filepath.Join(fromGraph, "villages.csv"))
	if a != b {
		t.Error("routing on the prepared graph differs from routing on the OSM file")
	}
	// So does a closed border, and the bridge is counted as crossing it.
	closedGraph := filepath.Join(dir, "closed-graph")
	if code, _, e := runCLI(t, "run", "-q", "--villages", villages, "--services", services, "--roads", graph,
		"--boundaries", bounds, "--border", "closed", "--out", closedGraph); code != 0 {
		t.Fatal(e)
	}
	if readFile(t, filepath.Join(closed, "villages.csv")) != readFile(t, filepath.Join(closedGraph, "villages.csv")) {
		t.Error("closed border: the prepared graph differs from the OSM file")
	}
	for _, d := range []string{closed, closedGraph} {
		if m := readFile(t, filepath.Join(d, "manifest.json")); !strings.Contains(m, `"border_crossing_edges": 1,`) {
			t.Errorf("%s: manifest does not count the bridge as the one border-crossing edge", filepath.Base(d))
		}
	}

	// A corrupt graph file is invalid data; a wrong profile a usage error.
	data, _ := os.ReadFile(graph)
	data[200] ^= 0xff // inside the first (car) graph
	bad := filepath.Join(dir, "bad.graph")
	os.WriteFile(bad, data, 0o644)
	if code, _, e := runCLI(t, "run", "-q", "--villages", villages, "--services", services, "--roads", bad, "--out", filepath.Join(dir, "x")); code != exitInvalid {
		t.Errorf("corrupt graph: exit %d (%s), want %d", code, e, exitInvalid)
	}
	onlyCar := filepath.Join(dir, "car.graph")
	if code, _, e := runCLI(t, "prepare", "-q", townOSM, "-o", onlyCar, "--profiles", "car"); code != 0 {
		t.Fatal(e)
	}
	if code, _, e := runCLI(t, "run", "-q", "--villages", villages, "--services", services, "--roads", onlyCar, "--profile", "foot", "--out", filepath.Join(dir, "y")); code != exitUsage || !strings.Contains(e, "no foot graph") {
		t.Errorf("missing profile: exit %d %q", code, e)
	}
	if code, _, _ := runCLI(t, "run", "-q", "--villages", villages, "--services", services, "--border", "closed"); code != exitUsage {
		t.Errorf("--border closed without roads: exit %d, want usage", code)
	}
}

// townWithCountries returns the town network with admin_level=2 relations
// for country AA (lon < 0.05) and, if both, BB (lon > 0.05), written to dir.
func townWithCountries(t *testing.T, dir string, both bool) string {
	t.Helper()
	data, err := os.ReadFile(townOSM)
	if err != nil {
		t.Fatal(err)
	}
	nodes := `  <node id="9001" version="1" lat="-1" lon="-1"/>
  <node id="9002" version="1" lat="-1" lon="0.05"/>
  <node id="9003" version="1" lat="1" lon="0.05"/>
  <node id="9004" version="1" lat="1" lon="-1"/>
  <node id="9005" version="1" lat="-1" lon="1"/>
  <node id="9006" version="1" lat="1" lon="1"/>
`
	ways := `  <way id="9001" version="1"><nd ref="9001"/><nd ref="9002"/><nd ref="9003"/><nd ref="9004"/><nd ref="9001"/></way>
  <way id="9002" version="1"><nd ref="9002"/><nd ref="9005"/><nd ref="9006"/><nd ref="9003"/><nd ref="9002"/></way>
`
	rel := func(id, way, code string) string {
		return `  <relation id="` + id + `" version="1"><member type="way" ref="` + way + `" role="outer"/>
    <tag k="type" v="boundary"/><tag k="boundary" v="administrative"/><tag k="admin_level" v="2"/>
    <tag k="ISO3166-1" v="` + code + `"/><tag k="name" v="` + code + `land"/></relation>
`
	}
	// A complete relation without an ISO code is no country, and not cut.
	rels := rel("9001", "9001", "AA") + strings.Replace(rel("9003", "9001", "XX"), `<tag k="ISO3166-1" v="XX"/>`, "", 1)
	if both {
		rels += rel("9002", "9002", "BB")
	}
	s := string(data)
	i, j := strings.Index(s, "  <way "), strings.Index(s, "</osm>")
	s = s[:i] + nodes + s[i:j] + ways + rels + s[j:]
	return writeFile(t, dir, "town-countries.osm", s)
}

// A closed border takes the countries from the extract's own admin_level=2
// relations when no --boundaries are given; land outside them counts as
// another country; an extract without any is a usage error.
func TestRunRoadsClosedBorderFromExtract(t *testing.T) {
	dir := t.TempDir()
	villages := writeFile(t, dir, "v.csv", "id,name,country,population,lon,lat\n"+
		"main,Main Street west end,AA,100,0.000,0.0001\n"+
		"bridge,West bridgehead,AA,50,0.048,0\n")
	services := writeFile(t, dir, "s.csv", "id,name,category,country,lon,lat\n"+
		"p1,Post east,amenity=post_office,AA,0.004,0\n"+
		"p2,Post across,amenity=post_office,BB,0.052,0\n")
	for _, both := range []bool{true, false} {
		osmFile := townWithCountries(t, t.TempDir(), both)
		out := filepath.Join(dir, fmt.Sprintf("closed-%v", both))
		code, _, e := runCLI(t, "run", "-q", "--villages", villages, "--services", services, "--roads", osmFile, "--border", "closed", "--out", out)
		if code != 0 {
			t.Fatal(e)
		}
		if e := withoutCoverageNotes(e); e != "" {
			t.Errorf("both=%v: unexpected stderr %q", both, e)
		}
		h, rows := readCSV(t, filepath.Join(out, "villages.csv"))
		if got := cell(t, h, rows["bridge"], "post_road_status"); got != "unreachable" {
			t.Errorf("both=%v: bridge status %q, want unreachable", both, got)
		}
		if got := cell(t, h, rows["main"], "post_road_m"); got != "456.3" {
			t.Errorf("both=%v: main road_m %q, want 456.3", both, got)
		}
		m := readFile(t, filepath.Join(out, "manifest.json"))
		if !strings.Contains(m, `"country_labels": "osm admin_level=2"`) {
			t.Errorf("both=%v: manifest does not say where the countries come from", both)
		}
		// Without BB's relation, the east bank lies outside every country;
		// the bridge crosses the border either way.
		if outside := strings.Contains(m, `"vertices_outside_every_country"`); outside == both {
			t.Errorf("both=%v: manifest reports vertices outside every country: %v", both, outside)
		}
		if !strings.Contains(m, `"border_crossing_edges": 1,`) {
			t.Errorf("both=%v: manifest does not count the bridge as the one border-crossing edge", both)
		}
		if strings.Contains(m, "countries_cut_by_extract_edge") {
			t.Errorf("both=%v: manifest lists countries cut by the extract edge; no relation is cut", both)
		}

		// A village without a country is not "outside": it snaps anywhere
		// and is routed like the others on its side.
		noCountry := writeFile(t, dir, "v0.csv", "id,name,country,population,lon,lat\nmain,Main Street west end,,100,0.000,0.0001\n")
		out0 := filepath.Join(dir, fmt.Sprintf("nocountry-%v", both))
		if code, _, e := runCLI(t, "run", "-q", "--cross-border=false", "--villages", noCountry, "--services", services,
			"--roads", osmFile, "--border", "closed", "--out", out0); code != 0 {
			t.Fatal(e)
		}
		h, rows = readCSV(t, filepath.Join(out0, "villages.csv"))
		if got := cell(t, h, rows["main"], "post_road_m"); got != "456.3" {
			t.Errorf("both=%v: village without a country: road_m %q, want 456.3", both, got)
		}
	}

	// A scenario closing the border needs no boundaries either.
	osmFile := townWithCountries(t, t.TempDir(), false)
	// The second variant also switches to the bicycle graph, which must be
	// labelled too.
	sc := writeFile(t, dir, "s.yaml", fmt.Sprintf("base:\n  villages: [%q]\n  services: [%q]\n  roads: [%q]\nvariants:\n"+
		"  - name: closed\n    changes:\n      - close_border: true\n"+
		"  - name: closed-bicycle\n    changes:\n      - set: {profile: bicycle}\n      - close_border: true\n",
		villages, services, osmFile))
	scOut := filepath.Join(dir, "scenario")
	if code, _, e := runCLI(t, "scenario", "-q", sc, "--out", scOut, "--variant-outputs", variantReports); code != 0 {
		t.Fatal(e)
	}
	for _, c := range []struct{ sub, want string }{{"base", "ok"}, {"closed", "unreachable"}, {"closed-bicycle", "unreachable"}} {
		h, rows := readCSV(t, filepath.Join(scOut, c.sub, "villages.csv"))
		if got := cell(t, h, rows["bridge"], "post_road_status"); got != c.want {
			t.Errorf("scenario %s: bridge %q, want %q", c.sub, got, c.want)
		}
	}
	// --boundaries that leave the east bank outside every polygon, as the
	// boundaries.geojson of 'partons extract' leaves out the countries an
	// extract's edge cuts: the land outside is one more country, and the
	// closed border does not leak through it, from the OSM file or from a
	// prepared graph.
	onlyAA := writeFile(t, dir, "aa.geojson", `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"country":"AA"},"geometry":{"type":"Polygon","coordinates":[[[-1,-1],[0.05,-1],[0.05,1],[-1,1],[-1,-1]]]}}]}`)
	graph := filepath.Join(dir, "town.graph")
	if code, _, e := runCLI(t, "prepare", "-q", townOSM, "-o", graph); code != 0 {
		t.Fatal(e)
	}
	for _, roads := range []string{townOSM, graph} {
		out := filepath.Join(dir, "aa-"+filepath.Base(roads))
		code, _, e := runCLI(t, "run", "-q", "--villages", villages, "--services", services, "--roads", roads, "--boundaries", onlyAA,
			"--border", "closed", "--out", out)
		if code != 0 || strings.Contains(e, "road vertices") {
			t.Fatalf("closed border, boundaries with a gap, %s: exit %d, stderr %q", roads, code, e)
		}
		h, rows := readCSV(t, filepath.Join(out, "villages.csv"))
		if got := cell(t, h, rows["bridge"], "post_road_status"); got != "unreachable" {
			t.Errorf("%s: boundaries with a gap: bridge %q, want unreachable", roads, got)
		}
		if got := cell(t, h, rows["main"], "post_road_m"); got != "456.3" {
			t.Errorf("%s: boundaries with a gap: main road_m %q, want 456.3", roads, got)
		}
		m := readFile(t, filepath.Join(out, "manifest.json"))
		if !strings.Contains(m, `"vertices_outside_every_country"`) || !strings.Contains(m, `"border_crossing_edges": 1,`) {
			t.Errorf("%s: manifest does not count the vertices outside and the bridge crossing into them", roads)
		}
	}
	code, _, e := runCLI(t, "run", "-q", "--villages", villages, "--services", services, "--roads", townOSM, "--border", "closed", "--out", filepath.Join(dir, "none"))
	if code != exitUsage || !strings.Contains(e, "no complete admin_level=2 relation") || !strings.Contains(e, "--boundaries") {
		t.Errorf("closed border, extract without countries: exit %d %q", code, e)
	}
}

// TestRunRoadsRealCrossBorder routes on the real Liechtenstein extract
// (© OpenStreetMap contributors, ODbL): a village at the Swiss end of the
// Buchs–Schaan Rhine bridge reaches the pharmacy in Vaduz only across the
// border.
func TestRunRoadsRealCrossBorder(t *testing.T) {
	const pbf = "../../datasets/osmroad/testdata/liechtenstein-2013-08-03.osm.pbf"
	dir := t.TempDir()
	villages := writeFile(t, dir, "v.csv", "id,name,country,population,lon,lat\n"+
		"vaduz,Vaduz,LI,5700,9.5215,47.1395\n"+
		"bridge,Buchs bridgehead,CH,100,9.4887,47.1690\n")
	services := writeFile(t, dir, "s.csv", "id,name,category,country,lon,lat\nph1,Apotheke,amenity=pharmacy,LI,9.5225,47.1410\n")
	cfg := writeFile(t, dir, "c.yaml", "coverage:\n  pharmacy: [LI, CH]\n")
	out := filepath.Join(dir, "open")
	if code, _, e := runCLI(t, "run", "-q", "--config", cfg, "--villages", villages, "--services", services, "--roads", pbf, "--out", out); code != 0 {
		t.Fatal(e)
	}
	h, rows := readCSV(t, filepath.Join(out, "villages.csv"))
	b := rows["bridge"]
	if cell(t, h, b, "pharmacy_road_status") != "ok" || cell(t, h, b, "pharmacy_road_country") != "LI" {
		t.Fatalf("bridgehead: %v", b)
	}
	// A road figure runs from the village to the service themselves, legs
	// to the network included: never shorter than the straight line (in
	// Vaduz, 125.4 m straight, the route between the snapped points is
	// 89.1 m), and across the bridge not absurdly longer.
	for _, c := range []struct {
		id  string
		max float64
	}{{"bridge", 3}, {"vaduz", 5}} {
		roadM := parseF(t, cell(t, h, rows[c.id], "pharmacy_road_m"))
		lineM := parseF(t, cell(t, h, rows[c.id], "pharmacy_nearest_m"))
		if id := c.id; roadM < lineM || roadM > c.max*lineM {
			t.Errorf("%s: road %v m vs straight line %v m", id, roadM, lineM)
		}
	}
	// With the border closed the bridgehead may only use Swiss roads, and
	// the extract holds none within the snapping tolerance but the bridge
	// itself: no route, and never a number. The countries come from
	// --boundaries, or else from the extract itself: Liechtenstein's
	// relation is complete, Switzerland's and Austria's are cut by the
	// extract edge, so their roads lie outside every country, which the
	// closed border treats as abroad from Liechtenstein.
	for _, c := range []struct{ name, bounds string }{
		{"closed", "../../testdata/liechtenstein/boundaries.geojson"}, {"closed-own", ""},
	} {
		args := []string{"run", "-q", "--config", cfg, "--villages", villages, "--services", services, "--roads", pbf,
			"--border", "closed", "--out", filepath.Join(dir, c.name)}
		if c.bounds != "" {
			args = append(args, "--boundaries", c.bounds)
		}
		if code, _, e := runCLI(t, args...); code != 0 {
			t.Fatal(e)
		}
		h, rows = readCSV(t, filepath.Join(dir, c.name, "villages.csv"))
		if got := cell(t, h, rows["bridge"], "pharmacy_road_status"); got != "unreachable" && got != "unsnapped" {
			t.Errorf("%s: bridgehead %q, want unreachable or unsnapped", c.name, got)
		}
		if got := cell(t, h, rows["bridge"], "pharmacy_road_m"); got != "" {
			t.Errorf("%s: bridgehead road_m %q, want empty", c.name, got)
		}
		if got := cell(t, h, rows["vaduz"], "pharmacy_road_status"); got != "ok" {
			t.Errorf("%s: Vaduz %q, want ok", c.name, got)
		}
	}
	own := filepath.Join(dir, "closed-own")
	m := readFile(t, filepath.Join(own, "manifest.json"))
	for _, s := range []string{`"country_labels": "osm admin_level=2"`, "Schweiz", "Österreich", `"vertices_outside_every_country"`} {
		if !strings.Contains(m, s) {
			t.Errorf("manifest lacks %s", s)
		}
	}
}

func parseF(t testing.TB, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return v
}

// TestRunFromOSMAlone: villages, services, boundaries and roads all from
// one real extract (Liechtenstein, © OpenStreetMap contributors, ODbL).
func TestRunFromOSMAlone(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r")
	code, stdout, stderr := runCLI(t, "run", "-q", "--osm", "../../datasets/osmroad/testdata/liechtenstein-2013-08-03.osm.pbf", "--out", out)
	if code != 0 {
		t.Fatal(stderr)
	}
	if !strings.Contains(stdout, "17 villages (LI 17), 60 services") || !strings.Contains(stdout, "roads (car, osm)") {
		t.Errorf("summary:\n%s", stdout)
	}
	h, rows := readCSV(t, filepath.Join(out, "villages.csv"))
	if len(rows) != 17 {
		t.Fatalf("%d villages", len(rows))
	}
	for id, r := range rows {
		if cell(t, h, r, "country") != "LI" || cell(t, h, r, "snap_m") == "" {
			t.Errorf("village %s: %v", id, r[:10])
		}
	}
	if code, _, _ := runCLI(t, "run", "-q", "--osm", "x.pbf", "--villages", "v.csv", "--out", out); code != exitUsage {
		t.Errorf("--osm with --villages: exit %d", code)
	}
	if code, _, _ := runCLI(t, "run", "-q", "--population", "p.csv", "--out", out); code != exitUsage {
		t.Errorf("--population without --osm: exit %d", code)
	}
}

// A graph file is written with the mode of any other output file (0666
// less the umask), and a run verifies every byte of it: a damaged graph of
// another profile or bytes after the last graph are invalid data too.
func TestPrepareGraphFileChecked(t *testing.T) {
	dir := t.TempDir()
	graph := filepath.Join(dir, "town.graph")
	if code, _, e := runCLI(t, "prepare", "-q", townOSM, "--profiles", "car,foot", "-o", graph); code != 0 {
		t.Fatal(e)
	}
	plain := writeFile(t, dir, "plain.txt", "x")
	gi, err := os.Stat(graph)
	if err != nil {
		t.Fatal(err)
	}
	pi, err := os.Stat(plain)
	if err != nil {
		t.Fatal(err)
	}
	if gi.Mode().Perm() != pi.Mode().Perm() {
		t.Errorf("graph file mode %v, want %v like any file created here", gi.Mode().Perm(), pi.Mode().Perm())
	}
	data, err := os.ReadFile(graph)
	if err != nil {
		t.Fatal(err)
	}
	flipped := bytes.Clone(data)
	flipped[len(flipped)-30] ^= 1 // in the foot graph
	villages := "../../testdata/hostile/graph/villages.csv"
	services := "../../testdata/hostile/graph/services.csv"
	for _, c := range []struct {
		name string
		data []byte
		msg  string
	}{
		{"flipped foot byte", flipped, "checksum of the foot graph"},
		{"appended byte", append(bytes.Clone(data), 0), "trailing data"},
	} {
		bad := filepath.Join(dir, "bad.graph")
		if err := os.WriteFile(bad, c.data, 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, e := runCLI(t, "run", "-q", "--villages", villages, "--services", services, "--roads", bad, "--out", filepath.Join(dir, "out"))
		if code != exitInvalid || !strings.Contains(e, c.msg) {
			t.Errorf("%s: exit %d %q, want %d saying %q", c.name, code, e, exitInvalid, c.msg)
		}
	}
	for _, args := range [][]string{
		{"prepare", townOSM},
		{"prepare", townOSM, "--profiles", "car,car", "-o", filepath.Join(dir, "x.graph")},
	} {
		if code, _, e := runCLI(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d %q, want %d", args, code, e, exitUsage)
		}
	}
}
