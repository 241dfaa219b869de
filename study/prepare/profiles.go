package prepare

import (
	"slices"
	"strings"

	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/study/usage"
	"github.com/partons/partons/travel"
)

// Profiles reads the names of the profiles to build (car, bicycle,
// foot), each once and at least one. A mistake is a *usage.Error naming
// the option {profiles}.
func Profiles(names []string) ([]road.Profile, error) {
	return profilesOf("profiles", names)
}

func profilesOf(key string, names []string) ([]road.Profile, error) {
	var profiles []road.Profile
	for _, p := range names {
		prof, err := travel.ParseProfile(p)
		if err != nil {
			return nil, usage.Errorf("{%s}: %q is not car, bicycle or foot", key, p)
		}
		if slices.Contains(profiles, prof) {
			return nil, usage.Errorf("{%s}: %s is given twice", key, p)
		}
		profiles = append(profiles, prof)
	}
	if len(profiles) == 0 {
		return nil, usage.Errorf("{%s}: name at least one of car, bicycle and foot", key)
	}
	return profiles, nil
}

// AllProfiles is the value of a bare --hierarchy: every profile built.
const AllProfiles = "all"

// HierarchyProfiles returns the profiles {hierarchy} contracts: none when
// names is empty, every profile built for AllProfiles, else those named,
// each among the profiles built.
func HierarchyProfiles(names []string, built []road.Profile) ([]road.Profile, error) {
	if len(names) == 0 {
		return nil, nil
	}
	if slices.Contains(names, AllProfiles) {
		if len(names) > 1 {
			return nil, usage.Errorf("{hierarchy}: %q contracts every profile; name profiles or say %q, not both", AllProfiles, AllProfiles)
		}
		return built, nil
	}
	ps, err := profilesOf("hierarchy", names)
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		if !slices.Contains(built, p) {
			var names []string
			for _, b := range built {
				names = append(names, string(b))
			}
			return nil, usage.Errorf("{hierarchy}: %s is not among the profiles built ({profiles} %s)", p, strings.Join(names, ","))
		}
	}
	return ps, nil
}
