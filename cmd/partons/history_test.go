package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partons/partons/study"
	"github.com/partons/partons/study/compare"
)

// TestHistoryThreeYears runs three hand-made years of two villages on
// both sides of the border and sets them side by side: in 2025 the
// Belgian baker closes and Houtem's nearest baker is across the border;
// in 2026 the French village is left out and a baker opens in Houtem.
func TestHistoryThreeYears(t *testing.T) {
	dir := t.TempDir()
	villages := map[string]string{
		"2024": "id,name,country,population,lon,lat\nhoutem,Houtem,BE,500,2.5900,51.0000\nbray,Bray-Dunes,FR,300,2.5200,51.0700\n",
		"2025": "id,name,country,population,lon,lat\nhoutem,Houtem,BE,500,2.5900,51.0000\nbray,Bray-Dunes,FR,300,2.5200,51.0700\n",
		"2026": "id,name,country,population,lon,lat\nhoutem,Houtem,BE,500,2.5900,51.0000\n",
	}
	services := map[string]string{
		"2024": "id,name,category,country,lon,lat\nb-be,Bakker,shop=bakery,BE,2.5900,51.0050\nb-fr,Boulangerie,shop=bakery,FR,2.5600,50.9950\n",
		"2025": "id,name,category,country,lon,lat\nb-fr,Boulangerie,shop=bakery,FR,2.5600,50.9950\nb-far,Bakker Veurne,shop=bakery,BE,2.6600,51.0700\n",
		"2026": "id,name,category,country,lon,lat\nb-fr,Boulangerie,shop=bakery,FR,2.5600,50.9950\nb-far,Bakker Veurne,shop=bakery,BE,2.6600,51.0700\nb-new,Nieuwe bakker,shop=bakery,BE,2.5910,51.0010\n",
	}
	var args []string
	for _, y := range []string{"2024", "2025", "2026"} {
		v := writeFile(t, dir, "v"+y+".csv", villages[y])
		s := writeFile(t, dir, "s"+y+".csv", services[y])
		out := filepath.Join(dir, "r"+y)
		if code, _, stderr := runCLI(t, "run", "-q", "--villages", v, "--services", s, "--outputs", "villages.csv,areas.csv,services.csv", "--out", out); code != exitOK {
			t.Fatalf("run %s: exit %d: %s", y, code, stderr)
		}
		args = append(args, y+"="+out)
	}
	out := filepath.Join(dir, "history")
	code, stdout, stderr := runCLI(t, append([]string{"history", "--out", out}, args[2], args[0], args[1])...)
	if code != exitOK || !strings.Contains(stdout, "3 years (2024–2026), 2 villages, 1 categories") {
		t.Fatalf("exit %d: %s%s", code, stdout, stderr)
	}
	h, rows := csvRows(t, filepath.Join(out, "trends.csv"))[0], csvRows(t, filepath.Join(out, "trends.csv"))[1:]
	if len(rows) != 6 {
		t.Fatalf("%d rows, want 2 villages × 1 category × 3 years", len(rows))
	}
	get := func(village, year, col string) string {
		t.Helper()
		for _, r := range rows {
			if r[0] == village && cell(t, h, r, "year") == year {
				return cell(t, h, r, col)
			}
		}
		t.Fatalf("no row %s %s", village, year)
		return ""
	}
	for _, c := range []struct{ village, year, col, want string }{
		{"houtem", "2024", "nearest_id", "b-be"}, {"houtem", "2024", "nearest_side", "domestic"}, {"houtem", "2024", "covered_1200m", "true"},
		{"houtem", "2025", "nearest_id", "b-fr"}, {"houtem", "2025", "nearest_side", "abroad"}, {"houtem", "2025", "nearest_name", "Boulangerie"},
		{"houtem", "2025", "covered_1200m", "false"},
		{"houtem", "2026", "nearest_id", "b-new"}, {"houtem", "2026", "first_year", "2024"}, {"houtem", "2026", "last_year", "2026"},
		{"bray", "2026", "status", "missing_village"}, {"bray", "2026", "nearest_m", ""}, {"bray", "2025", "last_year", "2025"},
	} {
		if got := get(c.village, c.year, c.col); got != c.want {
			t.Errorf("%s %s %s = %q, want %q", c.village, c.year, c.col, got, c.want)
		}
	}
	// The distances are the runs' own: the change columns are their differences.
	d24, d25 := get("houtem", "2024", "nearest_m"), get("houtem", "2025", "nearest_m")
	if d24 == "" || d25 == "" || get("houtem", "2025", "change_from_previous_m") == "" {
		t.Errorf("distances %q, %q", d24, d25)
	}
	changes := readFile(t, filepath.Join(out, "service_changes.csv"))
	for _, want := range []string{"2024,2025,disappeared,b-be,Bakker,bakery,BE,", "2024,2025,appeared,b-far,Bakker Veurne,bakery,BE,",
		"2025,2026,appeared,b-new,Nieuwe bakker,bakery,BE,"} {
		if !strings.Contains(changes, want) {
			t.Errorf("service_changes.csv lacks %q:\n%s", want, changes)
		}
	}
	var m struct {
		Command string
		Runs    []compare.Run
		Outputs []study.ManifestOutput
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(out, "manifest.json"))), &m); err != nil {
		t.Fatal(err)
	}
	if m.Command != "history" || len(m.Runs) != 3 || m.Runs[0].Dir != "../r2026" || m.Runs[0].From != "argument" || len(m.Outputs) != 4 || len(m.Outputs[0].SHA256) != 64 {
		t.Errorf("manifest %+v", m)
	}

	// Errors: an undated run, two reports of one year.
	if code, _, stderr := runCLI(t, "history", "--out", filepath.Join(dir, "h2"), filepath.Join(dir, "r2024"), args[1]); code != exitUsage ||
		!strings.Contains(stderr, "cannot tell the year of") {
		t.Errorf("undated: exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "history", "--out", filepath.Join(dir, "h3"), args[0], "2024="+filepath.Join(dir, "r2025")); code != exitUsage ||
		!strings.Contains(stderr, "are both of 2024") {
		t.Errorf("same year: exit %d: %s", code, stderr)
	}
}
