package main

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/partons/partons/study/progress"
)

// TestOSMReadOnce counts the passes each command makes over an extract:
// the villages, services and boundaries of --osm, the roads of the same
// file and the country polygons a closed border takes from it are read in
// one shared read (relations, ways, nodes: three passes) instead of one
// read each (three passes for the extract, two for the roads, three more
// for the countries).
func TestOSMReadOnce(t *testing.T) {
	const pbf = "../../datasets/osmroad/testdata/liechtenstein-2013-08-03.osm.pbf"
	dir := t.TempDir()
	villages := writeFile(t, dir, "v.csv", "id,name,country,population,lon,lat\nvaduz,Vaduz,LI,5700,9.5215,47.1395\n")
	services := writeFile(t, dir, "s.csv", "id,name,category,country,lon,lat\nph1,Apotheke,amenity=pharmacy,LI,9.5225,47.1410\n")
	cases := []struct {
		name   string
		args   []string
		passes int
	}{
		{"run --osm --roads same file", []string{"run", "--osm", pbf, "--roads", pbf}, 3},
		{"run --osm", []string{"run", "--osm", pbf}, 3},
		{"run --osm closed border", []string{"run", "--osm", pbf, "--border", "closed"}, 3},
		{"run --roads", []string{"run", "--villages", villages, "--services", services, "--roads", pbf}, 2},
		{"run --roads closed border", []string{"run", "--villages", villages, "--services", services, "--roads", pbf, "--border", "closed"}, 3},
		{"prepare", []string{"prepare", pbf, "--profiles", "car,foot", "-o", filepath.Join(dir, "li.graph")}, 3},
		{"extract", []string{"extract", pbf, "--out", filepath.Join(dir, "ex")}, 3},
	}
	for k, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			passes := map[string]int{}
			ctx := progress.WithPassObserver(context.Background(), func(path string) { passes[path]++ })
			args := tc.args
			if args[0] == "run" {
				args = append(args, "--out", filepath.Join(dir, "out", string(rune('a'+k))))
			}
			var out, errb bytes.Buffer
			if code := execute(ctx, append(args, "--quiet"), &out, &errb); code != exitOK {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			if len(passes) != 1 || passes[pbf] != tc.passes {
				t.Errorf("passes over the extract: %v, want %d", passes, tc.passes)
			}
		})
	}
}
