package layers

import (
	"bytes"
	"database/sql"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	_ "modernc.org/sqlite"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/aggregates"
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/render/report/input"
	"github.com/partons/partons/render/report/reporttest"
)

// demoInput is the report input of the embedded sample's run in lang.
func demoInput(tb testing.TB, lang qml.Lang) input.Input {
	tb.Helper()
	res, md := reporttest.Demo(tb)
	in := input.Input{Result: res, Lang: lang, Subtitle: "Westhoek",
		Coverage: input.CoverageFromWesthoek(md.Coverage), Caveats: md.Caveats}
	for _, s := range md.Sources {
		in.Sources = append(in.Sources, input.Source{Name: s.Name, Vintage: s.Vintage, Licence: s.Licence, Attribution: s.Attribution})
	}
	return in
}

// The layers of a run with a scenario and chosen sites, in order.
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
	layers, err := Layers(in)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, l := range layers {
		names = append(names, l.Name)
	}
	if got := strings.Join(names, ","); got != "villages,village_polygons,services,areas,sites,delta_villages" {
		t.Errorf("layers %s", got)
	}
}

// An empty run has layers; an inconsistent input is an error.
func TestEdgeCases(t *testing.T) {
	empty := &analysis.Result{Params: analysis.DefaultParams()}
	if _, err := Layers(input.Input{Result: empty}); err != nil {
		t.Errorf("layers of an empty run: %v", err)
	}
	if _, err := Layers(input.Input{}); !errors.Is(err, input.ErrInput) {
		t.Errorf("layers without a result: %v, want ErrInput", err)
	}
}

func TestGeoPackageDeterministic(t *testing.T) {
	in := demoInput(t, qml.NL)
	date := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var a, b bytes.Buffer
	if err := GeoPackage(&a, in, date); err != nil {
		t.Fatal(err)
	}
	if err := GeoPackage(&b, in, date); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) || a.Len() < 100000 {
		t.Fatalf("GeoPackage of the demo: %d and %d bytes, equal %v", a.Len(), b.Len(), bytes.Equal(a.Bytes(), b.Bytes()))
	}
	layers, _ := Layers(in)
	if layers[0].Table.Len != 309 || len(layers[0].Geometries) != 309 || layers[1].Table.Len != 111 || layers[2].Table.Len != 595 {
		t.Errorf("layer sizes %d %d %d", layers[0].Table.Len, layers[1].Table.Len, layers[2].Table.Len)
	}
	if _, ok := layers[0].Geometries[0].(orb.Point); !ok {
		t.Error("mixed villages: the villages layer must hold points")
	}
	st := StyleFiles(in)
	if !bytes.Contains(st["villages.qml"], []byte(`coalesce(&#34;post_nearest_m&#34;`)) {
		t.Errorf("villages.qml does not style post_nearest_m")
	}
	// The sample mixes Belgian points and French commune polygons: QGIS
	// draws a polygon only with a fill symbol, a point only with a marker.
	for _, want := range []string{`type="RuleRenderer"`, `<symbol type="marker"`, `<symbol type="fill"`} {
		if !bytes.Contains(st["villages.qml"], []byte(want)) {
			t.Errorf("villages.qml of mixed villages lacks %s", want)
		}
	}
}

// The GeoPackage holds one styled layer per category for public
// transport, read back from the file with SQLite: its rows, a value and
// the default style that draws villages without service as the farthest
// class.
func TestTransitGeoPackage(t *testing.T) {
	in := transitInput(t, qml.FR)
	path := filepath.Join(t.TempDir(), "t.gpkg")
	var buf bytes.Buffer
	if err := GeoPackage(&buf, in, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r := in.Result
	for _, cat := range r.Categories {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM "transit_` + cat + `"`).Scan(&n); err != nil || n != len(r.Villages) {
			t.Errorf("transit_%s: %d rows, %v", cat, n, err)
		}
		var style string
		if err := db.QueryRow(`SELECT styleQML FROM layer_styles WHERE f_table_name = ?`, "transit_"+cat).Scan(&style); err != nil {
			t.Fatalf("transit_%s style: %v", cat, err)
		}
		// Only where the mode's no_service shows (elsewhere coverage
		// statuses say the data does not cover the category: unknown).
		c, none := slices.Index(r.Categories, cat), false
		for v := range r.Villages {
			none = none || r.Modes[0].Cells[v][c].Status == "no_service"
		}
		beyond := strings.Contains(style, `&#34;`+cat+`_transit_status&#34; IN (&#39;no_service&#39;)`)
		if beyond != none || !strings.Contains(style, "plus de 60") {
			t.Errorf("transit_%s style: classes no_service beyond 60 min %v, want %v", cat, beyond, none)
		}
	}
	// Village 0 is ok at 10 minutes for a covered category.
	var id, status string
	var min sql.NullFloat64
	var deps float64
	if err := db.QueryRow(`SELECT id, post_transit_status, post_transit_min, stop_departures FROM transit_post WHERE fid = 1`).Scan(&id, &status, &min, &deps); err != nil {
		t.Fatal(err)
	}
	if id != r.Villages[0].ID || status != "ok" || min.Float64 != reporttest.BusMin(0) || deps != 0 {
		t.Errorf("first village %s %s %v %v", id, status, min, deps)
	}
	var cols []string
	rows, err := db.Query(`SELECT name FROM pragma_table_info('transit_post')`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var c string
		rows.Scan(&c)
		cols = append(cols, c)
	}
	rows.Close()
	for _, c := range cols {
		if strings.HasPrefix(c, "bakery_") || c == "post_nearest_m" {
			t.Errorf("transit_post holds %s", c)
		}
	}
}

// transitInput is the sample's report input with reporttest.Bus.
func transitInput(t *testing.T, lang qml.Lang) input.Input {
	in := demoInput(t, lang)
	in.Result = reporttest.WithBus(t, in.Result)
	return in
}

// BenchmarkGeoPackageWesthoek writes the demo run's GeoPackage;
// BenchmarkPeerGeoJSONWesthoek, its baseline, writes the same run's
// villages.geojson with the existing writer.
func BenchmarkGeoPackageWesthoek(b *testing.B) {
	in := demoInput(b, qml.FR)
	in.Aggregates = aggregates.Of(in.Result)
	date := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	b.ResetTimer()
	var n int
	for i := 0; i < b.N; i++ {
		var buf bytes.Buffer
		if err := GeoPackage(&buf, in, date); err != nil {
			b.Fatal(err)
		}
		n = buf.Len()
	}
	b.ReportMetric(float64(n), "bytes/file")
}

func BenchmarkPeerGeoJSONWesthoek(b *testing.B) {
	reporttest.PeerGeoJSON(b, demoInput(b, qml.FR).Result)
}
