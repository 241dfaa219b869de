package report

import (
	"testing"

	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/render/report/input"
)

// TestCategoryLabels: a translated category keeps its translation; one
// without shows its label; one without either shows its name.
func TestCategoryLabels(t *testing.T) {
	in := &doc{&input.Input{Lang: qml.FR, Labels: map[string]string{"boulangerie_artisanale": "Boulangerie artisanale", "pharmacy": "Pharmacie!"}}}
	for c, want := range map[string]string{
		"pharmacy":               "pharmacie",
		"boulangerie_artisanale": "Boulangerie artisanale",
		"shop_florist":           "shop_florist",
	} {
		if got := in.category(c); got != want {
			t.Errorf("category(%q) = %q, want %q", c, got, want)
		}
	}
}
