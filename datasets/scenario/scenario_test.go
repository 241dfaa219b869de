package scenario

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
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
