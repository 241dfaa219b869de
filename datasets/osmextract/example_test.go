package osmextract_test

import (
	"context"
	"fmt"

	"github.com/partons/partons/datasets/osmextract"
	"github.com/partons/partons/datasets/osmfile"
)

// Extract villages, services and boundaries from the Liechtenstein extract
// (© OpenStreetMap contributors, ODbL).
func Example() {
	src := []osmfile.Source{osmfile.FileSource("../osmroad/testdata/liechtenstein-2013-08-03.osm.pbf")}
	res, err := osmextract.Extract(context.Background(), src, osmextract.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	rep := res.Report
	fmt.Println("data as of", rep.DataDate.Format("2006-01-02"))
	fmt.Printf("%d villages, %d services, %d boundaries\n", len(res.Villages), len(res.Services), len(res.Boundaries))
	fmt.Println("schools:", rep.Categories["school"].Total(), "pharmacies:", rep.Categories["pharmacy"].Total())
	for i, v := range res.Villages {
		if v.Name == "Vaduz" {
			fmt.Println(v.ID, v.Name, v.Country, v.AreaName, res.VillageInfo[i].Place)
		}
	}
	last := len(res.Boundaries) - 1
	fmt.Printf("%s %s %.0f km²\n", res.Boundaries[last].ID, res.Boundaries[last].Country, res.BoundaryInfo[last].AreaKm2)
	fmt.Println(len(rep.Skipped), "relations cut by the extract edge")
	// Output:
	// data as of 2013-08-03
	// 17 villages, 60 services, 12 boundaries
	// schools: 16 pharmacies: 4
	// node/58243 Vaduz LI Vaduz town
	// relation/47 LI 160 km²
	// 13 relations cut by the extract edge
}
