package crs_test

import (
	"errors"
	"fmt"

	"github.com/partons/partons/geo/crs"
)

// Ieper in Belgian Lambert 72, as found in Belgian open data, to WGS84.
func ExampleToWGS84() {
	toWGS84, err := crs.ToWGS84(31370)
	if err != nil {
		fmt.Println(err)
		return
	}
	lon, lat := toWGS84(45520.462, 172142.988)
	fmt.Printf("lon %.6f lat %.6f\n", lon, lat)
	// Output: lon 2.885000 lat 50.850300
}

func ExampleFromWGS84() {
	toLambert93, _ := crs.FromWGS84(2154)
	x, y := toLambert93(2.8850, 50.8503) // Ieper
	fmt.Printf("x %.3f y %.3f\n", x, y)
	// Output: x 691885.247 y 7083782.051
}

func ExampleToWGS84_unsupported() {
	_, err := crs.ToWGS84(3857)
	fmt.Println(errors.Is(err, crs.ErrUnsupported))
	fmt.Println(err)
	// Output:
	// true
	// crs: unsupported coordinate reference system: EPSG:3857 (supported: EPSG:2154, EPSG:3035, EPSG:4326, EPSG:31370, EPSG:32631)
}
