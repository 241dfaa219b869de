package population

import (
	"math"
	"math/rand/v2"
	"testing"
)

func enrichFixture() ([]Place, []*Table) {
	fr := &Table{Source: "fr.csv", Country: "FR", Rows: []Row{
		{Code: "59309", Name: "Hondschoote", Population: 3957},
		{Code: "59046", Name: "Bambecque", Population: 845},
		{Code: "59043", Name: "Bailleul", Population: 14732},
		{Code: "59183", Name: "Dunkerque", Population: 86263},
	}}
	be := &Table{Source: "be.csv", Country: "BE", Rows: []Row{
		{Code: "33021", Name: "Poperinge", Population: 19717},
		{Code: "33011", Name: "Ieper", Population: 34995},
	}}
	places := []Place{
		0:  {Name: "Hondschoote", Country: "FR", AreaCode: "59309", Weight: 10},
		1:  {Name: "Bambecque", Country: "FR", AreaCode: "59046", Weight: 10},
		2:  {Name: "Le Temple", Country: "FR", AreaCode: "59046", Weight: 1},
		3:  {Name: "Poperinge", Country: "BE", AreaCode: "relation/99", AreaName: "Poperinge", Weight: 100},
		4:  {Name: "Proven", Country: "BE", AreaCode: "relation/99", AreaName: "Poperinge", Weight: 10, Population: 1400, HasPopulation: true},
		5:  {Name: "Roesbrugge", Country: "BE", AreaCode: "relation/99", AreaName: "POPERINGE", Weight: 10},
		6:  {Name: "Ieper", Country: "BE", Weight: 1000},  // no area: by its own name
		7:  {Name: "Bailleul", Country: "BE", Weight: 10}, // the FR table is not for BE
		8:  {Name: "Steenvoorde", Country: "FR", AreaCode: "59999", Weight: 10, Population: 4000, HasPopulation: true},
		9:  {Name: "Dunkerque", Country: "FR", AreaCode: "59183", Weight: 1000, Population: 90000, HasPopulation: true},
		10: {Name: "Petite-Synthe", Country: "FR", AreaCode: "59183", Weight: 1},
		11: {Name: "Bailleul", Country: "FR", AreaCode: "059043", Weight: 10, Population: 15000, HasPopulation: true},
	}
	return places, []*Table{fr, be}
}

func TestEnrich(t *testing.T) {
	t.Parallel()
	type want struct {
		pop    float64 // -1 unknown
		status Status
		match  string
	}
	cases := []struct {
		apportion bool
		want      []want
		rep       Report
	}{
		{false, []want{
			{3957, Official, "code"}, {-1, Unknown, "code"}, {-1, Unknown, "code"},
			{-1, Unknown, "area_name"}, {1400, Kept, "area_name"}, {-1, Unknown, "area_name"},
			{34995, Official, "place_name"}, {-1, Unknown, ""}, {4000, Kept, ""},
			{90000, Kept, "code"}, {-1, Unknown, "code"}, {14732, Official, "code"},
		}, Report{Places: 12, Kept: 3, Official: 3, Unknown: 6, ByCode: 6, ByAreaName: 3, ByPlace: 1, Unmatched: 2, Municipalities: 6, NotUsed: 3}},
		// Bambecque 845 by weights 10:1 → 768.18 + 76.82 → 768 + 77.
		// Poperinge 19717 − 1400 = 18317 by 100:10 → 16651.82 + 1665.18 → 16652 + 1665.
		// Dunkerque: 90000 measured > 86263: nothing apportioned.
		{true, []want{
			{3957, Official, "code"}, {768, Apportioned, "code"}, {77, Apportioned, "code"},
			{16652, Apportioned, "area_name"}, {1400, Kept, "area_name"}, {1665, Apportioned, "area_name"},
			{34995, Official, "place_name"}, {-1, Unknown, ""}, {4000, Kept, ""},
			{90000, Kept, "code"}, {-1, Unknown, "code"}, {14732, Official, "code"},
		}, Report{Places: 12, Kept: 3, Official: 3, Apportioned: 4, Unknown: 2, ByCode: 6, ByAreaName: 3, ByPlace: 1, Unmatched: 2, Municipalities: 6, OverMeasured: 1}},
	}
	for _, tc := range cases {
		places, tables := enrichFixture()
		out, rep := Enrich(places, tables, Options{Apportion: tc.apportion})
		for i, w := range tc.want {
			pop := -1.0
			if out[i].HasPopulation {
				pop = out[i].Population
			}
			if got := (want{pop, out[i].Status, out[i].Match}); got != w {
				t.Errorf("apportion %v: place %d (%s) = %+v, want %+v", tc.apportion, i, places[i].Name, got, w)
			}
		}
		if *rep != tc.rep {
			t.Errorf("apportion %v: report %+v, want %+v", tc.apportion, *rep, tc.rep)
		}
		if places[11].Population != 15000 {
			t.Error("Enrich modified its input")
		}
	}
}

// Invariant: apportioned shares are whole, non-negative, and with the
// measured values they add up to the municipality's figure exactly.
func TestApportionConservesPopulation(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(7, 11))
	for iter := 0; iter < 2000; iter++ {
		total := float64(rng.IntN(50000))
		n := 1 + rng.IntN(12)
		places := make([]Place, n)
		var measured float64
		for k := range places {
			places[k] = Place{Name: "p", AreaCode: "A", Weight: []float64{0, 1, 10, 100, 1000, math.NaN()}[rng.IntN(6)]}
			if rng.IntN(4) == 0 {
				places[k].Population, places[k].HasPopulation = float64(rng.IntN(2000)), true
				measured += places[k].Population
			}
		}
		tables := []*Table{{Rows: []Row{{Code: "A", Name: "Area", Population: total}}}}
		out, rep := Enrich(places, tables, Options{Apportion: true})
		var sum float64
		open := 0
		for k, o := range out {
			if !places[k].HasPopulation {
				open++
			}
			if o.HasPopulation {
				if o.Population < 0 || o.Population != math.Trunc(o.Population) {
					t.Fatalf("iter %d: share %v", iter, o.Population)
				}
				sum += o.Population
			}
		}
		switch {
		case n == 1 || open == 0:
		case measured > total:
			if rep.OverMeasured != 1 || sum != measured {
				t.Fatalf("iter %d: over-measured not reported", iter)
			}
		default:
			if sum != total {
				t.Fatalf("iter %d: %v people given, figure %v", iter, sum, total)
			}
		}
	}
}
