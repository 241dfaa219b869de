package delta

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/variant"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/table"
	"github.com/partons/partons/render/output"
	"github.com/partons/partons/travel"
)

// deltaLines writes a delta table as CSV lines (header first).
func deltaLines(t *testing.T, tb table.Table) []string {
	t.Helper()
	var b bytes.Buffer
	if err := output.WriteCSV(&b, tb); err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
}

// sameSides is the oracle of an unchanged row, read from the written
// text alone: the village is in both results, each base_X equals its
// variant_X, and no closed service was its nearest.
func sameSides(header, cells []string) bool {
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	if cells[col["presence"]] != "both" || cells[col["closed_nearest_id"]] != "" {
		return false
	}
	for i, h := range header {
		if name, ok := strings.CutPrefix(h, "base_"); ok && cells[i] != cells[col["variant_"+name]] {
			return false
		}
	}
	return true
}

// TestOmitUnchangedKeepsExactlyTheChangedRows: on random regions, with
// services closed and opened, villages dropped and added, the rows
// OmitUnchanged keeps are, byte for byte and in order, the rows of the
// full table whose sides differ; the count it returns is the rest; the
// geometries follow the rows; the figures read from every row stay.
func TestOmitUnchangedKeepsExactlyTheChangedRows(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name    string
		changes []variant.Change
	}{
		{"close", []variant.Change{{CloseServices: &variant.Selection{IDs: []string{"s0", "s4", "s8"}}}}},
		{"open", []variant.Change{{AddServices: []datasets.Service{{ID: "new", Raw: "post", Country: "BE", Location: orb.Point{2.9, 50.9}}}}}},
		{"villages", []variant.Change{{DropVillages: &variant.Selection{IDs: []string{"v1", "v7"}}},
			{AddVillages: []datasets.Village{{ID: "nv", Country: "FR", Location: orb.Point{2.5, 50.6}, Geometry: orb.Point{2.5, 50.6}}}},
			{CloseServices: &variant.Selection{IDs: []string{"s2"}}}}},
		{"nothing", nil},
	}
	for seed := uint64(1); seed <= 3; seed++ {
		vs, ss := randomRegion(seed, 300, 60)
		p := analysis.DefaultParams()
		base, err := analysis.Compute(ctx, vs, ss, p)
		if err != nil {
			t.Fatal(err)
		}
		p.Coverage = base.Coverage
		for _, tc := range cases {
			v, err := variant.Apply(vs, ss, tc.changes, func(s string) string { return s })
			if err != nil {
				t.Fatal(err)
			}
			res, err := analysis.Recompute(ctx, base, v, p)
			if err != nil {
				t.Fatal(err)
			}
			full := New(base, res, v.Closed)
			all := deltaLines(t, full.Table())
			allGeoms := full.Geometries()
			d := New(base, res, v.Closed)
			omitted := d.OmitUnchanged()
			kept := deltaLines(t, d.Table())
			// The categories the variant left alone are skipped unread:
			// the same rows as reading every one.
			if tc.name != "villages" && d.sameCategories() == nil {
				t.Fatalf("seed %d %s: a variant rebuilt from the base has no untouched categories", seed, tc.name)
			}
			slow := New(base, res, v.Closed)
			if slow.omitUnchanged(nil) != omitted || !slices.Equal(slow.shown, d.shown) {
				t.Errorf("seed %d %s: the rows kept differ from those of reading every row", seed, tc.name)
			}
			header := strings.Split(all[0], ",")
			var want []string
			var wantGeoms []orb.Geometry
			for i, line := range all[1:] {
				if !sameSides(header, strings.Split(line, ",")) {
					want = append(want, line)
					wantGeoms = append(wantGeoms, allGeoms[i])
				}
			}
			if kept[0] != all[0] || strings.Join(kept[1:], "\n") != strings.Join(want, "\n") {
				t.Errorf("seed %d %s: kept %d rows, want the %d whose sides differ", seed, tc.name, len(kept)-1, len(want))
			}
			if omitted != len(all)-1-len(want) || d.Rows() != len(want) {
				t.Errorf("seed %d %s: omitted %d, rows %d; want %d, %d", seed, tc.name, omitted, d.Rows(), len(all)-1-len(want), len(want))
			}
			if tc.name == "nothing" && len(want) != 0 {
				t.Errorf("seed %d: a variant without changes keeps %d rows", seed, len(want))
			}
			if tc.name != "nothing" && len(want) == 0 {
				t.Errorf("seed %d %s: nothing changed: the case proves nothing", seed, tc.name)
			}
			g := d.Geometries()
			if len(g) != len(wantGeoms) {
				t.Fatalf("seed %d %s: %d geometries for %d rows", seed, tc.name, len(g), len(wantGeoms))
			}
			for i := range g {
				if g[i] != wantGeoms[i] {
					t.Errorf("seed %d %s: geometry %d differs", seed, tc.name, i)
					break
				}
			}
			for _, c := range base.Categories {
				l1, g1 := full.Summary(c)
				l2, g2 := d.Summary(c)
				if !equalFloats(l1, l2) || !equalFloats(g1, g2) || !equalFloats(full.Changes(c), d.Changes(c)) {
					t.Errorf("seed %d %s %s: summary or changes differ once rows are omitted", seed, tc.name, c)
				}
			}
			if a, b := deltaLines(t, full.Attribution()), deltaLines(t, d.Attribution()); strings.Join(a, "\n") != strings.Join(b, "\n") {
				t.Errorf("seed %d %s: attribution differs once rows are omitted", seed, tc.name)
			}
		}
	}
}

func equalFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && (a[i] == a[i] || b[i] == b[i]) { // NaN equals NaN here
			return false
		}
	}
	return true
}

// Deltas follow a further mode: base_, variant_ and delta_ columns of its
// aggregate metrics.
func TestFurtherModeDelta(t *testing.T) {
	villages := []datasets.Village{village("v0", "AA", 0.01, 100), village("v1", "AA", 0.02, 200),
		village("v2", "BB", 0.05, 300), village("v3", "AA", 0.03, 50)}
	services := []datasets.Service{service("s0", "post", "AA", 0.00), service("s1", "post", "BB", 0.05)}
	p := analysis.DefaultParams()
	p.Modes = []travel.Mode{busMode()}
	base, err := analysis.Compute(context.Background(), villages, services, p)
	if err != nil {
		t.Fatal(err)
	}
	faster := busMode()
	slow := faster.Cost
	faster.Cost = func(i, j int) float64 { return slow(i, j) / 2 }
	faster.Metric = func(i, j, k int) float64 { return slow(i, j) / 2 }
	p.Modes = []travel.Mode{faster}
	variant, err := analysis.Compute(context.Background(), villages, services, p)
	if err != nil {
		t.Fatal(err)
	}
	dt := New(base, variant, nil).Table()
	for _, name := range []string{"base_bus_min", "variant_bus_min", "delta_bus_min"} {
		if dt.Index(name) < 0 {
			t.Fatalf("no column %s", name)
		}
	}
	row := dt.Row(0, nil) // v0, post: 12 → 6 minutes
	if b, v, d := row[dt.Index("base_bus_min")].Text(), row[dt.Index("variant_bus_min")].Text(), row[dt.Index("delta_bus_min")].Text(); b != "12.00" || v != "6.00" || d != "-6.00" {
		t.Errorf("v0 bus delta %s → %s (%s), want 12.00 → 6.00 (-6.00)", b, v, d)
	}
}
