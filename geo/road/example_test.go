package road_test

import (
	"fmt"
	"log"

	"github.com/partons/partons/geo/geodesic"
	"github.com/partons/partons/geo/road"
	"github.com/paulmach/orb"
)

// A village and a pharmacy on a short street in Ypres, the last block of
// which is one-way towards the east.
func ExampleGraph_Nearest() {
	vs := []orb.Point{{2.8850, 50.8500}, {2.8864, 50.8500}, {2.8878, 50.8500}, {2.8892, 50.8500}}
	edge := func(from, to int32, backward bool) road.EdgeSpec {
		geom := orb.LineString{vs[from], vs[to]}
		return road.EdgeSpec{From: from, To: to, LengthM: geodesic.Distance(vs[from], vs[to]),
			Forward: true, Backward: backward, SpeedKmh: 30, Geometry: geom}
	}
	g, err := road.Build(road.Car, vs, []road.EdgeSpec{edge(0, 1, true), edge(1, 2, true), edge(2, 3, false)})
	if err != nil {
		log.Fatal(err)
	}
	pharmacy, _ := g.Snap(orb.Point{2.8857, 50.8501}, 200) // 11 m north of the street
	ws := road.NewWorkspace(g)
	if err := g.Nearest(ws, []road.Snap{pharmacy}, road.Search{Weight: road.Time}); err != nil {
		log.Fatal(err)
	}
	for _, p := range []orb.Point{{2.8871, 50.8499}, {2.8885, 50.8499}} {
		village, ok := g.Snap(p, 200)
		if !ok {
			continue
		}
		if r, ok := ws.Cost(village); ok {
			fmt.Printf("edge %d: %.0f m, %.0f s\n", village.Edge, r.LengthM, r.TimeS)
		} else {
			fmt.Printf("edge %d: no road to the pharmacy\n", village.Edge)
		}
	}
	// Output:
	// edge 1: 99 m, 12 s
	// edge 2: no road to the pharmacy
}
