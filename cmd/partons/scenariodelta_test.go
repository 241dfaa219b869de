package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestScenarioDeltaRowsChangedByDefault runs the example scenario twice:
// with --all-delta-rows (every village × category, as the goldens hold
// them) and by default. The default delta_villages.csv holds exactly the
// rows of the full one whose base and variant sides differ, byte for byte
// and in order; the manifest counts the rows left out, so that written +
// left out is every village × category; every other file is the same.
func TestScenarioDeltaRowsChangedByDefault(t *testing.T) {
	dir := t.TempDir()
	all, def := filepath.Join(dir, "all"), filepath.Join(dir, "default")
	for _, args := range [][]string{{"--out", all, "--all-delta-rows"}, {"--out", def}} {
		if code, _, e := runCLI(t, append([]string{"scenario", "-q", "../../datasets/scenario/example.yaml"}, args...)...); code != exitOK {
			t.Fatal(e)
		}
	}
	var m struct {
		DeltaRows string `json:"delta_rows"`
		Variants  []struct {
			Name      string
			DeltaRows struct {
				Written   int `json:"written"`
				Unchanged int `json:"unchanged_omitted"`
			} `json:"delta_rows"`
		}
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(def, "manifest.json"))), &m); err != nil {
		t.Fatal(err)
	}
	if m.DeltaRows != "changed" || len(m.Variants) != 4 {
		t.Fatalf("manifest: delta_rows %q, %d variants", m.DeltaRows, len(m.Variants))
	}
	for _, v := range m.Variants {
		full := csvRows(t, filepath.Join(all, v.Name, "delta_villages.csv"))
		got := csvRows(t, filepath.Join(def, v.Name, "delta_villages.csv"))
		want := [][]string{full[0]}
		for _, r := range full[1:] {
			if !sameSides(full[0], r) {
				want = append(want, r)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: delta_villages.csv has %d rows, want the %d of the full table that changed", v.Name, len(got)-1, len(want)-1)
		}
		if v.DeltaRows.Written != len(got)-1 || v.DeltaRows.Written+v.DeltaRows.Unchanged != len(full)-1 {
			t.Errorf("%s: manifest counts %+v; file has %d rows of %d", v.Name, v.DeltaRows, len(got)-1, len(full)-1)
		}
		var gj struct{ Features []json.RawMessage }
		if err := json.Unmarshal([]byte(readFile(t, filepath.Join(def, v.Name, "delta_villages.geojson"))), &gj); err != nil {
			t.Fatal(err)
		}
		if len(gj.Features) != len(got)-1 {
			t.Errorf("%s: delta_villages.geojson has %d features for %d rows", v.Name, len(gj.Features), len(got)-1)
		}
	}
	// The hand-checked figures: closing Hondschoote's post office changes
	// the post row of its eight villages and nothing else; the control
	// variant writes a header alone.
	if n := m.Variants[0].DeltaRows.Written; n != 8 {
		t.Errorf("close-hondschoote-post: %d rows written, want the 8 villages it was nearest to", n)
	}
	if n := m.Variants[3].DeltaRows.Written; n != 0 {
		t.Errorf("no-change: %d rows written, want 0", n)
	}
	// Every other file is the same with or without the option.
	err := filepath.WalkDir(all, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(all, p)
		if rel == "manifest.json" || strings.HasPrefix(filepath.Base(rel), "delta_villages.") {
			return nil
		}
		if readFile(t, p) != readFile(t, filepath.Join(def, rel)) {
			t.Errorf("%s differs with --all-delta-rows", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// sameSides says whether a full delta row is unchanged, from its text
// alone: the village is in both runs, each base_X column equals its
// variant_X, and no closed service was its nearest.
func sameSides(header, row []string) bool {
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	if row[col["presence"]] != "both" || row[col["closed_nearest_id"]] != "" {
		return false
	}
	for i, h := range header {
		if name, ok := strings.CutPrefix(h, "base_"); ok && row[i] != row[col["variant_"+name]] {
			return false
		}
	}
	return true
}
