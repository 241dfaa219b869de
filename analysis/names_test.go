package analysis

import (
	"context"
	"testing"

	"github.com/partons/partons/datasets"
)

// TestComputeRefusesUnsafeCategories: a library caller passing category
// labels that are not column-safe names gets an error, never columns
// named after them.
func TestComputeRefusesUnsafeCategories(t *testing.T) {
	villages := []datasets.Village{village("v0", "AA", 0.01, 100)}
	for _, cats := range [][]string{{"<img src=x onerror=alert(5)>"}, {"Foo", "foo"}, {"basket"}, {"post", "post_road"}, {"a:b"}} {
		var services []datasets.Service
		for i, c := range cats {
			services = append(services, service("s"+string(rune('0'+i)), c, "AA", 0))
		}
		if _, err := Compute(context.Background(), villages, services, DefaultParams()); err == nil {
			t.Errorf("categories %q accepted", cats)
		}
	}
}
