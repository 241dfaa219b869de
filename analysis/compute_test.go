package analysis

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis/analysistest"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/geo/geodesic"
)

// On the equator the geodesic between two close points runs along it, so
// its length is a·Δλ exactly: 0.01° = 1113.1949079327 m on WGS84.
const metresPerCentiDegree = analysistest.MetresPerCentiDegree

var eq, village, service = analysistest.Eq, analysistest.Village, analysistest.Service

func near(t testing.TB, what string, got, want float64) {
	t.Helper()
	if math.IsNaN(want) {
		if !math.IsNaN(got) {
			t.Errorf("%s = %v, want absent (NaN)", what, got)
		}
		return
	}
	if math.Abs(got-want) > distanceTolM {
		t.Errorf("%s = %.6f m, want %.6f m", what, got, want)
	}
}

func TestComputeHandChecked(t *testing.T) {
	m := metresPerCentiDegree
	villages := []datasets.Village{
		village("v0", "AA", 0.01, 100),
		village("v1", "AA", 0.045, 200),
		village("v2", "BB", 0.05, math.NaN()),
	}
	services := []datasets.Service{
		service("s0", "pharmacy", "AA", 0.00),
		service("s1", "pharmacy", "BB", 0.05),
		service("s2", "pharmacy", "AA", 0.10),
		service("p0", "post", "AA", 0.02),
	}
	p := DefaultParams()
	p.Basket = []BasketMember{{Name: "health", Categories: []string{"pharmacy"}}, {Name: "post", Categories: []string{"post"}}}
	res, err := Compute(context.Background(), villages, services, p)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Categories; len(got) != 2 || got[0] != "pharmacy" || got[1] != "post" {
		t.Fatalf("categories = %v", got)
	}
	ph := func(v int) CategoryResult { return res.Rows[v].Cats[0] }
	po := func(v int) CategoryResult { return res.Rows[v].Cats[1] }

	// v0: nearest and domestic s0 one centidegree west; abroad s1 four east.
	near(t, "v0 nearest", ph(0).NearestM, m)
	near(t, "v0 domestic", ph(0).DomesticM, m)
	near(t, "v0 abroad", ph(0).AbroadM, 4*m)
	if ph(0).NearestService != 0 || ph(0).AbroadService != 1 || ph(0).Status != StatusOK {
		t.Errorf("v0 pharmacy = %+v", ph(0))
	}
	// Within 1200 m: s0; 3750 m: s0; 10000 m: s0, s1 (s2 is 9 cd = 10018.75 m away).
	if w := ph(0).Within; len(w) != 3 || w[0] != 1 || w[1] != 1 || w[2] != 2 {
		t.Errorf("v0 within = %v, want [1 1 2]", w)
	}
	// v1: the nearest is abroad (s1, half a centidegree east); domestic s0 at 4.5 cd.
	near(t, "v1 nearest", ph(1).NearestM, 0.5*m)
	near(t, "v1 domestic", ph(1).DomesticM, 4.5*m)
	if ph(1).NearestService != 1 || ph(1).DomesticService != 0 {
		t.Errorf("v1 pharmacy services = %+v", ph(1))
	}
	// v2 sits on s1.
	near(t, "v2 nearest", ph(2).NearestM, 0)

	// post exists only in AA, so inferred coverage leaves BB uncovered:
	// AA villages cannot know the abroad distance, BB ones know nothing.
	if po(0).Status != StatusAbroadNotCovered || !math.IsNaN(po(0).NearestM) {
		t.Errorf("v0 post = %+v, want abroad_not_covered with no nearest", po(0))
	}
	near(t, "v0 post domestic", po(0).DomesticM, m)
	if po(0).Within != nil {
		t.Errorf("v0 post within = %v, want unknown", po(0).Within)
	}
	// A BB village: its own side is not covered, but the AA post three
	// centidegrees west is a known abroad distance.
	if po(2).Status != StatusDomesticNotCovered || !math.IsNaN(po(2).DomesticM) || !math.IsNaN(po(2).NearestM) {
		t.Errorf("v2 post = %+v, want domestic_not_covered", po(2))
	}
	near(t, "v2 post abroad", po(2).AbroadM, 3*m)

	// Basket (nearest basis): v0's post member is unknown, so the basket
	// is unknown; but the domestic basket is known: max(1 cd, 1 cd).
	if res.Rows[0].Basket.Known {
		t.Errorf("v0 basket should be unknown: %+v", res.Rows[0].Basket)
	}
	d := res.Rows[0].Domest
	if !d.Known {
		t.Fatalf("v0 domestic basket unknown")
	}
	near(t, "v0 domestic basket", d.MaxM, m)
	if w, ok := d.WithinKnown(1200); !w || !ok {
		t.Errorf("v0 domestic basket within 1200 m = %v, %v", w, ok)
	}
	// v1's domestic basket: pharmacy 4.5 cd, post 2.5 cd → 4.5 cd = 5009 m.
	near(t, "v1 domestic basket", res.Rows[1].Domest.MaxM, 4.5*m)
	if w, ok := res.Rows[1].Domest.WithinKnown(3750); w || !ok {
		t.Errorf("v1 domestic basket within 3750 m = %v, %v; want known false", w, ok)
	}
}

