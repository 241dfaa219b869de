package report

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/render/report/figures"
	"github.com/partons/partons/render/report/input"
	"github.com/partons/partons/render/report/reporttest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func render(t testing.TB, in input.Input) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, in); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var tagRE = regexp.MustCompile(`<(h1|h2|h3)[^>]*>(.*?)</(?:h1|h2|h3)>|<svg class="(map|chart)"|<table>|<tr>|<article class="([^"]*)"|<section`)

// outline is the report's structure: headings in order, and per section
// the number of maps, charts, tables and rows.
func outline(html string) string {
	var b strings.Builder
	counts := map[string]int{}
	flush := func() {
		if len(counts) > 0 {
			fmt.Fprintf(&b, "  maps=%d charts=%d tables=%d rows=%d cards=%d\n", counts["map"], counts["chart"], counts["table"], counts["tr"], counts["card"])
		}
		counts = map[string]int{}
	}
	for _, m := range tagRE.FindAllStringSubmatch(html, -1) {
		switch {
		case m[1] == "h1" || m[1] == "h2":
			flush()
			fmt.Fprintf(&b, "%s %s\n", m[1], m[2])
		case m[1] == "h3":
			fmt.Fprintf(&b, "  h3 %s\n", m[2])
		case m[3] != "":
			counts[m[3]]++
		case m[4] != "":
			counts["card"]++
		case m[0] == "<table>":
			counts["table"]++
		case m[0] == "<tr>":
			counts["tr"]++
		}
	}
	flush()
	return b.String()
}

// TestGoldenOutline pins the structure of the demo report in each
// language: headings, and the maps, charts, tables and rows per section.
func TestGoldenOutline(t *testing.T) {
	for _, l := range qml.Langs {
		got := outline(render(t, demoInput(t, l)))
		path := filepath.Join("testdata", "outline_"+string(l)+".txt")
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./render/report -run Golden -update)", err)
		}
		if got != string(want) {
			t.Errorf("%s: outline differs from %s; if deliberate, run go test ./render/report -run Golden -update\n%s", l, path, got)
		}
	}
}

func TestDeterministicAndSelfContained(t *testing.T) {
	a := render(t, demoInput(t, qml.FR))
	b := render(t, demoInput(t, qml.FR))
	if a != b {
		t.Fatal("two renders differ")
	}
	for _, bad := range []string{"http://", "https://", "<script", "<link", "<img", "src=", "url(", "@import"} {
		if strings.Contains(strings.ToLower(a), bad) {
			t.Errorf("report contains %q", bad)
		}
	}
	if !strings.HasPrefix(a, "<!DOCTYPE html>\n<html lang=\"fr\">") || !strings.HasSuffix(a, "</html>\n") {
		t.Error("not a complete HTML document in French")
	}
	// every <use> refers to a shape defined once
	defs := map[string]bool{}
	for _, m := range regexp.MustCompile(`<path id="([va]\d+)"`).FindAllStringSubmatch(a, -1) {
		if defs[m[1]] {
			t.Errorf("shape %s defined twice", m[1])
		}
		defs[m[1]] = true
	}
	for _, m := range regexp.MustCompile(`<use href="#([va]\d+)"`).FindAllStringSubmatch(a, -1) {
		if !defs[m[1]] {
			t.Fatalf("<use> of undefined shape %s", m[1])
		}
	}
	if len(defs) != 111 {
		t.Errorf("%d polygon shapes, want the 111 French communes", len(defs))
	}
}

// The headline share of Belgians within 1.2 km of a postal point is
// recomputed here from the per-village rows, independently of the
// aggregates, and must appear in each language's format.
func TestHeadlineOracle(t *testing.T) {
	res, _ := demo(t)
	c := figures.CatIndex(res, "post")
	var pop, within float64
	for v, vl := range res.Villages {
		cr := res.Rows[v].Cats[c]
		if vl.Country != "BE" || !vl.HasPopulation || cr.Status != analysis.StatusOK {
			continue
		}
		pop += vl.Population
		if cr.NearestM <= 1200 {
			within += vl.Population
		}
	}
	share := within / pop
	for l, want := range map[qml.Lang]string{
		qml.NL: fmt.Sprintf("%.1f\u00a0%%", 100*share), qml.FR: fmt.Sprintf("%.1f\u00a0%%", 100*share), qml.EN: fmt.Sprintf("%.1f%%", 100*share),
	} {
		if l != qml.EN {
			want = strings.Replace(want, ".", ",", 1)
		}
		html := render(t, demoInput(t, l))
		row := regexp.MustCompile(`<tr><td class="l">` + regexp.QuoteMeta(l.Category("post")) + `</td><td>([^<]*)</td>`).FindStringSubmatch(html)
		if row == nil || row[1] != want {
			t.Errorf("%s: post BE ≤ 1.2 km cell %v, want %q", l, row, want)
		}
	}
}

func TestPlaceNames(t *testing.T) {
	for _, tc := range []struct {
		lang      qml.Lang
		in, want  string
		overrides map[string]map[qml.Lang]string
	}{
		{qml.FR, "Ieper", "Ypres (Ieper)", nil},
		{qml.EN, "Ieper", "Ypres (Ieper)", nil},
		{qml.NL, "Ieper", "Ieper", nil},
		{qml.NL, "Dunkerque", "Duinkerke (Dunkerque)", nil},
		{qml.EN, "Dunkerque", "Dunkirk (Dunkerque)", nil},
		{qml.FR, "Watou", "Watou", nil},
		{qml.FR, "Watou", "Watou-lez-X (Watou)", map[string]map[qml.Lang]string{"Watou": {qml.FR: "Watou-lez-X"}}},
	} {
		in := input.Input{Lang: tc.lang, Names: tc.overrides}
		if got := (&doc{&in}).displayName(tc.in); got != tc.want {
			t.Errorf("%s %s: %q, want %q", tc.lang, tc.in, got, tc.want)
		}
	}
	if !strings.Contains(render(t, demoInput(t, qml.FR)), "Ypres (Ieper)") {
		t.Error("the French report does not name Ieper Ypres")
	}
}

// Class boundaries match QGIS's ranges: inclusive upper bound, first
// match wins, NULL grey.

// Write refuses an inconsistent Input (input.Check).
func TestWriteChecksInput(t *testing.T) {
	if err := Write(&bytes.Buffer{}, input.Input{}); !errors.Is(err, input.ErrInput) {
		t.Errorf("no result: err = %v, want ErrInput", err)
	}
}

// The optional sections render from the same Input.
func TestScenarioAndSites(t *testing.T) {
	in := demoInput(t, qml.EN)
	res := in.Result
	delta := make([]float64, len(res.Villages))
	for v := range delta {
		delta[v] = math.NaN()
	}
	delta[0], delta[1], delta[2] = 2500, -800, 0
	in.Scenario = &input.Scenario{Name: "Close one post office", Category: "post", DeltaM: delta}
	in.Sites = []input.Site{{Name: "Site A", Category: "post", Location: orb.Point{2.7, 50.9}, PeopleServed: 1234}}
	html := render(t, in)
	for _, want := range []string{"Scenario: Close one post office", "Villages that lose", "Villages that gain", "+2.5\u00a0km", "−800\u00a0m", "Site A", "1,234"} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %q", want)
		}
	}
}

// Example renders the embedded Westhoek sample's report in French and
// prints its main category and headings.
func Example() {
	in := demoInput(nil, qml.FR)
	var b bytes.Buffer
	if err := Write(&b, in); err != nil {
		panic(err)
	}
	fmt.Println(input.MainCategory(in.Result))
	for _, m := range regexp.MustCompile(`<h2>(.*?)</h2>`).FindAllStringSubmatch(b.String(), -1) {
		fmt.Println(m[1])
	}
	// Output:
	// post
	// À lire d&#39;abord
	// Chiffres clés par pays
	// Cartes et distributions
	// Par territoire : point postal
	// Villages les moins bien desservis
	// Sources des données
}

// An empty run still renders (a header and the method), and so does a
// run without cross-border metrics.
func TestEdgeCases(t *testing.T) {
	empty := &analysis.Result{Params: analysis.DefaultParams()}
	if html := render(t, input.Input{Result: empty, Lang: qml.NL}); !strings.Contains(html, "<h1>Toegang tot dagelijkse diensten</h1>") {
		t.Error("empty report has no title")
	}
	r := reporttest.Synthetic([]string{"BE", "FR"}, []float64{10, 20}, []float64{100, 5000})
	r.Params.CrossBorder = false
	html := render(t, input.Input{Result: r, Lang: "xx"}) // unknown language: English
	if !strings.Contains(html, `<html lang="en">`) || !strings.Contains(html, "post office") {
		t.Error("non-cross-border report in English expected")
	}
}

// The "read this first" box lists a category as not covered in a country
// exactly when the report leaves it unknown there. A location report
// measures chosen sites that carry no country and no coverage: its box
// said "Belgium: site, France: site" above a table of figures for both.
func TestIntroAgreesWithTables(t *testing.T) {
	for _, tc := range []struct {
		name    string
		d       []float64
		gap     bool
		country string
	}{
		{"measured without coverage rules", []float64{100, 2000}, false, ""},
		{"FR not covered", []float64{100, math.NaN()}, true, "France"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := reporttest.Synthetic([]string{"BE", "FR"}, []float64{10, 20}, tc.d)
			r.Params.CrossBorder = false
			r.Coverage = analysis.Coverage{} // nothing declared covered
			html := render(t, input.Input{Result: r})
			box := ""
			if i := strings.Index(html, `<section class="warn">`); i >= 0 {
				box = html[i : i+strings.Index(html[i:], "</section>")]
			}
			if got := strings.Contains(box, "does not cover"); got != tc.gap {
				t.Fatalf("box lists a gap: %v, want %v\n%s", got, tc.gap, box)
			}
			if tc.gap && (!strings.Contains(box, "<strong>"+tc.country+"</strong>: post office") || strings.Contains(box, "Belgium")) {
				t.Errorf("box should list post office for %s only:\n%s", tc.country, box)
			}
		})
	}
}

// With no population known anywhere, the tables count villages instead of
// showing dashes: BE has villages at 500 m, 1.5 km, none at all, and one
// unknown; so 1 of 3 within 1.2 km, 2 of 3 within 3.75 and 10 km, and the
// median village is at 1.5 km.
func TestVillageCountsWithoutPopulation(t *testing.T) {
	nan := math.NaN()
	r := reporttest.Synthetic([]string{"BE", "BE", "BE", "BE"}, []float64{nan, nan, nan, nan}, []float64{500, 1500, math.Inf(1), nan})
	html := render(t, input.Input{Result: r, Lang: qml.EN})
	for _, want := range []string{
		`<td class="vil">33.3%°</td><td class="vil">66.7%°</td><td class="vil">66.7%°</td><td class="vil">1.5&nbsp;km°</td>`,
		"No population known: share of villages and median village, not of people.",
		"Belgium (3 villages°)",
	} {
		if !strings.Contains(html, strings.ReplaceAll(want, "&nbsp;", "\u00a0")) {
			t.Errorf("report lacks %q", want)
		}
	}
}
