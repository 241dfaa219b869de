package matrix

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets/odmatrix"
	"github.com/partons/partons/travel"
	"github.com/partons/partons/travel/traveltest"
)

func TestMatrixMode(t *testing.T) {
	m := &odmatrix.Matrix{Source: "m.csv",
		Origins: []string{"b", "a"}, Destinations: []string{"x", "y"},
		Pairs: []odmatrix.Pair{{O: 0, D: 0, Cost: 5}, {O: 1, D: 1, Cost: 50}, {O: 1, D: 0, Cost: 7}},
		Lines: []int32{2, 3, 4}}
	places := func(ids ...string) []travel.Place {
		out := make([]travel.Place, len(ids))
		for k, id := range ids {
			out[k].ID = id
		}
		return out
	}
	ctx := context.Background()
	mode := Mode{M: m, Unit: travel.Minutes}
	sn, err := mode.Snap(ctx, places("a", "b", "c"), places("y", "x"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := sn.Costs(ctx, []int32{0, 1}, 10)
	if err != nil {
		t.Fatal(err)
	}
	got := c.Entries()
	want := []travel.Entry{{Demand: 0, Supply: 1, Cost: 7}, {Demand: 1, Supply: 1, Cost: 5}} // (a,y) = 50 is beyond 10
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("entries %v, want %v", got, want)
	}
	// Nearest: a reaches x at 7 (y at 50 costs more), b x at 5, c is unlisted.
	r, err := sn.Nearest(ctx, []travel.Category{{Name: "post", Parts: []travel.Part{{Services: []int32{0, 1}}}}})
	if err != nil {
		t.Fatal(err)
	}
	s := mode.Schema()
	for i, w := range []struct {
		svc    int32
		cost   float64
		status string
	}{{1, 7, "ok"}, {1, 5, "ok"}, {-1, math.NaN(), "unlisted"}} {
		rc := r[0][0]
		if rc.Service[i] != w.svc || s.Status(rc.Status[i]) != w.status || !(rc.Cost[i] == w.cost || math.IsNaN(w.cost) && math.IsNaN(rc.Cost[i])) {
			t.Errorf("village %d: %d %v %s, want %d %v %s", i, rc.Service[i], rc.Cost[i], s.Status(rc.Status[i]), w.svc, w.cost, w.status)
		}
	}
	if sn.Village(2).OK || !sn.Village(0).OK {
		t.Error("snap of listed and unlisted villages")
	}
	if _, err := mode.Snap(ctx, places("a"), places("x", "y")); !errors.Is(err, travel.ErrInvalid) {
		t.Errorf("unknown origin: %v", err)
	}
	if _, err := mode.Snap(ctx, places("a", "b", "a"), places("x", "y")); !errors.Is(err, travel.ErrInvalid) {
		t.Errorf("duplicate demand id: %v", err)
	}
	if _, err := sn.Costs(ctx, []int32{0, 1}, math.NaN()); !errors.Is(err, travel.ErrInvalid) {
		t.Errorf("NaN max cost: %v", err)
	}
}

// TestMatrixContract runs the contract every mode keeps on a matrix with
// a tie (a reaches x and y at 7: x, the lower index, wins) and an
// unlisted village.
func TestMatrixContract(t *testing.T) {
	m := &odmatrix.Matrix{Source: "m.csv",
		Origins: []string{"a", "b"}, Destinations: []string{"x", "y", "z"},
		Pairs: []odmatrix.Pair{{O: 0, D: 0, Cost: 7}, {O: 0, D: 1, Cost: 7}, {O: 1, D: 2, Cost: 3}, {O: 1, D: 0, Cost: 12}},
		Lines: []int32{2, 3, 4, 5}}
	place := func(id string, lon float64) travel.Place {
		return travel.Place{ID: id, Location: orb.Point{lon, 51}}
	}
	villages := []travel.Place{place("a", 2.8), place("b", 2.9), place("c", 3.0)}
	services := []travel.Place{place("x", 2.85), place("y", 2.95), place("z", 3.05)}
	cats := []travel.Category{
		{Name: "all", Parts: []travel.Part{{Services: []int32{0, 1, 2}}}},
		{Name: "some", Parts: []travel.Part{{Services: []int32{1}}, {Services: []int32{0, 2}}}},
	}
	traveltest.Check(t, Mode{M: m, Unit: travel.Metres}, villages, services, cats)
}
