package site

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/render/site/layout"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var fixtureRuns = []string{"testdata/runs/2024", "testdata/runs/2026"}

const westhoekRun = "../../testdata/golden/westhoek"

// TestSiteStructure: every village of every run has a page in each
// language, every internal link resolves (files and fragments), the only
// external links are the configured form and OpenStreetMap's copyright
// page, there is no script at all, and each page says its language.
func TestSiteStructure(t *testing.T) {
	cases := []struct {
		name string
		dirs []string
		form string
	}{
		{"two years", fixtureRuns, "https://forms.example.org/report?src=site"},
		{"westhoek", []string{westhoekRun}, "mailto:observatoire@example.org"},
		{"no form", []string{fixtureRuns[1]}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			runs := load(t, tc.dirs...)
			files := build(t, runs, Config{FormURL: tc.form})
			ids := map[string]bool{}
			for _, r := range runs {
				for _, v := range r.Villages {
					ids[v["id"]] = true
				}
			}
			for _, l := range qml.Langs {
				pages := 0
				for name := range files {
					if strings.HasPrefix(name, string(l)+"/") && name != string(l)+"/index.html" && name != string(l)+"/by-name.html" &&
						name != string(l)+"/reports.html" {
						pages++
					}
				}
				if pages != len(ids) {
					t.Errorf("%s: %d village pages for %d villages", l, pages, len(ids))
				}
				// Every village is linked from the index, once.
				idx := string(files[string(l)+"/index.html"])
				if n := strings.Count(idx, `<tr><th scope="row"><a href=`); n != len(ids) {
					t.Errorf("%s/index.html lists %d villages, want %d", l, n, len(ids))
				}
			}
			// Every resident's report of the newest run is listed, and its
			// evidence link is the only other outside link allowed.
			evidence := map[string]bool{}
			newest := runs[0]
			for _, r := range runs {
				if r.Dir > newest.Dir {
					newest = r
				}
			}
			for _, rep := range newest.Reports {
				evidence[rep["evidence_url"]] = true
			}
			for _, l := range qml.Langs {
				all := string(files[string(l)+"/reports.html"])
				if n := strings.Count(all, `<tr><td class="side">`); n != len(newest.Reports) {
					t.Errorf("%s/reports.html lists %d reports, want %d", l, n, len(newest.Reports))
				}
			}
			checkLinks(t, files, func(href string) bool {
				return (tc.form != "" && strings.HasPrefix(href, tc.form[:strings.IndexAny(tc.form+"?", "?")])) || href == layout.OSMCopyright ||
					(evidence[href] && httpURL(href))
			})
			langRE := regexp.MustCompile(`<html lang="(nl|fr|en)">`)
			for name, data := range files {
				if bytes.Contains(bytes.ToLower(data), []byte("<script")) {
					t.Errorf("%s holds a script", name)
				}
				if bytes.Contains(data, []byte("url(")) || bytes.Contains(data, []byte("@import")) {
					t.Errorf("%s loads something by CSS", name)
				}
				if !strings.HasSuffix(name, ".html") {
					continue
				}
				m := langRE.FindSubmatch(data)
				if m == nil {
					t.Errorf("%s: no <html lang>", name)
				} else if dir := strings.SplitN(name, "/", 2)[0]; dir != name && string(m[1]) != dir {
					t.Errorf("%s: lang %s", name, m[1])
				}
				for _, landmark := range []string{"<main id=\"main\"", "<h1>"} {
					if !bytes.Contains(data, []byte(landmark)) {
						t.Errorf("%s lacks %s", name, landmark)
					}
				}
			}
		})
	}
}

