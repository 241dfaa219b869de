package osmroad_test

import (
	"context"
	"fmt"

	"github.com/partons/partons/datasets/osmfile"
	"github.com/partons/partons/datasets/osmroad"
	"github.com/partons/partons/geo/road"
)

// Read the Monaco extract (© OpenStreetMap contributors, ODbL) into the
// three networks and build the car graph.
func Example() {
	src := []osmfile.Source{osmfile.FileSource("testdata/monaco-2015-04-28.osm.pbf")}
	nets, rep, err := osmroad.ReadAll(context.Background(), src, osmroad.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range []road.Profile{road.Car, road.Bicycle, road.Foot} {
		pr := rep.Profile(p)
		fmt.Printf("%s: %d ways, %d vertices, %d edges, %.1f km\n", p, pr.RoutableWays, pr.Vertices, pr.Edges, pr.LengthKm)
	}
	car := nets[road.Car]
	g, err := road.Build(road.Car, car.Vertices, car.Edges)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("car graph edges:", g.NumEdges())
	fmt.Println("data as of", rep.Files[0].ReplicationTime.Format("2006-01-02"))
	// Output:
	// car: 647 ways, 785 vertices, 966 edges, 63.1 km
	// bicycle: 663 ways, 810 vertices, 993 edges, 64.6 km
	// foot: 1185 ways, 1671 vertices, 2193 edges, 91.6 km
	// car graph edges: 966
	// data as of 2015-04-28
}
