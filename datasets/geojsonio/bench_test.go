package geojsonio_test

import (
	"bytes"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/geojsonio"
	"github.com/paulmach/orb/geojson"
)

const benchFeatures = 100_000

var (
	benchOnce sync.Once
	benchData []byte
)

func benchPoints(b *testing.B) []byte {
	b.Helper()
	benchOnce.Do(func() { benchData = genPoints(rand.New(rand.NewPCG(1, 2)), benchFeatures) })
	return benchData
}

// BenchmarkReadVillages100k: the strict streaming reader on 100k point
// features (about 17 MB).
func BenchmarkReadVillages100k(b *testing.B) {
	data := benchPoints(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		vs, err := geojsonio.ReadVillages("bench", bytes.NewReader(data), datasets.DefaultVillageSchema())
		if err != nil || len(vs) != benchFeatures {
			b.Fatalf("%d villages, %v", len(vs), err)
		}
	}
}

// BenchmarkReadVillages100kOrbNaive: the peer baseline, orb's
// UnmarshalFeatureCollection on the same bytes, which validates nothing
// and builds no records.
func BenchmarkReadVillages100kOrbNaive(b *testing.B) {
	data := benchPoints(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		fc, err := geojson.UnmarshalFeatureCollection(data)
		if err != nil || len(fc.Features) != benchFeatures {
			b.Fatalf("%v", err)
		}
	}
}
