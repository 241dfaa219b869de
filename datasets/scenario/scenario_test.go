package scenario

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/geo/road"
)

func TestExampleParses(t *testing.T) {
	f, err := os.Open("example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := Read("example.yaml", f)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Variants) != 4 || s.Variants[0].Changes[0].CloseServices.IDs[0] != "laposte-10833A" {
		t.Fatalf("variants = %+v", s.Variants)
	}
}

// TestSchemaListsEveryChange keeps schema.json in step with Change.
func TestSchemaListsEveryChange(t *testing.T) {
	b, err := os.ReadFile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		Defs struct {
			Change struct {
				Properties map[string]any `json:"properties"`
			} `json:"change"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(b, &schema); err != nil {
		t.Fatalf("schema.json is not JSON: %v", err)
	}
	ct := reflect.TypeOf(Change{})
	for i := 0; i < ct.NumField(); i++ {
		name := strings.Split(ct.Field(i).Tag.Get("yaml"), ",")[0]
		if _, ok := schema.Defs.Change.Properties[name]; !ok {
			t.Errorf("schema.json lacks change %q", name)
		}
	}
	if len(schema.Defs.Change.Properties) != ct.NumField() {
		t.Errorf("schema.json has %d changes, Change %d fields", len(schema.Defs.Change.Properties), ct.NumField())
	}
}

func TestReadRejects(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"empty", "", "empty scenario"},
		{"no variants", "base: {}\n", "no variants"},
		{"unknown key", "variants: [{name: a, changes: [{close: {ids: [x]}}]}]\n", "not found"},
		{"two changes in one", "variants: [{name: a, changes: [{close_services: {ids: [x]}, close_border: true}]}]\n", "exactly one"},
		{"empty filter", "variants: [{name: a, changes: [{close_services: {}}]}]\n", "empty filter"},
		{"bad lat", "variants: [{name: a, changes: [{add_services: [{id: s, category: c, lon: 2, lat: 95}]}]}]\n", "latitude"},
		{"duplicate names", "variants: [{name: a}, {name: a}]\n", "twice"},
		{"base name", "variants: [{name: base}]\n", "twice"},
		{"slash", "variants: [{name: a/b}]\n", "folder"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read("s.yaml", strings.NewReader(tc.src))
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "s.yaml") {
				t.Fatalf("err = %v, want mention of %q", err, tc.want)
			}
			if !errors.Is(err, datasets.ErrInvalid) {
				t.Errorf("%v does not wrap ErrInvalid", err)
			}
		})
	}
}

// TestReadRejectsAtLine: problems in variants name their line.
func TestReadRejectsAtLine(t *testing.T) {
	long := strings.Repeat("é", 128) // 256 bytes
	cases := []struct {
		name, src, want string
	}{
		{"name over 255 bytes", "variants:\n  - name: a\n  - name: " + long + "\n", "s.yaml:3: variant \"" + long[:64] + "…\": name is 256 bytes: at most 255"},
		{"name of 255 bytes is fine but used twice", "variants:\n  - name: " + long[:254] + "x\n  - name: " + long[:254] + "x\n", "s.yaml:3: variant"},
		{"control character", "variants:\n  - name: \"a\\tb\"\n", "s.yaml:2: variant"},
		{"bad change", "variants:\n  - name: a\n    changes:\n      - close_border: true\n      - close_services: {}\n", "s.yaml:5: variant \"a\": change 2: empty filter"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read("s.yaml", strings.NewReader(tc.src))
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to start with %q", err, tc.want)
			}
		})
	}
}

func TestBaseLine(t *testing.T) {
	src := "# base run\nbase:\n  thresholds_m:\n    - 100\n    - 200\n  village_schema:\n    epsg: 2154\nvariants: [{name: a, changes: [{close_border: true}]}]\n"
	f, err := Read("s.yaml", strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]int{"thresholds_m[1]": 5, "thresholds_m": 3, "village_schema.coords.epsg": 6, "nosuch": 2, "": 2} {
		if got := f.BaseLine(key); got != want {
			t.Errorf("BaseLine(%q) = %d, want %d", key, got, want)
		}
	}
}

func TestReadRejectsBadSettings(t *testing.T) {
	for src, want := range map[string]string{
		"variants: [{name: a, changes: [{set: {thresholds_m: [500, -5]}}]}]\n":      "set: thresholds_m[1]: threshold -5 m",
		"variants: [{name: a, changes: [{set: {time_thresholds_min: [10, 5]}}]}]\n": "set: time_thresholds_min[1]",
		"variants: [{name: a, changes: [{set: {profile: boat}}]}]\n":                "set: profile \"boat\"",
		"variants: [{name: a, changes: [{set: {route_by: speed}}]}]\n":              "set: route_by \"speed\"",
	} {
		if _, err := Read("s.yaml", strings.NewReader(src)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err = %v, want %q", src, err, want)
		}
	}
}

// TestSettingsProfileNames: every profile and route criterion the road
// graph knows is accepted in a scenario file, and an unknown one gives the
// message (with its line) the file check has always given.
func TestSettingsProfileNames(t *testing.T) {
	for _, p := range road.Profiles {
		src := "variants: [{name: a, changes: [{set: {profile: " + string(p) + "}}]}]\n"
		f, err := Read("s.yaml", strings.NewReader(src))
		if err != nil {
			t.Fatalf("profile %s: %v", p, err)
		}
		if got := f.Variants[0].Changes[0].Set.Profile; got != string(p) {
			t.Errorf("profile %s read as %q", p, got)
		}
	}
	for _, w := range []road.Weight{road.Time, road.Length} {
		src := "variants: [{name: a, changes: [{set: {route_by: " + w.String() + "}}]}]\n"
		if _, err := Read("s.yaml", strings.NewReader(src)); err != nil {
			t.Fatalf("route_by %s: %v", w, err)
		}
	}
	for src, want := range map[string]string{
		"variants: [{name: a, changes: [{set: {profile: Car}}]}]\n":   `s.yaml:1: variant "a": change 1: set: profile "Car": want car, bicycle or foot`,
		"variants: [{name: a, changes: [{set: {route_by: Time}}]}]\n": `s.yaml:1: variant "a": change 1: set: route_by "Time": want time or length`,
	} {
		if _, err := Read("s.yaml", strings.NewReader(src)); err == nil || err.Error() != want {
			t.Errorf("%q: err = %v, want %q", src, err, want)
		}
	}
}
