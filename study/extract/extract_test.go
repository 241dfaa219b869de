package extract

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/osmextract"
)

const (
	edgeOSM     = "../../datasets/osmextract/testdata/edge.osm"
	edgeRestOSM = "../../datasets/osmextract/testdata/edge-rest.osm"
	liechPBF    = "../../datasets/osmroad/testdata/liechtenstein-2013-08-03.osm.pbf"
	statbelCSV  = "../../datasets/population/testdata/be-statbel2020-excerpt.csv"
)

func defaults(out string) Options {
	return Options{Out: out, Places: osmextract.DefaultPlaces, AdminLevels: []int{2, 8}, MergeM: osmextract.DefaultMergeDistanceM, Version: "test"}
}

func read(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestExtractManifest: the manifest records the input's checksum and data
// date and the counts of what was written.
func TestExtractManifest(t *testing.T) {
	out := filepath.Join(t.TempDir(), "osm")
	res, err := Extract(context.Background(), []string{liechPBF}, defaults(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Extract.Villages) != 17 || len(res.Extract.Services) != 60 || len(res.Extract.Boundaries) != 12 || res.Population != nil {
		t.Errorf("%d villages, %d services, %d boundaries; want 17, 60, 12", len(res.Extract.Villages), len(res.Extract.Services), len(res.Extract.Boundaries))
	}
	var m struct {
		Version  string         `json:"version"`
		DataDate string         `json:"data_date"`
		Inputs   []extractInput `json:"inputs"`
		Outputs  map[string]int `json:"outputs"`
	}
	if err := json.Unmarshal([]byte(read(t, filepath.Join(out, "manifest.json"))), &m); err != nil {
		t.Fatal(err)
	}
	if m.Version != "test" || m.DataDate != "2013-08-03T19:00:02Z" || len(m.Inputs) != 1 ||
		m.Inputs[0].SHA256 != "e9b3e17b9c3ccaa670c5e7ecf4d0a2cf932d23abd8bb66f78a9f4631cfef3211" ||
		m.Outputs["villages.geojson"] != 17 || m.Outputs["services.geojson"] != 60 || m.Outputs["boundaries.geojson"] != 12 {
		t.Errorf("manifest %+v", m)
	}
}

// TestExtractPopulation: Kappa is the only village of Gamma (33016,
// Mesen's NIS code in the Statbel excerpt: 1047) but does not carry its
// name: no official figure without apportioning, all of it with.
func TestExtractPopulation(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name      string
		apportion bool
		want      []string
	}{
		{"plain", false, []string{
			`"id":"node/33","name":"Kappa","country":"BE","population":null,"area_code":"33016","area_name":"Gamma","population_source":"unknown"`,
			`"id":"node/30","name":"Alpha","country":"BE","population":1234,"area_code":"33011","area_name":"Alpha","population_source":"osm"`,
		}},
		{"apportion", true, []string{
			`"id":"node/33","name":"Kappa","country":"BE","population":1047,"area_code":"33016","area_name":"Gamma","population_source":"apportioned"`,
			`"id":"node/30","name":"Alpha","country":"BE","population":1234,"area_code":"33011","area_name":"Alpha","population_source":"osm"`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := defaults(filepath.Join(dir, tc.name))
			o.Population, o.Apportion = []string{"BE=" + statbelCSV}, tc.apportion
			res, err := Extract(context.Background(), []string{edgeOSM, edgeRestOSM}, o)
			if err != nil {
				t.Fatal(err)
			}
			v := read(t, filepath.Join(o.Out, "villages.geojson"))
			for _, w := range tc.want {
				if !strings.Contains(v, w) {
					t.Errorf("villages.geojson lacks %s:\n%s", w, v)
				}
			}
			if res.Population == nil || !strings.Contains(res.Population.String(), "population: 4 villages") {
				t.Errorf("population report %v", res.Population)
			}
		})
	}
}

// TestExtractRefuses: bad population figures and a cancelled context stop
// the extract with nothing written.
func TestExtractRefuses(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "pop.csv")
	if err := os.WriteFile(bad, []byte("code,name,population\n1,A,-3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	o := defaults(filepath.Join(dir, "a"))
	o.Population = []string{bad}
	if _, err := Extract(context.Background(), []string{edgeOSM}, o); !errors.Is(err, datasets.ErrInvalid) || !strings.Contains(err.Error(), "pop.csv:2") {
		t.Errorf("bad population: error %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	o = defaults(filepath.Join(dir, "b"))
	if _, err := Extract(ctx, []string{edgeOSM}, o); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: error %v", err)
	}
	for _, d := range []string{"a", "b"} {
		if _, err := os.Stat(filepath.Join(dir, d)); !os.IsNotExist(err) {
			t.Errorf("%s written despite the error", d)
		}
	}
}
