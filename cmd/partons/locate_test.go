package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// runLocateCmd runs `partons locate` with args and returns stdout and the
// exit code execute would give.
func runLocateCmd(t *testing.T, args ...string) (string, int) {
	t.Helper()
	cmd := newLocateCmd()
	cmd.SetArgs(args)
	var out, errb bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&errb)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	err := cmd.Execute()
	if err != nil {
		t.Logf("locate %v: %v", args, err)
	}
	return out.String(), exitCode(err)
}

// sfMatrix writes spopt's San Francisco benchmark (testdata/spopt-sf) as
// an origin_id,destination_id,cost matrix and an id,population table.
func sfMatrix(t *testing.T) (matrix, demand string) {
	t.Helper()
	dir := t.TempDir()
	read := func(name string) [][]string {
		f, err := os.Open(filepath.Join("..", "..", "testdata", "spopt-sf", name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		recs, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return recs
	}
	var m, d strings.Builder
	m.WriteString("origin_id,destination_id,cost\n")
	for _, r := range read("SF_network_distance_candidateStore_16_censusTract_205_new.csv")[1:] {
		m.WriteString(r[2] + "," + r[1] + "," + r[0] + "\n") // distance,name,DestinationName
	}
	d.WriteString("id,population\n")
	for _, r := range read("SF_demand_205_centroid_uniform_weight.csv")[1:] {
		d.WriteString(r[3] + "," + r[6] + "\n") // NAME, POP2000
	}
	matrix, demand = filepath.Join(dir, "od.csv"), filepath.Join(dir, "demand.csv")
	if err := os.WriteFile(matrix, []byte(m.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(demand, []byte(d.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return matrix, demand
}

func readSummary(t *testing.T, dir string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// csvRows reads a whole CSV file, failing the test on any error.
func csvRows(t testing.TB, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// TestLocateSpoptMatrix reproduces spopt's published San Francisco results
// through the command line and an external matrix.
func TestLocateSpoptMatrix(t *testing.T) {
	matrix, demand := sfMatrix(t)
	cases := []struct {
		args      []string
		objective float64
		sites     int
		covered   float64
	}{
		{[]string{"--model", "lscp", "--radius", "5000"}, 8, 8, 955113},
		{[]string{"--model", "mclp", "--p", "4", "--radius", "5000"}, 875247, 4, 875247},
		{[]string{"--model", "pmedian", "--p", "4"}, 2848268129.7145, 4, -1},
		{[]string{"--model", "pcenter", "--p", "4"}, 7403.0638, 4, -1},
	}
	for _, tc := range cases {
		t.Run(tc.args[1], func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "r")
			args := append(tc.args, "--matrix", matrix, "--demand", demand, "--out", out, "-q")
			stdout, code := runLocateCmd(t, args...)
			if code != exitOK {
				t.Fatalf("exit %d", code)
			}
			t.Log(stdout)
			s := readSummary(t, out)
			if got := s["objective"].(float64); math.Abs(got-tc.objective) > 1e-3 {
				t.Errorf("objective %v, spopt %v", got, tc.objective)
			}
			if s["optimal"] != true || s["gap"].(float64) != 0 {
				t.Errorf("optimal %v gap %v", s["optimal"], s["gap"])
			}
			if tc.covered >= 0 && s["covered_population"].(float64) != tc.covered {
				t.Errorf("covered %v, want %v", s["covered_population"], tc.covered)
			}
			sites := csvRows(t, filepath.Join(out, "sites.csv"))
			if len(sites) != 1+tc.sites || sites[0][0] != "site_id" {
				t.Errorf("sites.csv: %v", sites)
			}
			assign := csvRows(t, filepath.Join(out, "assignment.csv"))
			if len(assign) != 1+205 {
				t.Errorf("assignment.csv has %d rows, want 205", len(assign)-1)
			}
			if _, err := os.Stat(filepath.Join(out, "sites.geojson")); !os.IsNotExist(err) {
				t.Errorf("sites.geojson written without geometry")
			}
		})
	}
}

// TestLocateWesthoek runs the README demo on the embedded sample and
// checks the report's consistency and reproducibility.
func TestLocateWesthoek(t *testing.T) {
	dir := t.TempDir()
	args := func(out string) []string {
		return []string{"--model", "mclp", "--p", "3", "--radius", "5000", "--out", out, "-q"}
	}
	stdout, code := runLocateCmd(t, args(filepath.Join(dir, "a"))...)
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	t.Log(stdout)
	s := readSummary(t, filepath.Join(dir, "a"))
	if s["demand_points"].(float64) != 309 || s["demand_points_population_unknown"].(float64) != 105 {
		t.Errorf("demand points %v, unknown population %v; want 309 and 105", s["demand_points"], s["demand_points_population_unknown"])
	}
	if s["objective"] != s["covered_population"] || len(s["sites"].([]any)) != 3 {
		t.Errorf("objective %v covered %v sites %v", s["objective"], s["covered_population"], s["sites"])
	}
	if !strings.Contains(stdout, "unknown population: 105") {
		t.Errorf("stdout does not report the unknown populations:\n%s", stdout)
	}
	// The covered population is the sum of the known populations of the
	// assignment rows marked covered.
	rows := csvRows(t, filepath.Join(dir, "a", "assignment.csv"))
	col := map[string]int{}
	for k, h := range rows[0] {
		col[h] = k
	}
	sum := 0.0
	for _, r := range rows[1:] {
		if r[col["covered"]] == "true" && r[col["population"]] != "" {
			var v float64
			if err := json.Unmarshal([]byte(r[col["population"]]), &v); err != nil {
				t.Fatal(err)
			}
			sum += v
		}
	}
	if sum != s["covered_population"].(float64) {
		t.Errorf("covered rows sum to %v, summary says %v", sum, s["covered_population"])
	}
	var fc struct {
		Features []struct {
			Geometry struct{ Type string }
		}
	}
	for name, typ := range map[string]string{"sites.geojson": "Point", "assignment.geojson": "LineString"} {
		b, err := os.ReadFile(filepath.Join(dir, "a", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &fc); err != nil || len(fc.Features) == 0 || fc.Features[0].Geometry.Type != typ {
			t.Errorf("%s: %v, %d features", name, err, len(fc.Features))
		}
	}
	// Same inputs, same bytes.
	if _, code := runLocateCmd(t, args(filepath.Join(dir, "b"))...); code != exitOK {
		t.Fatalf("second run: exit %d", code)
	}
	for _, f := range []string{"sites.csv", "assignment.csv", "summary.json", "sites.geojson", "assignment.geojson"} {
		a, _ := os.ReadFile(filepath.Join(dir, "a", f))
		b, _ := os.ReadFile(filepath.Join(dir, "b", f))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two identical runs", f)
		}
	}
}

func TestLocateErrors(t *testing.T) {
	matrix, demand := sfMatrix(t)
	bad := filepath.Join(t.TempDir(), "demand.csv")
	os.WriteFile(bad, []byte("id,population\n060750479.01,10\n"), 0o644)
	out := filepath.Join(t.TempDir(), "r")
	cases := []struct {
		name string
		args []string
		code int
	}{
		{"no model", []string{"--p", "3"}, exitUsage},
		{"unknown model", []string{"--model", "kmeans"}, exitUsage},
		{"mclp without p", []string{"--model", "mclp", "--radius", "5"}, exitUsage},
		{"pmedian with radius", []string{"--model", "pmedian", "--p", "2", "--radius", "5"}, exitUsage},
		{"lscp with p", []string{"--model", "lscp", "--p", "2", "--radius", "5"}, exitUsage},
		{"p too large", []string{"--model", "pmedian", "--p", "17", "--matrix", matrix, "--demand", demand}, exitUsage},
		{"unknown fixed id", []string{"--model", "pmedian", "--p", "2", "--fixed", "Store_99", "--matrix", matrix, "--demand", demand}, exitUsage},
		{"matrix without demand", []string{"--model", "pmedian", "--p", "2", "--matrix", matrix}, exitUsage},
		{"origins missing from demand", []string{"--model", "pmedian", "--p", "2", "--matrix", matrix, "--demand", bad}, exitInvalid},
		// Seconds past what a time.Duration holds wrapped to a negative
		// limit; a tiny one rounded to 0, no limit at all.
		{"time limit past a duration", []string{"--model", "pmedian", "--p", "2", "--time-limit-s", "1e10", "--matrix", matrix, "--demand", demand}, exitUsage},
		{"time limit rounding to none", []string{"--model", "pmedian", "--p", "2", "--time-limit-s", "1e-12", "--matrix", matrix, "--demand", demand}, exitUsage},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if _, code := runLocateCmd(t, append(tc.args, "--out", out, "-q")...); code != tc.code {
				t.Errorf("exit %d, want %d", code, tc.code)
			}
		})
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed run left %s behind", out)
	}
}

// TestLocateFixedAndExcluded: locking a store open and excluding another
// changes the answer accordingly.
func TestLocateFixedAndExcluded(t *testing.T) {
	matrix, demand := sfMatrix(t)
	out := filepath.Join(t.TempDir(), "r")
	_, code := runLocateCmd(t, "--model", "mclp", "--p", "3", "--radius", "5000", "--fixed", "Store_1",
		"--exclude", "Store_2", "--matrix", matrix, "--demand", demand, "--out", out, "-q")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	sites := csvRows(t, filepath.Join(out, "sites.csv"))
	var fixed, excluded int
	for _, r := range sites[1:] {
		if r[0] == "Store_1" && r[2] == "fixed" {
			fixed++
		}
		if r[0] == "Store_2" {
			excluded++
		}
	}
	if len(sites) != 1+4 || fixed != 1 || excluded != 0 {
		t.Errorf("sites.csv: %v", sites)
	}
}

// TestLocateRoads: on the hand-written town network, villages 5 km apart
// by road each need their own site within 1 km, the island is served by
// itself, and the village 12 km from any road is reported, not dropped.
func TestLocateRoads(t *testing.T) {
	dir := t.TempDir()
	villages := writeFile(t, dir, "v.csv", "id,name,country,population,lon,lat\n"+
		"main,Main Street west end,AA,100,0.000,0.0001\n"+
		"bridge,West bridgehead,AA,50,0.048,0\n"+
		"island,Island,AA,10,0.030,0\n"+
		"far,Far away,AA,5,0.1,0.1\n")
	out := filepath.Join(dir, "r")
	stdout, code := runLocateCmd(t, "--model", "lscp", "--radius", "1000", "--villages", villages, "--roads", townOSM, "--out", out, "-q")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	t.Log(stdout)
	s := readSummary(t, out)
	if s["objective"].(float64) != 3 || s["cost"] != "road length (car)" || s["cost_unit"] != "m" {
		t.Errorf("objective %v cost %v %v", s["objective"], s["cost"], s["cost_unit"])
	}
	if u := s["uncoverable"].([]any); len(u) != 1 || u[0] != "far" {
		t.Errorf("uncoverable %v, want [far]", u)
	}
	rows := csvRows(t, filepath.Join(out, "assignment.csv"))
	for _, r := range rows[1:] {
		wantSite, wantStatus := r[0], "ok"
		if r[0] == "far" {
			wantSite, wantStatus = "", "uncoverable"
		}
		if r[3] != wantSite || r[len(r)-1] != wantStatus || (wantSite != "" && r[5] != "0.0") {
			t.Errorf("assignment row %v", r)
		}
	}
}

// TestLocateCapacities: with capacities the assignment respects them and
// sends every person somewhere.
func TestLocateCapacities(t *testing.T) {
	matrix, demand := sfMatrix(t)
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("id,capacity\n")
	for k := 1; k <= 19; k++ { // the 16 stores are numbered up to 19
		b.WriteString("Store_" + strconv.Itoa(k) + ",250000\n")
	}
	capa := writeFile(t, dir, "cap.csv", b.String())
	out := filepath.Join(dir, "r")
	if _, code := runLocateCmd(t, "--model", "pmedian", "--p", "4", "--capacities", capa, "--matrix", matrix, "--demand", demand, "--out", out, "-q"); code != exitOK {
		t.Fatalf("exit %d", code)
	}
	s := readSummary(t, out)
	if s["optimal"] != true || s["objective"].(float64) < 2848268129.7145 {
		t.Errorf("capacitated objective %v (optimal %v) below the uncapacitated optimum", s["objective"], s["optimal"])
	}
	load := map[string]float64{}
	total := 0.0
	for _, r := range csvRows(t, filepath.Join(out, "assignment.csv"))[1:] {
		var w float64
		json.Unmarshal([]byte(r[6]), &w)
		load[r[3]] += w
		total += w
	}
	for site, l := range load {
		if l > 250000+1e-6 {
			t.Errorf("site %s serves %v > capacity 250000", site, l)
		}
	}
	if math.Abs(total-955113) > 1e-6 {
		t.Errorf("assigned %v people, want 955113", total)
	}
}

func TestLocateVisualReports(t *testing.T) {
	out := filepath.Join(t.TempDir(), "where")
	cmd := newLocateCmd()
	var stdout, stderr bytes.Buffer
	cmd.SetOut(&stdout)
	cmd.SetErr(&stderr)
	cmd.SetArgs([]string{"--model", "mclp", "--p", "2", "--radius", "5000", "--format", "gpkg", "--lang", "fr", "--out", out, "-q"})
	if err := cmd.ExecuteContext(context.Background()); err != nil {
		t.Fatal(err, stderr.String())
	}
	html, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil || !bytes.Contains(html, []byte(`lang="fr"`)) {
		t.Fatalf("report.html: %v", err)
	}
	gpkg, err := os.ReadFile(filepath.Join(out, "partons.gpkg"))
	if err != nil || !bytes.Contains(gpkg, []byte("sites")) {
		t.Fatalf("partons.gpkg without a sites layer: %v", err)
	}
}

// A weighted model on villages whose populations are all unknown scores
// every choice of sites 0: the "optimal" sites are arbitrary. partons says
// so on stderr, in summary.json (status no_demand_weight) and in the
// report, and not for a model that ignores population.
func TestLocateNoPopulationWarns(t *testing.T) {
	dir := t.TempDir()
	villages := writeFile(t, dir, "v.csv", "id,name,country,lon,lat\na,Alpha,BE,2.90,50.85\nb,Beta,BE,2.95,50.86\nc,Gamma,FR,2.60,50.80\n")
	for _, tc := range []struct {
		model  string
		status string
	}{{"pmedian", "no_demand_weight"}, {"mclp", "no_demand_weight"}, {"pcenter", "ok"}} {
		t.Run(tc.model, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "where")
			args := []string{"locate", "--model", tc.model, "--p", "1", "--villages", villages, "--lang", "fr", "--out", out, "-q"}
			if tc.model == "mclp" {
				args = append(args, "--radius", "3000")
			}
			code, stdout, stderr := runCLI(t, args...)
			if code != 0 {
				t.Fatal(stderr)
			}
			var s struct {
				Status   string   `json:"status"`
				Warnings []string `json:"warnings"`
			}
			if err := json.Unmarshal([]byte(readFile(t, filepath.Join(out, "summary.json"))), &s); err != nil {
				t.Fatal(err)
			}
			html := readFile(t, filepath.Join(out, "report.html"))
			warned := tc.status != "ok"
			if s.Status != tc.status || (len(s.Warnings) > 0) != warned {
				t.Errorf("summary.json status %q warnings %q, want %q", s.Status, s.Warnings, tc.status)
			}
			if strings.Contains(stderr, "sites reported are arbitrary") != warned || strings.Contains(stdout, "arbitrary") != warned {
				t.Errorf("stdout %q stderr %q: warning expected %v", stdout, stderr, warned)
			}
			if strings.Contains(html, "sont arbitraires") != warned {
				t.Errorf("report.html: French warning expected %v", warned)
			}
		})
	}
}

// TestLocateReportShowsRoadCosts: a locate run on roads reports what it
// computed, not a new straight-line analysis: report.html has the road
// section, and its median route is the road cost of assignment.csv
// (234 m by road; the straight line to the same site is 223 m).
func TestLocateReportShowsRoadCosts(t *testing.T) {
	dir := t.TempDir()
	villages := writeFile(t, dir, "v.csv", "id,name,country,population,lon,lat\n"+
		"main,Main Street west end,AA,100,0.000,0.0001\n"+
		"bridge,West bridgehead,AA,50,0.048,0\n"+
		"b2,Near bridge,AA,60,0.046,0.0001\n"+
		"m2,Near main,AA,70,0.002,0.0001\n")
	out := filepath.Join(dir, "r")
	if _, code := runLocateCmd(t, "--model", "mclp", "--p", "1", "--radius", "20000", "--villages", villages, "--roads", townOSM, "--out", out, "-q"); code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var cost string
	for _, r := range csvRows(t, filepath.Join(out, "assignment.csv"))[1:] {
		if r[0] == "main" {
			cost = r[5]
		}
	}
	if cost != "233.7" {
		t.Fatalf("assignment.csv: main costs %q, want 233.7 m by road", cost)
	}
	html := readFile(t, filepath.Join(out, "report.html"))
	i := strings.Index(html, "<h2>By road</h2>")
	if i < 0 {
		t.Fatal("report.html of a locate run on roads has no road section")
	}
	road := html[i:]
	if j := strings.Index(road, "</table>"); j > 0 {
		road = road[:j]
	}
	for _, want := range []string{"(car, shortest route)", "234\u00a0m"} {
		if !strings.Contains(road, want) {
			t.Errorf("road section lacks %q:\n%s", want, road)
		}
	}
}
