package runspec

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/partons/partons/study/usage"
)

// defaults are the options of a command line that gives none.
func defaults() Options {
	return Options{ThresholdsM: []float64{1200, 3750}, CrossBorder: true, Profile: "car", RouteBy: "time",
		Border: "open", SnapM: 1000, Lang: "en", Outputs: []string{"villages.csv"}}
}

func writeConfig(t testing.TB, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "partons.yaml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// An option given wins over the configuration file, which wins over the
// default.
func TestResolvePrecedence(t *testing.T) {
	cfg := writeConfig(t, "thresholds_m: [500, 900]\ncross_border: false\nindicators: [flemish_basic_services]\n")
	tests := []struct {
		name       string
		given      map[string]bool
		thresholds []float64
		cross      bool
		indicators []string
	}{
		{"file over defaults", nil, []float64{500, 900}, false, []string{"flemish_basic_services"}},
		{"options over file", map[string]bool{"thresholds_m": true, "cross_border": true, "indicators": true},
			[]float64{1200, 3750}, true, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := defaults()
			o.Config, o.Given = cfg, tc.given
			s, err := Resolve(o)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(s.ThresholdsM, tc.thresholds) || s.CrossBorder != tc.cross || !slices.Equal(s.Indicators, tc.indicators) {
				t.Errorf("thresholds %v cross-border %v indicators %v, want %v %v %v",
					s.ThresholdsM, s.CrossBorder, s.Indicators, tc.thresholds, tc.cross, tc.indicators)
			}
		})
	}
}

// Errors name options by their keys, for the caller to render.
func TestResolveErrors(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Options)
		want string
	}{
		{"field pair", func(o *Options) { o.VillageFields = []string{"population"} }, `{village_field} "population": want FIELD=COLUMN`},
		{"epsg", func(o *Options) { o.ServicesEPSG = 1 }, "{services_epsg} 1: "},
		{"road option without roads", func(o *Options) { o.Given = map[string]bool{"snap_m": true} },
			"{snap_m}, {max_road_m}, {max_time_min} and {route_by} need a road network ({roads} or {osm})"},
		{"no outputs", func(o *Options) { o.Outputs = nil }, "{outputs}: name at least one of "},
		{"format", func(o *Options) { o.Format = "shp" }, `{format} "shp": the only extra format is gpkg`},
		{"transit option without feed", func(o *Options) { o.Given = map[string]bool{"max_walk_m": true} },
			"{max_walk_m} needs at least one {transit} feed"},
		{"transit thresholds", func(o *Options) {
			o.Transit, o.Given = []string{"feed.zip"}, map[string]bool{"transit": true}
			o.TransitThresholdsMin = []int{60, 30}
		},
			"{transit_thresholds_min} [60 30]: minutes must be positive and strictly ascending"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := defaults()
			tc.edit(&o)
			_, err := Resolve(o)
			ue := usage.As(err)
			if ue == nil {
				t.Fatalf("error %v, want a usage error", err)
			}
			if len(ue.Text) < len(tc.want) || ue.Text[:len(tc.want)] != tc.want {
				t.Errorf("error %q, want it to start with %q", ue.Text, tc.want)
			}
		})
	}
}
