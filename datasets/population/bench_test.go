package population

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// benchData: 600 municipalities (Belgium's 581 order of size), 20,000
// villages with area codes, a fixed seed.
func benchData() ([]Place, []*Table) {
	rng := rand.New(rand.NewPCG(3, 5))
	t := &Table{Source: "bench.csv"}
	for k := range 600 {
		t.Rows = append(t.Rows, Row{Code: strconv.Itoa(10000 + k), Name: "Gemeente " + strconv.Itoa(k), Population: float64(1000 + rng.IntN(50000))})
	}
	places := make([]Place, 20000)
	for i := range places {
		places[i] = Place{Name: "Dorp " + strconv.Itoa(i), AreaCode: strconv.Itoa(10000 + rng.IntN(600)), Weight: 10}
	}
	return places, []*Table{t}
}

// BenchmarkEnrich: hash lookups, O(p log p + r).
//
//	go test -run=^$ -bench=Enrich ./datasets/population/
func BenchmarkEnrich(b *testing.B) {
	places, tables := benchData()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		out, rep := Enrich(places, tables, Options{Apportion: true})
		if len(out) != len(places) || rep.Apportioned != len(places) {
			b.Fatalf("apportioned %d", rep.Apportioned)
		}
	}
}

// BenchmarkEnrichNaive is the baseline: each village scans every row for
// its code, O(p·r).
func BenchmarkEnrichNaive(b *testing.B) {
	places, tables := benchData()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		matched := 0
		for i := range places {
			for _, r := range tables[0].Rows {
				if codeKey(r.Code) == codeKey(places[i].AreaCode) {
					matched++
					break
				}
			}
		}
		if matched != len(places) {
			b.Fatalf("matched %d", matched)
		}
	}
}
