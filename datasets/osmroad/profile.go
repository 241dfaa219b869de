package osmroad

import (
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/osm"

	"github.com/partons/partons/geo/road"
)

// Speeds used when a profile does not take the speed from the road class.
const (
	// BicycleKmh is the cycling speed on every bicycle edge (an unhurried
	// utility cyclist; hills and surfaces are ignored).
	BicycleKmh = 15.0
	// FootKmh is the walking speed: 1.2 km in 15 minutes, the pace assumed by
	// the Flemish accessibility indicators.
	FootKmh = 4.8
	// WalkKmh is the speed of "maxspeed=walk" for cars and of
	// "bicycle=dismount" for bicycles.
	WalkKmh = 5.0
)

// carClassKmh is the typical car travel speed per highway class in km/h:
// an average over a road of that class including junctions and bends, not
// its legal limit. A tagged maxspeed can lower it, never raise it.
var carClassKmh = map[string]float64{
	"motorway":       110,
	"motorway_link":  60,
	"trunk":          90,
	"trunk_link":     50,
	"primary":        70,
	"primary_link":   40,
	"secondary":      60,
	"secondary_link": 40,
	"tertiary":       50,
	"tertiary_link":  30,
	"unclassified":   40,
	"residential":    30,
	"living_street":  10,
	"service":        15,
	"road":           30,
}

// carExplicitOnly lists classes routable by car only when a motorcar or
// motor_vehicle tag explicitly allows it; the speed then used is given.
var carExplicitOnly = map[string]float64{"track": 15}

// bicycleClasses are the classes a bicycle may use unless a tag forbids it.
var bicycleClasses = set("trunk", "trunk_link", "primary", "primary_link",
	"secondary", "secondary_link", "tertiary", "tertiary_link", "unclassified",
	"residential", "living_street", "service", "road", "track", "cycleway", "path")

// bicycleExplicitOnly are classes a bicycle may use only with bicycle=yes
// (or designated, permissive, …).
var bicycleExplicitOnly = set("footway", "pedestrian", "bridleway")

// footClasses are the classes a pedestrian may use unless a tag forbids it.
var footClasses = set("trunk", "trunk_link", "primary", "primary_link",
	"secondary", "secondary_link", "tertiary", "tertiary_link", "unclassified",
	"residential", "living_street", "service", "road", "track", "cycleway", "path",
	"footway", "pedestrian", "steps", "bridleway")

func set(vs ...string) map[string]bool {
	m := make(map[string]bool, len(vs))
	for _, v := range vs {
		m[v] = true
	}
	return m
}

// access is the outcome of one access tag.
type access int8

const (
	accessUnset access = iota // absent or a value we do not interpret
	accessAllow
	accessDeny
)

// parseAccess interprets an access-like value. "destination", "delivery",
// "customers" and "permissive" allow: a resident may use the road to reach
// a service. "private", "agricultural", "forestry", "military",
// "emergency" and "no" deny.
func parseAccess(v string) access {
	switch v {
	case "yes", "designated", "permissive", "destination", "delivery",
		"customers", "official", "discouraged", "use_sidepath", "dismount":
		return accessAllow
	case "no", "private", "agricultural", "forestry", "military",
		"emergency", "agricultural;forestry", "restricted", "permit":
		return accessDeny
	}
	return accessUnset
}

// resolveAccess returns the most specific interpreted value among keys,
// which run from the most general (access) to the most specific.
func resolveAccess(tags osm.Tags, keys ...string) access {
	a := accessUnset
	for _, k := range keys {
		if v := parseAccess(tags.Find(k)); v != accessUnset {
			a = v
		}
	}
	return a
}

// edgeAttr is how one way is travelled under one profile.
type edgeAttr struct {
	ok       bool // the way belongs to the profile's network
	fwd, bwd bool // travel along / against the way's node order
	kmh      float64
}

