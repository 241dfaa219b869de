package prepare

import (
	"slices"
	"strings"
	"testing"

	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/study/usage"
)

func TestProfiles(t *testing.T) {
	got, err := Profiles([]string{"foot", "car"})
	if err != nil || !slices.Equal(got, []road.Profile{road.Foot, road.Car}) {
		t.Errorf("Profiles = %v, %v; want foot, car in that order", got, err)
	}
	for names, want := range map[string]string{
		"bus":     `{profiles}: "bus" is not car, bicycle or foot`,
		"car,car": "{profiles}: car is given twice",
		"":        "{profiles}: name at least one of car, bicycle and foot",
	} {
		var list []string
		if names != "" {
			list = strings.Split(names, ",")
		}
		_, err := Profiles(list)
		if ue := usage.As(err); ue == nil || ue.Text != want {
			t.Errorf("Profiles(%q) = %v, want %q", names, err, want)
		}
	}
}
