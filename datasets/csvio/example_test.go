package csvio_test

import (
	"fmt"
	"strings"

	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/csvio"
)

// A semicolon-separated file with decimal commas, as spreadsheets in
// Belgium and France write it.
func ExampleReadVillages() {
	in := "\xEF\xBB\xBFid;name;country;population;lon;lat\r\n" +
		"59054;Bavinchove;fr;1045;2,4527;50,7731\r\n" +
		"33011;Ieper;BE;;2,8850;50,8503\r\n"
	vs, err := csvio.ReadVillages("villages.csv", strings.NewReader(in), datasets.DefaultVillageSchema())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, v := range vs {
		pop := "unknown"
		if v.HasPopulation {
			pop = fmt.Sprint(v.Population)
		}
		fmt.Printf("line %d: %s %s %s population %s at %v\n", v.Origin.Line, v.ID, v.Name, v.Country, pop, v.Location)
	}
	// Output:
	// line 2: 59054 Bavinchove FR population 1045 at [2.4527 50.7731]
	// line 3: 33011 Ieper BE population unknown at [2.885 50.8503]
}