// routable reports whether tags describe a way usable by some profile in
// ps. It is a pure function of its arguments, safe for concurrent use.
func routable(tags osm.Tags, ps []road.Profile) bool {
	for _, p := range ps {
		if wayAttr(tags, p).ok {
			return true
		}
	}
	return false
}

// wayAttr interprets a way's tags for profile p (see the table in doc.go).
// Safe for concurrent use.
func wayAttr(tags osm.Tags, p road.Profile) edgeAttr {
	hw := tags.Find("highway")
	if hw == "" || tags.Find("area") == "yes" {
		return edgeAttr{}
	}
	switch p {
	case road.Car:
		return carAttr(tags, hw)
	case road.Bicycle:
		return bicycleAttr(tags, hw)
	case road.Foot:
		return footAttr(tags, hw)
	}
	return edgeAttr{}
}

func carAttr(tags osm.Tags, hw string) edgeAttr {
	acc := resolveAccess(tags, "access", "vehicle", "motor_vehicle", "motorcar")
	kmh, ok := carClassKmh[hw]
	if !ok {
		kmh, ok = carExplicitOnly[hw]
		if !ok || resolveAccess(tags, "motor_vehicle", "motorcar") != accessAllow {
			return edgeAttr{}
		}
	}
	if acc == accessDeny {
		return edgeAttr{}
	}
	if ms, ok := parseMaxspeed(tags.Find("maxspeed")); ok && ms < kmh {
		kmh = ms
	}
	fwd, bwd, ok := oneway(tags.Find("oneway"), impliedOneway(tags, hw))
	if !ok {
		return edgeAttr{}
	}
	return edgeAttr{ok: true, fwd: fwd, bwd: bwd, kmh: kmh}
}

func bicycleAttr(tags osm.Tags, hw string) edgeAttr {
	if tags.Find("motorroad") == "yes" {
		return edgeAttr{}
	}
	acc := resolveAccess(tags, "access", "vehicle", "bicycle")
	switch {
	case bicycleClasses[hw]:
		if acc == accessDeny {
			return edgeAttr{}
		}
	case bicycleExplicitOnly[hw]:
		if resolveAccess(tags, "bicycle") != accessAllow {
			return edgeAttr{}
		}
	default:
		return edgeAttr{}
	}
	kmh := BicycleKmh
	if tags.Find("bicycle") == "dismount" {
		kmh = WalkKmh
	}
	fwd, bwd, ok := bicycleOneway(tags, hw)
	if !ok {
		return edgeAttr{}
	}
	return edgeAttr{ok: true, fwd: fwd, bwd: bwd, kmh: kmh}
}

func footAttr(tags osm.Tags, hw string) edgeAttr {
	if !footClasses[hw] || tags.Find("motorroad") == "yes" {
		return edgeAttr{}
	}
	if resolveAccess(tags, "access", "foot") == accessDeny {
		return edgeAttr{}
	}
	fwd, bwd, ok := oneway(tags.Find("oneway:foot"), false)
	if !ok {
		return edgeAttr{}
	}
	return edgeAttr{ok: true, fwd: fwd, bwd: bwd, kmh: FootKmh}
}

// impliedOneway reports the vehicle oneway implied without an oneway tag.
func impliedOneway(tags osm.Tags, hw string) bool {
	j := tags.Find("junction")
	return hw == "motorway" || j == "roundabout" || j == "circular"
}

// oneway interprets an oneway value; implied is used when v is empty or
// not understood. ok is false for "reversible" (the direction changes
// with the time of day, so no static direction is safe).
func oneway(v string, implied bool) (fwd, bwd, ok bool) {
	switch v {
	case "yes", "true", "1":
		return true, false, true
	case "-1", "reverse":
		return false, true, true
	case "no", "false", "0", "alternating":
		return true, true, true
	case "reversible":
		return false, false, false
	}
	if implied {
		return true, false, true
	}
	return true, true, true
}