func TestComputeExplicitCoverage(t *testing.T) {
	villages := []datasets.Village{village("v0", "AA", 0.01, 1), village("v1", "BB", 0.05, 1)}
	services := []datasets.Service{service("p0", "post", "AA", 0.02)}
	p := DefaultParams()
	p.Coverage = Coverage{}
	p.Coverage.Set("post", "AA", true)
	p.Coverage.Set("post", "BB", true) // declared complete: BB truly has none
	res, err := Compute(context.Background(), villages, services, p)
	if err != nil {
		t.Fatal(err)
	}
	c1 := res.Rows[1].Cats[0]
	if c1.Status != StatusNoDomesticService {
		t.Errorf("v1 status = %v, want no_domestic_service", c1.Status)
	}
	near(t, "v1 nearest", c1.NearestM, 3*metresPerCentiDegree)
	near(t, "v1 abroad", c1.AbroadM, 3*metresPerCentiDegree)
	near(t, "v1 domestic", c1.DomesticM, math.NaN())
	c0 := res.Rows[0].Cats[0]
	if c0.Status != StatusOK || !math.IsNaN(c0.AbroadM) {
		t.Errorf("v0 = %+v, want ok with no abroad service", c0)
	}
}

func TestComputeTiesGoToLowestIndex(t *testing.T) {
	villages := []datasets.Village{village("v", "AA", 0.05, 1)}
	services := []datasets.Service{
		service("east", "bank", "AA", 0.06),
		service("west", "bank", "AA", 0.04),
	}
	for range 20 {
		res, err := Compute(context.Background(), villages, services, DefaultParams())
		if err != nil {
			t.Fatal(err)
		}
		if s := res.Rows[0].Cats[0].NearestService; s != 0 {
			t.Fatalf("tie went to service %d, want 0 (lowest index)", s)
		}
	}
}

func TestComputeRequiresCountries(t *testing.T) {
	villages := []datasets.Village{village("v", "", 0, 1)}
	villages[0].Origin = datasets.Origin{Source: "v.csv", Line: 2, Feature: -1}
	services := []datasets.Service{service("s", "bank", "AA", 0)}
	_, err := Compute(context.Background(), villages, services, DefaultParams())
	var re *datasets.RecordError
	if !errors.As(err, &re) || re.Source != "v.csv" || re.Line != 2 || re.Field != "country" {
		t.Fatalf("err = %v, want a RecordError at v.csv:2 field country", err)
	}
	p := DefaultParams()
	p.CrossBorder = false
	res, err := Compute(context.Background(), villages, services, p)
	if err != nil {
		t.Fatalf("without cross-border metrics a missing country is fine: %v", err)
	}
	if res.Rows[0].Cats[0].Status != StatusOK || res.Rows[0].Cats[0].NearestM != 0 {
		t.Errorf("row = %+v", res.Rows[0].Cats[0])
	}
}

