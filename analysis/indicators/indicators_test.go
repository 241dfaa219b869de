package indicators

import (
	"math"
	"strings"
	"testing"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets"
)

// cat is a category result whose nearest service is at home (domestic
// = nearest) when it is Belgian for a Belgian village; abroad services
// leave the domestic distance at dom.
func cat(m float64, svc int32, dom float64, dsvc int32) analysis.CategoryResult {
	return analysis.CategoryResult{NearestM: m, NearestService: svc, DomesticM: dom, DomesticService: dsvc}
}

// Two villages, hand-made: Houtem (BE) has a baker at 900 m, a GP at
// 1100 m, a pharmacy across the border at 3000 m and a school at 500 m;
// Bray (FR) has no known pharmacy (not covered) and no post data at all.
func TestTableHandComputed(t *testing.T) {
	nan := math.NaN()
	res := &analysis.Result{
		Categories: []string{"bakery", "gp", "pharmacy", "primary_school", "grocery"},
		Villages:   []datasets.Village{{ID: "houtem", Name: "Houtem", Country: "BE"}, {ID: "bray", Name: "Bray-Dunes", Country: "FR"}},
		Services: []datasets.Service{{ID: "b1", Country: "BE"}, {ID: "g1", Country: "BE"}, {ID: "p1", Country: "FR"},
			{ID: "s1", Country: "BE"}, {ID: "e1", Country: "FR"}, {ID: "p2", Country: "BE"}},
		Rows: []analysis.VillageResult{
			{Cats: []analysis.CategoryResult{cat(900, 0, 900, 0), cat(1100, 1, 1100, 1), cat(3000, 2, 5000, 5), cat(500, 3, 500, 3), cat(1500, 4, nan, -1)}},
			{Cats: []analysis.CategoryResult{cat(2000, 0, nan, -1), cat(700, 1, nan, -1), cat(nan, -1, nan, -1), cat(300, 3, nan, -1), cat(400, 4, 400, 4)}},
		},
	}
	fl, _ := Lookup("flemish_basic_services")
	in, _ := Lookup("insee_gamme_proximite")
	tb := Table(res, []Set{fl, in})
	var lines []string
	for i := range tb.Len {
		var s []string
		for _, c := range tb.Row(i, nil) {
			s = append(s, c.Text())
		}
		lines = append(lines, strings.Join(s, ","))
	}
	if len(lines) != 2*2*(5+9) {
		t.Fatalf("%d rows, want 2 villages × 2 bases × (4+1 + 8+1)", len(lines))
	}
	for _, want := range []string{
		// food shop: the baker (900 m) beats the grocery (1500 m).
		"houtem,Houtem,BE,flemish_basic_services,nearest,food_shop,ok,900.0,b1,BE,,true,true",
		"houtem,Houtem,BE,flemish_basic_services,nearest,pharmacy,ok,3000.0,p1,FR,,false,true",
		// the farthest member: the pharmacy across the border.
		"houtem,Houtem,BE,flemish_basic_services,nearest,all,ok,3000.0,,,,false,true",
		// Bray: the pharmacy is unknown, so the set is incomplete, not 2000 m.
		"bray,Bray-Dunes,FR,flemish_basic_services,nearest,pharmacy,unknown,,,,,,",
		"bray,Bray-Dunes,FR,flemish_basic_services,nearest,all,incomplete,,,,,,",
		// INSEE: the post is not in the run at all; no thresholds.
		"houtem,Houtem,BE,insee_gamme_proximite,nearest,poste,not_in_data,,,,,,",
		"houtem,Houtem,BE,insee_gamme_proximite,nearest,epicerie,ok,1500.0,e1,FR,,,",
		"houtem,Houtem,BE,insee_gamme_proximite,nearest,all,incomplete,,,,,,",
		// At home (as the Flemish office measures), Houtem's pharmacy is
		// 5000 m away: beyond 3.75 km, where across the border it is within.
		"houtem,Houtem,BE,flemish_basic_services,domestic,pharmacy,ok,5000.0,p2,BE,,false,false",
		"houtem,Houtem,BE,flemish_basic_services,domestic,all,ok,5000.0,,,,false,false",
	} {
		found := false
		for _, l := range lines {
			found = found || l == want
		}
		if !found {
			t.Errorf("no row %q in\n%s", want, strings.Join(lines, "\n"))
		}
	}
	if h := tb.Columns[len(tb.Columns)-2].Name + "," + tb.Columns[len(tb.Columns)-1].Name; h != "within_1200m,within_3750m" {
		t.Errorf("threshold columns %s", h)
	}
}

func TestBuiltinSetsDocumented(t *testing.T) {
	for _, s := range Builtin {
		if s.Title == "" || s.Source == "" || s.Definition == "" || s.Partial == "" || len(s.Members) == 0 {
			t.Errorf("%s is not fully documented", s.Name)
		}
		for _, m := range s.Members {
			if m.Official == "" || len(m.Categories) == 0 {
				t.Errorf("%s/%s: no official name or categories", s.Name, m.Name)
			}
		}
	}
	if _, ok := Lookup("nope"); ok {
		t.Error("Lookup found an unknown set")
	}
}
