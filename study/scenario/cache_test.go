package scenario

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/reportdir"
	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/study/roads"
)

// TestVariantsShareARoadNetworkPerProfile: two variants routing on the
// same profile other than the base's open its network once, and the
// base's network (read with the inputs) is never opened again; they used
// to read the road network again for each variant.
func TestVariantsShareARoadNetworkPerProfile(t *testing.T) {
	dir := t.TempDir()
	pbf, err := filepath.Abs("../../datasets/osmroad/testdata/liechtenstein-2013-08-03.osm.pbf")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "s.yaml")
	src := "base:\n  osm: [" + pbf + "]\n  roads: [" + pbf + "]\n" +
		"variants:\n" +
		"  - name: by-bike\n    changes:\n      - set: {profile: bicycle}\n" +
		"  - name: by-bike-far\n    changes:\n      - set: {profile: bicycle, thresholds_m: [1000, 8000]}\n" +
		"  - name: by-car\n    changes:\n      - set: {profile: car}\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	sc, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	opens := map[road.Profile]int{}
	var graphs []*road.Graph
	open := func(ctx context.Context, files []string, p road.Profile, bs []datasets.Boundary, closed bool) (*road.Graph, *reportdir.RoadInfo, func(string) uint8, error) {
		opens[p]++
		g, info, label, err := roads.Load(ctx, files, p, bs, closed)
		graphs = append(graphs, g)
		return g, info, label, err
	}
	out := filepath.Join(dir, "out")
	if err := Run(context.Background(), sc, Options{Out: out, Workers: 1, Quiet: true, Open: open, VariantOutputs: []string{"villages.csv"}}); err != nil {
		t.Fatal(err)
	}
	if len(opens) != 1 || opens[road.Bicycle] != 1 {
		t.Errorf("networks opened per profile: %v, want bicycle once (car is the base's)", opens)
	}
	for _, v := range []string{"base", "by-bike", "by-bike-far", "by-car"} {
		if _, err := os.Stat(filepath.Join(out, v, "villages.csv")); err != nil {
			t.Errorf("variant %s: %v", v, err)
		}
	}
	// The two bicycle variants measured on the one graph: the same road
	// figures, other than the car's.
	a, b := roadColumns(t, filepath.Join(out, "by-bike", "villages.csv")), roadColumns(t, filepath.Join(out, "by-bike-far", "villages.csv"))
	if a != b {
		t.Error("the two bicycle variants differ in their villages' road figures")
	}
	if a == roadColumns(t, filepath.Join(out, "by-car", "villages.csv")) {
		t.Error("the bicycle variants have the car's road figures")
	}
}

// roadColumns is the text of the road columns (*_road_*) of a CSV
// file, enough to compare two runs on the same network.
func roadColumns(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var keep []int
	for k, name := range rows[0] {
		if strings.Contains(name, "_road_") {
			keep = append(keep, k)
		}
	}
	if len(keep) == 0 {
		t.Fatalf("%s has no road column", path)
	}
	var b strings.Builder
	for _, r := range rows {
		for _, k := range keep {
			b.WriteString(r[k] + ",")
		}
		b.WriteByte('\n')
	}
	return b.String()
}
