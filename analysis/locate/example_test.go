package locate_test

import (
	"context"
	"fmt"
	"github.com/partons/partons/travel"

	"github.com/partons/partons/analysis/locate"
)

// Four villages on a line, 1 km apart, with 10, 1, 1 and 10 people:
// one service point within 1 km of the most people.
func ExampleSolve() {
	var costs []travel.Entry
	for i := range 4 {
		for j := range 4 {
			costs = append(costs, travel.Entry{Demand: int32(i), Supply: int32(j), Cost: 1000 * float64(max(i-j, j-i))})
		}
	}
	c, err := travel.NewCosts(4, 4, costs)
	if err != nil {
		panic(err)
	}
	inst, err := locate.NewInstance([]float64{10, 1, 1, 10}, c)
	if err != nil {
		fmt.Println(err)
		return
	}
	sol, err := locate.Solve(context.Background(), inst, locate.Config{Model: locate.MCLP, P: 2, Radius: 1000})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("sites %v cover %v of %v people (optimal %v, gap %v)\n", sol.Sites, sol.CoveredWeight, sol.TotalWeight, sol.Optimal, sol.Gap)
	// Output:
	// sites [1 2] cover 22 of 22 people (optimal true, gap 0)
}
