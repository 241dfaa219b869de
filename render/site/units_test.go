package site

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/render/site/input"
)

func TestFormURL(t *testing.T) {
	bad := []string{"javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>", "file:///etc/passwd",
		"vbscript:x", "https:///nohost", "//forms.example.org/r", "forms.example.org/r", "mailto:", "mailto:nobody",
		"https://user:pw@forms.example.org/", "https://forms.example.org/\nx", "ftp://example.org/"}
	for _, s := range bad {
		if err := CheckFormURL(s); !errors.Is(err, ErrFormURL) {
			t.Errorf("CheckFormURL(%q) = %v, want ErrFormURL", s, err)
		}
	}
	cases := []struct{ form, want string }{
		// Query parameters sorted by name, values URL-encoded; the
		// form's own parameters are kept.
		{"https://forms.example.org/report?src=site",
			"https://forms.example.org/report?category=post&lang=fr&service=La+Poste+%26+Co&service_id=s%231&src=site&village=Saint-%C3%89loi%3F&village_id=v%2F1"},
		{"mailto:obs@example.org",
			"mailto:obs@example.org?subject=partons%3A%20Saint-%C3%89loi%3F%20%E2%80%93%20La%20Poste%20%26%20Co&body=village%3A%20Saint-%C3%89loi%3F%20%28v%2F1%29%0Aservice%3A%20La%20Poste%20%26%20Co%20%28s%231%29%2C%20post%0A%0A"},
		{"", ""},
	}
	for _, tc := range cases {
		f, err := parseFormURL(tc.form)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.href("fr", "Saint-Éloi?", "v/1", "La Poste & Co", "s#1", "post"); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.form, got, tc.want)
		}
	}
}

func TestSlugs(t *testing.T) {
	ids := []string{"b", "a", "c", "d", "e", "f", "g"}
	names := []string{"Ieper", "Ieper", "Saint-Éloi", "", "../../etc/passwd", "Index", "Œuvre  d'Ypres"}
	areas := []string{"Ieper", "Zonnebeke", "", "", "", "", ""}
	got := slugs(ids, names, areas)
	want := []string{"ieper", "ieper-zonnebeke", "saint-eloi", "village", "etc-passwd", "index-2", "oeuvre-d-ypres"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("slug of %q (%s) = %q, want %q", names[i], ids[i], got[i], want[i])
		}
	}
	// Three villages of one name in no area: numbered in the order of ids.
	got = slugs([]string{"z", "x", "y"}, []string{"Hoek", "Hoek", "Hoek"}, []string{"", "", ""})
	if strings.Join(got, " ") != "hoek-3 hoek hoek-2" {
		t.Errorf("collisions = %v", got)
	}
	if s := slug(strings.Repeat("abcdefghij", 10)); len(s) > 61 {
		t.Errorf("slug of 100 letters is %d bytes", len(s))
	}
}

func TestPlaceNames(t *testing.T) {
	for _, tc := range []struct {
		name string
		lang qml.Lang
		want string
	}{
		{"Ieper", qml.FR, "Ypres"}, {"Ieper", qml.NL, "Ieper"}, {"Ieper", qml.EN, "Ypres"},
		{"Dunkerque", qml.NL, "Duinkerke"}, {"Dunkerque", qml.EN, "Dunkirk"}, {"Bailleul", qml.NL, "Belle"},
		{"Hondschoote", qml.NL, "Hondschote"}, {"Poperinge", qml.FR, "Poperinghe"}, {"Steenvoorde", qml.NL, "Steenvoorde"},
		{"Heuvelland", qml.FR, "Heuvelland"}, {"Zwarte Leen", qml.FR, "Zwarte Leen"},
	} {
		if got := placeName(tc.name, tc.lang); got != tc.want {
			t.Errorf("placeName(%s, %s) = %s, want %s", tc.name, tc.lang, got, tc.want)
		}
	}
}

