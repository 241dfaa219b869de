package crs

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// benchInputs returns fixed random projected coordinates of Westhoek
// points in EPSG:code.
func benchInputs(b *testing.B, code int) [][2]float64 {
	from := mustFrom(b, code)
	r := rand.New(rand.NewPCG(1, 1))
	in := make([][2]float64, 1024)
	for i := range in {
		x, y := from(2.0+1.3*r.Float64(), 50.55+0.65*r.Float64())
		in[i] = [2]float64{x, y}
	}
	return in
}

// BenchmarkToWGS84 measures one projected → WGS84 conversion per op.
func BenchmarkToWGS84(b *testing.B) {
	for _, code := range projected {
		b.Run(strconv.Itoa(code), func(b *testing.B) {
			in := benchInputs(b, code)
			to := mustTo(b, code)
			b.ReportAllocs()
			b.ResetTimer()
			var sum float64
			for i := 0; i < b.N; i++ {
				lon, _ := to(in[i&1023][0], in[i&1023][1])
				sum += lon
			}
			b.StopTimer()
			if b.N > 0 && !(sum/float64(b.N) > 2 && sum/float64(b.N) < 3.3) {
				b.Fatalf("mean longitude %v outside the Westhoek", sum/float64(b.N))
			}
		})
	}
}

// BenchmarkToWGS84WrogePeer is the peer baseline: the same conversions
// through github.com/wroge/wgs84, which recomputes its constants per call.
func BenchmarkToWGS84WrogePeer(b *testing.B) {
	repo := wrogeRepo()
	for _, code := range projected {
		b.Run(strconv.Itoa(code), func(b *testing.B) {
			in := benchInputs(b, code)
			to := repo.Transform(code, 4326)
			b.ReportAllocs()
			b.ResetTimer()
			var sum float64
			for i := 0; i < b.N; i++ {
				lon, _, _ := to(in[i&1023][0], in[i&1023][1], 0)
				sum += lon
			}
			b.StopTimer()
			if b.N > 0 && !(sum/float64(b.N) > 2 && sum/float64(b.N) < 3.3) {
				b.Fatalf("mean longitude %v outside the Westhoek", sum/float64(b.N))
			}
		})
	}
}

// BenchmarkFromWGS84 measures one WGS84 → projected conversion per op.
func BenchmarkFromWGS84(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	in := make([][2]float64, 1024)
	for i := range in {
		in[i] = [2]float64{2.0 + 1.3*r.Float64(), 50.55 + 0.65*r.Float64()}
	}
	for _, code := range projected {
		b.Run(strconv.Itoa(code), func(b *testing.B) {
			from := mustFrom(b, code)
			b.ReportAllocs()
			b.ResetTimer()
			var sum float64
			for i := 0; i < b.N; i++ {
				x, _ := from(in[i&1023][0], in[i&1023][1])
				sum += x
			}
			b.StopTimer()
			if b.N > 0 && !(sum > 0) {
				b.Fatal("no eastings")
			}
		})
	}
}
