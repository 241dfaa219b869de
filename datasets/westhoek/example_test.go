package westhoek_test

import (
	"fmt"

	"github.com/partons/partons/datasets/westhoek"
)

// The coverage table says what the sample can and cannot tell: French
// pharmacies are not in it, so no French village should be reported as far
// from a pharmacy on the strength of this sample.
func ExampleMetadata_CoverageOf() {
	m, err := westhoek.ReadMetadata()
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, k := range [][2]string{{"pharmacy", "BE"}, {"pharmacy", "FR"}, {"post", "FR"}} {
		c, _ := m.CoverageOf(k[0], k[1])
		fmt.Printf("%s %s: covered=%v points=%d source=%q\n", c.Category, c.Country, c.Covered, c.Points, c.Source)
	}
	for _, c := range m.Countries {
		fmt.Printf("%s: %d villages, population unknown for %d\n", c.Country, c.Villages, c.PopulationUnknown)
	}
	// Output:
	// pharmacy BE: covered=true points=45 source="osm-2015-pois"
	// pharmacy FR: covered=false points=0 source=""
	// post FR: covered=true points=225 source="laposte-2020"
	// BE: 198 villages, population unknown for 105
	// FR: 111 villages, population unknown for 0
}