// bicycleOneway applies oneway:bicycle when tagged, lifts the oneway for
// contraflow cycle lanes (cycleway*=opposite*), and otherwise follows the
// vehicle oneway.
func bicycleOneway(tags osm.Tags, hw string) (fwd, bwd, ok bool) {
	if v := tags.Find("oneway:bicycle"); v != "" {
		if fwd, bwd, ok := oneway(v, false); ok && v != "alternating" {
			return fwd, bwd, true
		}
	}
	for _, k := range []string{"cycleway", "cycleway:left", "cycleway:right", "cycleway:both"} {
		if strings.HasPrefix(tags.Find(k), "opposite") {
			return true, true, true
		}
	}
	fwd, bwd, ok = oneway(tags.Find("oneway"), impliedOneway(tags, hw))
	if !ok { // reversible for cars: a bicycle may use it in either direction
		return true, true, true
	}
	return fwd, bwd, true
}

// zoneKmh gives the speed of "CC:zone" maxspeed values. Keys are matched
// first in full ("BE-VLG:rural"), then by the part after the colon.
var zoneKmh = map[string]float64{
	"BE:urban": 50, "BE-BRU:urban": 30, "BE:rural": 90, "BE-VLG:rural": 70,
	"BE-WAL:rural": 90, "BE:motorway": 120, "BE:trunk": 120,
	"FR:urban": 50, "FR:rural": 80, "FR:motorway": 130, "FR:trunk": 110,
	"NL:urban": 50, "NL:rural": 80, "NL:motorway": 130,
	"DE:urban": 50, "DE:rural": 100, "DE:motorway": 130,
	"LU:urban": 50, "LU:rural": 90, "LU:motorway": 130,
	"CH:urban": 50, "CH:rural": 80, "CH:motorway": 120, "CH:trunk": 100,
	"AT:urban": 50, "AT:rural": 100, "AT:motorway": 130,
	"MC:urban": 50,
	"urban":    50, "rural": 80, "motorway": 120, "trunk": 100,
	"zone30": 30, "zone:30": 30, "zone20": 20, "zone:20": 20,
	"living_street": 20, "bicycle_road": 30, "walk": WalkKmh,
}

// parseMaxspeed converts an OSM maxspeed value to km/h: "50", "50 km/h",
// "30 mph", "FR:urban" (see zoneKmh), "walk". "none", "signals",
// "variable", empty or malformed values give ok=false (the class speed
// is used). For "a;b" lists the lowest value wins. Safe for concurrent use.
func parseMaxspeed(v string) (kmh float64, ok bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if strings.Contains(v, ";") {
		best, found := math.Inf(1), false
		for _, part := range strings.Split(v, ";") {
			if s, ok := parseMaxspeed(part); ok && s < best {
				best, found = s, true
			}
		}
		if !found {
			return 0, false
		}
		return best, true
	}
	if s, ok := zoneKmh[v]; ok {
		return s, true
	}
	if _, suffix, found := strings.Cut(v, ":"); found {
		if s, ok := zoneKmh[suffix]; ok {
			return s, true
		}
		return 0, false
	}
	factor := 1.0
	num := v
	switch {
	case strings.HasSuffix(v, "mph"):
		factor, num = 1.609344, strings.TrimSuffix(v, "mph")
	case strings.HasSuffix(v, "km/h"):
		num = strings.TrimSuffix(v, "km/h")
	case strings.HasSuffix(v, "kmh"):
		num = strings.TrimSuffix(v, "kmh")
	case strings.HasSuffix(v, "kph"):
		num = strings.TrimSuffix(v, "kph")
	case strings.HasSuffix(v, "knots"):
		factor, num = 1.852, strings.TrimSuffix(v, "knots")
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil || !(f > 0) || f > 400 || math.IsInf(f, 0) {
		return 0, false
	}
	return f * factor, true
}
