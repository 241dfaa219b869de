package scenario

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis/variant"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/scenario"
)

// TestVariantChanges: every kind of change in a scenario file becomes the
// analysis change it means, one for one and in order.
func TestVariantChanges(t *testing.T) {
	capacity, pop := 12.5, 340.0
	filter := scenario.Filter{IDs: []string{"a"}, Category: "post", Country: "BE", Area: "33011"}
	sel := &variant.Selection{IDs: []string{"a"}, Category: "post", Country: "BE", Area: "33011"}
	set := &scenario.Settings{Profile: "walk"}
	v := scenario.Variant{Name: "v", Changes: []scenario.Change{
		{CloseServices: &filter},
		{AddServices: []scenario.NewService{{ID: "n", Name: "New", Category: "amenity=post_office", Country: "FR", Lon: 2.5, Lat: 50.7, Capacity: &capacity}}},
		{MobileService: &scenario.Mobile{IDPrefix: "van-", Category: "post", Villages: []string{"x", "y"}}},
		{SetCapacity: &scenario.SetCapacity{Filter: filter, Capacity: 3}},
		{DropVillages: &scenario.Filter{Country: "FR"}},
		{AddVillages: []scenario.NewVillage{{ID: "nv", Name: "Nieuw", Country: "BE", Population: &pop, AreaCode: "33011", AreaName: "Ieper", Lon: 2.88, Lat: 50.85}}},
		{Set: &scenario.Settings{Profile: "car"}},
		{Set: set},
		{CloseBorder: true},
		{RemoveRoutes: &scenario.RemoveRoutes{Routes: []string{"f:1"}}},
		{ScaleFrequency: &scenario.ScaleFrequency{Routes: []string{"f:1"}, Factor: 2}},
		{AddRoute: &scenario.AddRoute{ID: "r"}},
	}}
	origin := datasets.Origin{Source: "scenario", Feature: -1}
	want := []variant.Change{
		{CloseServices: sel},
		{AddServices: []datasets.Service{{ID: "n", Name: "New", Raw: "amenity=post_office", Country: "FR",
			Location: orb.Point{2.5, 50.7}, Capacity: 12.5, HasCapacity: true, Origin: origin}}},
		{MobileService: &variant.MobileService{IDPrefix: "van-", Category: "post", Villages: []string{"x", "y"}}},
		{SetCapacity: &variant.CapacityChange{Selection: *sel, Capacity: 3}},
		{DropVillages: &variant.Selection{Country: "FR"}},
		{AddVillages: []datasets.Village{{ID: "nv", Name: "Nieuw", Country: "BE", Population: 340, HasPopulation: true,
			AreaCode: "33011", AreaName: "Ieper", Location: orb.Point{2.88, 50.85}, Geometry: orb.Point{2.88, 50.85}, Origin: origin}}},
		{Params: true},
		{Params: true},
		{CloseBorder: true},
		{Modes: true}, {Modes: true}, {Modes: true},
	}
	got := variantChanges(v)
	if len(got) != len(want) {
		t.Fatalf("%d changes, want %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("change %d:\n got %+v\nwant %+v", i+1, got[i], want[i])
		}
	}
	if s := variantSettings(v); s != set {
		t.Errorf("settings %+v, want the last set %+v", s, set)
	}
	if s := variantSettings(scenario.Variant{Changes: v.Changes[:1]}); s != nil {
		t.Errorf("settings %+v for a variant that sets none", s)
	}
}

// TestTimetableChangeNeedsFeeds: a timetable change without feeds in the
// base is invalid data naming the file, line, variant and change.
func TestTimetableChangeNeedsFeeds(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.yaml")
	src := "variants:\n  - name: fewer-buses\n    changes:\n      - close_border: true\n      - scale_frequency: {routes: [de_lijn:50], factor: 0.5}\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	sc, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	err = Run(context.Background(), sc, Options{Out: out, Quiet: true})
	want := path + `:5: variant "fewer-buses": change 2: scale_frequency edits the public-transport timetable: the base reads no feed`
	if !errors.Is(err, datasets.ErrInvalid) || err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v\nwant invalid data: %s", err, want)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a report was written")
	}
}
