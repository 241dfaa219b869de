package travel

import (
	"errors"
	"testing"

	"github.com/partons/partons/geo/road"
)

func TestParseProfile(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want road.Profile
		err  string
	}{
		{"car", road.Car, ""},
		{"bicycle", road.Bicycle, ""},
		{"foot", road.Foot, ""},
		{"Car", "", `profile "Car": want car, bicycle or foot`},
		{"boat", "", `profile "boat": want car, bicycle or foot`},
		{"", "", `profile "": want car, bicycle or foot`},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseProfile(tc.in)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err || !errors.Is(err, ErrInvalid) {
					t.Fatalf("ParseProfile(%q) error %v, want %q wrapping ErrInvalid", tc.in, err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ParseProfile(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestParseRouteBy(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want road.Weight
		unit Unit
		ok   bool
	}{
		{"time", road.Time, Minutes, true},
		{"length", road.Length, Metres, true},
		{"distance", 0, "", false},
	} {
		got, err := ParseRouteBy(tc.in)
		if !tc.ok {
			var ve *ValueError
			if !errors.As(err, &ve) || ve.Want != "time or length" || !errors.Is(err, ErrInvalid) {
				t.Errorf("ParseRouteBy(%q) error %v, want a ValueError", tc.in, err)
			}
			continue
		}
		if err != nil || got != tc.want || CostUnit(got) != tc.unit {
			t.Errorf("ParseRouteBy(%q) = %v (unit %q), %v; want %v (%q)", tc.in, got, CostUnit(got), err, tc.want, tc.unit)
		}
	}
}

// TestProfilesRoundTrip: every profile of the road graph reads back from
// its own name, so travel and the scenario file accept the same names.
func TestProfilesRoundTrip(t *testing.T) {
	if len(Profiles) != 3 {
		t.Fatalf("Profiles = %v, want car, bicycle and foot", Profiles)
	}
	for _, p := range Profiles {
		if got, err := ParseProfile(string(p)); err != nil || got != p {
			t.Errorf("ParseProfile(%q) = %q, %v", p, got, err)
		}
	}
}
