package jsonpos

import (
	"testing"

	"github.com/partons/partons/datasets/config"
)

func TestJSONLine(t *testing.T) {
	doc := `{
  "version": "dev",
  "run": {
    "villages": [],
    "thresholds_m": [
      1200,
      -5
    ],
    "basket": [
      {"name": "food", "categories": ["bakery"]},
      {
        "name": "food"
      }
    ],
    "village_schema": {"id": "id", "coords": {"epsg": 2154}}
  }
}`
	tests := []struct {
		key  string
		want int
	}{
		{"run.thresholds_m[1]", 7},
		{"run.thresholds_m[0]", 6},
		{"run.thresholds_m", 5},
		{"run.basket[1].name", 12},
		{"run.basket[0].categories[0]", 10},
		{"run.village_schema.coords.epsg", 15},
		{"run.villages[0]", 4}, // an empty list: the list's line
		{"run.nosuch", 3},      // the deepest part found
		{"version", 2},
		{"nosuch", 0},
	}
	for _, tc := range tests {
		if got := Line([]byte(doc), config.KeyPath(tc.key)); got != tc.want {
			t.Errorf("Line(%q) = %d, want %d", tc.key, got, tc.want)
		}
	}
	if got := Line([]byte("{not json"), config.KeyPath("a")); got != 0 {
		t.Errorf("not JSON: %d", got)
	}
}
