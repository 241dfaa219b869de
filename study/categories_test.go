package study

import "testing"

// An override's target is a category name, never read as a bare tag
// value: "doctors" stays doctors (the bare value "doctors" maps to gp).
func TestCategoryNamesOverrideTargetIsNotBare(t *testing.T) {
	n, err := categoryNames(map[string]string{"shop=x": "doctors", "shop=y": "Pharmacy"})
	if err != nil {
		t.Fatal(err)
	}
	// "doctors" is registered: "Doctors" collides with it.
	if _, err := n.Add("Doctors", "s.csv:2"); err == nil {
		t.Error(`"Doctors" does not collide with the override target "doctors"`)
	}
	if got := n.Label("pharmacy"); got != "pharmacy" {
		t.Errorf("Label(pharmacy) = %q, want the taxonomy's spelling", got)
	}
}

func TestSameCategory(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"pharmacy", "pharmacy", true},
		{"Boulangerie artisanale", "boulangerie_artisanale", true},
		{"Pharmacy", "pharmacy", true},
		{"pharmacy", "post", false},
		{"???", "!!!", false},
		{"basket", "basket", true},
	} {
		if got := SameCategory(tc.a, tc.b); got != tc.want {
			t.Errorf("SameCategory(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}
