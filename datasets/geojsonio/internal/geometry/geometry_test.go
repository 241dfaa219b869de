package geometry

import (
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		raw   string
		allow int
		want  orb.Geometry
		err   string
	}{
		{`{"type":"Point","coordinates":[2.9,50.8,12]}`, Point, orb.Point{2.9, 50.8}, ""},
		{`{"TYPE":"Point","coordinates":[2.9,50.8]}`, Point, orb.Point{2.9, 50.8}, ""},
		{`{"type":"Point","coordinates":[2.9,50.8]}`, Polygon, nil, "unsupported geometry type Point (accepted: Polygon)"},
		{`{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}`, Polygon, nil, "ring is not closed"},
		{`{"type":"Point","coordinates":[2.9,95]}`, Point, nil, "latitude 95 outside"},
		{`null`, Point, nil, "null geometry"},
		{`{"type":"Point"}`, Point, nil, "no coordinates"},
	} {
		g, err := Parse([]byte(tc.raw), tc.allow)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%s: error %v, want %q", tc.raw, err, tc.err)
		case tc.err == "" && (err != nil || !orb.Equal(g, tc.want)):
			t.Errorf("%s: %v, %v; want %v", tc.raw, g, err, tc.want)
		}
	}
}
