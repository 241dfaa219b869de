package travel

import (
	"fmt"

	"github.com/partons/partons/geo/road"
)

// Profiles are the travel profiles of road graphs, in documentation order.
var Profiles = road.Profiles

// ValueError is a setting with a value outside the accepted ones. It
// matches ErrInvalid with errors.Is.
type ValueError struct {
	Setting string // "profile", "route-by"
	Value   string
	Want    string // the accepted values, "car, bicycle or foot"
}

func (e *ValueError) Error() string {
	return fmt.Sprintf("%s %q: want %s", e.Setting, e.Value, e.Want)
}

// Is makes errors.Is(err, ErrInvalid) true.
func (e *ValueError) Is(target error) bool { return target == ErrInvalid }

// ParseProfile reads a travel profile name: car, bicycle or foot.
func ParseProfile(s string) (road.Profile, error) {
	if p, ok := road.ParseProfile(s); ok {
		return p, nil
	}
	return "", &ValueError{Setting: "profile", Value: s, Want: road.ProfileNames}
}

// ParseRouteBy reads what routes minimise: time (the fastest route) or
// length (the shortest).
func ParseRouteBy(s string) (road.Weight, error) {
	if w, ok := road.ParseWeight(s); ok {
		return w, nil
	}
	return 0, &ValueError{Setting: "route-by", Value: s, Want: road.WeightNames}
}

// CostUnit is the unit of costs routed by w: minutes by time, metres by
// length.
func CostUnit(w road.Weight) Unit {
	if w == road.Time {
		return Minutes
	}
	return Metres
}