// TestNearestOnSides: sides come from the run's columns; the service on
// each side is the nearest of the category there; times are routed ones
// when the run has them (car by road, public transport), else estimated
// from the road length at the documented speeds. Hand-computed: 6 km at
// 4.8 km/h is 75 min, at 15 km/h 24 min, at 45 km/h 8 min.
func TestNearestOnSides(t *testing.T) {
	r := &input.Run{Manifest: &reportdir.Manifest{Roads: &reportdir.RoadInfo{Source: "osm", Profile: "car"}}}
	r.Services = []input.Row{
		{"id": "home-far", "name": "Far", "category": "gp", "country": "BE", "lon": "2.95", "lat": "50.85"},
		{"id": "home-near", "name": "Near", "category": "gp", "country": "BE", "lon": "2.90", "lat": "50.85"},
		{"id": "abroad", "name": "Cabinet", "category": "gp", "country": "FR", "lon": "2.80", "lat": "50.75"},
		{"id": "other", "name": "Bakery", "category": "bakery", "country": "BE", "lon": "2.8851", "lat": "50.85"},
		{"id": "abroad2", "name": "Cabinet 2", "category": "gp", "country": "FR", "lon": "2.70", "lat": "50.70"}, // farther, but by bus
	}
	r.IndexServices()
	row := input.Row{"country": "BE", "lon": "2.885", "lat": "50.85", "gp_domestic_m": "1050.0", "gp_abroad_m": "15000.0",
		"gp_road_domestic_m": "6000.0", "gp_road_abroad_m": "20000.0", "gp_road_m": "6000.0", "gp_road_min": "9.5",
		"gp_road_id": "home-near", "gp_road_country": "BE", "gp_transit_min": "31", "gp_transit_id": "abroad2"}
	s := nearestOnSides(r, row, "gp")
	home, abroad := s[0], s[1]
	if home.ServiceID != "home-near" || home.Service != "Near" || home.StraightM != 1050 || home.RoadM != 6000 || home.RoadEstimated {
		t.Errorf("home side %+v", home)
	}
	if home.FootMin != 75 || home.BikeMin != 24 || home.CarMin != 9.5 || !home.CarFromRun || home.PTFromRun {
		t.Errorf("home times %+v", home)
	}
	if abroad.ServiceID != "abroad" || abroad.Country != "FR" || abroad.CarFromRun || math.Abs(abroad.CarMin-80.0/3) > 1e-9 ||
		!abroad.PTFromRun || abroad.PTMin != 31 {
		t.Errorf("abroad side %+v", abroad)
	}
	// Without a road network: road = straight × the detour factor.
	r.Manifest.Roads = &reportdir.RoadInfo{Source: "estimate", DetourFactor: 1.25}
	s = nearestOnSides(r, input.Row{"country": "BE", "lon": "2.885", "lat": "50.85", "gp_domestic_m": "1000.0"}, "gp")
	if !s[0].RoadEstimated || s[0].RoadM != 1250 || s[0].CarFromRun || s[1].Known {
		t.Errorf("estimated side %+v / %+v", s[0], s[1])
	}
}

// TestReportsNear: residents' reports are placed at their location, else
// at their service, found in an older run when it has closed since;
// those within 5 km are listed newest first, with only http(s) evidence
// links kept.
func TestReportsNear(t *testing.T) {
	older := &input.Run{Services: []input.Row{
		{"id": "gone", "name": "Old baker", "category": "bakery", "lon": "2.887", "lat": "50.851"}}}
	r := &input.Run{Services: []input.Row{
		{"id": "s1", "name": "Bakker", "category": "bakery", "lon": "2.886", "lat": "50.851"},
		{"id": "s2", "name": "Far away", "category": "bakery", "lon": "3.5", "lat": "50.851"},
	}, Reports: []input.Row{
		{"id": "r1", "kind": "closed", "service_id": "s1", "observed_on": "2026-03-01", "status": "confirmed", "reporter_role": "resident", "evidence_url": "javascript:alert(1)"},
		{"id": "r2", "kind": "hours_changed", "service_id": "s1", "observed_on": "2026-04-01", "status": "proposed", "reporter_role": "municipality", "evidence_url": "https://example.org/photo"},
		{"id": "r3", "kind": "closed", "service_id": "s2", "observed_on": "2026-05-01", "status": "proposed"},
		{"id": "r4", "kind": "missing", "category": "post", "lon": "2.89", "lat": "50.85", "observed_on": "2026-01-10", "status": "rejected"},
		{"id": "r5", "kind": "closed", "service_id": "gone", "observed_on": "2025-12-01", "status": "confirmed", "outcome": "applied"},
		{"id": "r6", "kind": "closed", "service_id": "nowhere", "observed_on": "2025-11-01", "status": "confirmed"},
	}}
	older.IndexServices()
	r.IndexServices()
	placed := placeReports([]*input.Run{older, r}, 1)
	if len(placed) != 6 || placed[5].ID != "r6" || placed[5].Located {
		t.Fatalf("placed %+v", placed)
	}
	got := reportsNear(placed, orb.Point{2.885, 50.851})
	ids := []string{}
	for _, g := range got {
		ids = append(ids, g.ID)
	}
	if strings.Join(ids, " ") != "r2 r1 r4 r5" {
		t.Fatalf("reports near: %v", ids)
	}
	if got[0].Evidence != "https://example.org/photo" || got[1].Evidence != "" || got[1].Service != "Bakker" || got[2].Category != "post" ||
		got[3].Service != "Old baker" || got[3].Category != "bakery" {
		t.Errorf("reports %+v", got)
	}
}

// TestTrendValues: a trend follows the nearest service anywhere when
// every year knows it, else the nearest at home; never a mix.
func TestTrendValues(t *testing.T) {
	all := []input.Row{{"gp_nearest_m": "100", "gp_domestic_m": "200"}, nil, {"gp_nearest_m": "150", "gp_domestic_m": "150"}}
	v, home := trendValues(all, "gp")
	if home || v[0] != 100 || !math.IsNaN(v[1]) || v[2] != 150 {
		t.Errorf("nearest: %v %v", v, home)
	}
	mixed := []input.Row{{"gp_nearest_m": "100", "gp_domestic_m": "200"}, {"gp_nearest_m": "", "gp_domestic_m": "250"}}
	v, home = trendValues(mixed, "gp")
	if !home || v[0] != 200 || v[1] != 250 {
		t.Errorf("domestic: %v %v", v, home)
	}
	if v, _ := trendValues([]input.Row{{"gp_nearest_m": ""}}, "gp"); v != nil {
		t.Errorf("unknown: %v", v)
	}
}
