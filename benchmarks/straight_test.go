package benchmarks

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/aggregates"
	"github.com/partons/partons/analysis/tables"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/load"
	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/render/output"
)

// straightParams are the settings of the straight-line job the Python
// peer is measured against (partons run --cross-border=false): no
// countries apart, road figures estimated.
func straightParams() analysis.Params {
	p := params()
	p.CrossBorder = false
	p.Road = analysis.DefaultRoadParams(road.Car)
	return p
}

// BenchmarkStraight100k times the stages of the peer's job on 100k
// villages × 1k services, one by one: reading the villages' GeoJSON,
// computing, the aggregates the printed summary needs (nearest basis,
// country level) and formatting villages.csv (to io.Discard). Each checks what
// it made.
//
//	go test -run '^$' -bench Straight100k -benchmem ./benchmarks/
func BenchmarkStraight100k(b *testing.B) {
	vs, ss := data(b)
	res, err := analysis.Compute(context.Background(), vs, ss, straightParams())
	if err != nil {
		b.Fatal(err)
	}
	b.Run("read", func(b *testing.B) {
		b.ReportAllocs()
		defer reportCPU(b)()
		b.SetBytes(int64(len(villageGJ)))
		for b.Loop() {
			got, _, err := load.Villages([]load.Source{load.Bytes("villages.geojson", villageGJ)}, datasets.DefaultVillageSchema())
			if err != nil || len(got) != benchVillages {
				b.Fatalf("%d villages, %v", len(got), err)
			}
		}
	})
	b.Run("compute", func(b *testing.B) {
		b.ReportAllocs()
		defer reportCPU(b)()
		for b.Loop() {
			r, err := analysis.Compute(context.Background(), vs, ss, straightParams())
			if err != nil || len(r.Rows) != benchVillages {
				b.Fatal(err)
			}
		}
	})
	b.Run("aggregates", func(b *testing.B) {
		b.ReportAllocs()
		defer reportCPU(b)()
		want := (len(res.Categories) + 1) * 2 // categories and basket × 2 countries
		for b.Loop() {
			if aggs := aggregates.Countries(res, analysis.BasisNearest, analysis.BasisDomestic); len(aggs) != want {
				b.Fatalf("%d aggregates, want %d", len(aggs), want)
			}
		}
	})
	b.Run("villagescsv", func(b *testing.B) {
		b.ReportAllocs()
		defer reportCPU(b)()
		for b.Loop() {
			var w countingWriter
			if err := output.WriteCSV(&w, tables.Villages(res)); err != nil || w.n < 40e6 {
				b.Fatalf("%d bytes, %v", w.n, err)
			}
		}
	})
}

// reportCPU reports the process's CPU time (user + system) per operation
// when the function it returns is called: on a shared machine the wall
// time of a parallel stage says little, its CPU time more.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() { b.ReportMetric(float64((cpuTime()-start).Nanoseconds())/float64(b.N), "cpu-ns/op") }
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
