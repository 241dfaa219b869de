package datasets_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
)

func TestValidateLonLat(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lon, lat float64
		reason   string // "" for valid
	}{
		{0, 0, ""}, {-180, -90, ""}, {180, 90, ""}, {2.885, 50.85, ""},
		{180.000001, 0, "longitude"}, {-181, 0, "longitude"}, {0, 90.5, "latitude"}, {0, -91, "latitude"},
		{math.NaN(), 0, "not finite"}, {0, math.Inf(1), "not finite"}, {math.Inf(-1), 0, "not finite"},
	}
	for _, tc := range tests {
		err := datasets.ValidateLonLat(tc.lon, tc.lat)
		if tc.reason == "" && err != nil || tc.reason != "" && (err == nil || !strings.Contains(err.Error(), tc.reason)) {
			t.Errorf("ValidateLonLat(%v, %v) = %v, want %q", tc.lon, tc.lat, err, tc.reason)
		}
	}
}

func TestNormalizeCountry(t *testing.T) {
	t.Parallel()
	ok := map[string]string{"": "", "  ": "", "be": "BE", " Fr ": "FR", "NL": "NL"}
	for in, want := range ok {
		got, err := datasets.NormalizeCountry(in)
		if err != nil || got != want {
			t.Errorf("NormalizeCountry(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"B", "BEL", "B1", "1B", "É.", "ÉU", "b e", "B\x00"} {
		if got, err := datasets.NormalizeCountry(in); err == nil {
			t.Errorf("NormalizeCountry(%q) = %q, want an error", in, got)
		}
	}
}

func TestParseDecimal(t *testing.T) {
	t.Parallel()
	good := []struct {
		in    string
		comma bool
		want  float64
	}{
		{"2.885", false, 2.885}, {" -2.885 ", false, -2.885}, {"+3", false, 3}, {".5", false, 0.5}, {"5.", false, 5},
		{"1e3", false, 1000}, {"1.5E-2", false, 0.015}, {"2,885", true, 2.885}, {"-0,5", true, -0.5}, {"2.885", true, 2.885},
	}
	for _, tc := range good {
		got, err := datasets.ParseDecimal(tc.in, tc.comma)
		if err != nil || got != tc.want {
			t.Errorf("ParseDecimal(%q, %v) = %v, %v; want %v", tc.in, tc.comma, got, err, tc.want)
		}
	}
	bad := []struct {
		in    string
		comma bool
	}{
		{"", false}, {" ", false}, {"2,885", false}, {"1.234,5", true}, {"1,2,3", true}, {"NaN", false}, {"Inf", false},
		{"-Infinity", false}, {"0x1p3", false}, {"1_000", false}, {"1e", false}, {"e5", false}, {".", false}, {"-", false},
		{"1 000", false}, {"1e400", false}, {"12abc", false}, {"٣", false},
	}
	for _, tc := range bad {
		if got, err := datasets.ParseDecimal(tc.in, tc.comma); err == nil {
			t.Errorf("ParseDecimal(%q, %v) = %v, want an error", tc.in, tc.comma, got)
		}
	}
}

func TestParseQuantity(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in     string
		want   float64
		ok     bool
		reason string
	}{
		{"", 0, false, ""}, {"  ", 0, false, ""}, {"0", 0, true, ""}, {"1045", 1045, true, ""}, {"1045,5", 1045.5, true, ""},
		{"-1", 0, false, "negative"}, {"-0", 0, true, ""}, {"NaN", 0, false, "not a number"}, {"n/a", 0, false, "not a number"},
		{"1e9", 1e9, true, ""}, {"1000000001", 0, false, "more than 1e+09"}, {"1e308", 0, false, "more than 1e+09"},
	}
	for _, tc := range tests {
		v, ok, err := datasets.ParseQuantity(tc.in, true)
		if v != tc.want || ok != tc.ok || (tc.reason == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), tc.reason) {
			t.Errorf("ParseQuantity(%q) = %v, %v, %v; want %v, %v, %q", tc.in, v, ok, err, tc.want, tc.ok, tc.reason)
		}
	}
	for _, v := range []float64{math.NaN(), math.Inf(1), -0.5} {
		if datasets.ValidateQuantity(v) == nil {
			t.Errorf("ValidateQuantity(%v) = nil", v)
		}
	}
}

func TestValidatePopulation(t *testing.T) {
	for v, want := range map[float64]string{0: "", 1e8: "", 1e8 + 1: "more than 1e+08", 1e308: "more than 1e+09", -1: "negative", math.Inf(1): "not finite"} {
		err := datasets.ValidatePopulation(v)
		if (want == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), want) {
			t.Errorf("ValidatePopulation(%v) = %v, want %q", v, err, want)
		}
	}
}

func TestProblemsCap(t *testing.T) {
	t.Parallel()
	p := datasets.NewProblems("f.csv")
	if p.Err() != nil {
		t.Fatal("empty collector reports an error")
	}
	n := 0
	for p.Add(&datasets.RecordError{Line: n + 2, Feature: -1, Reason: "bad"}) {
		n++
	}
	if n != datasets.MaxProblems-1 || p.Len() != datasets.MaxProblems+1 || !p.Full() {
		t.Fatalf("accepted %d, len %d, full %v", n, p.Len(), p.Full())
	}
	if p.Add(&datasets.RecordError{}) || p.Len() != datasets.MaxProblems+1 {
		t.Error("Add after the cap changed the list")
	}
	err := p.Err()
	var list datasets.ErrorList
	if !errors.Is(err, datasets.ErrInvalid) || !errors.As(err, &list) || list[0].Source != "f.csv" ||
		!strings.Contains(list[len(list)-1].Reason, "too many problems") {
		t.Errorf("err = %v", err)
	}
}

