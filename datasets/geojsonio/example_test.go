package geojsonio_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/geojsonio"
)

// Reading GeoNames populated places (CC BY 4.0, "GeoNames"): ids from the
// geonameid property, population as published.
func ExampleReadVillages() {
	f, err := os.Open("testdata/geonames-westhoek.geojson")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	s := datasets.DefaultVillageSchema()
	s.ID = "geonameid"
	villages, err := geojsonio.ReadVillages("geonames-westhoek.geojson", f, s)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, v := range villages {
		fmt.Printf("%s %s %s pop %.0f at %.5f, %.5f\n", v.ID, v.Name, v.Country, v.Population, v.Location[0], v.Location[1])
	}
	// Output:
	// 2788726 Poperinge BE pop 19537 at 2.72659, 50.85386
	// 2795100 Ieper BE pop 35089 at 2.88569, 50.85114
	// 3013174 Hondschoote FR pop 3742 at 2.58372, 50.97800
	// 3033363 Bergues FR pop 4355 at 2.43242, 50.96882
}

// Every problem in a file is reported, with its line, feature and field.
func ExampleReadVillages_errors() {
	in := `{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"id": "1", "name": "Kemmel"}, "geometry": {"type": "Point", "coordinates": [50.78, 2.83, 10, 1]}},
{"type": "Feature", "properties": {"id": "1", "population": -3}, "geometry": null}
]}`
	_, err := geojsonio.ReadVillages("places.geojson", strings.NewReader(in), datasets.DefaultVillageSchema())
	fmt.Println(err)
	// Output:
	// places.geojson:2: feature 0: field "geometry": coordinates: position has 4 numbers; at most 3 (longitude, latitude, altitude)
	// places.geojson:3: feature 1: field "name": required property is missing
	// places.geojson:3: feature 1: field "population": -3 is negative
	// places.geojson:3: feature 1: field "geometry": null geometry
	// places.geojson:3: feature 1: field "id": duplicate id "1" (first at places.geojson:2 (feature 0))
}
