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
	if want := 2 * 2 * (len(fl.Members) + 1 + len(in.Members) + 1); len(lines) != want {
		t.Fatalf("%d rows, want 2 villages × 2 bases × (members+1) = %d", len(lines), want)
	}
	for _, want := range []string{
		// food shop: the baker (900 m) beats the grocery (1500 m).
		"houtem,Houtem,BE,flemish_basic_services,nearest,food_shop,ok,900.0,b1,BE,,true,true",
		"houtem,Houtem,BE,flemish_basic_services,nearest,pharmacy,ok,3000.0,p1,FR,,false,true",
		"houtem,Houtem,BE,flemish_basic_services,nearest,school,ok,500.0,s1,BE,,true,true",
		// the farthest member: the pharmacy across the border.
		"houtem,Houtem,BE,flemish_basic_services,nearest,all,ok,3000.0,,,,false,true",
		// Bray: the pharmacy is unknown, so the set is incomplete, not 2000 m.
		"bray,Bray-Dunes,FR,flemish_basic_services,nearest,pharmacy,unknown,,,,,,",
		"bray,Bray-Dunes,FR,flemish_basic_services,nearest,all,incomplete,,,,,,",
		// INSEE: the post is not in the run at all; no thresholds.
		"houtem,Houtem,BE,insee_gamme_proximite,nearest,poste,not_in_data,,,,,,",
		"houtem,Houtem,BE,insee_gamme_proximite,nearest,epicerie,ok,1500.0,e1,FR,,,",
		"houtem,Houtem,BE,insee_gamme_proximite,nearest,all,incomplete,,,,,,",
		// The hairdresser of the gamme has no partons category: written,
		// with empty values, never dropped.
		"houtem,Houtem,BE,insee_gamme_proximite,nearest,coiffure,not_measured,,,,,,",
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

// A set whose measured members are all known but which has members
// partons does not measure reads "partial": the farthest measured member
// (here the bank at 2500 m), a lower bound of the official figure; the
// manifest line counts and names what is not measured.
func TestTablePartialSet(t *testing.T) {
	res := &analysis.Result{
		Categories: []string{"bank"},
		Villages:   []datasets.Village{{ID: "bray", Name: "Bray-Dunes", Country: "FR"}},
		Services:   []datasets.Service{{ID: "k1", Country: "FR"}},
		Rows:       []analysis.VillageResult{{Cats: []analysis.CategoryResult{cat(2500, 0, 2500, 0)}}},
	}
	s := Set{Name: "g", Title: "G", Source: "src", Definition: "def", Caveats: "none", Members: []Member{
		{Name: "banque", Categories: []string{"bank"}, Official: "banque (A203)"},
		notMeasured("college", "collège", ""),
	}}
	tb := Table(res, []Set{s})
	var got []string
	for i := range tb.Len {
		var c []string
		for _, x := range tb.Row(i, nil)[3:9] {
			c = append(c, x.Text())
		}
		got = append(got, strings.Join(c, ","))
	}
	want := []string{
		"g,nearest,banque,ok,2500.0,k1", "g,nearest,college,not_measured,,", "g,nearest,all,partial,2500.0,",
		"g,domestic,banque,ok,2500.0,k1", "g,domestic,college,not_measured,,", "g,domestic,all,partial,2500.0,",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	d := Describe([]Set{s})[0]
	if !strings.Contains(d, "Measured: 1 of 2 types; not measured (no partons category): collège.") {
		t.Errorf("Describe: %s", d)
	}
}

// Every member of every built-in set appears in the table of every
// village and basis, measured or not: nothing of an official list is
// dropped.
func TestEveryOfficialMemberWritten(t *testing.T) {
	res := &analysis.Result{
		Villages: []datasets.Village{{ID: "a", Country: "BE"}, {ID: "b", Country: "FR"}},
		Rows:     []analysis.VillageResult{{}, {}},
	}
	tb := Table(res, Builtin)
	seen := map[string]int{}
	for i := range tb.Len {
		r := tb.Row(i, nil)
		seen[r[3].Text()+"/"+r[5].Text()]++
	}
	for _, s := range Builtin {
		for _, m := range append(s.Members, Member{Name: "all"}) {
			if n := seen[s.Name+"/"+m.Name]; n != 4 {
				t.Errorf("%s/%s: %d rows, want 2 villages × 2 bases", s.Name, m.Name, n)
			}
		}
	}
}

func TestBuiltinSetsDocumented(t *testing.T) {
	for _, s := range Builtin {
		if s.Title == "" || s.Source == "" || s.Definition == "" || s.Caveats == "" || len(s.Members) == 0 {
			t.Errorf("%s is not fully documented", s.Name)
		}
		names := map[string]bool{"all": true}
		for _, m := range s.Members {
			if m.Official == "" || names[m.Name] {
				t.Errorf("%s/%s: no official name, or a name used twice", s.Name, m.Name)
			}
			names[m.Name] = true
		}
	}
	for _, name := range []string{"flemish_basic_services", "insee_gamme_proximite", "insee_gamme_intermediaire", "insee_gamme_superieure"} {
		if _, ok := Lookup(name); !ok {
			t.Errorf("no built-in set %s", name)
		}
	}
	if _, ok := Lookup("nope"); ok {
		t.Error("Lookup found an unknown set")
	}
}
