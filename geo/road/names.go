package road

// Profiles are the built-in travel profiles, in documentation order.
var Profiles = []Profile{Car, Bicycle, Foot}

// ProfileNames lists the accepted profile names for messages.
const ProfileNames = "car, bicycle or foot"

// WeightNames lists the accepted weight names for messages.
const WeightNames = "time or length"

// ParseProfile reads a profile name, exactly as Profiles spell it; ok is
// false for any other string (the empty one included). This is the one
// reader of profile names: travel.ParseProfile and the scenario file
// check both delegate to it.
func ParseProfile(s string) (p Profile, ok bool) {
	for _, p := range Profiles {
		if string(p) == s {
			return p, true
		}
	}
	return "", false
}

// ParseWeight reads what a search minimises by its name, as Weight.String
// spells it: "time" or "length"; ok is false for any other string.
func ParseWeight(s string) (w Weight, ok bool) {
	switch s {
	case "time":
		return Time, true
	case "length":
		return Length, true
	}
	return 0, false
}
