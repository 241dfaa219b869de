package summary

import (
	"math"
	"testing"

	"github.com/partons/partons/analysis"
)

// TestPickRows: one country row per category and country, the
// cross-border basis first; with no population measured on either basis,
// the basis measuring more villages; area rows and other bases left out.
func TestPickRows(t *testing.T) {
	agg := func(cat, code string, level analysis.Level, basis analysis.Basis, pop float64, known int) analysis.Aggregate {
		return analysis.Aggregate{Category: cat, Code: code, Level: level, Basis: basis, PopulationMeasured: pop, VillagesKnown: known}
	}
	aggs := []analysis.Aggregate{
		agg("post", "BE", analysis.LevelCountry, analysis.BasisNearest, 100, 3),
		agg("post", "BE", analysis.LevelCountry, analysis.BasisDomestic, 100, 3),
		agg("post", "BE", analysis.LevelArea, analysis.BasisNearest, 100, 3),
		agg("gp", "FR", analysis.LevelCountry, analysis.BasisNearest, 0, 1),
		agg("gp", "FR", analysis.LevelCountry, analysis.BasisDomestic, 0, 4),
		agg("gp", "FR", analysis.LevelCountry, analysis.Basis("road_m"), 50, 4),
	}
	got := pickRows(aggs)
	want := []struct {
		cat   string
		basis analysis.Basis
	}{{"post", analysis.BasisNearest}, {"gp", analysis.BasisDomestic}}
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].Category != w.cat || got[i].Basis != w.basis || got[i].Level != analysis.LevelCountry {
			t.Errorf("row %d = %s %s %s, want %s %s country", i, got[i].Category, got[i].Basis, got[i].Level, w.cat, w.basis)
		}
	}
}

// TestCells: shares in percent to one decimal, figures rounded, unknown
// as a dash.
func TestCells(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{pct(0.4567), "45.7%"}, {pct(math.NaN()), "–"}, {num(1234.5), "1234"}, {num(1235.5), "1236"}, {num(math.NaN()), "–"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
