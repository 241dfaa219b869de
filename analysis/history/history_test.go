package history

import (
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partons/partons/analysis/reportdiff"
	"github.com/partons/partons/datasets/table"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func parse(t testing.TB, s string) reportdiff.CSV {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return reportdiff.CSV{Header: recs[0], Rows: recs[1:]}
}

const villageHead = "id,name,country,area_code,population,bakery_status,bakery_nearest_m,bakery_nearest_id,bakery_nearest_country,post_status,post_nearest_m,post_nearest_id,post_nearest_country\n"
const areaHead = "level,code,name,country,category,basis,population_measured,share_within_1200m,share_within_3750m,mean_m,median_m,p90_m\n"

// threeYears are three hand-made years of a border village (v1, BE), a
// French one (v2) and one added in 2025 (v3):
//   - 2024: v1's baker b1 is 800 m away at home, its post office p1 2000 m;
//   - 2025: b1 closed, v1's nearest baker is b2 in France, 2600 m; p1 moved
//     (1900 m); v3 appears; baker b3 opens;
//   - 2026: v2 is missing, post is missing (the run had no post data);
//     b3 becomes a butcher.
func threeYears(t testing.TB) []Year {
	return []Year{
		{Year: 2026, Source: "r2026", DataDate: "2026-01-01",
			Villages: parse(t, "id,name,country,area_code,population,bakery_status,bakery_nearest_m,bakery_nearest_id,bakery_nearest_country\n"+
				"v1,Houtem,BE,38025,500,,2600.0,b2,FR\nv3,Nieuw,BE,38025,,,3100.0,b2,FR\n"),
			Areas: parse(t, "level,code,name,country,category,basis,population_measured,share_within_1200m,share_within_3750m,share_within_10000m,mean_m,median_m,p90_m\n"+
				"country,BE,,BE,bakery,nearest,500,0,1,1,2600,2600,2600\n"),
			Services: parse(t, "id,name,category,raw_category,country,lon,lat\nb2,Boulangerie,bakery,shop=bakery,FR,2.60,50.98\nb3,Slager,butcher,shop=butcher,BE,2.70,50.99\n")},
		{Year: 2024, Source: "r2024", DataDate: "2024",
			Villages: parse(t, villageHead+"v1,Houtem,BE,38025,500,,800.0,b1,BE,,2000.0,p1,FR\nv2,Bray,FR,59094,300,,1500.0,b2,FR,,400.0,p1,FR\n"),
			Areas:    parse(t, areaHead+"country,BE,,BE,bakery,nearest,500,1,1,800,800,800\ncountry,FR,,FR,post,nearest,300,1,1,400,400,400\n"),
			Services: parse(t, "id,name,category,raw_category,country,lon,lat\nb1,Bakker,bakery,shop=bakery,BE,2.58,51.00\nb2,Boulangerie,bakery,shop=bakery,FR,2.60,50.98\np1,La Poste,post,Bureau de Poste,FR,2.59,50.98\n")},
		{Year: 2025, Source: "r2025", DataDate: "2025",
			Villages: parse(t, villageHead+"v1,Houtem,BE,38025,500,,2600.0,b2,FR,,1900.0,p1,FR\nv2,Bray,FR,59094,300,,1500.0,b2,FR,,450.0,p1,FR\nv3,Nieuw,BE,38025,,,3100.0,b2,FR,,2500.0,p1,FR\n"),
			Areas:    parse(t, areaHead+"country,BE,,BE,bakery,nearest,500,0,1,2600,2600,2600\ncountry,FR,,FR,post,nearest,300,1,1,450,450,450\n"),
			Services: parse(t, "id,name,category,raw_category,country,lon,lat\nb2,Boulangerie,bakery,shop=bakery,FR,2.60,50.98\np1,La Poste,post,Bureau de Poste,FR,2.591,50.98\nb3,Slager,bakery,shop=bakery,BE,2.70,50.99\n")},
	}
}

func text(tb table.Table) []string {
	var out []string
	var hdr []string
	for _, c := range tb.Columns {
		hdr = append(hdr, c.Name)
	}
	out = append(out, strings.Join(hdr, ","))
	var cells []table.Cell
	for i := range tb.Len {
		cells = tb.Row(i, cells)
		var s []string
		for _, c := range cells {
			s = append(s, c.Text())
		}
		out = append(out, strings.Join(s, ","))
	}
	return out
}

// row finds the line of tb's text whose first cells are prefix.
func row(t testing.TB, lines []string, prefix string) string {
	t.Helper()
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	t.Fatalf("no row %q in\n%s", prefix, strings.Join(lines, "\n"))
	return ""
}

func TestHistoryThreeYears(t *testing.T) {
	h, err := New(threeYears(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(h.Categories, ","); got != "bakery,post" {
		t.Errorf("categories %s", got)
	}
	if len(h.Thresholds) != 2 || h.Thresholds[0] != 1200 || h.Thresholds[1] != 3750 {
		t.Errorf("thresholds %v: 10000 m is not in every year", h.Thresholds)
	}
	trends := text(h.Trends())
	if len(trends) != 1+3*2*3 {
		t.Errorf("%d trend rows, want 18 (3 villages × 2 categories × 3 years)", len(trends)-1)
	}
	for _, want := range []string{
		// v1's baker: at home in 2024, abroad from 2025, +1800 m; covered within 1200 m only in 2024.
		"v1,Houtem,BE,38025,bakery,2024,2024,ok,800,b1,Bakker,BE,domestic,true,true,,2024,2026,1800.0",
		"v1,Houtem,BE,38025,bakery,2025,2025,ok,2600,b2,Boulangerie,FR,abroad,false,true,1800.0,2024,2026,1800.0",
		"v1,Houtem,BE,38025,bakery,2026,2026-01-01,ok,2600,b2,Boulangerie,FR,abroad,false,true,0.0,2024,2026,1800.0",
		// post is missing from 2026: marked, not carried over.
		"v1,Houtem,BE,38025,post,2026,2026-01-01,missing_category,,,,,,,,,2024,2025,-100.0",
		// v2 is missing from 2026, v3 from 2024.
		"v2,Bray,FR,59094,bakery,2026,2026-01-01,missing_village,,,,,,,,,2024,2025,0.0",
		"v3,Nieuw,BE,38025,bakery,2024,2024,missing_village,,,,,,,,,2025,2026,0.0",
	} {
		if got := row(t, trends, want[:strings.Index(want, ",20")+5]); got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	}
	areas := text(h.Areas())
	if got, want := row(t, areas, "country,BE,,BE,bakery,nearest,2025"), "country,BE,,BE,bakery,nearest,2025,2025,ok,500,0,1,2600,2600,2600,2024,2026,1800.0,-1.0000,0.0000"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got, want := row(t, areas, "country,FR,,FR,post,nearest,2026"), "country,FR,,FR,post,nearest,2026,2026-01-01,missing_area,,,,,,,2024,2025,50.0,0.0000,0.0000"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	services := text(h.Services())
	want := []string{
		"from_year,to_year,change,service_id,name,category,country,lon,lat,previous_category",
		"2024,2025,disappeared,b1,Bakker,bakery,BE,2.58,51,",
		"2024,2025,moved,p1,La Poste,post,FR,2.591,50.98,",
		"2024,2025,appeared,b3,Slager,bakery,BE,2.7,50.99,",
		"2025,2026,missing_category,p1,La Poste,post,FR,2.591,50.98,", // 2026 has no post data
		"2025,2026,recategorised,b3,Slager,butcher,BE,2.7,50.99,bakery",
	}
	if strings.Join(services, "\n") != strings.Join(want, "\n") {
		t.Errorf("services:\n%s\nwant\n%s", strings.Join(services, "\n"), strings.Join(want, "\n"))
	}
	// The whole tables, as a regression guard (-update rewrites them).
	for name, lines := range map[string][]string{"trends.csv": trends, "trends_areas.csv": areas} {
		path := filepath.Join("testdata", name)
		got := strings.Join(lines, "\n") + "\n"
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != got {
			t.Errorf("%s differs from its golden file", name)
		}
	}
}

func TestHistoryRejects(t *testing.T) {
	ys := threeYears(t)
	ys[1].Year = 2026
	if _, err := New(ys); err == nil || !strings.Contains(err.Error(), "r2026 and r2024 are both of 2026") && !strings.Contains(err.Error(), "are both of 2026") {
		t.Errorf("err = %v", err)
	}
	if _, err := New(ys[:1]); err == nil || !strings.Contains(err.Error(), "at least two") {
		t.Errorf("err = %v", err)
	}
	ys = threeYears(t)
	ys[0].Villages.Header[0] = "code"
	if _, err := New(ys); err == nil || !strings.Contains(err.Error(), `r2026/villages.csv:1: field "id": no such column`) {
		t.Errorf("err = %v", err)
	}
}
