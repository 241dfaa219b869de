package main

import (
	"encoding/csv"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// transitSection is report.html's public-transport section (heading to
// the end of its section), "" when there is none.
func transitSection(html string) string {
	i := strings.Index(html, "<h2>By public transport</h2>")
	if i < 0 {
		return ""
	}
	return html[i : i+strings.Index(html[i:], "</section>")]
}

// TestScenarioTransitReport: each variant's report.html has its own
// public-transport section, computed from the variant's results, on the
// feed of TestRunTransit (route R1, Esen to the post office). Removing R1
// leaves Esen without service: the variant's median map differs from the
// base's, and its count of Belgian villages with no service to a post
// office is the base's plus one, as each villages.csv says. A variant
// without changes draws the base's section byte for byte.
func TestScenarioTransitReport(t *testing.T) {
	dir := t.TempDir()
	feed, err := filepath.Abs("testdata/gtfs/westhoek")
	if err != nil {
		t.Fatal(err)
	}
	sc := writeFile(t, dir, "s.yaml", strings.Join([]string{
		"base:",
		"  transit: [" + feed + "]",
		"  outputs: [villages.csv, report.html]",
		"variants:",
		"  - name: no-change",
		"  - name: no-bus",
		"    changes:",
		"      - remove_routes: {routes: [R1]}",
	}, "\n")+"\n")
	out := filepath.Join(dir, "out")
	if code, _, stderr := runCLI(t, "scenario", "-q", sc, "--out", out, "--variant-outputs", variantReports); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	mapRe := regexp.MustCompile(`(?s)<svg class="map"[^>]*aria-label="Median time by public transport to post office">.*?</svg>`)
	// The post office row's Belgian "no service (villages)": the fourth
	// figure of the row (within 30, within 60, median, no service).
	rowRe := regexp.MustCompile(`<tr><td class="l">post office</td>((?:<td>[^<]*</td>)+)</tr>`)
	cellRe := regexp.MustCompile(`<td>([^<]*)</td>`)
	type view struct {
		section, median string
		noService       int
	}
	read := func(name string) view {
		t.Helper()
		sec := transitSection(readFile(t, filepath.Join(out, name, "report.html")))
		if sec == "" {
			t.Fatalf("%s: report.html has no public-transport section", name)
		}
		m := mapRe.FindString(sec)
		row := rowRe.FindStringSubmatch(sec)
		if m == "" || row == nil {
			t.Fatalf("%s: no median map or post office row in\n%s", name, sec)
		}
		cells := cellRe.FindAllStringSubmatch(row[1], -1)
		n, err := strconv.Atoi(cells[3][1])
		if err != nil {
			t.Fatalf("%s: no-service cell %q", name, cells[3][1])
		}
		// The same count from the variant's own villages.csv.
		rows, err := csv.NewReader(strings.NewReader(readFile(t, filepath.Join(out, name, "villages.csv")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		want := 0
		for _, r := range rows[1:] {
			if r[col["country"]] == "BE" && r[col["post_transit_status"]] == "no_service" {
				want++
			}
		}
		if n != want {
			t.Errorf("%s: report counts %d Belgian villages without service, villages.csv %d", name, n, want)
		}
		return view{sec, m, n}
	}
	base, same, noBus := read("base"), read("no-change"), read("no-bus")
	if same.section != base.section {
		t.Error("the variant without changes draws another public-transport section than the base")
	}
	if noBus.median == base.median {
		t.Error("removing R1 leaves the median map as the base's")
	}
	if noBus.noService != base.noService+1 {
		t.Errorf("no service: base %d, without R1 %d; want one more (Esen)", base.noService, noBus.noService)
	}
}
