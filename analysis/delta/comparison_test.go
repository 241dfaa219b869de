package delta

import (
	"context"
	"testing"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/aggregates"
	"github.com/partons/partons/analysis/variant"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/hours"
	"github.com/partons/partons/datasets/table"
	"github.com/partons/partons/travel"
)

// cell is the text of a comparison row (variant, category, level, code)
// in column name.
func comparisonCell(tb testing.TB, tab table.Table, variant, category, level, code, name string) string {
	tb.Helper()
	col := tab.Index(name)
	if col < 0 {
		tb.Fatalf("no column %q", name)
	}
	for i := range tab.Len {
		row := tab.Row(i, nil)
		if row[0].Text() == variant && row[1].Text() == category && row[2].Text() == level && row[3].Text() == code {
			return row[col].Text()
		}
	}
	tb.Fatalf("no row %s %s %s %s", variant, category, level, code)
	return ""
}

// TestComparisonOpenHours: with opening hours, comparison.csv carries the
// share of people with a service open after 18:00 within each threshold
// and the border gain in open hours, computed by hand on hoursFixture in
// a week without holidays (12–18 January 2026):
//   - p1 (BE) is open Mo-Fr 08:30-12:00,13:30-17:30 and Sa 09:00-12:00:
//     40.5 h, never after 18:00; p2 (FR) Mo-Sa 09:00-19:30: 63 h, 1.5 h
//     every weekday evening;
//   - within 1000 m Poperinge (100 people) has p1 only, Steenvoorde (50)
//     p2 only: 50 of 150 people have a pharmacy open after 18:00, and
//     neither gains hours across the border;
//   - within 20 km both reach both: everybody has one open after 18:00;
//     together they are open Mo-Fr 08:30-19:30 and Sa 09:00-19:30,
//     65.5 h: Poperinge gains 25 h over p1, Steenvoorde 2.5 h over p2,
//     (100·25 + 50·2.5)/150 = 17.5 h for all.
func TestComparisonOpenHours(t *testing.T) {
	res := hoursFixture(t, "Mo-Fr 09:00-12:00")
	w, err := hours.ParseWhen("2026-01-12")
	if err != nil {
		t.Fatal(err)
	}
	if err := res.ComputeOpenHours(context.Background(), hours.NewEvaluator(w, false), hours.DefaultSlots()); err != nil {
		t.Fatal(err)
	}
	c := NewComparison(res)
	c.Add("base", res, aggregates.Of(res), nil)
	tab := c.Table()
	for _, x := range []struct{ level, code, col, want string }{
		{"all", "", "share_open_weekday_evening_1000m", "0.3333"},
		{"country", "BE", "share_open_weekday_evening_1000m", "0.0000"},
		{"country", "FR", "share_open_weekday_evening_1000m", "1.0000"},
		{"all", "", "share_open_weekday_evening_20000m", "1.0000"},
		{"all", "", "share_open_weekday_morning_1000m", "1.0000"},
		{"all", "", "gain_open_hours_1000m", "0.00"},
		{"all", "", "gain_open_hours_20000m", "17.50"},
		{"country", "BE", "gain_open_hours_20000m", "25.00"},
		{"country", "FR", "gain_open_hours_20000m", "2.50"},
	} {
		if got := comparisonCell(t, tab, "base", "pharmacy", x.level, x.code, x.col); got != x.want {
			t.Errorf("pharmacy %s %s %s = %q, want %q", x.level, x.code, x.col, got, x.want)
		}
	}
	// Without opening hours, no open-hour columns.
	plain := hoursFixture(t, "")
	if tab := NewComparison(plain).Table(); tab.Index("gain_open_hours_1000m") >= 0 || tab.Index("share_open_weekday_evening_1000m") >= 0 {
		t.Error("open-hour columns without opening hours")
	}
}

