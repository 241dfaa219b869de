package osmextract

import (
	"context"
	"os"
	"runtime"
	"testing"

	"github.com/paulmach/osm"
	"github.com/paulmach/osm/osmpbf"

	"github.com/partons/partons/datasets/osmfile"
)

// BenchmarkExtract measures extract throughput (b.SetBytes: MB/s of PBF)
// on the largest fixture, Andorra (1.57 MB, 203,265 nodes).
//
//	go test -run=^$ -bench=Extract -benchtime=20x ./datasets/osmextract/
func BenchmarkExtract(b *testing.B) {
	for _, path := range []string{andorraPBF, liechtensteinPBF} {
		b.Run(benchName(path), func(b *testing.B) {
			src := realSource(b, path)
			fi, err := os.Stat(path)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(fi.Size())
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				res, err := Extract(context.Background(), []osmfile.Source{src}, Options{})
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Villages) == 0 || len(res.Boundaries) == 0 {
					b.Fatal("nothing extracted")
				}
			}
		})
	}
}

// BenchmarkExtractScanAllNaive is the baseline: one plain osmpbf pass
// decoding every element of the file with no filter (what a single-pass
// reader keeping everything in memory would pay just to decode).
func BenchmarkExtractScanAllNaive(b *testing.B) {
	for _, path := range []string{andorraPBF, liechtensteinPBF} {
		b.Run(benchName(path), func(b *testing.B) {
			realSource(b, path)
			fi, err := os.Stat(path)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(fi.Size())
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				f, err := os.Open(path)
				if err != nil {
					b.Fatal(err)
				}
				sc := osmpbf.New(context.Background(), f, runtime.GOMAXPROCS(0))
				var tagged int
				for sc.Scan() {
					if o, ok := sc.Object().(*osm.Node); ok && len(o.Tags) > 0 {
						tagged++
					}
				}
				if err := sc.Err(); err != nil {
					b.Fatal(err)
				}
				sc.Close()
				f.Close()
				if tagged == 0 {
					b.Fatal("no tagged node")
				}
			}
		})
	}
}

func benchName(path string) string {
	switch path {
	case andorraPBF:
		return "andorra"
	case liechtensteinPBF:
		return "liechtenstein"
	}
	return path
}
