package traveltest_test

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/geodesic"
	"github.com/partons/partons/travel"
	"github.com/partons/partons/travel/traveltest"
)

// Straight against brute force: the nearest service of each part is the
// one with the smallest geodesic, ties to the lower index.
func TestStraightNearestBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pt := func() orb.Point { return orb.Point{2.3 + 0.8*rng.Float64(), 50.6 + 0.4*rng.Float64()} }
	vs := make([]travel.Place, 200)
	for i := range vs {
		vs[i].Location = pt()
	}
	ss := make([]travel.Place, 40)
	for j := range ss {
		ss[j].Location = pt()
	}
	ss[7].Location = ss[3].Location // a tie: 3 wins
	vs = append(vs, travel.Place{Location: orb.Point{math.NaN(), 50}})
	var a, b []int32
	for j := range ss {
		if j%3 == 0 {
			a = append(a, int32(j))
		} else {
			b = append(b, int32(j))
		}
	}
	b = append(b, 3)
	cats := []travel.Category{{Name: "x", Parts: []travel.Part{{Country: "BE", Services: a}, {Country: "FR", Services: b[:len(b)-1]}}}}
	m := travel.Straight{Workers: 2}
	traveltest.Check(t, m, vs, ss, cats)
	sn, err := m.Snap(context.Background(), vs, ss)
	if err != nil {
		t.Fatal(err)
	}
	r, err := sn.Nearest(context.Background(), cats)
	if err != nil {
		t.Fatal(err)
	}
	for p, part := range cats[0].Parts {
		for i := range vs[:200] {
			best, bestD := int32(-1), math.Inf(1)
			for _, j := range part.Services {
				if d := geodesic.Distance(vs[i].Location, ss[j].Location); d < bestD {
					best, bestD = j, d
				}
			}
			if r[0][p].Service[i] != best || r[0][p].Cost[i] != bestD || r[0][p].Metrics[0][i] != bestD {
				t.Fatalf("part %d village %d: %d at %v, brute force %d at %v", p, i, r[0][p].Service[i], r[0][p].Cost[i], best, bestD)
			}
		}
		if r[0][p].Service[200] != -1 || sn.Village(200).OK {
			t.Errorf("invalid village reached %d", r[0][p].Service[200])
		}
	}
}
