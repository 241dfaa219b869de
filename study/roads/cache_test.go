package roads

import (
	"context"
	"errors"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/geo/road"
)

// A cache opens each (files, profile) once, serves a network put in it
// without opening, and does not remember a failed open.
func TestCacheOpensOncePerProfile(t *testing.T) {
	opens := map[road.Profile]int{}
	fail := true
	open := func(_ context.Context, files []string, p road.Profile, _ []datasets.Boundary, _ bool) (*road.Graph, *reportdir.RoadInfo, func(string) uint8, error) {
		opens[p]++
		if p == road.Foot && fail {
			fail = false
			return nil, nil, nil, errors.New("no foot graph yet")
		}
		return nil, &reportdir.RoadInfo{Profile: string(p), Source: files[0]}, nil, nil
	}
	c := NewCache(open, nil, false)
	files := []string{"region.graph"}
	c.Put(files, road.Car, &Network{Info: &reportdir.RoadInfo{Profile: "car"}})
	ctx := context.Background()
	for range 3 {
		for _, p := range []road.Profile{road.Car, road.Bicycle} {
			n, err := c.Get(ctx, files, p)
			if err != nil || n.Info.Profile != string(p) {
				t.Fatalf("Get(%s) = %+v, %v", p, n, err)
			}
		}
	}
	if _, err := c.Get(ctx, files, road.Foot); err == nil {
		t.Fatal("a failed open is not reported")
	}
	if _, err := c.Get(ctx, files, road.Foot); err != nil {
		t.Fatalf("a failed open was remembered: %v", err)
	}
	if _, err := c.Get(ctx, []string{"other.graph"}, road.Bicycle); err != nil {
		t.Fatal(err)
	}
	want := map[road.Profile]int{road.Bicycle: 2, road.Foot: 2}
	if len(opens) != len(want) || opens[road.Bicycle] != 2 || opens[road.Foot] != 2 {
		t.Errorf("opens %v, want %v (bicycle once per file set, foot once more after the failure, car never)", opens, want)
	}
}
