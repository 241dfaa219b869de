package transittest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/partons/partons/datasets/gtfs"
)

// RegionalOptions shape a synthetic regional operator.
type RegionalOptions struct {
	Stops, Routes, StopsPerRoute, TripsPerRoute int
	// WidthM × HeightM is the area, west–south corner at Lon, Lat.
	WidthM, HeightM float64
	Lon, Lat        float64
}

// DefaultRegional is the size of a regional bus operator: 30,000 stops,
// 1,000 routes of 40 stops and 38 trips a day (1.52 million stop times)
// over 90 × 60 km.
var DefaultRegional = RegionalOptions{Stops: 30000, Routes: 1000, StopsPerRoute: 40, TripsPerRoute: 38,
	WidthM: 90000, HeightM: 60000, Lon: 2.3, Lat: 50.5}

// Regional returns a synthetic regional timetable: stops on a jittered
// grid, routes wandering across it in a steady direction with stops about
// 900 m apart, one direction each, trips every ~30 minutes from 05:30 with
// a few minutes of jitter and bus speeds of 20–35 km/h.
func Regional(seed uint64, o RegionalOptions) *gtfs.Timetable {
	r := rand.New(rand.NewPCG(seed, 0x726567))
	tt := &gtfs.Timetable{Date: time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC), Counts: map[string]int{},
		Feeds: []gtfs.Feed{{Name: "reg", Timezone: "Europe/Brussels", Running: true}}}
	aspect := o.WidthM / o.HeightM
	ny := int(math.Ceil(math.Sqrt(float64(o.Stops) / aspect)))
	nx := (o.Stops + ny - 1) / ny
	dx, dy := o.WidthM/float64(nx), o.HeightM/float64(ny)
	mLat := 111320.0
	mLon := 111320 * math.Cos(o.Lat*math.Pi/180)
	xy := make([][2]float64, 0, o.Stops)
	for i := 0; i < o.Stops; i++ {
		gx, gy := i%nx, i/nx
		x := (float64(gx) + 0.2 + 0.6*r.Float64()) * dx
		y := (float64(gy) + 0.2 + 0.6*r.Float64()) * dy
		xy = append(xy, [2]float64{x, y})
		tt.Stops = append(tt.Stops, gtfs.Stop{ID: fmt.Sprintf("reg:%05d", i), Name: fmt.Sprintf("Stop %d", i),
			Lon: o.Lon + x/mLon, Lat: o.Lat + y/mLat})
	}
	cell := func(gx, gy int) int32 { return int32(gy*nx + gx) }
	for ri := 0; ri < o.Routes; ri++ {
		gx, gy := r.IntN(nx), r.IntN(ny)
		ang := r.Float64() * 2 * math.Pi
		var seq []int32
		for len(seq) < o.StopsPerRoute {
			s := cell(gx, gy)
			if int(s) < o.Stops && (len(seq) == 0 || seq[len(seq)-1] != s) {
				seq = append(seq, s)
			}
			ang += (r.Float64() - 0.5) * 0.6
			nxg := gx + int(math.Round(2*math.Cos(ang)))
			nyg := gy + int(math.Round(2*math.Sin(ang)))
			if nxg < 0 || nxg >= nx || nyg < 0 || nyg >= ny {
				ang += math.Pi
				continue
			}
			gx, gy = nxg, nyg
		}
		speed := (20 + 15*r.Float64()) / 3.6
		hops := make([]int32, len(seq))
		for i := 1; i < len(seq); i++ {
			a, b := xy[seq[i-1]], xy[seq[i]]
			hops[i] = int32(math.Hypot(a[0]-b[0], a[1]-b[1])*1.3/speed) + 20
		}
		head := int32(18*3600) / int32(o.TripsPerRoute)
		start := int32(5*3600+1800) + int32(r.IntN(int(head)))
		for ti := 0; ti < o.TripsPerRoute; ti++ {
			t := start + int32(ti)*head + int32(r.IntN(240))
			trip := gtfs.Trip{ID: fmt.Sprintf("reg:r%04d-%02d", ri, ti), RouteID: fmt.Sprintf("reg:r%04d", ri), RouteType: 3}
			for i, s := range seq {
				t += hops[i]
				trip.Times = append(trip.Times, gtfs.StopTime{Stop: s, Arrival: t, Departure: t})
			}
			tt.Trips = append(tt.Trips, trip)
		}
	}
	Sort(tt)
	return tt
}
