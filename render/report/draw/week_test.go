package draw

import (
	"strings"
	"testing"
)

// A week with two services open on Monday 09:00–10:00 and one on
// Tuesday 09:00: 168 cells, the Monday cell fully shaded, the Tuesday
// one at 0.2 + 0.8/2, the others grey; labels escaped.
func TestWeek(t *testing.T) {
	var open [7 * 24]int
	open[9], open[24+9] = 2, 1
	var b strings.Builder
	Week(&b, &open, 2, []string{"Mo", "T<u"})
	s := b.String()
	if n := strings.Count(s, "<rect "); n != 7*24 {
		t.Errorf("%d cells, want 168", n)
	}
	for _, want := range []string{
		`fill="rgba(33,102,172,1.00)"><title>2</title>`,
		`fill="rgba(33,102,172,0.60)"><title>1</title>`,
		">T&lt;u</text>",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("week chart lacks %s", want)
		}
	}
	if n := strings.Count(s, `fill="#eeeeee"`); n != 7*24-2 {
		t.Errorf("%d grey cells, want 166", n)
	}
}
