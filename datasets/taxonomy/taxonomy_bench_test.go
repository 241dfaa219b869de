package taxonomy

import (
	"strings"
	"testing"
)

var benchInputs = []string{
	"amenity=pharmacy", "Shop = Bakery", "D307", "Bureau de Poste",
	"  relais poste commerçant ", "shop=hairdresser", "pharmacy", "C109",
}

// BenchmarkMap measures a normalised map lookup.
func BenchmarkMap(b *testing.B) {
	tax := Default()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, known := tax.Map(benchInputs[i%len(benchInputs)]); !known && i%len(benchInputs) != 5 {
			b.Fatal("lookup failed")
		}
	}
}

// BenchmarkMapNaive is the baseline: a linear scan of the table with
// strings.EqualFold after the same normalisation.
func BenchmarkMapNaive(b *testing.B) {
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		key := normalize(benchInputs[i%len(benchInputs)])
		found := false
		for _, e := range defaultTable {
			if strings.EqualFold(normalize(e.Raw), key) {
				found = true
				break
			}
		}
		_ = found
	}
}
