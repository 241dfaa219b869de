package delta

import (
	"context"
	"testing"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/analysis/analysistest"
)

var (
	village, service = analysistest.Village, analysistest.Service
	randomRegion     = analysistest.RandomRegion
	busMode          = analysistest.BusMode
	newIDMode        = analysistest.NewIDMode
)

// hoursFixture is analysistest.HoursPlaces computed with thresholds of
// 1 and 20 km.
func hoursFixture(tb testing.TB, postHours string) *analysis.Result {
	tb.Helper()
	villages, services := analysistest.HoursPlaces(postHours)
	p := analysis.DefaultParams()
	p.ThresholdsM = []float64{1000, 20000}
	res, err := analysis.Compute(context.Background(), villages, services, p)
	if err != nil {
		tb.Fatal(err)
	}
	return res
}
