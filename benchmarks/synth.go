package benchmarks

import (
	"bytes"
	"fmt"
	"math/rand/v2"
)

// Categories of the synthetic services, in rotation.
var Categories = []string{"amenity=pharmacy", "amenity=post_office", "shop=bakery", "amenity=doctors",
	"shop=supermarket", "amenity=school", "amenity=bank", "shop=butcher", "amenity=library", "amenity=atm"}

// Synth returns nv villages as a GeoJSON FeatureCollection (points, with
// population) and ns services as CSV, deterministic for a seed.
// Villages are clustered around a few hundred "towns" like real
// settlements; services follow the same clusters.
func Synth(nv, ns int, seed uint64) (villages, services []byte) {
	rng := rand.New(rand.NewPCG(seed, 2026))
	towns := make([][2]float64, 300)
	for i := range towns {
		towns[i] = [2]float64{2.0 + 1.3*rng.Float64(), 50.55 + 0.65*rng.Float64()}
	}
	point := func() (float64, float64) {
		t := towns[rng.IntN(len(towns))]
		lon := t[0] + rng.NormFloat64()*0.03
		lat := t[1] + rng.NormFloat64()*0.02
		return min(max(lon, 2.0), 3.3), min(max(lat, 50.55), 51.2)
	}
	country := func(lon, lat float64) string {
		if lat < 50.55+0.4*(lon-2.0)+0.2 {
			return "FR"
		}
		return "BE"
	}
	var v bytes.Buffer
	v.WriteString(`{"type":"FeatureCollection","features":[`)
	for i := range nv {
		lon, lat := point()
		if i > 0 {
			v.WriteByte(',')
		}
		pop := "null"
		if rng.IntN(10) != 0 { // one village in ten has no known population
			pop = fmt.Sprint(50 + rng.IntN(5000))
		}
		fmt.Fprintf(&v, "\n"+`{"type":"Feature","geometry":{"type":"Point","coordinates":[%.7f,%.7f]},"properties":{"id":"v%d","name":"Village %d","country":"%s","population":%s}}`,
			lon, lat, i, i, country(lon, lat), pop)
	}
	v.WriteString("\n]}\n")

	var s bytes.Buffer
	s.WriteString("id,name,category,country,lon,lat\n")
	for i := range ns {
		lon, lat := point()
		fmt.Fprintf(&s, "s%d,Service %d,%s,%s,%.7f,%.7f\n", i, i, Categories[i%len(Categories)], country(lon, lat), lon, lat)
	}
	return v.Bytes(), s.Bytes()
}
