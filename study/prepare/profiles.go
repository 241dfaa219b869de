package prepare

import (
	"slices"

	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/study/usage"
	"github.com/partons/partons/travel"
)

// Profiles reads the names of the profiles to build (car, bicycle,
// foot), each once and at least one. A mistake is a *usage.Error naming
// the option {profiles}.
func Profiles(names []string) ([]road.Profile, error) {
	var profiles []road.Profile
	for _, p := range names {
		prof, err := travel.ParseProfile(p)
		if err != nil {
			return nil, usage.Errorf("{profiles}: %q is not car, bicycle or foot", p)
		}
		if slices.Contains(profiles, prof) {
			return nil, usage.Errorf("{profiles}: %s is given twice", p)
		}
		profiles = append(profiles, prof)
	}
	if len(profiles) == 0 {
		return nil, usage.Errorf("{profiles}: name at least one of car, bicycle and foot")
	}
	return profiles, nil
}
