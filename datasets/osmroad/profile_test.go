package osmroad

import (
	"math"
	"strings"
	"testing"

	"github.com/paulmach/osm"

	"github.com/partons/partons/geo/road"
)

// tags parses "k=v,k=v".
func tags(s string) osm.Tags {
	var ts osm.Tags
	for _, kv := range strings.Split(s, ",") {
		if k, v, ok := strings.Cut(kv, "="); ok {
			ts = append(ts, osm.Tag{Key: k, Value: v})
		}
	}
	return ts
}

// dir renders an edgeAttr as "-" (not routable), "<>", ">" or "<" plus
// the speed.
func dir(a edgeAttr) string {
	switch {
	case !a.ok:
		return "-"
	case a.fwd && a.bwd:
		return "<>"
	case a.fwd:
		return ">"
	case a.bwd:
		return "<"
	}
	return "?"
}

func TestWayAttr(t *testing.T) {
	t.Parallel()
	cases := []struct {
		tags          string
		car, bik, fot string  // dir() per profile
		carKmh        float64 // 0: not checked
	}{
		{"highway=residential", "<>", "<>", "<>", 30},
		{"highway=motorway", ">", "-", "-", 110},
		{"highway=motorway,oneway=no", "<>", "-", "-", 110},
		{"highway=trunk,motorroad=yes", "<>", "-", "-", 90},
		{"highway=primary,oneway=yes", ">", ">", "<>", 70},
		{"highway=primary,oneway=-1", "<", "<", "<>", 70},
		{"highway=primary,oneway=reverse", "<", "<", "<>", 0},
		{"highway=primary,oneway=reversible", "-", "<>", "<>", 0},
		{"highway=primary,oneway=alternating", "<>", "<>", "<>", 0},
		{"highway=tertiary,junction=roundabout", ">", ">", "<>", 50},
		{"highway=tertiary,junction=circular", ">", ">", "<>", 0},
		{"highway=residential,oneway=yes,oneway:bicycle=no", ">", "<>", "<>", 0},
		{"highway=residential,oneway=yes,cycleway=opposite_lane", ">", "<>", "<>", 0},
		{"highway=residential,oneway=yes,cycleway:left=opposite_track", ">", "<>", "<>", 0},
		{"highway=cycleway,oneway=yes", "-", ">", "<>", 0},
		{"highway=footway,oneway:foot=yes", "-", "-", ">", 0},
		{"highway=footway", "-", "-", "<>", 0},
		{"highway=footway,bicycle=yes", "-", "<>", "<>", 0},
		{"highway=pedestrian,bicycle=designated", "-", "<>", "<>", 0},
		{"highway=steps", "-", "-", "<>", 0},
		{"highway=path", "-", "<>", "<>", 0},
		{"highway=path,bicycle=no", "-", "-", "<>", 0},
		{"highway=track", "-", "<>", "<>", 0},
		{"highway=track,motor_vehicle=destination", "<>", "<>", "<>", 15},
		{"highway=track,access=no,motorcar=yes", "<>", "-", "-", 15},
		{"highway=service,access=private", "-", "-", "-", 0},
		{"highway=service,access=private,foot=yes", "-", "-", "<>", 0},
		{"highway=service,access=no,bicycle=permissive", "-", "<>", "-", 0},
		{"highway=residential,motor_vehicle=no", "-", "<>", "<>", 0},
		{"highway=residential,vehicle=no", "-", "-", "<>", 0},
		{"highway=residential,vehicle=no,bicycle=yes", "-", "<>", "<>", 0},
		{"highway=residential,access=destination", "<>", "<>", "<>", 30},
		{"highway=residential,access=agricultural", "-", "-", "-", 0},
		{"highway=residential,access=weird_value", "<>", "<>", "<>", 30},
		{"highway=residential,foot=no", "<>", "<>", "-", 0},
		{"highway=pedestrian,area=yes", "-", "-", "-", 0},
		{"highway=construction", "-", "-", "-", 0},
		{"highway=proposed", "-", "-", "-", 0},
		{"route=ferry", "-", "-", "-", 0},
		{"building=yes", "-", "-", "-", 0},
		{"highway=primary,maxspeed=50", "<>", "<>", "<>", 50},
		{"highway=primary,maxspeed=90", "<>", "<>", "<>", 70},
		{"highway=primary,maxspeed=BE:urban", "<>", "<>", "<>", 50},
		{"highway=primary,maxspeed=BE-VLG:rural", "<>", "<>", "<>", 70},
		{"highway=secondary,maxspeed=FR:zone30", "<>", "<>", "<>", 30},
		{"highway=motorway,maxspeed=none", ">", "-", "-", 110},
		{"highway=residential,maxspeed=walk", "<>", "<>", "<>", WalkKmh},
	}
	for _, tc := range cases {
		ts := tags(tc.tags)
		got := [3]string{dir(wayAttr(ts, road.Car)), dir(wayAttr(ts, road.Bicycle)), dir(wayAttr(ts, road.Foot))}
		if want := [3]string{tc.car, tc.bik, tc.fot}; got != want {
			t.Errorf("%s: car/bicycle/foot %v, want %v", tc.tags, got, want)
		}
		if tc.carKmh != 0 {
			if a := wayAttr(ts, road.Car); a.kmh != tc.carKmh {
				t.Errorf("%s: car %v km/h, want %v", tc.tags, a.kmh, tc.carKmh)
			}
		}
		for _, p := range []road.Profile{road.Bicycle, road.Foot} {
			a := wayAttr(ts, p)
			want := map[road.Profile]float64{road.Bicycle: BicycleKmh, road.Foot: FootKmh}[p]
			if a.ok && a.kmh != want {
				t.Errorf("%s: %s %v km/h, want %v", tc.tags, p, a.kmh, want)
			}
		}
		if r := routable(ts, []road.Profile{road.Car, road.Bicycle, road.Foot}); r != (got != [3]string{"-", "-", "-"}) {
			t.Errorf("%s: routable %v disagrees with %v", tc.tags, r, got)
		}
	}
	if a := wayAttr(tags("highway=footway,bicycle=dismount"), road.Bicycle); !a.ok || a.kmh != WalkKmh {
		t.Errorf("bicycle=dismount: %+v, want routable at walking speed", a)
	}
	if a := wayAttr(tags("highway=residential"), "horse"); a.ok {
		t.Errorf("unknown profile routable: %+v", a)
	}
}

