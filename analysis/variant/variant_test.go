package variant

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis/analysistest"
	"github.com/partons/partons/datasets"
)

func TestApplyErrors(t *testing.T) {
	vs, ss := analysistest.RandomRegion(1, 20, 9)
	id := func(s string) string { return s }
	cases := []struct {
		name string
		c    Change
		want string
	}{
		{"unknown service", Change{CloseServices: &Selection{IDs: []string{"nope"}}}, `no service has id "nope"`},
		{"category absent", Change{CloseServices: &Selection{Category: "dentist"}}, `no service of category "dentist"`},
		{"filter selects nothing", Change{CloseServices: &Selection{Category: "post", Country: "LU"}}, "selects no service"},
		{"add new category", Change{AddServices: []datasets.Service{{ID: "x", Raw: "bank", Location: orb.Point{2.5, 50.9}}}}, "not in the base data"},
		{"duplicate id", Change{AddServices: []datasets.Service{{ID: "s1", Raw: "post", Location: orb.Point{2.5, 50.9}}}}, "unique"},
		{"unknown village", Change{MobileService: &MobileService{IDPrefix: "m", Category: "post", Villages: []string{"zz"}}}, `no village has id "zz"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Apply(vs, ss, []Change{tc.c}, id)
			if err == nil || !bytes.Contains([]byte(err.Error()), []byte(tc.want)) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

// A close_services filter may name the category by a raw value or label
// that maps to it, as added services do: it closes the same services.
func TestCloseFilterMapsCategory(t *testing.T) {
	vs, ss := analysistest.RandomRegion(1, 20, 9)
	mapCat := func(s string) string {
		if s == "amenity=post_office" || s == "Post" {
			return "post"
		}
		return s
	}
	byName, err := Apply(vs, ss, []Change{{CloseServices: &Selection{Category: "post"}}}, mapCat)
	if err != nil {
		t.Fatal(err)
	}
	if len(byName.Closed) == 0 {
		t.Fatal("closing post closed nothing")
	}
	for _, raw := range []string{"amenity=post_office", "Post"} {
		v, err := Apply(vs, ss, []Change{{CloseServices: &Selection{Category: raw}}}, mapCat)
		if err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if !reflect.DeepEqual(v.Closed, byName.Closed) {
			t.Errorf("%s closed %v, post closed %v", raw, v.Closed, byName.Closed)
		}
	}
}

// One Base applies every variant: the villages are shared until a change
// edits them, which then leaves the base's untouched; ids repeated in the
// base villages fail every variant, as with Apply.
func TestBaseSharesVillagesUntilEdited(t *testing.T) {
	vs, ss := analysistest.RandomRegion(2, 20, 9)
	id := func(s string) string { return s }
	before := slices.Clone(vs)
	b := NewBase(vs, ss)
	closed, err := b.Apply([]Change{{CloseServices: &Selection{IDs: []string{"s0"}}}}, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(closed.Villages) != len(vs) || &closed.Villages[0] != &vs[0] || cap(closed.Villages) != len(closed.Villages) {
		t.Error("a variant closing a service copies the villages")
	}
	added, err := b.Apply([]Change{{AddVillages: []datasets.Village{{ID: "nv", Location: orb.Point{2.5, 50.7}}}},
		{DropVillages: &Selection{IDs: []string{"v3"}}}}, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(added.Villages) != len(vs) || !reflect.DeepEqual(vs, before) {
		t.Errorf("%d villages after adding one and dropping one of %d; base changed: %v", len(added.Villages), len(vs), !reflect.DeepEqual(vs, before))
	}
	if _, err := b.Apply([]Change{{AddVillages: []datasets.Village{{ID: "v1"}}}}, id); err == nil || !strings.Contains(err.Error(), "village ids must stay unique") {
		t.Errorf("adding a village id the base has: %v", err)
	}
	dup := append(slices.Clone(vs), vs[4])
	for _, apply := range []func() (*Variant, error){
		func() (*Variant, error) { return Apply(dup, ss, nil, id) },
		func() (*Variant, error) { return NewBase(dup, ss).Apply(nil, id) },
	} {
		if _, err := apply(); err == nil || !strings.Contains(err.Error(), "village ids must stay unique") {
			t.Errorf("base with a repeated village id: %v", err)
		}
	}
}
