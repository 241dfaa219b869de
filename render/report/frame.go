package report

import (
	"fmt"

	"github.com/paulmach/orb"

	"github.com/partons/partons/render/report/draw"
	"github.com/partons/partons/render/report/figures"
)

// newFrame is the map frame of a report: its villages, and its sites
// within the extent.
func newFrame(in *doc) (*draw.Frame, error) {
	r := in.Result
	places := make([]draw.Place, len(r.Villages))
	for v := range r.Villages {
		places[v] = draw.Place{Geometry: r.Villages[v].Geometry, Location: r.Villages[v].Location}
	}
	extra := make([]orb.Point, len(in.Sites))
	for i, s := range in.Sites {
		extra[i] = s.Location
	}
	f, err := draw.NewFrame(places, extra, len(in.Areas))
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	return f, nil
}

// lines are the drawn curves of a chart, coloured by their country's
// position (a country with nobody measured keeps its colour unused).
func lines(curves []figures.Curve) []draw.Line {
	var out []draw.Line
	for i, c := range curves {
		if c.PopulationMeasured > 0 {
			out = append(out, draw.Line{X: c.X, Share: c.Share, Color: draw.Color(i)})
		}
	}
	return out
}
