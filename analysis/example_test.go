package analysis_test

import (
	"context"
	"fmt"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/load"
	"github.com/partons/partons/datasets/taxonomy"
	"github.com/partons/partons/datasets/westhoek"
)

// Example computes postal access on the embedded real Westhoek sample,
// where both sides of the border are covered for post, and prints what a
// French village near the border gains from the Belgian side.
func Example() {
	villages, _, err := load.Villages([]load.Source{load.Bytes(westhoek.VillagesFile, westhoek.Villages())}, datasets.DefaultVillageSchema())
	if err != nil {
		panic(err)
	}
	services, _, err := load.Services([]load.Source{load.Bytes(westhoek.ServicesFile, westhoek.Services())}, datasets.DefaultServiceSchema())
	if err != nil {
		panic(err)
	}
	tax := taxonomy.Default()
	for i := range services {
		services[i].Category, _ = tax.Map(services[i].Raw)
	}
	p := analysis.DefaultParams()
	p.Categories = []string{"post"}
	res, err := analysis.Compute(context.Background(), villages, services, p)
	if err != nil {
		panic(err)
	}
	for v, vl := range res.Villages {
		if vl.Name != "Hondschoote" && vl.Name != "Watou" {
			continue
		}
		c := res.Rows[v].Cats[0]
		fmt.Printf("%s (%s): nearest post %.0f m in %s, domestic %.0f m, abroad %.0f m, status %s\n",
			vl.Name, vl.Country, c.NearestM, res.Services[c.NearestService].Country, c.DomesticM, c.AbroadM, c.Status)
	}
	// Output:
	// Watou (BE): nearest post 5997 m in FR, domestic 16287 m, abroad 5997 m, status ok
	// Hondschoote (FR): nearest post 65 m in FR, domestic 65 m, abroad 11407 m, status ok
}
