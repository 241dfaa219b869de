package index_test

import (
	"encoding/csv"
	"fmt"
	"os"
	"strconv"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/index"
)

// readPoints reads the osm_id,lon,lat,name fixtures into points and names.
func readPoints(path string) ([]orb.Point, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, nil, err
	}
	var pts []orb.Point
	var names []string
	for _, r := range rows[1:] {
		lon, err1 := strconv.ParseFloat(r[1], 64)
		lat, err2 := strconv.ParseFloat(r[2], 64)
		if err1 != nil || err2 != nil {
			return nil, nil, fmt.Errorf("%s: bad row %v", path, r)
		}
		pts = append(pts, orb.Point{lon, lat})
		names = append(names, r[3])
	}
	return pts, names, nil
}

// The nearest pharmacy (OpenStreetMap, 2015) of a few Westhoek villages,
// by WGS84 geodesic distance.
func Example_nearestPharmacy() {
	pharmacies, pharmacyNames, err := readPoints("testdata/pharmacies.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	villages, villageNames, err := readPoints("testdata/villages.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	ix := index.New(pharmacies)
	for i, name := range villageNames {
		switch name {
		case "Alveringem", "Poperinge", "Vleteren", "Westouter":
			j, d, _ := ix.Nearest(villages[i], nil)
			fmt.Printf("%s: %s, %.0f km\n", name, pharmacyNames[j], d/1000)
		}
	}
	// Output:
	// Poperinge: Lamoot, 6 km
	// Alveringem: Debruyne-Gryspeerdt, 4 km
	// Westouter: Lamoot, 8 km
	// Vleteren: Debruyne-Gryspeerdt, 6 km
}

// Counting and listing services within a radius, nearest first.
func ExamplePoints_Within() {
	ix := index.New([]orb.Point{
		{2.8850, 50.8503}, // 0: Ypres, Grote Markt
		{2.7247, 50.8555}, // 1: Poperinge, Grote Markt
		{2.8850, 50.8503}, // 2: same place as 0
		{2.3768, 51.0344}, // 3: Dunkirk
	})
	ypres := orb.Point{2.8850, 50.8503}
	ix.Within(ypres, 20000, func(i int32, d float64) bool {
		fmt.Printf("item %d at %.0f km\n", i, d/1000)
		return true
	})
	fmt.Println(ix.CountWithin(ypres, 50000, nil), "within 50 km")
	// Output:
	// item 0 at 0 km
	// item 2 at 0 km
	// item 1 at 11 km
	// 4 within 50 km
}
