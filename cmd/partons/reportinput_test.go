package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The report's title and region come from --title and the data, never
// from the embedded sample's name; each source states its own date, and
// a date nobody gave is "unknown", never 1970-01-01 nor the newest
// vintage of another source.
func TestReportTitleAndDates(t *testing.T) {
	dir := t.TempDir()
	villages := writeFile(t, dir, "v.csv", "id,name,country,population,lon,lat\na,Alpha,BE,100,2.90,50.85\nb,Beta,FR,,2.60,50.80\n")
	services := writeFile(t, dir, "s.csv", "id,name,category,country,lon,lat\np1,P1,amenity=pharmacy,BE,2.88,50.85\np2,P2,amenity=pharmacy,FR,2.62,50.80\n")
	for _, tc := range []struct {
		name      string
		args      []string
		want, not []string
	}{
		{"user data", []string{"--villages", villages, "--services", services, "--lang", "fr", "--title", "Mon canton"},
			[]string{"<title>Mon canton</title>", "<h1>Mon canton</h1>", "<strong>Belgique – France</strong>",
				"Date des données, par source : v.csv (villages) : inconnue · s.csv (services) : inconnue"},
			[]string{"Westhoek", "1970", "Accès aux services du quotidien"}},
		{"user data with attribution", []string{"--villages", villages, "--services", services, "--attribution", "Région X"},
			[]string{"<h1>Access to everyday services</h1>", "user-supplied data: unknown", "<td class=\"l\">user-supplied data</td><td class=\"l\">unknown</td>"},
			[]string{"Westhoek", "1970"}},
		{"osm", []string{"--osm", "../../datasets/osmroad/testdata/liechtenstein-2013-08-03.osm.pbf", "--lang", "nl"},
			[]string{"<strong>Liechtenstein</strong>", "OpenStreetMap-uittreksels: dorpen, diensten, grenzen: 2013-08-03",
				"OpenStreetMap-wegennet: 2013-08-03", "Datum van de gegevens, per bron"},
			[]string{"Westhoek", "1970"}},
		{"embedded sample", []string{"--lang", "fr"},
			[]string{"<strong>Westhoek</strong>", "Nœuds de lieux OpenStreetMap (extrait Belgique) : 2015-11",
				"La Poste, points de contact du réseau postal : 2020", "limites 2018, population de référence 2026"},
			[]string{"2026-01-01", "1970", `lang="en"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "r")
			if code, _, e := runCLI(t, append([]string{"run", "-q", "--out", out}, tc.args...)...); code != 0 {
				t.Fatal(e)
			}
			html := readFile(t, filepath.Join(out, "report.html"))
			for _, w := range tc.want {
				if !strings.Contains(html, w) {
					t.Errorf("report.html lacks %q", w)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(html, n) {
					t.Errorf("report.html holds %q", n)
				}
			}
		})
	}
}

// A run by road shows its road figures: a table of travel times and route
// lengths per category (counted in villages: the extract's places carry
// no population) and a travel-time map; a straight-line run has none.
func TestReportRoadSection(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r")
	if code, _, e := runCLI(t, "run", "-q", "--osm", "../../datasets/osmroad/testdata/liechtenstein-2013-08-03.osm.pbf", "--out", out); code != 0 {
		t.Fatal(e)
	}
	html := readFile(t, filepath.Join(out, "report.html"))
	for _, w := range []string{"<h2>By road</h2>", "(car, fastest route)", "<th>≤ 15\u00a0min</th>", "<th>median time</th><th>median route</th>",
		`<td class="l">post office</td><td class="vil">`, "<h3>Travel time by road to ", "No population known: share of villages"} {
		if !strings.Contains(html, w) {
			t.Errorf("report.html of a routed run lacks %q", w)
		}
	}
	if strings.Count(html, `<svg class="map"`) < 2 {
		t.Error("no travel-time map")
	}
	straight := readFile(t, "../../testdata/golden/westhoek/report.html")
	if strings.Contains(straight, "By road") {
		t.Error("a straight-line run shows a road section")
	}
}

// With no population known, the summary on stdout still counts the
// villages each row measured, and picks the basis measuring more of them
// (domestic for a French village when Belgium has no pharmacy data).
func TestSummaryWithoutPopulation(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r")
	code, stdout, e := runCLI(t, "run", "-q", "--villages", "../../testdata/hostile/report/no-population.csv",
		"--services", "../../testdata/hostile/report/services.csv", "--out", out)
	if code != 0 {
		t.Fatal(e)
	}
	for _, re := range []string{`villages known\n`, `pharmacy +FR +domestic( +–){4} +0 +1/1\n`, `pharmacy +BE +nearest( +–){4} +0 +0/2\n`,
		`no population is known: the shares are empty`} {
		if !regexp.MustCompile(re).MatchString(stdout) {
			t.Errorf("summary lacks %q:\n%s", re, stdout)
		}
	}
}
