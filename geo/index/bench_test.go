package index

import (
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo"
	"github.com/partons/partons/geo/geodesic"
)

// Run: go test -run='^$' -bench=. -benchmem ./geo/index/
// Every op is one query; ns/op is ns/query.

var benchData struct {
	once     sync.Once
	services []orb.Point // 1,000 services in the Westhoek box
	villages []orb.Point // 100,000 query villages
	ix       *Points
	areas    []orb.MultiPolygon // 600 overlapping star polygons
	locator  *Polygons
}

func benchSetup() {
	benchData.once.Do(func() {
		rng := rand.New(rand.NewPCG(2026, 1))
		benchData.services = randomIn(rng, 1000, 2.0, 3.3, 50.55, 51.2)
		benchData.villages = randomIn(rng, 100000, 2.0, 3.3, 50.55, 51.2)
		benchData.ix = New(benchData.services)
		for range 600 {
			c := orb.Point{uniform(rng, 2.0, 3.3), uniform(rng, 50.55, 51.2)}
			benchData.areas = append(benchData.areas, orb.MultiPolygon{starPolygon(rng, c, 0.05)})
		}
		benchData.locator = NewPolygons(benchData.areas)
	})
}

// nearestBruteForce is the naive baseline: every service, one geodesic each.
func nearestBruteForce(services []orb.Point, p orb.Point) (int32, float64) {
	best, bestD := int32(-1), math.Inf(1)
	for i, s := range services {
		if d := geodesic.Distance(p, s); d < bestD {
			best, bestD = int32(i), d
		}
	}
	return best, bestD
}

func BenchmarkNearest1kServices(b *testing.B) {
	benchSetup()
	b.ReportAllocs()
	b.ResetTimer()
	var last int32
	var p orb.Point
	for i := 0; b.Loop(); i++ {
		p = benchData.villages[i%len(benchData.villages)]
		last, _, _ = benchData.ix.Nearest(p, nil)
	}
	b.StopTimer()
	if want, _ := nearestBruteForce(benchData.services, p); last != want {
		b.Fatalf("Nearest(%v) = %d, brute force %d", p, last, want)
	}
}

func BenchmarkNearestBruteForce1kServices(b *testing.B) {
	benchSetup()
	b.ReportAllocs()
	b.ResetTimer()
	var last int32
	var p orb.Point
	for i := 0; b.Loop(); i++ {
		p = benchData.villages[i%len(benchData.villages)]
		last, _ = nearestBruteForce(benchData.services, p)
	}
	b.StopTimer()
	if want, _, _ := benchData.ix.Nearest(p, nil); last != want {
		b.Fatalf("brute force %d, Nearest %d", last, want)
	}
}

func BenchmarkKNearest5Of1kServices(b *testing.B) {
	benchSetup()
	b.ReportAllocs()
	b.ResetTimer()
	var buf []Neighbor
	for i := 0; b.Loop(); i++ {
		buf = benchData.ix.KNearest(buf, benchData.villages[i%len(benchData.villages)], 5, nil)
	}
	if len(buf) != 5 {
		b.Fatalf("KNearest returned %d", len(buf))
	}
}

func BenchmarkCountWithin5km1kServices(b *testing.B) {
	benchSetup()
	b.ReportAllocs()
	b.ResetTimer()
	var n int
	var p orb.Point
	for i := 0; b.Loop(); i++ {
		p = benchData.villages[i%len(benchData.villages)]
		n = benchData.ix.CountWithin(p, 5000, nil)
	}
	b.StopTimer()
	if want := countWithinBruteForce(benchData.services, p, 5000); n != want {
		b.Fatalf("CountWithin = %d, brute force %d", n, want)
	}
}

func countWithinBruteForce(services []orb.Point, p orb.Point, r float64) int {
	n := 0
	for _, s := range services {
		if geodesic.Distance(p, s) <= r {
			n++
		}
	}
	return n
}

func BenchmarkCountWithin5kmBruteForce1kServices(b *testing.B) {
	benchSetup()
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for i := 0; b.Loop(); i++ {
		n += countWithinBruteForce(benchData.services, benchData.villages[i%len(benchData.villages)], 5000)
	}
	if n < 0 {
		b.Fatal("negative count")
	}
}

func BenchmarkLocate600Areas(b *testing.B) {
	benchSetup()
	b.ReportAllocs()
	b.ResetTimer()
	var got int32
	var p orb.Point
	for i := 0; b.Loop(); i++ {
		p = benchData.villages[i%len(benchData.villages)]
		got, _ = benchData.locator.Locate(p)
	}
	b.StopTimer()
	if want := locateBruteForce(benchData.areas, p); got != want {
		b.Fatalf("Locate = %d, brute force %d", got, want)
	}
}

func locateBruteForce(areas []orb.MultiPolygon, p orb.Point) int32 {
	for i, mp := range areas {
		if geo.Contains(mp, p) {
			return int32(i)
		}
	}
	return -1
}

func BenchmarkLocateBruteForce600Areas(b *testing.B) {
	benchSetup()
	b.ReportAllocs()
	b.ResetTimer()
	found := 0
	for i := 0; b.Loop(); i++ {
		if locateBruteForce(benchData.areas, benchData.villages[i%len(benchData.villages)]) >= 0 {
			found++
		}
	}
	if found < 0 {
		b.Fatal("negative count")
	}
}

func BenchmarkNew100kPoints(b *testing.B) {
	benchSetup()
	b.ReportAllocs()
	b.ResetTimer()
	var ix *Points
	for b.Loop() {
		ix = New(benchData.villages)
	}
	if ix.Indexed() != len(benchData.villages) {
		b.Fatalf("Indexed = %d", ix.Indexed())
	}
}

// BenchmarkNearestAndCount50Services is the shape of a straight-line run:
// one category's services in one country (about 50 of a 1k-service run
// with 10 categories and 2 countries), nearest with counts within 1.2,
// 3.75 and 10 km, at the tolerance analysis uses.
func BenchmarkNearestAndCount50Services(b *testing.B) {
	benchSetup()
	ix := New(benchData.services[:50])
	radii := []float64{1200, 3750, 10000}
	counts := make([]int32, len(radii))
	b.ReportAllocs()
	b.ResetTimer()
	var last int32
	var p orb.Point
	for i := 0; b.Loop(); i++ {
		p = benchData.villages[i%len(benchData.villages)]
		q := NewQuery(p)
		last, _, _ = ix.NearestAndCount(&q, radii, counts, 0.5e-3)
	}
	b.StopTimer()
	if want, _ := nearestBruteForce(benchData.services[:50], p); last != want {
		b.Fatalf("NearestAndCount(%v) = %d, brute force %d", p, last, want)
	}
}
