package transit

import (
	"context"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/analysis"
	"github.com/partons/partons/geo/geodesic"
	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/study"
	pt "github.com/partons/partons/travel/transit" // public transport
)

// With a foot road network the run's public transport walks on it and
// the manifest says so; without one it says the walks are estimated.
func TestAttachWalking(t *testing.T) {
	feed := "../../cmd/partons/testdata/gtfs/westhoek"
	esen, post := orb.Point{2.9022083, 51.0288960}, orb.Point{2.9520170, 50.9764738}
	g, err := road.Build(road.Foot, []orb.Point{esen, post}, []road.EdgeSpec{{From: 0, To: 1, LengthM: geodesic.Distance(esen, post),
		Forward: true, Backward: true, SpeedKmh: 4.8, Geometry: orb.LineString{esen, post}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		road *analysis.RoadParams
		want string
		foot bool
	}{
		{"no roads", nil, "walking estimated", false},
		{"foot network", &analysis.RoadParams{Graph: g, Profile: road.Foot, SnapM: 500, SpeedKmh: 4.8}, "walking on the foot network", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			j := &study.Job{Spec: study.Spec{Transit: []string{feed}, MaxWalkM: 1200, MaxTransfers: 3, MaxTransitMin: 120}}
			j.Params.Road = tc.road
			info, err := Attach(context.Background(), j, &study.Inputs{}, io.Discard, true)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(info.Walking, tc.want) || strings.Contains(info.Walking, "estimated") == tc.foot {
				t.Errorf("walking %q, want %q", info.Walking, tc.want)
			}
			m, ok := j.Params.Modes[len(j.Params.Modes)-1].(*pt.Mode)
			if !ok {
				t.Fatalf("mode %T", j.Params.Modes[len(j.Params.Modes)-1])
			}
			if _, fw := m.Options.Walker.(*pt.FootWalker); fw != tc.foot {
				t.Errorf("walker %T", m.Options.Walker)
			}
			// The feed's operator is credited among the data sources.
			want := study.Source{Name: "public transport timetable: westhoek", Vintage: "2026-01-05 to 2026-01-30",
				Attribution: "Westhoek Test Bus (GTFS feed westhoek)"}
			if src := study.DataSources(j, &study.Inputs{}, &analysis.Result{}); !slices.Contains(src, want) {
				t.Errorf("data sources %+v, want %+v among them", src, want)
			}
		})
	}
}
