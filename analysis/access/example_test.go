package access_test

import (
	"fmt"
	"github.com/partons/partons/travel"
	"log"

	"github.com/partons/partons/analysis/access"
)

// PySAL access's three-tract example: 2SFCA and 3SFCA with weight 1/cost
// and a 60-unit catchment.
func ExampleCompute() {
	cost := [3][3]float64{{1, 80, 40}, {80, 1, 40}, {40, 40, 1}}
	var es []travel.Entry
	for i := range 3 {
		for j := range 3 {
			es = append(es, travel.Entry{Demand: int32(i), Supply: int32(j), Cost: cost[i][j]})
		}
	}
	costs, err := travel.NewCosts(3, 3, es)
	if err != nil {
		log.Fatal(err)
	}
	population := []float64{100, 50, 10}
	doctors := []float64{15, 20, 100}
	decay, err := access.ParseDecay("power:alpha=-1,dmin=1")
	if err != nil {
		log.Fatal(err)
	}
	for _, name := range []string{"2sfca", "3sfca"} {
		m, _ := access.ParseModel(name)
		m.MaxCost = 60
		a, _, perService, err := access.Compute(costs, population, doctors, m, decay)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: %.6f %.6f %.6f (doctors per person at tract 3's service: %.4f)\n",
			m, a[0], a[1], a[2], perService[2].Ratio)
	}
	st := access.Inequality([]float64{1, 2, 3, 4}, []float64{10, 10, 10, 10}, 2.5)
	fmt.Printf("gini %.2f, half beyond 2.5: %v\n", st.Gini, st.ShareBeyond == 0.5)
	// Output:
	// 2sfca: 0.331444 0.579828 7.286418 (doctors per person at tract 3's service: 7.2727)
	// 3sfca: 0.156257 0.406216 9.906352 (doctors per person at tract 3's service: 10.4013)
	// gini 0.25, half beyond 2.5: true
}
