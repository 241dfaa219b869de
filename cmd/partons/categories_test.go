package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partons/partons/study"
)

const hostileCategories = "../../testdata/hostile/categories/"

// TestRunCategoryNames: categories such as <img src=x onerror=alert(5)>,
// "bakery; DROP TABLE" or "post:none;gp" give column-safe names in every
// output; the manifest keeps the labels.
func TestRunCategoryNames(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := runCLI(t, "run", "-q", "--villages", hostileCategories+"villages.csv",
		"--services", hostileCategories+"hostile-names.csv", "--format", "gpkg", "--out", out)
	if code != 0 {
		t.Fatal(stderr)
	}
	vil := csvRows(t, filepath.Join(out, "villages.csv"))
	for _, c := range []string{"img_src_x_onerror_alert_5_status", "bakery_drop_table_nearest_m", "post_none_gp_within_1200m", "bakery_status"} {
		column(t, vil, c) // fails when missing
	}
	for _, h := range vil[0] {
		if strings.Trim(h, "abcdefghijklmnopqrstuvwxyz0123456789_") != "" {
			t.Errorf("villages.csv column %q is not a safe identifier", h)
		}
	}
	// The status column: category:status pairs joined by ";", unambiguous.
	for _, s := range column(t, vil, "status") {
		for _, pair := range strings.Split(s, ";") {
			if s != "ok" && strings.Count(pair, ":") != 1 {
				t.Errorf("status %q: pair %q is ambiguous", s, pair)
			}
		}
	}
	svc := csvRows(t, filepath.Join(out, "services.csv"))
	if got := strings.Join(column(t, svc, "category"), ","); got != "bakery,img_src_x_onerror_alert_5,bakery_drop_table,post_none_gp" {
		t.Errorf("services.csv categories %s", got)
	}
	if got := column(t, svc, "raw_category")[1]; got != "<img src=x onerror=alert(5)>" {
		t.Errorf("services.csv raw_category %q", got)
	}
	// areas.csv: one row per level, group, category and basis.
	areas := csvRows(t, filepath.Join(out, "areas.csv"))
	seen := map[string]bool{}
	for _, r := range areas[1:] {
		k := strings.Join([]string{r[0], r[1], r[4], r[5]}, "|")
		if seen[k] {
			t.Errorf("areas.csv: row %s twice", k)
		}
		seen[k] = true
	}
	for _, f := range []string{"villages.geojson", "partons.gpkg", "report.html"} {
		if b := readFile(t, filepath.Join(out, f)); strings.Contains(b, "onerror=alert(5)>_") || strings.Contains(b, "DROP TABLE_") {
			t.Errorf("%s names a column after a raw label", f)
		}
	}
	// report.html shows the labels, escaped.
	html := readFile(t, filepath.Join(out, "report.html"))
	if !strings.Contains(html, "&lt;img src=x onerror=alert(5)&gt;") || !strings.Contains(html, "bakery; DROP TABLE") ||
		strings.Contains(html, "<img src=x") {
		t.Error("report.html does not show the category labels escaped")
	}
	var m struct {
		Mapping []study.MappingEntry `json:"category_mapping"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(out, "manifest.json"))), &m); err != nil {
		t.Fatal(err)
	}
	labels := map[string]string{}
	for _, e := range m.Mapping {
		labels[e.Category] = e.Label
	}
	want := map[string]string{"bakery": "", "img_src_x_onerror_alert_5": "<img src=x onerror=alert(5)>",
		"bakery_drop_table": "bakery; DROP TABLE", "post_none_gp": "post:none;gp"}
	for c, l := range want {
		if got, ok := labels[c]; !ok || got != l {
			t.Errorf("manifest mapping of %s: label %q, want %q", c, got, l)
		}
	}
}

// TestRunCategoryCollisions: reserved names and labels whose names
// collide are invalid input naming both categories, the file and line of
// each, before any output is written (also with --format gpkg).
func TestRunCategoryCollisions(t *testing.T) {
	for _, tc := range []struct {
		name  string
		args  []string
		code  int
		wants []string
	}{
		{"case", []string{"--services", hostileCategories + "case.csv", "--format", "gpkg"}, exitInvalid,
			[]string{`case.csv:3: field "category": category "foo" and category "Foo" (`, `case.csv:2): both give the column name "foo"`}},
		{"basket", []string{"--services", hostileCategories + "basket.csv"}, exitInvalid,
			[]string{`basket.csv:3: field "category": category "basket": "basket" is reserved`}},
		{"extension", []string{"--services", hostileCategories + "extension.csv"}, exitInvalid,
			[]string{`extension.csv:3: field "category": category "post road" and category "post" (`, `extension.csv:2)`}},
		{"override", []string{"--services", hostileCategories + "florist.csv", "--config", hostileCategories + "override-case.yaml"}, exitInvalid,
			[]string{`category "fleurs" (category override of "shop=garden_centre") and category "Fleurs" (category override of "shop=florist")`}},
		{"categories flag", []string{"--services", hostileCategories + "florist.csv", "--categories", "status"}, exitUsage,
			[]string{`--categories: category "status": "status" is reserved`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			args := append([]string{"run", "-q", "--villages", hostileCategories + "villages.csv", "--out", out}, tc.args...)
			code, _, stderr := runCLI(t, args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d: %s", code, tc.code, stderr)
			}
			for _, w := range tc.wants {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Error("a report was written")
			}
		})
	}
}
