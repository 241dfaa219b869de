package reportdir

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
)

func TestSnakeCase(t *testing.T) {
	for in, want := range map[string]string{"ID": "id", "AreaCode": "area_code", "EPSG": "epsg", "Coords": "coords",
		"Lon": "lon", "area_code": "area_code", "VillageID": "village_id", "HTTPServer": "http_server"} {
		if got := snakeCase(in); got != want {
			t.Errorf("snakeCase(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestParseV1Migrates: a version 1 manifest (no manifest_version, Go
// field names in the schemas) reads as the current layout, its paths
// kept as given; a version 2 one has its relative paths resolved against
// its own folder.
func TestParseV1Migrates(t *testing.T) {
	v1 := `{"generator":"partons","run":{"villages":["v.csv"],"village_schema":{"AreaCode":"code"}},
		"inputs":[{"name":"v.csv","kind":"villages"}]}`
	m, err := Parse("reports/a/manifest.json", []byte(v1))
	if err != nil {
		t.Fatal(err)
	}
	if m.ManifestVersion != 1 || m.Run.VillageSchema.AreaCode != "code" || m.Run.Villages[0] != "v.csv" || m.Inputs[0].Name != "v.csv" {
		t.Errorf("v1 read as version %d, schema %+v, villages %v, inputs %+v", m.ManifestVersion, m.Run.VillageSchema, m.Run.Villages, m.Inputs)
	}
	v2 := strings.Replace(v1, `"generator":"partons",`, `"generator":"partons","manifest_version":2,`, 1)
	v2 = strings.Replace(v2, `"AreaCode"`, `"area_code"`, 1)
	m, err = Parse(filepath.Join("reports", "a", "manifest.json"), []byte(v2))
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join("reports", "a", "v.csv")
	if m.Run.Villages[0] != want || m.Inputs[0].Name != want || m.Run.VillageSchema.AreaCode != "code" {
		t.Errorf("v2 paths %v %q, schema %+v; want %s", m.Run.Villages, m.Inputs[0].Name, m.Run.VillageSchema, want)
	}
}

func TestParseRefuses(t *testing.T) {
	cases := []struct{ name, body, want string }{
		{"newer", `{"generator": "partons", "manifest_version": 99}`, "newer partons"},
		{"zero", `{"generator": "partons", "manifest_version": 0}`, "does not exist"},
		{"other tool", `{"generator": "other"}`, "not a partons manifest"},
		{"nan", `{"generator": "partons", "manifest_version": 2, "counts": {"villages": NaN}}`, "not a partons manifest"},
		{"not json", "{\n\"generator\": partons}", "m.json:2:"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("m.json", []byte(tc.body))
			var re *datasets.RecordError
			if !errors.As(err, &re) || re.Source != "m.json" || !errors.Is(err, datasets.ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an invalid-data error on m.json saying %q", err, tc.want)
			}
		})
	}
}

// FuzzParse feeds arbitrary bytes as a manifest.json: the reader never
// panics, fails only with a *datasets.RecordError naming the file
// (invalid input), and accepts only partons manifests of a version it
// knows.
//
// Run: go test -run=^$ -fuzz=FuzzParse -fuzztime=60s ./datasets/reportdir/
func FuzzParse(f *testing.F) {
	seeds, err := filepath.Glob("../../testdata/hostile/*/manifest-*.json")
	if err != nil {
		f.Fatal(err)
	}
	more, err := filepath.Glob("../../testdata/hostile/reports/*/manifest.json")
	if err != nil {
		f.Fatal(err)
	}
	seeds = append(append(seeds, more...), "../../testdata/golden/westhoek/manifest.json",
		"../../testdata/golden/scenario/manifest.json", "../../testdata/manifests/v1-westhoek.json")
	for _, name := range seeds {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"generator":"partons","manifest_version":1,"run":{"village_schema":{"AreaCode":1}}}`))
	const path = "reports/fuzz/manifest.json"
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Parse(path, b)
		if err != nil {
			var re *datasets.RecordError
			if !errors.As(err, &re) || re.Source != path || !errors.Is(err, datasets.ErrInvalid) {
				t.Fatalf("error %v is not a RecordError naming %s", err, path)
			}
			return
		}
		if m.Generator != "partons" || m.ManifestVersion < 1 || m.ManifestVersion > Version {
			t.Fatalf("accepted generator %q, version %d", m.Generator, m.ManifestVersion)
		}
	})
}
