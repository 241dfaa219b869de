package odmatrix_test

import (
	"fmt"
	"log"
	"os"

	"github.com/partons/partons/datasets/odmatrix"
)

// Reads the three-tract example of PySAL access committed in testdata.
func ExampleReadOD() {
	f, err := os.Open("testdata/hospital_od.csv")
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	m, err := odmatrix.ReadOD("hospital_od.csv", f)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(m.Origins), "origins,", len(m.Destinations), "destinations,", len(m.Pairs), "pairs")
	p := m.Pairs[2]
	fmt.Printf("%s -> %s costs %v (line %d)\n", m.Origins[p.O], m.Destinations[p.D], p.Cost, m.Lines[2])
	// Output:
	// 3 origins, 3 destinations, 9 pairs
	// 1 -> 3 costs 40 (line 4)
}
