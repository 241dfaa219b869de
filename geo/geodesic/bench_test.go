package geodesic

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/paulmach/orb"
)

// haversine is the naive spherical baseline (mean radius 6371008.8 m),
// off by up to 0.5 % on the ellipsoid.
func haversine(a, b orb.Point) float64 {
	const r = 6371008.8
	p1, p2 := a[1]*deg, b[1]*deg
	dp, dl := p2-p1, (b[0]-a[0])*deg
	h := sq(math.Sin(dp/2)) + math.Cos(p1)*math.Cos(p2)*sq(math.Sin(dl/2))
	return 2 * r * math.Asin(math.Sqrt(h))
}

// benchPairs returns fixed random point pairs: regional (village to nearby
// service) and worldwide.
func benchPairs(world bool) [][2]orb.Point {
	r := rand.New(rand.NewPCG(7, 11))
	gen := westhoekPoint
	if world {
		gen = randomPoint
	}
	pairs := make([][2]orb.Point, 1024)
	for i := range pairs {
		pairs[i] = [2]orb.Point{gen(r), gen(r)}
	}
	return pairs
}

func benchDistance(b *testing.B, dist func(a, b orb.Point) float64, world bool) {
	pairs := benchPairs(world)
	b.ReportAllocs()
	b.ResetTimer()
	var sum float64
	for i := 0; i < b.N; i++ {
		p := &pairs[i&1023]
		sum += dist(p[0], p[1])
	}
	b.StopTimer()
	if !(sum > 0) {
		b.Fatalf("sum of distances = %v", sum)
	}
}

func BenchmarkDistanceKarney(b *testing.B) {
	b.Run("westhoek", func(b *testing.B) { benchDistance(b, Distance, false) })
	b.Run("world", func(b *testing.B) { benchDistance(b, Distance, true) })
}

func BenchmarkDistanceHaversineNaive(b *testing.B) {
	b.Run("westhoek", func(b *testing.B) { benchDistance(b, haversine, false) })
	b.Run("world", func(b *testing.B) { benchDistance(b, haversine, true) })
}

func BenchmarkDirect(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 5))
	type job struct{ lat, lon, azi, s float64 }
	jobs := make([]job, 1024)
	for i := range jobs {
		p := westhoekPoint(r)
		jobs[i] = job{p[1], p[0], 360*r.Float64() - 180, 50000 * r.Float64()}
	}
	b.ReportAllocs()
	b.ResetTimer()
	var sum float64
	for i := 0; i < b.N; i++ {
		j := &jobs[i&1023]
		lat, _, _ := Direct(j.lat, j.lon, j.azi, j.s)
		sum += lat
	}
	b.StopTimer()
	if !(sum > 0) {
		b.Fatal("Direct returned no latitudes")
	}
}
