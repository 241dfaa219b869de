package analysis

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis/variant"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/geo/road"
)

// closureRegion is a random region for the closures' property test:
// villages and services clustered around a few towns in three countries
// (bands of latitude), services of three categories, some at the very
// place of another (a rival at the same distance from every village) or
// a millimetre from it, some villages and services in a sparse outskirt
// (nearest services far beyond the thresholds), one service without a
// valid position.
func closureRegion(rng *rand.Rand, nv, ns int) ([]datasets.Village, []datasets.Service) {
	towns := make([]orb.Point, 12)
	for i := range towns {
		towns[i] = orb.Point{2 + 1.5*rng.Float64(), 50.2 + 1.2*rng.Float64()}
	}
	pt := func() orb.Point {
		if rng.IntN(10) == 0 { // the outskirt
			return orb.Point{4 + 3*rng.Float64(), 50 + 2*rng.Float64()}
		}
		t := towns[rng.IntN(len(towns))]
		return orb.Point{t[0] + rng.NormFloat64()*0.05, t[1] + rng.NormFloat64()*0.03}
	}
	country := func(p orb.Point) string {
		switch {
		case p[1] < 50.6:
			return "FR"
		case p[1] < 51:
			return "BE"
		}
		return "NL"
	}
	var vs []datasets.Village
	for i := range nv {
		p := pt()
		vs = append(vs, datasets.Village{ID: "v" + strconv.Itoa(i), Country: country(p), Location: p,
			Population: float64(1 + rng.IntN(900)), HasPopulation: rng.IntN(6) != 0})
	}
	cats := []string{"post", "pharmacy", "bakery"}
	var ss []datasets.Service
	for i := range ns {
		p := pt()
		switch k := rng.IntN(8); {
		case k == 0 && len(ss) > 0:
			p = ss[rng.IntN(len(ss))].Location // the same place as another
		case k == 1 && len(ss) > 0:
			q := ss[rng.IntN(len(ss))].Location
			p = orb.Point{q[0] + 1e-8, q[1]} // about a millimetre away
		}
		ss = append(ss, datasets.Service{ID: "s" + strconv.Itoa(i), Category: cats[rng.IntN(3)], Country: country(p), Location: p})
	}
	ss[rng.IntN(len(ss))].Location = orb.Point{math.NaN(), 50.5}
	return vs, ss
}

// TestClosedOnlyEqualsFromScratch: random variants closing services on
// random regions, under several thresholds, with and without cross-border
// and with partial coverage: the variant computed incrementally
// (Recompute, which keeps the base's rows of the villages the closures
// cannot reach) equals the variant computed from scratch in every field
// of every village, distances bit for bit; and the shortcut is taken in
// most cases, leaving a good part of the villages alone.
func TestClosedOnlyEqualsFromScratch(t *testing.T) {
	ctx := context.Background()
	settings := []struct {
		ts       []float64
		cross    bool
		coverage bool // BE covered for post only by declaration
	}{
		{[]float64{1200, 3750, 10000}, true, false},
		{[]float64{1200, 3750, 10000}, false, false},
		{[]float64{10000, 25000}, true, true},
		{[]float64{15000}, false, true},
		{[]float64{500, 2000}, true, false}, // below the bracket's reach: from scratch
	}
	used, searched, villages := 0, 0, 0
	for seed := uint64(1); seed <= 12; seed++ {
		rng := rand.New(rand.NewPCG(seed, 17))
		vs, ss := closureRegion(rng, 400, 150+rng.IntN(100))
		st := settings[int(seed)%len(settings)]
		p := DefaultParams()
		p.ThresholdsM, p.CrossBorder = st.ts, st.cross
		p.Basket = []BasketMember{{Name: "daily", Categories: []string{"post", "bakery"}}}
		if seed%2 == 0 {
			p.Road = DefaultRoadParams(road.Car) // estimates from straight lines, as a run without roads has
		}
		if st.coverage {
			p.Coverage = Coverage{}
			p.Coverage.Set("post", "BE", false)
		}
		base, err := Compute(ctx, vs, ss, p)
		if err != nil {
			t.Fatal(err)
		}
		pv := p
		pv.Coverage, pv.CoverageRules = base.Coverage, base.CoverageRules
		vb := variant.NewBase(vs, ss)
		for k := range 8 {
			var ids []string
			for range 1 + rng.IntN(4) {
				ids = append(ids, ss[rng.IntN(len(ss))].ID)
			}
			slices.Sort(ids)
			ids = slices.Compact(ids)
			changes := []variant.Change{{CloseServices: &variant.Selection{IDs: ids}}}
			if k == 7 { // every post office in FR: its statuses change
				changes = []variant.Change{{CloseServices: &variant.Selection{Category: "post", Country: "FR"}}}
			}
			v, err := vb.Apply(changes, func(s string) string { return s })
			if err != nil {
				t.Fatal(err)
			}
			name := fmt.Sprintf("seed %d %v cross %v variant %d (%v)", seed, st.ts, st.cross, k, ids)
			got, err := Recompute(ctx, base, v, pv)
			if err != nil {
				t.Fatal(err)
			}
			want, err := Compute(ctx, v.Villages, v.Services, pv)
			if err != nil {
				t.Fatal(err)
			}
			sameRows(t, name, got, want)
			var touched []string
			for _, c := range base.Categories {
				if v.Touched[c] {
					touched = append(touched, c)
				}
			}
			pp := pv
			pp.Categories = touched
			part, ok, err := closedOnly(ctx, base, v, pp, touched)
			if err != nil {
				t.Fatal(err)
			}
			if ok {
				used++
				villages += len(part.Rows)
				searched += countSearched(base, part, touched)
			}
		}
	}
	if used < 40 {
		t.Errorf("the closures' shortcut applied to %d variants of 96", used)
	}
	if searched*4 > villages*3 { // clustered towns: a closure reaches many villages of its town and the next
		t.Errorf("the shortcut searched %d villages of %d again", searched, villages)
	}
	t.Logf("shortcut in %d variants, %d of %d villages searched again", used, searched, villages)
}

