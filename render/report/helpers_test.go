package report

import (
	"context"
	"sync"
	"testing"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets"
	"github.com/partons/partons/datasets/load"
	"github.com/partons/partons/datasets/taxonomy"
	"github.com/partons/partons/datasets/westhoek"
	"github.com/partons/partons/render/qml"
)

var (
	demoOnce sync.Once
	demoRes  *analysis.Result
	demoMeta westhoek.Metadata
	demoErr  error
)

// demo computes the embedded Westhoek sample once, as `partons run` does:
// taxonomy, default basket, the sample's coverage metadata.
func demo(tb testing.TB) (*analysis.Result, westhoek.Metadata) {
	if tb != nil {
		tb.Helper()
	}
	demoOnce.Do(func() {
		villages, _, err := load.Villages([]load.Source{load.Bytes(westhoek.VillagesFile, westhoek.Villages())}, datasets.DefaultVillageSchema())
		if err != nil {
			demoErr = err
			return
		}
		services, _, err := load.Services([]load.Source{load.Bytes(westhoek.ServicesFile, westhoek.Services())}, datasets.DefaultServiceSchema())
		if err != nil {
			demoErr = err
			return
		}
		tax := taxonomy.Default()
		for i := range services {
			services[i].Category, _ = tax.Map(services[i].Raw)
		}
		if demoMeta, demoErr = westhoek.ReadMetadata(); demoErr != nil {
			return
		}
		p := analysis.DefaultParams()
		for _, m := range taxonomy.DefaultBasket() {
			p.Basket = append(p.Basket, analysis.BasketMember{Name: m.Name, Categories: m.Categories})
		}
		p.Coverage = analysis.Coverage{}
		for _, c := range demoMeta.Coverage {
			p.Coverage.Set(c.Category, c.Country, c.Covered)
		}
		demoRes, demoErr = analysis.Compute(context.Background(), villages, services, p)
	})
	if demoErr != nil {
		if tb == nil {
			panic(demoErr)
		}
		tb.Fatal(demoErr)
	}
	return demoRes, demoMeta
}

// demoInput is the report input of the demo run in lang (tb may be nil
// in examples).
func demoInput(tb testing.TB, lang qml.Lang) Input {
	res, md := demo(tb)
	in := Input{Result: res, Lang: lang, Subtitle: "Westhoek", Translations: westhoek.Translations,
		Coverage: CoverageFromWesthoek(md.Coverage), Caveats: md.Caveats}
	seen := map[string]bool{}
	for _, s := range md.Sources {
		in.Sources = append(in.Sources, Source{Name: s.Name, Vintage: s.Vintage, Licence: s.Licence, Attribution: s.Attribution})
		if !seen[s.Attribution] {
			seen[s.Attribution] = true
			in.Attributions = append(in.Attributions, s.Attribution)
		}
	}
	return in
}