// TestLanguageSwitch: a village page links to the same village's page
// in the other two languages, each marked with its language, and shows
// the place names of its language.
func TestLanguageSwitch(t *testing.T) {
	files := build(t, load(t, fixtureRuns...), Config{})
	for _, tc := range []struct{ lang, page, h1 string }{
		{"fr", "ieper.html", "Ypres"}, {"en", "ieper.html", "Ypres"}, {"nl", "ieper.html", "Ieper"},
		{"nl", "dunkerque.html", "Duinkerke"}, {"en", "dunkerque.html", "Dunkirk"}, {"fr", "dunkerque.html", "Dunkerque"},
		{"nl", "bailleul.html", "Belle"},
	} {
		body := string(files[tc.lang+"/"+tc.page])
		if !strings.Contains(body, "<h1>"+tc.h1) {
			t.Errorf("%s/%s: h1 is not %s", tc.lang, tc.page, tc.h1)
		}
		for _, other := range qml.Langs {
			link := `href="../` + string(other) + "/" + tc.page + `" hreflang="` + string(other) + `" lang="` + string(other) + `"`
			if !strings.Contains(body, link) {
				t.Errorf("%s/%s: no link to its %s page", tc.lang, tc.page, other)
			}
		}
		if !strings.Contains(body, `hreflang="`+tc.lang+`" lang="`+tc.lang+`" aria-current="page"`) {
			t.Errorf("%s/%s: its own language is not marked current", tc.lang, tc.page)
		}
	}
}

// TestNamesEscaped: names from the data are text, never markup or links.
func TestNamesEscaped(t *testing.T) {
	files := build(t, load(t, fixtureRuns...), Config{FormURL: "https://forms.example.org/r"})
	for name, data := range files {
		s := string(data)
		for _, bad := range []string{"<b>Zillebeke", "<i>Malo", `href="javascript:`} {
			if strings.Contains(s, bad) {
				t.Errorf("%s holds %q unescaped", name, bad)
			}
		}
	}
	page := string(files["en/b-zillebeke-b-co.html"])
	if !strings.Contains(page, "<h1>&lt;b&gt;Zillebeke&lt;/b&gt; &amp; &#34;co&#34;") {
		t.Errorf("hostile name not shown as text:\n%s", page[:min(len(page), 1500)])
	}
	if !strings.Contains(string(files["en/javascript-alert-1.html"]), "<h1>javascript:alert(1)") {
		t.Error("a name that looks like a URL is not shown as text")
	}
}