// countSearched counts the villages whose partial rows are not the base's
// (they were searched again: their Within counts are fresh slices).
func countSearched(base, part *Result, touched []string) int {
	n := 0
	for vi := range part.Rows {
		for c, name := range touched {
			bw := base.Rows[vi].Cats[slices.Index(base.Categories, name)].Within
			pw := part.Rows[vi].Cats[c].Within
			if len(pw) > 0 && (len(bw) == 0 || &bw[0] != &pw[0]) {
				n++
				break
			}
		}
	}
	return n
}

// sameRows fails unless every village's result is the same in got and
// want: each category's status, distances (bits), services (by id) and
// counts, and both baskets.
func sameRows(t *testing.T, name string, got, want *Result) {
	t.Helper()
	if !slices.Equal(got.Categories, want.Categories) || len(got.Rows) != len(want.Rows) {
		t.Fatalf("%s: categories %v, %d rows; want %v, %d", name, got.Categories, len(got.Rows), want.Categories, len(want.Rows))
	}
	bits := func(x float64) uint64 {
		if math.IsNaN(x) {
			return 1
		}
		return math.Float64bits(x)
	}
	id := func(r *Result, s int32) string {
		if s < 0 {
			return "-"
		}
		return r.Services[s].ID
	}
	bad := 0
	for vi := range want.Rows {
		g, w := &got.Rows[vi], &want.Rows[vi]
		for c := range w.Cats {
			gc, wc := &g.Cats[c], &w.Cats[c]
			if gc.Status != wc.Status || bits(gc.NearestM) != bits(wc.NearestM) || bits(gc.DomesticM) != bits(wc.DomesticM) ||
				bits(gc.AbroadM) != bits(wc.AbroadM) || id(got, gc.NearestService) != id(want, wc.NearestService) ||
				id(got, gc.DomesticService) != id(want, wc.DomesticService) || id(got, gc.AbroadService) != id(want, wc.AbroadService) ||
				!slices.Equal(gc.Within, wc.Within) || (gc.Within == nil) != (wc.Within == nil) {
				if bad++; bad <= 5 {
					t.Errorf("%s: village %s %s: got %+v, want %+v", name, want.Villages[vi].ID, want.Categories[c], *gc, *wc)
				}
			}
		}
		for _, pair := range [][2]BasketResult{{g.Basket, w.Basket}, {g.Domest, w.Domest}} {
			gb, wb := pair[0], pair[1]
			if bits(gb.MaxM) != bits(wb.MaxM) || bits(gb.LowerM) != bits(wb.LowerM) || gb.Known != wb.Known {
				if bad++; bad <= 5 {
					t.Errorf("%s: village %s basket: got %+v, want %+v", name, want.Villages[vi].ID, gb, wb)
				}
			}
		}
	}
}
