package benchmarks

import (
	"context"
	"fmt"
	"testing"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/aggregates"
	"github.com/partons/partons/analysis/variant"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/load"
)

// scenarioData is 10k villages × 1k services and 20 variants, each closing
// one service (so each touches one of the ten categories).
func scenarioData(b *testing.B) ([]datasets.Village, []datasets.Service, [][]variant.Change) {
	b.Helper()
	vg, sc := Synth(10_000, 1_000, 7)
	vs, _, err := load.Villages([]load.Source{load.Bytes("v.geojson", vg)}, datasets.DefaultVillageSchema())
	if err != nil {
		b.Fatal(err)
	}
	ss, _, err := load.Services([]load.Source{load.Bytes("s.csv", sc)}, datasets.DefaultServiceSchema())
	if err != nil {
		b.Fatal(err)
	}
	mapAll(ss)
	var variants [][]variant.Change
	for k := range 20 {
		variants = append(variants, []variant.Change{{CloseServices: &variant.Selection{IDs: []string{fmt.Sprintf("s%d", k*37)}}}})
	}
	return vs, ss, variants
}

// BenchmarkScenario20Variants10k: the base once, then 20 variants,
// incrementally (only the touched category re-searched and aggregated,
// the others taken from the base) against from scratch (every category
// of every variant).
func BenchmarkScenario20Variants10k(b *testing.B) {
	vs, ss, variants := scenarioData(b)
	ctx := context.Background()
	p := params()
	id := func(s string) string { return s }
	run := func(b *testing.B, incremental bool) {
		b.ReportAllocs()
		for b.Loop() {
			base, err := analysis.Compute(ctx, vs, ss, p)
			if err != nil {
				b.Fatal(err)
			}
			baseAggs := aggregates.Of(base)
			pv := p
			pv.Coverage = base.Coverage
			for _, changes := range variants {
				v, err := variant.Apply(vs, ss, changes, id)
				if err != nil {
					b.Fatal(err)
				}
				if !incremental {
					v.Full = true
				}
				r, err := analysis.Recompute(ctx, base, v, pv)
				if err != nil {
					b.Fatal(err)
				}
				if incremental {
					_ = aggregates.From(r, base, baseAggs) // the untouched categories' are the base's
				} else {
					_ = aggregates.Of(r)
				}
			}
		}
	}
	b.Run("incremental", func(b *testing.B) { run(b, true) })
	b.Run("from-scratch", func(b *testing.B) { run(b, false) })
}
