package geojsonio_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"
	"testing"

	"github.com/paulmach/orb/geojson"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/geojsonio"
)

const benchFeatures = 100_000

var (
	benchOnce sync.Once
	benchData []byte
)

func benchPoints(b *testing.B) []byte {
	b.Helper()
	benchOnce.Do(func() { benchData = genBenchVillages(rand.New(rand.NewPCG(1, 2)), benchFeatures) })
	return benchData
}

// genBenchVillages writes n point villages shaped like the project-level
// benchmark's synthetic input: compact JSON, one feature per line,
// geometry before properties, id, name, country and population (unknown,
// null, for one village in ten). About 170 bytes per feature.
func genBenchVillages(rng *rand.Rand, n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		lon, lat := 2+rng.Float64()*1.3, 50.55+rng.Float64()*0.65
		country := "BE"
		if lat < 50.55+0.4*(lon-2)+0.2 {
			country = "FR"
		}
		pop := "null"
		if rng.IntN(10) != 0 {
			pop = strconv.Itoa(50 + rng.IntN(5000))
		}
		fmt.Fprintf(&b, "\n"+`{"type":"Feature","geometry":{"type":"Point","coordinates":[%.7f,%.7f]},"properties":{"id":"v%d","name":"Village %d","country":"%s","population":%s}}`,
			lon, lat, i, i, country, pop)
	}
	b.WriteString("\n]}\n")
	return b.Bytes()
}

// BenchmarkReadVillages100k: the strict reader on 100k point features
// (about 17 MB).
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
		if v := vs[benchFeatures-1]; v.ID != "v99999" || v.Origin.Line != benchFeatures+1 {
			b.Fatalf("last village %+v", v)
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