func TestParseMaxspeed(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in   string
		want float64 // 0: not understood
	}{
		{"50", 50}, {" 70 ", 70}, {"50 km/h", 50}, {"50km/h", 50}, {"50 kmh", 50}, {"60 kph", 60},
		{"30 mph", 30 * 1.609344}, {"20mph", 20 * 1.609344}, {"10 knots", 18.52},
		{"BE:urban", 50}, {"BE-BRU:urban", 30}, {"BE-VLG:rural", 70}, {"BE-WAL:rural", 90}, {"BE:rural", 90},
		{"FR:urban", 50}, {"FR:rural", 80}, {"FR:motorway", 130}, {"FR:zone30", 30}, {"DE:zone:30", 30},
		{"CH:rural", 80}, {"AT:motorway", 130}, {"IT:urban", 50}, {"XX:living_street", 20},
		{"walk", WalkKmh}, {"FR:walk", WalkKmh}, {"50;30", 30}, {"none;50", 50},
		{"none", 0}, {"signals", 0}, {"variable", 0}, {"", 0}, {"fast", 0}, {"0", 0}, {"-30", 0},
		{"NaN", 0}, {"Inf", 0}, {"1e9", 0}, {"FR:unknown", 0}, {";", 0},
	}
	for _, tc := range cases {
		got, ok := parseMaxspeed(tc.in)
		if ok != (tc.want != 0) || math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("parseMaxspeed(%q) = %v, %v; want %v", tc.in, got, ok, tc.want)
		}
	}
}
