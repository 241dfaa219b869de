package report

import (
	"math"
	"testing"

	"github.com/partons/partons/render/qml"
)

// TestCategoryLabels: a translated category keeps its translation; one
// without shows its label; one without either shows its name.
func TestCategoryLabels(t *testing.T) {
	in := &Input{Lang: qml.FR, Labels: map[string]string{"boulangerie_artisanale": "Boulangerie artisanale", "pharmacy": "Pharmacie!"}}
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

// TestUnmeasured: a figure no village has a finite value of, while the
// other figure has some, was never measured: blank it (the villages no
// route reaches say nothing about it); otherwise leave it alone.
func TestUnmeasured(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	for _, tc := range []struct {
		name     string
		x, other []float64
		blanked  bool
	}{
		{"length only", []float64{nan, inf}, []float64{234, inf}, true},
		{"both measured", []float64{3, inf}, []float64{234, inf}, false},
		{"nothing reached", []float64{inf, inf}, []float64{inf, inf}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := append([]float64(nil), tc.x...)
			unmeasured(x, tc.other)
			for i := range x {
				if got := math.IsNaN(x[i]); got != (tc.blanked || math.IsNaN(tc.x[i])) {
					t.Errorf("x[%d] = %v", i, x[i])
				}
			}
		})
	}
}
