package datasets_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets"
)

func village(id, country string, lon, lat float64, line int) datasets.Village {
	return datasets.Village{ID: id, Name: id, Country: country, Location: orb.Point{lon, lat},
		Origin: datasets.Origin{Source: "v.csv", Line: line, Feature: -1}}
}

func service(id, country string, lon, lat float64) datasets.Service {
	return datasets.Service{ID: id, Category: "pharmacy", Country: country, Location: orb.Point{lon, lat},
		Origin: datasets.Origin{Source: "s.geojson", Feature: 0}}
}

func TestCheckPlacement(t *testing.T) {
	ieper := village("ieper", "BE", 2.885, 50.8503, 2)
	lille := service("lille", "FR", 3.06, 50.63)
	tests := []struct {
		name     string
		villages []datasets.Village
		services []datasets.Service
		want     []string // "line: reason fragment", in order
	}{
		{"in their countries", []datasets.Village{ieper, village("reunion", "FR", 55.45, -20.88, 3)}, []datasets.Service{lille}, nil},
		{"over the border within the margin", []datasets.Village{village("v", "BE", 2.3, 50.7, 2)}, nil, nil},
		{"swapped with a country", []datasets.Village{ieper, village("poperinge", "BE", 50.855, 2.726, 3)}, nil,
			[]string{"3: lon 50.855, lat 2.726 lies outside BE (bounding box widened by 1°): looks like lat,lon swapped"}},
		{"wrong country", []datasets.Village{village("berlin", "FR", 13.4, 52.5, 2)}, nil,
			[]string{"2: lies outside FR (bounding box widened by 1°): wrong coordinates or wrong country"}},
		{"no country near the data's", []datasets.Village{ieper, village("aachen", "", 6.08, 50.78, 3)}, nil, nil},
		{"no country far from the data's", []datasets.Village{ieper, village("chad", "", 20, 10, 3)}, []datasets.Service{lille},
			[]string{"3: lon 20, lat 10 lies outside the countries of the data (BE, FR) (bounding box widened by 5°)"}},
		{"no country swapped", []datasets.Village{ieper, village("x", "", 50.8, 2.9, 3)}, nil,
			[]string{"3: lies outside the countries of the data (BE) (bounding box widened by 5°): looks like lat,lon swapped"}},
		{"no country anywhere: nothing to check", []datasets.Village{village("x", "", 50.8, 2.9, 3)}, nil, nil},
		{"a country not in the table is checked against the data's", []datasets.Village{ieper, village("ny", "US", -74, 40.7, 3)}, nil,
			[]string{"3: lies outside the countries of the data (BE)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := datasets.CheckPlacement(tc.villages, tc.services)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d problems, want %d: %v", len(got), len(tc.want), got)
			}
			for i, w := range tc.want {
				line, frag, _ := strings.Cut(w, ": ")
				e := got[i]
				if e.Source != "v.csv" || e.Field != "geometry" || line != strconv.Itoa(e.Line) || !strings.Contains(e.Reason, frag) {
					t.Errorf("problem %d = %v, want line %s and %q", i, e, line, frag)
				}
			}
		})
	}
}

func TestCheckPlacementCap(t *testing.T) {
	vs := make([]datasets.Village, datasets.MaxProblems+10)
	for i := range vs {
		vs[i] = village(strconv.Itoa(i), "BE", 50.85, 2.88, i+2)
	}
	got := datasets.CheckPlacement(vs, nil)
	if len(got) != datasets.MaxProblems+1 || !strings.Contains(got[len(got)-1].Reason, "too many problems") {
		t.Errorf("got %d problems, last %v; want %d and a final too many problems", len(got), got[len(got)-1], datasets.MaxProblems+1)
	}
}

func TestCheckSeparation(t *testing.T) {
	be := []datasets.Village{village("ieper", "", 2.885, 50.8503, 2), village("poperinge", "", 2.726, 50.855, 3)}
	beS := []datasets.Service{service("a", "", 2.887, 50.851), service("b", "", 2.739, 50.738)}
	swapV := []datasets.Village{village("ieper", "", 50.8503, 2.885, 2), village("poperinge", "", 50.855, 2.726, 3)}
	swapS := []datasets.Service{service("a", "", 50.851, 2.887), service("b", "", 50.738, 2.739)}
	japan := []datasets.Service{service("tokyo", "", 139.69, 35.69)}
	tests := []struct {
		name     string
		villages []datasets.Village
		services []datasets.Service
		want     string // "" for no error
	}{
		{"together", be, beS, ""},
		{"no services", be, nil, ""},
		{"a continent apart", be, japan, "is 9"},
		{"villages swapped", swapV, beS, "the villages look like lat,lon swapped"},
		{"services swapped", be, swapS, "the services look like lat,lon swapped"},
		{"a minority far away is not the median", append(be[:2:2], village("far", "", 139, 35, 4)), beS, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := datasets.CheckSeparation(tc.villages, tc.services)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("CheckSeparation = %v, want nil", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "v.csv, s.geojson")):
				t.Errorf("CheckSeparation = %v, want %q naming both files", err, tc.want)
			}
		})
	}
}

func TestCheckBoundaries(t *testing.T) {
	square := func(lon, lat float64) orb.MultiPolygon {
		return orb.MultiPolygon{{{{lon, lat}, {lon + 0.2, lat}, {lon + 0.2, lat + 0.2}, {lon, lat + 0.2}, {lon, lat}}}}
	}
	bs := []datasets.Boundary{
		{Country: "BE", Geometry: square(2.8, 50.8), Origin: datasets.Origin{Source: "b.geojson", Feature: 0}},
		{Country: "BE", Geometry: square(50.8, 2.8), Origin: datasets.Origin{Source: "b.geojson", Feature: 1}},
		{Country: "FR", Geometry: square(13, 52), Origin: datasets.Origin{Source: "b.geojson", Feature: 2}},
		{Country: "XA", Geometry: square(0, 0), Origin: datasets.Origin{Source: "b.geojson", Feature: 3}},
		{Country: "", Geometry: square(100, 0), Origin: datasets.Origin{Source: "b.geojson", Feature: 4}},
	}
	got := datasets.CheckBoundaries(bs)
	if len(got) != 2 || got[0].Feature != 1 || !strings.Contains(got[0].Reason, "outside BE (bounding box widened by 1°): looks like lat,lon swapped") ||
		got[1].Feature != 2 || !strings.Contains(got[1].Reason, "wrong coordinates or wrong country") {
		t.Errorf("CheckBoundaries = %v", got)
	}
}

func TestCheckCountryPoint(t *testing.T) {
	tests := []struct {
		country string
		p       orb.Point
		want    string
	}{
		{"BE", orb.Point{2.885, 50.85}, ""},
		{"BE", orb.Point{50.85, 2.885}, "looks like lat,lon swapped"},
		{"FR", orb.Point{55.45, -20.88}, ""}, // Réunion
		{"NL", orb.Point{-68.27, 12.15}, ""}, // Bonaire
		{"FR", orb.Point{-74, 40.7}, "wrong coordinates or wrong country"},
		{"XA", orb.Point{0, 0}, ""}, // not in the table
		{"", orb.Point{0, 0}, ""},
	}
	for _, tc := range tests {
		got := datasets.CheckCountryPoint(tc.country, tc.p)
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("CheckCountryPoint(%q, %v) = %q, want %q", tc.country, tc.p, got, tc.want)
		}
	}
}
