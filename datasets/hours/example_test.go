package hours_test

import (
	"fmt"

	"github.com/partons/partons/datasets/hours"
)

// A post office closed on public holidays, in the week of 14 July 2026, on
// each side of the border.
func Example() {
	w, _ := hours.ParseWhen("2026-07-13")
	h, _ := hours.Parse("Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00; PH off")
	evening := hours.DefaultSlots()[1]
	for _, country := range []string{"BE", "FR"} {
		s := h.Evaluate(w, hours.CalendarFor(country))
		fmt.Printf("%s %s: %.1f h, open after 18:00: %s\n", country, w, float64(s.OpenMinutes())/60, s.OpenIn(evening))
	}
	// Output:
	// BE 2026-W29: 40.5 h, open after 18:00: no
	// FR 2026-W29: 33.0 h, open after 18:00: no
}
