package report

import (
	"testing"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/datasets/westhoek"
	"github.com/partons/partons/render/qml"
	"github.com/partons/partons/render/report/input"
	"github.com/partons/partons/render/report/reporttest"
)

// demo is the embedded Westhoek sample computed once (reporttest.Demo).
func demo(tb testing.TB) (*analysis.Result, westhoek.Metadata) {
	if tb != nil {
		tb.Helper()
	}
	return reporttest.Demo(tb)
}

// demoInput is the report input of the demo run in lang (tb may be nil
// in examples).
func demoInput(tb testing.TB, lang qml.Lang) input.Input {
	res, md := demo(tb)
	in := input.Input{Result: res, Lang: lang, Subtitle: "Westhoek", Translations: westhoek.Translations,
		Coverage: input.CoverageFromWesthoek(md.Coverage), Caveats: md.Caveats}
	seen := map[string]bool{}
	for _, s := range md.Sources {
		in.Sources = append(in.Sources, input.Source{Name: s.Name, Vintage: s.Vintage, Licence: s.Licence, Attribution: s.Attribution})
		if !seen[s.Attribution] {
			seen[s.Attribution] = true
			in.Attributions = append(in.Attributions, s.Attribution)
		}
	}
	return in
}
