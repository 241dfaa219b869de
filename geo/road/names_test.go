package road

import "testing"

// TestParseNames: every profile and weight round-trips through its name;
// near misses (case, blanks, the empty string) are refused.
func TestParseNames(t *testing.T) {
	for _, p := range Profiles {
		if got, ok := ParseProfile(string(p)); !ok || got != p {
			t.Errorf("ParseProfile(%q) = %q, %v", p, got, ok)
		}
	}
	for _, w := range []Weight{Time, Length} {
		if got, ok := ParseWeight(w.String()); !ok || got != w {
			t.Errorf("ParseWeight(%q) = %v, %v", w, got, ok)
		}
	}
	for _, s := range []string{"", "Car", " car", "boat", "walk"} {
		if _, ok := ParseProfile(s); ok {
			t.Errorf("ParseProfile(%q) accepted", s)
		}
	}
	for _, s := range []string{"", "Time", "distance"} {
		if _, ok := ParseWeight(s); ok {
			t.Errorf("ParseWeight(%q) accepted", s)
		}
	}
}
