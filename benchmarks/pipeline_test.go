package benchmarks

import (
	"bytes"
	"context"
	"io"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/aggregates"
	"github.com/partons/partons/analysis/tables"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/geojsonio/collection"
	"github.com/partons/partons/datasets/load"
	"github.com/partons/partons/datasets/taxonomy"
	"github.com/partons/partons/geo/geodesic"
	"github.com/partons/partons/render/output"
)

// The reference size: 100k villages × 1k services.
const (
	benchVillages = 100_000
	benchServices = 1_000
)

var (
	dataOnce             sync.Once
	villageGJ, serviceCV []byte
	parsedV              []datasets.Village
	parsedS              []datasets.Service
)

func data(b *testing.B) ([]datasets.Village, []datasets.Service) {
	b.Helper()
	dataOnce.Do(func() {
		villageGJ, serviceCV = Synth(benchVillages, benchServices, 1)
		var err error
		parsedV, _, err = load.Villages([]load.Source{load.Bytes("villages.geojson", villageGJ)}, datasets.DefaultVillageSchema())
		if err != nil {
			panic(err)
		}
		parsedS, _, err = load.Services([]load.Source{load.Bytes("services.csv", serviceCV)}, datasets.DefaultServiceSchema())
		if err != nil {
			panic(err)
		}
		mapAll(parsedS)
	})
	return parsedV, parsedS
}

func mapAll(ss []datasets.Service) {
	t := taxonomy.Default()
	for i := range ss {
		ss[i].Category, _ = t.Map(ss[i].Raw)
	}
}

func params() analysis.Params {
	p := analysis.DefaultParams()
	for _, m := range taxonomy.DefaultBasket() {
		p.Basket = append(p.Basket, analysis.BasketMember{Name: m.Name, Categories: m.Categories})
	}
	return p
}

// BenchmarkPipeline100kx1k is the whole run in process: parse GeoJSON and
// CSV, map categories, compute every metric and aggregate, and format the
// four reports (written to io.Discard).
func BenchmarkPipeline100kx1k(b *testing.B) {
	data(b) // build the inputs outside the timer
	b.ReportAllocs()
	b.SetBytes(int64(len(villageGJ) + len(serviceCV)))
	b.ResetTimer()
	for b.Loop() {
		vs, _, err := load.Villages([]load.Source{load.Bytes("villages.geojson", villageGJ)}, datasets.DefaultVillageSchema())
		if err != nil {
			b.Fatal(err)
		}
		ss, _, err := load.Services([]load.Source{load.Bytes("services.csv", serviceCV)}, datasets.DefaultServiceSchema())
		if err != nil {
			b.Fatal(err)
		}
		mapAll(ss)
		res, err := analysis.Compute(context.Background(), vs, ss, params())
		if err != nil {
			b.Fatal(err)
		}
		aggs := aggregates.Of(res)
		vt := tables.Villages(res)
		geoms := make([]orb.Geometry, len(vs))
		for i := range vs {
			geoms[i] = vs[i].Geometry
		}
		must(b, collection.Write(io.Discard, vt, geoms, collection.Options{}))
		must(b, output.WriteCSV(io.Discard, vt))
		must(b, output.WriteCSV(io.Discard, tables.Access(res)))
		must(b, output.WriteCSV(io.Discard, tables.Areas(res, aggs)))
		if len(res.Rows) != benchVillages {
			b.Fatalf("%d rows", len(res.Rows))
		}
	}
}

// BenchmarkCompute100kx1k is the metric computation alone (R-tree walks,
// geodesics, basket), on pre-parsed data.
func BenchmarkCompute100kx1k(b *testing.B) {
	vs, ss := data(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		res, err := analysis.Compute(context.Background(), vs, ss, params())
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Rows) != len(vs) {
			b.Fatal("rows")
		}
	}
}

// BenchmarkNearestPerVillage compares, per village, the nearest service of
// every category found through the geodesic R-tree (Compute with one
// threshold) against the naive scan of all 1k services.
func BenchmarkNearestPerVillage(b *testing.B) {
	vs, ss := data(b)
	sample := vs[:2000]
	p := analysis.DefaultParams()
	p.ThresholdsM = []float64{1}
	p.CrossBorder = false
	p.Workers = 1
	b.Run("rtree", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			res, err := analysis.Compute(context.Background(), sample, ss, p)
			if err != nil {
				b.Fatal(err)
			}
			_ = res
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(sample)), "ns/village")
	})
	b.Run("bruteforce", func(b *testing.B) {
		b.ReportAllocs()
		cats := map[string]int{}
		for i := range ss {
			if _, ok := cats[ss[i].Category]; !ok {
				cats[ss[i].Category] = len(cats)
			}
		}
		best := make([]float64, len(cats))
		for b.Loop() {
			for _, v := range sample {
				for i := range best {
					best[i] = 1e300
				}
				for i := range ss {
					c := cats[ss[i].Category]
					if d := geodesic.Distance(v.Location, ss[i].Location); d < best[c] {
						best[c] = d
					}
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(sample)), "ns/village")
	})
}

func must(b *testing.B, err error) {
	if err != nil {
		b.Fatal(err)
	}
}

// TestSynthDeterministic: the same seed gives the same bytes.
func TestSynthDeterministic(t *testing.T) {
	a1, b1 := Synth(50, 10, 3)
	a2, b2 := Synth(50, 10, 3)
	if !bytes.Equal(a1, a2) || !bytes.Equal(b1, b2) {
		t.Fatal("Synth is not deterministic")
	}
	vs, _, err := load.Villages([]load.Source{load.Bytes("v.geojson", a1)}, datasets.DefaultVillageSchema())
	if err != nil || len(vs) != 50 {
		t.Fatalf("synthetic villages do not load: %v (%d)", err, len(vs))
	}
	ss, _, err := load.Services([]load.Source{load.Bytes("s.csv", b1)}, datasets.DefaultServiceSchema())
	if err != nil || len(ss) != 10 {
		t.Fatalf("synthetic services do not load: %v (%d)", err, len(ss))
	}
}
