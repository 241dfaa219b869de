package site

import (
	"strings"
	"testing"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/indicators"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/render/site/input"
)

// indicatorFixture is indicators.csv for one Belgian village, be1, as
// analysis/indicators writes it for a hand-made result: every measured
// member of both sets is known; the pharmacy is 3000 m away across the
// border and 5000 m at home, the dentist 6000 m across and 8000 m at
// home, everything else nearer.
func indicatorFixture(t testing.TB) []input.Row {
	t.Helper()
	cats := []string{"bakery", "butcher", "grocery", "gp", "pharmacy", "primary_school", "kindergarten", "dentist", "post"}
	near := []float64{900, 2000, 400, 1100, 3000, 500, 700, 6000, 1200}
	home := []float64{900, 2000, 400, 1100, 5000, 500, 700, 8000, 2500}
	res := &analysis.Result{Categories: cats, Villages: []datasets.Village{{ID: "be1", Name: "Ieper", Country: "BE"}},
		Rows: []analysis.VillageResult{{}}}
	for i := range cats {
		res.Services = append(res.Services, datasets.Service{ID: "n" + cats[i], Country: "FR"}, datasets.Service{ID: "h" + cats[i], Country: "BE"})
		n, h := int32(2*i), int32(2*i+1)
		if near[i] == home[i] {
			n = h
		}
		res.Rows[0].Cats = append(res.Rows[0].Cats, analysis.CategoryResult{NearestM: near[i], NearestService: n, DomesticM: home[i], DomesticService: h})
	}
	var sets []indicators.Set
	for _, name := range []string{"flemish_basic_services", "insee_gamme_proximite"} {
		s, _ := indicators.Lookup(name)
		sets = append(sets, s)
	}
	tb := indicators.Table(res, sets)
	var rows []input.Row
	for i := range tb.Len {
		row := input.Row{}
		for j, c := range tb.Row(i, nil) {
			row[tb.Columns[j].Name] = c.Text()
		}
		rows = append(rows, row)
	}
	return rows
}

// TestIndicatorRows: each set's row "all", at home then anywhere, read
// as the hand-made distances give them: the Flemish basket is complete
// (its farthest member the pharmacy, within 3.75 km only across the
// border); the gamme de proximité is a lower bound over the 9 of its 27
// types partons measures (its farthest the dentist).
func TestIndicatorRows(t *testing.T) {
	got := indicatorRows(indicatorFixture(t), qml.EN)
	want := []string{
		"Toegang tot basisvoorzieningen (Vlaanderen)|nl|true|2|at home|5.0 km|≤ 1.2 km: no · ≤ 3.75 km: no|complete",
		"Toegang tot basisvoorzieningen (Vlaanderen)|nl|false|0|anywhere|3.0 km|≤ 1.2 km: no · ≤ 3.75 km: yes|complete",
		"Gamme de proximité de la Base permanente des équipements (INSEE)|fr|true|2|at home|8.0 km|–|lower bound: types measured (9/27)",
		"Gamme de proximité de la Base permanente des équipements (INSEE)|fr|false|0|anywhere|6.0 km|–|lower bound: types measured (9/27)",
	}
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d: %+v", len(got), len(want), got)
	}
	for i, r := range got {
		s := strings.Join([]string{r.Title, r.TitleLang, map[bool]string{true: "true", false: "false"}[r.First], itoa(r.Rows), r.Basis, r.Farthest, r.Within, r.Reading}, "|")
		if s != want[i] {
			t.Errorf("row %d:\n got %s\nwant %s", i, s, want[i])
		}
	}
	// An unknown member leaves the set incomplete: no distance, no
	// threshold reading. French puts a space before the colon.
	rows := indicatorFixture(t)
	for _, r := range rows {
		if r["indicator"] == "flemish_basic_services" && r["basis"] == "nearest" && r["member"] == "all" {
			r["status"], r["nearest_m"], r["within_1200m"], r["within_3750m"] = indicators.StatusIncomplete, "", "", ""
		}
	}
	fr := indicatorRows(rows, qml.FR)
	if fr[0].Within != "≤ 1,2 km : non · ≤ 3,75 km : non" || fr[1].Farthest != "inconnu" || fr[1].Within != "–" ||
		!strings.HasPrefix(fr[1].Reading, "incomplet") {
		t.Errorf("fr rows %+v", fr[:2])
	}
	if indicatorRows(nil, qml.EN) != nil {
		t.Error("rows without indicators")
	}
}

// TestIndicatorsOnVillagePage: a run with indicators.csv shows both
// offices' indicators side by side on its village's page, in every
// language; a village without rows, and a run without the file, show no
// such section.
func TestIndicatorsOnVillagePage(t *testing.T) {
	runs := load(t, fixtureRuns[1])
	runs[0].Indicators = map[string][]input.Row{"be1": indicatorFixture(t)}
	files := build(t, runs, Config{})
	for _, l := range qml.Langs {
		page := string(files[string(l)+"/ieper.html"])
		if !strings.Contains(page, `<section aria-labelledby="ind-h">`) ||
			!strings.Contains(page, `<th scope="rowgroup" rowspan="2" lang="nl">Toegang tot basisvoorzieningen (Vlaanderen)</th>`) ||
			!strings.Contains(page, `<th scope="rowgroup" rowspan="2" lang="fr">Gamme de proximité de la Base permanente des équipements (INSEE)</th>`) {
			t.Errorf("%s/ieper.html does not show both indicators", l)
		}
	}
	for _, name := range []string{"en/ieper-2.html", "en/dunkerque.html"} {
		if page, ok := files[name]; !ok || strings.Contains(string(page), `id="ind-h"`) {
			t.Errorf("%s: missing, or an indicators section without indicator rows", name)
		}
	}
	if strings.Contains(string(build(t, load(t, fixtureRuns[1]), Config{})["en/ieper.html"]), `id="ind-h"`) {
		t.Error("a run without indicators.csv has an indicators section")
	}
}

// TestLoadIndicators reads a run written with indicators (see
// testdata/README.md): its indicators.csv is read through the manifest,
// every village has its rows, and Ieper's page shows its Flemish basket
// at the distance of its farthest member (the pharmacy p4, 7551.9 m in
// villages.csv) while the gamme is incomplete (no post in the run).
func TestLoadIndicators(t *testing.T) {
	runs := load(t, "testdata/runs-indicators/2026")
	if n := len(runs[0].Indicators); n != len(runs[0].Villages) {
		t.Fatalf("indicator rows for %d villages, want %d", n, len(runs[0].Villages))
	}
	page := string(build(t, runs, Config{})["en/ieper.html"])
	for _, want := range []string{
		`<td>at home</td><td class="n">7.6 km</td><td>≤ 1.2 km: no · ≤ 3.75 km: no</td><td>complete</td>`,
		`<td>anywhere</td><td class="n">unknown</td><td>–</td><td>incomplete: a service is unknown to the data</td>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("en/ieper.html lacks %s", want)
		}
	}
}
