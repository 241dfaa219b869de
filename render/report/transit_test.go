package report

import (
	"bytes"
	"context"
	"database/sql"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/render/report/words"
	"github.com/partons/partons/travel"
)

// busDouble is a public-transport mode on the sample with answers given
// by the village's position: v%5 = 0, 1 ok in 10 + (7v mod 80) minutes
// (best 5 less), 2 walk_only at 15 minutes, 3 no_service (a fact: beyond
// the longest journey), 4 off the network.
type busDouble struct{}

func busCode(v int) travel.Code { return []travel.Code{0, 0, 1, 2, 3}[v%5] }
func busMin(v int) float64      { return float64(10 + (7*v)%80) }
func (busDouble) Schema() travel.Schema {
	return travel.Schema{Name: "transit", Unit: travel.Minutes, Split: "min",
		Metrics: []travel.Metric{{Name: "min", Unit: travel.Minutes, Decimals: 2, Aggregate: true},
			{Name: "best_min", Unit: travel.Minutes, Decimals: 2}},
		Statuses: []travel.StatusDoc{{Code: "walk_only", Meaning: "on foot"}, {Code: "no_service", Meaning: "none in time"},
			{Code: "unsnapped", Meaning: "off"}},
		VillageColumns: []travel.Metric{{Name: "stop_departures", Unit: travel.Count, Unsnapped: true}}}
}
func (m busDouble) Snap(ctx context.Context, villages, services []travel.Place) (travel.Snapped, error) {
	return busSnapped{len(villages)}, nil
}

type busSnapped struct{ n int }

func (s busSnapped) Village(i int) travel.Snap     { return travel.Snap{OK: busCode(i) != 3} }
func (s busSnapped) Service(int) travel.Snap       { return travel.Snap{OK: true} }
func (s busSnapped) VillageValue(i, _ int) float64 { return float64(i % 7) }
func (s busSnapped) Costs(context.Context, []int32, float64) (*travel.Costs, error) {
	return travel.NewCosts(s.n, 0, nil)
}
func (s busSnapped) Nearest(_ context.Context, cats []travel.Category) ([][]travel.Reach, error) {
	out := make([][]travel.Reach, len(cats))
	for c, cat := range cats {
		for _, part := range cat.Parts {
			r := travel.NewReach(s.n, 2, 2)
			r.Definite = make([]bool, s.n)
			for i := range s.n {
				r.Status[i] = busCode(i)
				switch {
				case len(part.Services) == 0:
					r.Status[i] = 2
				case busCode(i) == 0:
					r.Service[i], r.Cost[i] = part.Services[0], busMin(i)
					r.Metrics[0][i], r.Metrics[1][i] = busMin(i), busMin(i)-5
				case busCode(i) == 1:
					r.Service[i], r.Cost[i] = part.Services[0], 15
				}
				r.Definite[i] = r.Status[i] == 2
			}
			out[c] = append(out[c], r)
		}
	}
	return out, nil
}

// transitInput is the sample's report input with busDouble, thresholds
// 30 and 60 minutes.
func transitInput(t *testing.T, lang qml.Lang) Input {
	in := demoInput(t, lang)
	res := in.Result
	p := res.Params
	p.Modes = []travel.Mode{busDouble{}}
	p.ModeThresholdsMin = map[string][]float64{"transit": {30, 60}}
	r, err := analysis.Compute(context.Background(), res.Villages, res.Services, p)
	if err != nil {
		t.Fatal(err)
	}
	in.Result = r
	return in
}

// The public-transport section: in every language, its heading, the
// note on median and best times, the shares within 30 and 60 minutes
// computed here from the double's answers, and both maps; a run without
// public transport has no such section.
func TestTransitSection(t *testing.T) {
	for _, l := range qml.Langs {
		in := transitInput(t, l)
		r := in.Result
		var b bytes.Buffer
		if err := Write(&b, in); err != nil {
			t.Fatal(err)
		}
		html := b.String()
		for _, key := range []string{"transit", "transit note", "no service", "off network"} {
			if !strings.Contains(html, esc(l.Lookup(words.Transit, key))) {
				t.Errorf("%s: report lacks %q", l, key)
			}
		}
		if n := strings.Count(html, `<svg class="map"`); n < 2 {
			t.Errorf("%s: %d maps", l, n)
		}
		// Belgian post offices by hand: people within 30 and 60 minutes
		// among those measured (no_service counts as reached never,
		// off the network not at all, walk_only at 15 minutes).
		c := catIndex(r, "post")
		var measured, w30, w60 float64
		for v, vl := range r.Villages {
			if vl.Country != "BE" || !vl.HasPopulation || busCode(v) == 3 || r.Rows[v].Cats[c].Status != analysis.StatusOK {
				continue
			}
			x := map[travel.Code]float64{0: busMin(v), 1: 15, 2: math.Inf(1)}[busCode(v)]
			measured += vl.Population
			if x <= 30 {
				w30 += vl.Population
			}
			if x <= 60 {
				w60 += vl.Population
			}
		}
		sec := html[strings.Index(html, esc(l.Lookup(words.Transit, "transit"))):]
		row := sec[strings.Index(sec, "<td class=\"l\">"+esc(in.category("post"))+"</td>"):]
		row = row[:strings.Index(row, "</tr>")]
		for _, want := range []string{l.Percent(w30 / measured), l.Percent(w60 / measured)} {
			if !strings.Contains(row, "<td>"+esc(want)+"</td>") {
				t.Errorf("%s: post row lacks share %s: %s", l, want, row)
			}
		}
		if w30 == w60 || measured == 0 {
			t.Fatalf("degenerate fixture: %v %v %v", measured, w30, w60)
		}
	}
	var b bytes.Buffer
	if err := Write(&b, demoInput(t, qml.EN)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), words.Transit["transit"][2]) {
		t.Error("a run without public transport has a public-transport section")
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
		c, none := catIndex(r, cat), false
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
	if id != r.Villages[0].ID || status != "ok" || min.Float64 != busMin(0) || deps != 0 {
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
