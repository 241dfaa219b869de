package transit_test

import (
	"context"
	"fmt"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/travel/transit"
)

// A bus every 30 minutes from a village stop to a town 10 km east; the
// shop is at the town stop. From 07:00 to 07:10 the 07:30 bus is the first
// one a resident 100 m from the stop can catch.
func ExampleCompute() {
	tt := &gtfs.Timetable{Stops: []gtfs.Stop{
		{ID: "be:village", Lon: 2.80, Lat: 50.9},
		{ID: "be:town", Lon: 2.94, Lat: 50.9},
	}}
	for d := int32(7 * 3600); d <= 9*3600; d += 1800 {
		tt.Trips = append(tt.Trips, gtfs.Trip{ID: fmt.Sprintf("be:%d", d), RouteID: "be:1",
			Times: []gtfs.StopTime{{Stop: 0, Arrival: d, Departure: d}, {Stop: 1, Arrival: d + 1200, Departure: d + 1200}}})
	}
	net, err := transit.Build(tt, transit.NetworkOptions{})
	if err != nil {
		panic(err)
	}
	opt := transit.DefaultOptions()
	opt.From, opt.To = 7*3600, 7*3600+600
	villages := []transit.Place{{ID: "Hamlet", Point: orb.Point{2.7986, 50.9}}}
	shops := []transit.Place{{ID: "shop", Point: orb.Point{2.94, 50.9}}}
	res, err := transit.Compute(context.Background(), net, villages, shops, []transit.Group{{0}}, opt)
	if err != nil {
		panic(err)
	}
	m := res[0].Groups[0]
	fmt.Printf("%s: median %.0f min, best %.0f, p95 %.0f, within 30 min %.0f%%, within 60 min %.0f%%, %d transfers\n",
		m.Status, m.Min, m.BestMin, m.P95Min, 100*m.Share[0], 100*m.Share[1], m.Transfers)
	// Output:
	// ok: median 45 min, best 41, p95 50, within 30 min 0%, within 60 min 100%, 0 transfers
}
