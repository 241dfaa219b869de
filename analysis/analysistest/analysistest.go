// Package analysistest holds the villages, services and scripted travel
// modes the tests of package analysis and of the packages that read its
// results (analysis/delta) share. It imports no package of analysis, so
// that the tests inside package analysis can use it too.
package analysistest

import (
	"context"
	"math"
	"math/rand/v2"
	"strconv"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/travel"
	"github.com/partons/partons/travel/traveltest"
)

// MetresPerCentiDegree is 0.01° of longitude on the equator, in metres
// (a sphere of the WGS84 equatorial radius).
const MetresPerCentiDegree = 6378137 * 0.01 * math.Pi / 180

// Eq is the point on the equator at longitude lon.
func Eq(lon float64) orb.Point { return orb.Point{lon, 0} }

// Village is a village on the equator at lon; pop NaN leaves its
// population unknown.
func Village(id, country string, lon float64, pop float64) datasets.Village {
	v := datasets.Village{ID: id, Name: id, Country: country, Location: Eq(lon), Geometry: Eq(lon)}
	if !math.IsNaN(pop) {
		v.Population, v.HasPopulation = pop, true
	}
	return v
}

// Service is a service of category cat on the equator at lon.
func Service(id, cat, country string, lon float64) datasets.Service {
	return datasets.Service{ID: id, Category: cat, Raw: cat, Country: country, Location: Eq(lon)}
}

// RandomRegion is nv villages and ns services (post, pharmacy, bakery)
// drawn over the Westhoek from seed: BE north of 50.8°, FR south; one
// village in eight of unknown population, areas A0–A6.
func RandomRegion(seed uint64, nv, ns int) ([]datasets.Village, []datasets.Service) {
	rng := rand.New(rand.NewPCG(seed, 1))
	pt := func() orb.Point { return orb.Point{2 + 1.3*rng.Float64(), 50.55 + 0.65*rng.Float64()} }
	country := func(p orb.Point) string {
		if p[1] < 50.8 {
			return "FR"
		}
		return "BE"
	}
	var vs []datasets.Village
	for i := range nv {
		p := pt()
		vs = append(vs, datasets.Village{ID: "v" + strconv.Itoa(i), Name: "v", Country: country(p), Location: p, Geometry: p,
			Population: float64(10 + rng.IntN(1000)), HasPopulation: rng.IntN(8) != 0, AreaCode: "A" + strconv.Itoa(i%7)})
	}
	cats := []string{"post", "pharmacy", "bakery"}
	var ss []datasets.Service
	for i := range ns {
		p := pt()
		ss = append(ss, datasets.Service{ID: "s" + strconv.Itoa(i), Category: cats[i%3], Raw: cats[i%3], Country: country(p), Location: p})
	}
	return vs, ss
}

// HoursPlaces: two villages on each side of the border, a pharmacy on
// each side closed on public holidays, and a post office whose opening
// hours are postHours.
func HoursPlaces(postHours string) ([]datasets.Village, []datasets.Service) {
	villages := []datasets.Village{
		{ID: "v1", Name: "Poperinge", Country: "BE", Population: 100, HasPopulation: true, Location: orb.Point{2.7266, 50.8556}},
		{ID: "v2", Name: "Steenvoorde", Country: "FR", Population: 50, HasPopulation: true, Location: orb.Point{2.5833, 50.8108}},
	}
	services := []datasets.Service{
		{ID: "p1", Category: "pharmacy", Country: "BE", Location: orb.Point{2.7300, 50.8560},
			OpeningHours: "Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00; PH off", Origin: datasets.Origin{Source: "s.csv", Line: 2, Feature: -1}},
		{ID: "p2", Category: "pharmacy", Country: "FR", Location: orb.Point{2.5840, 50.8100},
			OpeningHours: "Mo-Sa 09:00-19:30; PH off", Origin: datasets.Origin{Source: "s.csv", Line: 3, Feature: -1}},
		{ID: "o1", Category: "post_office", Country: "BE", Location: orb.Point{2.7270, 50.8550},
			OpeningHours: postHours, Origin: datasets.Origin{Source: "s.csv", Line: 4, Feature: -1}},
	}
	return villages, services
}

// BusMode is a scripted mode: minutes per (village, service), the service
// index as the number of transfers, village 3 off the network.
func BusMode() *traveltest.Scripted {
	cost := [][]float64{{12, 30}, {math.Inf(1), 8}, {40, 5}, {1, 1}}
	return &traveltest.Scripted{
		S: travel.Schema{Name: "bus", Unit: travel.Minutes,
			Metrics: []travel.Metric{{Name: "min", Unit: travel.Minutes, Decimals: 2, Aggregate: true},
				{Name: "transfers", Unit: travel.Count, Decimals: 0}},
			Split:          "min",
			Statuses:       []travel.StatusDoc{{Code: "unsnapped", Meaning: "off"}, {Code: "unreachable", Meaning: "none"}},
			VillageColumns: []travel.Metric{{Name: "bus_stop_m", Unit: travel.Metres, Decimals: 1, Unsnapped: true}}},
		Cost: func(i, j int) float64 { return cost[i][j] },
		Metric: func(i, j, k int) float64 {
			if k == 0 {
				return cost[i][j]
			}
			return float64(j)
		},
		Unsnapped: map[int]bool{3: true}, UnsnappedCode: 1, UnreachableCode: 2,
	}
}

// IDMode is a scripted mode with BusMode's schema whose minutes depend on
// the village and the service's id, not on the service's position:
// results stay comparable when a variant closes services and the others
// move up.
type IDMode struct {
	traveltest.Scripted
	Minutes map[string][]float64 // service id → minutes per village (Inf: unreachable)
}

// Snap implements travel.Mode.
func (m *IDMode) Snap(ctx context.Context, vs, ss []travel.Place) (travel.Snapped, error) {
	m.Cost = func(i, j int) float64 { return m.Minutes[ss[j].ID][i] }
	m.Metric = func(i, j, k int) float64 {
		if k == 0 {
			return m.Minutes[ss[j].ID][i]
		}
		return float64(len(ss[j].ID))
	}
	return m.Scripted.Snap(ctx, vs, ss)
}

// NewIDMode is an IDMode over four villages and the services s0, s1
// (post), h0, h1 (shop) and new, its minutes multiplied by scale.
func NewIDMode(scale float64) *IDMode {
	inf := math.Inf(1)
	return IDModeOf(map[string][]float64{
		"s0": {12, 30, 40, 1}, "s1": {30, 8, 5, 1}, "h0": {20, 25, inf, 1}, "h1": {50, 6, 9, 1}, "new": {4, 4, 4, 1},
	}, scale)
}

// IDModeOf is an IDMode of the given minutes multiplied by scale.
func IDModeOf(minutes map[string][]float64, scale float64) *IDMode {
	m := &IDMode{Minutes: map[string][]float64{}}
	for id, ms := range minutes {
		for _, x := range ms {
			m.Minutes[id] = append(m.Minutes[id], x*scale)
		}
	}
	b := BusMode()
	m.S, m.Unsnapped, m.UnsnappedCode, m.UnreachableCode = b.S, b.Unsnapped, b.UnsnappedCode, b.UnreachableCode
	return m
}