// TestComparisonModes: a further mode's headline figures, by hand from
// newIDMode (post: v0 12 min, v1 8, v2 5; v3 off the network; people
// 100, 200, 300, 50) and a variant twice as fast (6, 4, 2.5 min).
func TestComparisonModes(t *testing.T) {
	ctx := context.Background()
	villages := []datasets.Village{village("v0", "AA", 0.01, 100), village("v1", "AA", 0.02, 200),
		village("v2", "BB", 0.05, 300), village("v3", "AA", 0.03, 50)}
	services := []datasets.Service{service("s0", "post", "AA", 0.00), service("s1", "post", "BB", 0.05)}
	p := analysis.DefaultParams()
	p.Modes = []travel.Mode{newIDMode(1)}
	base, err := analysis.Compute(ctx, villages, services, p)
	if err != nil {
		t.Fatal(err)
	}
	p.Coverage, p.CoverageRules = base.Coverage, base.CoverageRules
	v, err := variant.Apply(villages, services, []variant.Change{{Modes: true}}, func(s string) string { return s })
	if err != nil {
		t.Fatal(err)
	}
	p.Modes = []travel.Mode{newIDMode(0.5)}
	res, err := analysis.Recompute(ctx, base, v, p)
	if err != nil {
		t.Fatal(err)
	}
	c := NewComparison(base)
	c.Add("base", base, aggregates.Of(base), nil)
	c.Add("faster", res, aggregates.Of(res), New(base, res, nil))
	tab := c.Table()
	for _, x := range []struct{ variant, col, want string }{
		{"base", "bus_share_within_5min", "0.5000"}, // v2 (300 of 600 measured)
		{"base", "bus_share_within_10min", "0.8333"},
		{"base", "bus_share_within_15min", "1.0000"},
		{"base", "bus_people_gaining_5min", ""}, // no delta for the base
		{"faster", "bus_share_within_5min", "0.8333"},
		{"faster", "bus_share_within_10min", "1.0000"},
		{"faster", "bus_people_gaining_5min", "200"},  // v1: 8 → 4
		{"faster", "bus_people_gaining_10min", "100"}, // v0: 12 → 6
		{"faster", "bus_people_gaining_15min", "0"},
		{"faster", "bus_people_losing_5min", "0"},
		{"faster", "people_gaining_" + analysis.ThresholdName(p.ThresholdsM[0]), "0"}, // straight line unchanged
	} {
		if got := comparisonCell(t, tab, x.variant, "post", "all", "", x.col); got != x.want {
			t.Errorf("%s %s = %q, want %q", x.variant, x.col, got, x.want)
		}
	}
	// The delta table says who gains, village by village.
	dt := New(base, res, nil).Table()
	for row, want := range map[int][]string{
		0: {"ok", "ok", "12.00", "6.00", "-6.00", "", "gained", "", ""},
		1: {"ok", "ok", "8.00", "4.00", "-4.00", "gained", "", "", ""},
		3: {"unsnapped", "unsnapped", "", "", "", "", "", "", ""},
	} {
		cells := dt.Row(row, nil)
		for k, name := range []string{"base_bus_status", "variant_bus_status", "base_bus_min", "variant_bus_min", "delta_bus_min",
			"bus_coverage_5min", "bus_coverage_10min", "bus_coverage_15min", "bus_coverage_30min"} {
			col := dt.Index(name)
			if col < 0 {
				t.Fatalf("delta: no column %s", name)
			}
			if got := cells[col].Text(); got != want[k] {
				t.Errorf("delta row %d %s = %q, want %q", row, name, got, want[k])
			}
		}
	}
	// Only v3 (off the network on both sides, same straight line) is
	// unchanged: the other three villages are faster by bus.
	d := New(base, res, nil)
	if n := d.OmitUnchanged(); n != 1 || d.Rows() != 3 {
		t.Errorf("omitted %d of 4 rows, keeping %d; want v3 alone omitted", n, d.Rows())
	}
	if got := d.Table().Row(2, nil)[0].Text(); got != "v2" {
		t.Errorf("third row kept is %s, want v2", got)
	}
}