// TestDeterministic: the same runs give the same bytes, in whatever order
// they are given (they are sorted by year).
func TestDeterministic(t *testing.T) {
	a := build(t, load(t, fixtureRuns...), Config{FormURL: "mailto:a@example.org"})
	b := build(t, load(t, fixtureRuns[1], fixtureRuns[0]), Config{FormURL: "mailto:a@example.org"})
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// TestTwoYears: the page of a village shows the service that closed
// (the pharmacy p1, 0.1 km from Ieper) and the one that opened (the
// bakery b3 near the second Ieper), oldest year first, and the trend of
// the distance to the nearest pharmacy.
func TestTwoYears(t *testing.T) {
	files := build(t, load(t, fixtureRuns...), Config{})
	ieper := string(files["en/ieper.html"])
	for _, want := range []string{
		`<td>2024 – 2026</td><td class="down">closed</td><td>Apotheek Centrum</td><td>pharmacy</td><td>Belgium</td><td class="n">0.1 km</td>`,
		`pharmacy</span> <svg`, `2024: 0.1 km → 2026: 7.6 km`,
	} {
		if !strings.Contains(ieper, want) {
			t.Errorf("en/ieper.html lacks %q", want)
		}
	}
	if !strings.Contains(string(files["fr/ieper-2.html"]), `<td class="up">ouvert</td><td>Bakkerij Nieuw</td>`) {
		t.Error("fr/ieper-2.html does not show the bakery that opened")
	}
	one := build(t, load(t, fixtureRuns[1]), Config{})
	if !strings.Contains(string(one["en/ieper.html"]), "There is only one year of data") {
		t.Error("a single run does not say there is nothing to compare")
	}
}

// TestGolden compares a few pages of the two-year site with golden files
// (-update rewrites them).
func TestGolden(t *testing.T) {
	files := build(t, load(t, fixtureRuns...), Config{FormURL: "https://forms.example.org/report?src=site"})
	for _, name := range []string{"index.html", "style.css", "en/index.html", "fr/ieper.html", "nl/dunkerque.html"} {
		golden := filepath.Join("testdata", "golden", filepath.FromSlash(name))
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, files[name], 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(files[name], want) {
			t.Errorf("%s differs from %s (go test ./render/site -run Golden -update)", name, golden)
		}
	}
}

// TestMapDrawsAreas: villages given as polygons are drawn as their
// outlines (every ring, projected with the points), points as points.
func TestMapDrawsAreas(t *testing.T) {
	runs := load(t, "testdata/runs-areas/2024")
	if len(runs[0].Shapes) != 2 {
		t.Fatalf("%d shapes read, want 2", len(runs[0].Shapes))
	}
	files := build(t, runs, Config{})
	idx := string(files["en/index.html"])
	if n := strings.Count(idx, `area" d="M`); n != 2 {
		t.Errorf("%d areas drawn, want 2", n)
	}
	if n := strings.Count(idx, "Z"); n < 3 {
		t.Errorf("the multipolygon's two rings are not both drawn (%d closed rings)", n)
	}
	if !strings.Contains(idx, `<circle class=`) || strings.Contains(idx, "NaN") {
		t.Error("the point village is not drawn as a point, or a coordinate is NaN")
	}
	checkLinks(t, files, func(string) bool { return false })
}

// TestTransitColumn: a run with public transport times shows them in
// their own column, with the note saying what they measure; a run
// without shows neither.
func TestTransitColumn(t *testing.T) {
	runs := load(t, fixtureRuns[1])
	r := runs[0]
	for _, v := range r.Villages {
		if v["id"] == "be1" {
			v["gp_transit_min"], v["gp_transit_id"] = "27.0", "g1"
		}
	}
	files := build(t, runs, Config{})
	page := string(files["en/ieper.html"])
	if !strings.Contains(page, `<th scope="col" class="n">By public transport</th>`) || !strings.Contains(page, `<td class="n">27 min</td>`) ||
		!strings.Contains(page, "median door-to-door time") {
		t.Error("en/ieper.html does not show the public transport time of the GP")
	}
	if strings.Contains(string(files["en/dunkerque.html"]), "By public transport") {
		t.Error("a village without transit times has a public transport column")
	}
}

// TestAreaOutlines: a run whose boundaries name areas has areas.geojson;
// the region map draws one path per area (the Dunkerque area's two
// polygons in one path), its hostile names escaped, and every village page
// has a map of the areas with its own area marked current and the village
// on it. A run without areas.geojson has no such map.
func TestAreaOutlines(t *testing.T) {
	runs := load(t, "testdata/runs-bounds/2026")
	if len(runs[0].Areas) != 3 {
		t.Fatalf("%d areas read, want 3", len(runs[0].Areas))
	}
	files := build(t, runs, Config{})
	for _, l := range qml.Langs {
		idx := string(files[string(l)+"/index.html"])
		if n := strings.Count(idx, `<path class="outline" d="M`); n != 3 {
			t.Errorf("%s: %d area outlines, want one per area (3)", l, n)
		}
		if strings.Contains(idx, "<script>") || !strings.Contains(idx, "&lt;script&gt;") || !strings.Contains(idx, "&#34;Intérieure&#34;") {
			t.Errorf("%s: area names not escaped, or missing", l)
		}
	}
	dk := string(files["en/dunkerque.html"])
	cur := regexp.MustCompile(`<path class="outline current" d="([^"]*)"><title>([^<]*)</title>`).FindAllStringSubmatch(dk, -1)
	if len(cur) != 1 || strings.Count(cur[0][1], "Z") != 2 || cur[0][2] != "CU de Dunkerque (France)" {
		t.Errorf("Dunkerque's page: current area %q, want CU de Dunkerque drawn as its two polygons", cur)
	}
	if n := strings.Count(dk, `<path class="outline" d="M`); n != 2 {
		t.Errorf("Dunkerque's page: %d other areas, want 2", n)
	}
	if !strings.Contains(dk, `<h2 id="loc-h">Location</h2>`) || !strings.Contains(dk, `<circle class="c`) {
		t.Error("Dunkerque's page has no location map with the village on it")
	}
	checkLinks(t, files, func(href string) bool { return href == layout.OSMCopyright })
	if strings.Contains(string(build(t, load(t, fixtureRuns[1]), Config{})["en/ieper.html"]), `id="loc-h"`) {
		t.Error("a run without area outlines has a location map")
	}
}
