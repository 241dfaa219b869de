package traveltest_test

import (
	"context"
	"math"
	"testing"

	"github.com/partons/partons/travel"
	"github.com/partons/partons/travel/traveltest"
)

// scripted is a 3 villages × 4 services double: cost |10·i − 7·j| + 1,
// village 2 unsnapped, pair (0, 3) unreachable.
func scripted() *traveltest.Scripted {
	return &traveltest.Scripted{
		S: travel.Schema{Name: "test", Unit: travel.Minutes, Metrics: []travel.Metric{{Name: "min", Unit: travel.Minutes, Decimals: 2, Aggregate: true}},
			Statuses: []travel.StatusDoc{{Code: "unsnapped", Meaning: "far"}, {Code: "unreachable", Meaning: "no route"}}},
		Cost: func(i, j int) float64 {
			if i == 0 && j == 3 {
				return math.Inf(1)
			}
			return math.Abs(float64(10*i-7*j)) + 1
		},
		Unsnapped:       map[int]bool{2: true},
		UnsnappedCode:   1,
		UnreachableCode: 2,
	}
}

func TestScriptedKeepsTheContract(t *testing.T) {
	m := scripted()
	places := make([]travel.Place, 4)
	cats := []travel.Category{{Name: "a", Parts: []travel.Part{{Services: []int32{0, 1}}, {Country: "FR", Services: []int32{2, 3}}}}, {Name: "b", Parts: []travel.Part{{Services: []int32{3}}}}}
	traveltest.Check(t, m, places[:3], places, cats)
}

func TestScriptedNearest(t *testing.T) {
	m := scripted()
	sn, err := m.Snap(context.Background(), make([]travel.Place, 3), make([]travel.Place, 4))
	if err != nil {
		t.Fatal(err)
	}
	got, err := sn.Nearest(context.Background(), []travel.Category{{Name: "b", Parts: []travel.Part{{Services: []int32{3}}}}})
	if err != nil {
		t.Fatal(err)
	}
	r := got[0][0]
	// village 0: unreachable; village 1: |10 − 21| + 1 = 12; village 2: unsnapped.
	want := []struct {
		svc    int32
		cost   float64
		status string
	}{{-1, math.NaN(), "unreachable"}, {3, 12, "ok"}, {-1, math.NaN(), "unsnapped"}}
	for i, w := range want {
		if r.Service[i] != w.svc || m.S.Status(r.Status[i]) != w.status || !(r.Cost[i] == w.cost || math.IsNaN(w.cost) && math.IsNaN(r.Cost[i])) {
			t.Errorf("village %d: service %d cost %v status %s; want %d %v %s", i, r.Service[i], r.Cost[i], m.S.Status(r.Status[i]), w.svc, w.cost, w.status)
		}
	}
}
