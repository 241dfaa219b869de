package csvio_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"
	"testing"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/csvio"
)

const benchRows = 100_000

var (
	benchOnce sync.Once
	benchData []byte
)

// benchCSV is 100k village rows with random Westhoek coordinates.
func benchCSV(b *testing.B) []byte {
	b.Helper()
	benchOnce.Do(func() {
		rng := rand.New(rand.NewPCG(1, 2))
		var buf bytes.Buffer
		buf.WriteString(hdr)
		for i := 0; i < benchRows; i++ {
			fmt.Fprintf(&buf, "v%d,Village %d,%d,BE,%.6f,%.6f\n", i, i, rng.IntN(20000), 2+rng.Float64()*1.3, 50.55+rng.Float64()*0.65)
		}
		benchData = buf.Bytes()
	})
	return benchData
}

// BenchmarkReadVillages100k: the strict reader on 100k rows (about 4 MB).
func BenchmarkReadVillages100k(b *testing.B) {
	data := benchCSV(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		vs, err := csvio.ReadVillages("bench", bytes.NewReader(data), datasets.DefaultVillageSchema())
		if err != nil || len(vs) != benchRows {
			b.Fatalf("%d villages, %v", len(vs), err)
		}
	}
}

// BenchmarkReadVillages100kNaive: the baseline, encoding/csv ReadAll and
// strconv.ParseFloat of the coordinates, with no validation and no
// records.
func BenchmarkReadVillages100kNaive(b *testing.B) {
	data := benchCSV(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil || len(rows) != benchRows+1 {
			b.Fatal(err)
		}
		var sum float64
		for _, r := range rows[1:] {
			lon, _ := strconv.ParseFloat(r[4], 64)
			lat, _ := strconv.ParseFloat(r[5], 64)
			sum += lon + lat
		}
		if sum == 0 {
			b.Fatal("no coordinates")
		}
	}
}