func TestCheckUniqueIDs(t *testing.T) {
	t.Parallel()
	a := []datasets.Village{
		{ID: "1", Origin: datasets.Origin{Source: "a.csv", Line: 2, Feature: -1}},
		{ID: "2", Origin: datasets.Origin{Source: "a.csv", Line: 3, Feature: -1}},
	}
	b := []datasets.Village{
		{ID: "3", Origin: datasets.Origin{Source: "b.geojson", Line: 4, Feature: 0}},
		{ID: "2", Origin: datasets.Origin{Source: "b.geojson", Line: 5, Feature: 1}},
		{ID: "1", Origin: datasets.Origin{Source: "b.geojson", Feature: 2}},
		{ID: "2", Origin: datasets.Origin{Source: "b.geojson", Feature: 3}},
	}
	errs := datasets.CheckUniqueIDs(a, b)
	want := []struct {
		feature int
		reason  string
	}{
		{1, `duplicate id "2" (first at a.csv:3)`},
		{2, `duplicate id "1" (first at a.csv:2)`},
		{3, `duplicate id "2" (first at a.csv:3)`},
	}
	if len(errs) != len(want) {
		t.Fatalf("got %d errors: %v", len(errs), errs)
	}
	for i, w := range want {
		e := errs[i]
		if e.Source != "b.geojson" || e.Feature != w.feature || e.Field != "id" || e.Reason != w.reason {
			t.Errorf("error %d = %+v, want feature %d %q", i, e, w.feature, w.reason)
		}
	}
	if !errors.Is(errs.Err(), datasets.ErrInvalid) {
		t.Error("not ErrInvalid")
	}
	if errs := datasets.CheckUniqueIDs(a); errs != nil {
		t.Errorf("unique ids reported: %v", errs)
	}
	// GeoJSON origins name the feature; empty boundary ids are ignored.
	bs := []datasets.Boundary{{ID: "", Origin: datasets.Origin{Source: "x", Feature: 0}}, {ID: "", Origin: datasets.Origin{Source: "x", Feature: 1}},
		{ID: "BE", Origin: datasets.Origin{Source: "x", Feature: 2}}, {ID: "BE", Origin: datasets.Origin{Source: "y", Line: 9, Feature: 0}}}
	errs = datasets.CheckUniqueIDs(bs)
	if len(errs) != 1 || errs[0].Reason != `duplicate id "BE" (first at x: feature 2)` {
		t.Errorf("boundaries: %v", errs)
	}
	ss := []datasets.Service{{ID: "s"}, {ID: "s"}}
	if len(datasets.CheckUniqueIDs(ss)) != 1 {
		t.Error("services: duplicate not found")
	}
}

func TestIDSet(t *testing.T) {
	t.Parallel()
	var s datasets.IDSet
	o1 := datasets.Origin{Source: "f", Line: 2, Feature: -1}
	o2 := datasets.Origin{Source: "f", Line: 7, Feature: -1}
	if e := s.Check("x", "code", o1); e != nil {
		t.Fatal(e)
	}
	e := s.Check("x", "code", o2)
	if e == nil || e.Line != 7 || e.Field != "code" || e.Error() != `f:7: field "code": duplicate id "x" (first at f:2)` {
		t.Errorf("duplicate = %v", e)
	}
	if e := s.Check("X", "code", o2); e != nil {
		t.Errorf("ids are case-sensitive: %v", e)
	}
}

// TestValidateXY reads Ieper's coordinates (see geo/crs TestIeper) in the
// right and in wrong systems.
func TestValidateXY(t *testing.T) {
	tests := []struct {
		name string
		code int
		x, y float64
		want string // fragment of the error; "" for none
	}{
		{"Lambert 72 as 31370", 31370, 45520.462, 172142.988, ""},
		{"Lambert-93 as 2154", 2154, 691885.247, 7083782.051, ""},
		{"degrees as 4326", 4326, 2.885, 50.8503, ""},
		{"Lambert 72 as 2154", 2154, 45520.462, 172142.988, "these x,y fit EPSG:31370 (BD72 / Belgian Lambert 72), not 2154"},
		{"Lambert-93 as 31370", 31370, 691885.247, 7083782.051, "fit EPSG:2154 (RGF93 / Lambert-93), not 31370"},
		{"Lambert 72 as 4326", 4326, 45520.462, 172142.988, "fit EPSG:31370 (BD72 / Belgian Lambert 72), not 4326"},
		{"UTM as 2154", 2154, 491904.558, 5633184.198, "fit EPSG:32631 (WGS 84 / UTM zone 31N), not 2154"},
		{"degrees as 31370", 31370, 2.885, 50.8503, "look like WGS84 longitude/latitude degrees (EPSG:4326), not EPSG:31370 metres"},
		{"nowhere", 2154, 1e7, 1e7, "area of use of EPSG:2154 (RGF93 / Lambert-93: metropolitan France and Corsica) and fit none"},
		{"unsupported", 3857, 1, 2, "unsupported"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := datasets.ValidateXY(tc.code, tc.x, tc.y)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("ValidateXY = %v, want nil", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("ValidateXY = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestCoordinateHint(t *testing.T) {
	if got, want := datasets.CoordinateHint(45520.462, 172142.988), "these look like x,y metres in EPSG:31370 (BD72 / Belgian Lambert 72)"; got != want {
		t.Errorf("datasets.CoordinateHint(Lambert 72) = %q, want %q", got, want)
	}
	for _, p := range [][2]float64{{200, 50}, {1e7, 1e7}, {2.885, 95}} {
		if got := datasets.CoordinateHint(p[0], p[1]); got != "" {
			t.Errorf("datasets.CoordinateHint(%v) = %q, want none", p, got)
		}
	}
}
