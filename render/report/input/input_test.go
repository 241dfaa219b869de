package input_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets/westhoek"
	"github.com/partons/partons/render/report/input"
	"github.com/partons/partons/render/report/reporttest"
)

func TestMainCategory(t *testing.T) {
	res, _ := reporttest.Demo(t)
	if got := input.MainCategory(res); got != "post" {
		t.Errorf("MainCategory = %q, want post (the only category covered on both sides)", got)
	}
}

func TestCheck(t *testing.T) {
	res, _ := reporttest.Demo(t)
	for name, in := range map[string]input.Input{
		"no result": {},
		"scenario":  {Result: res, Scenario: &input.Scenario{Name: "x", Category: "post", DeltaM: []float64{1}}},
		"category":  {Result: res, Scenario: &input.Scenario{Name: "x", Category: "nope", DeltaM: make([]float64, len(res.Villages))}},
		"site":      {Result: res, Sites: []input.Site{{Name: "s", Location: orb.Point{2, 95}}}},
		"main":      {Result: res, MainCategory: "nope"},
	} {
		if err := in.Check(); !errors.Is(err, input.ErrInput) {
			t.Errorf("%s: err = %v, want ErrInput", name, err)
		}
	}
	if in := (input.Input{Result: res}); in.Check() != nil {
		t.Errorf("a result alone: %v", in.Check())
	}
}

// Breaks keep the ascending positive finite limits given, else the
// defaults.
func TestScenarioBreaks(t *testing.T) {
	for _, tc := range []struct{ given, want []float64 }{
		{nil, input.DefaultDeltaBreaksM},
		{[]float64{1000, 250, 3000, -5}, []float64{1000, 3000}},
		{[]float64{0, -1}, input.DefaultDeltaBreaksM},
	} {
		if got := (&input.Scenario{BreaksM: tc.given}).Breaks(); !slices.Equal(got, tc.want) {
			t.Errorf("Breaks of %v = %v, want %v", tc.given, got, tc.want)
		}
	}
}

// CoverageFromWesthoek copies every field of the sample's notes.
func TestCoverageFromWesthoek(t *testing.T) {
	got := input.CoverageFromWesthoek([]westhoek.Coverage{{Category: "post", Country: "BE", Covered: true,
		Completeness: westhoek.Complete, Vintage: "2015-11", Points: 52}})
	want := input.CoverageNote{Category: "post", Country: "BE", Covered: true, Completeness: input.Complete, Vintage: "2015-11", Points: 52}
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
}