// TestComputeAgainstBruteForce checks every metric against an obvious
// O(villages × services) computation on random cross-border data.
func TestComputeAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	pt := func() orb.Point { return orb.Point{2.0 + 1.3*rng.Float64(), 50.55 + 0.65*rng.Float64()} }
	country := func(p orb.Point) string {
		if p[1] < 50.55+0.4*(p[0]-2.0) { // a slanted "border"
			return "FR"
		}
		return "BE"
	}
	cats := []string{"a", "b", "c"}
	var services []datasets.Service
	for i := range 600 {
		p := pt()
		c := cats[rng.IntN(len(cats))]
		if c == "c" && country(p) == "FR" {
			continue // "c" exists on one side only
		}
		services = append(services, datasets.Service{ID: string(rune('A'+i%26)) + itoa(i), Category: c, Country: country(p), Location: p})
	}
	var villages []datasets.Village
	for i := range 800 {
		p := pt()
		villages = append(villages, datasets.Village{ID: itoa(i), Country: country(p), Location: p})
	}
	p := DefaultParams()
	p.Coverage = Coverage{}
	for _, c := range cats {
		p.Coverage.Set(c, "BE", true)
		p.Coverage.Set(c, "FR", true)
	}
	p.Workers = 3
	res, err := Compute(context.Background(), villages, services, p)
	if err != nil {
		t.Fatal(err)
	}
	for v := range villages {
		for ci, cat := range res.Categories {
			want := brute(villages[v], services, cat, p.ThresholdsM)
			got := res.Rows[v].Cats[ci]
			if got.NearestService != want.NearestService || got.DomesticService != want.DomesticService ||
				got.AbroadService != want.AbroadService {
				t.Fatalf("village %d %s: services got %d/%d/%d want %d/%d/%d", v, cat,
					got.NearestService, got.DomesticService, got.AbroadService,
					want.NearestService, want.DomesticService, want.AbroadService)
			}
			near(t, "nearest", got.NearestM, want.NearestM)
			near(t, "domestic", got.DomesticM, want.DomesticM)
			near(t, "abroad", got.AbroadM, want.AbroadM)
			for k := range p.ThresholdsM {
				if got.Within[k] != want.Within[k] {
					t.Fatalf("village %d %s within %v: %d want %d", v, cat, p.ThresholdsM[k], got.Within[k], want.Within[k])
				}
			}
			// Invariants.
			if !math.IsNaN(got.DomesticM) && got.DomesticM < got.NearestM {
				t.Fatalf("domestic %v < nearest %v", got.DomesticM, got.NearestM)
			}
			if !math.IsNaN(got.AbroadM) && got.AbroadM < got.NearestM {
				t.Fatalf("abroad %v < nearest %v", got.AbroadM, got.NearestM)
			}
			if m := math.Min(nz(got.DomesticM), nz(got.AbroadM)); m != got.NearestM {
				t.Fatalf("nearest %v != min(domestic, abroad) %v", got.NearestM, m)
			}
		}
	}
}

func nz(v float64) float64 {
	if math.IsNaN(v) {
		return math.Inf(1)
	}
	return v
}

func brute(v datasets.Village, services []datasets.Service, cat string, ts []float64) CategoryResult {
	r := CategoryResult{NearestM: math.NaN(), DomesticM: math.NaN(), AbroadM: math.NaN(),
		NearestService: -1, DomesticService: -1, AbroadService: -1, Within: make([]int32, len(ts))}
	for i, s := range services {
		if s.Category != cat {
			continue
		}
		d := geodesic.Distance(v.Location, s.Location)
		if r.NearestService < 0 || d < r.NearestM {
			r.NearestM, r.NearestService = d, int32(i)
		}
		if s.Country == v.Country {
			if r.DomesticService < 0 || d < r.DomesticM {
				r.DomesticM, r.DomesticService = d, int32(i)
			}
		} else if r.AbroadService < 0 || d < r.AbroadM {
			r.AbroadM, r.AbroadService = d, int32(i)
		}
		for k, t := range ts {
			if d <= t {
				r.Within[k]++
			}
		}
	}
	return r
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}
