package road

import (
	"fmt"

	"github.com/paulmach/orb"
)

// Arrays is a graph's input as flat arrays, the form a graph file stores
// (see geo/road/graphfile): edge e runs From[e] → To[e] with LengthM[e],
// SpeedKmh[e], the direction bits Dir[e] (bit 0 forward, bit 1 backward),
// its source way WayID[e] and the geometry Geometry[GeomOff[e]:GeomOff[e+1]].
// Labels is empty or one label per vertex (see SetVertexLabels).
type Arrays struct {
	Profile  Profile
	Meta     map[string]string
	Vertices []orb.Point
	From, To []int32
	LengthM  []float64
	SpeedKmh []float64
	Dir      []uint8
	WayID    []int64
	GeomOff  []int32
	Geometry []orb.Point
	Labels   []uint8
}

// Arrays returns the graph's input arrays. They are the graph's own
// slices, not copies: the caller must not modify them; but for Geometry,
// SpeedKmh and WayID when the graph holds them compactly (see geometry.go
// and speeds.go), which are then fresh slices of the same values, bit for
// bit. O(1), or O(E + G) for those.
func (g *Graph) Arrays() Arrays {
	return Arrays{
		Profile: g.profile, Meta: g.Meta, Vertices: g.pts,
		From: g.eFrom, To: g.eTo, LengthM: g.eLen, SpeedKmh: g.speeds(),
		Dir: g.eDir, WayID: g.ways(), GeomOff: g.gOff, Geometry: g.geometry(make([]orb.Point, 0, g.numGeom()), 0, int32(g.numGeom())),
		Labels: g.labels,
	}
}

// FromArrays builds the graph of a's arrays, which it keeps: the caller
// must not modify them afterwards. It keeps a compact copy of Geometry
// instead when every point is a 10⁻⁷ degree integer as OSM readers decode
// it (see geometry.go), and then drops a.Geometry; likewise a.SpeedKmh
// when it holds at most 256 distinct values and a.WayID when every id
// fits in a uint32 (speeds.go). It applies Build's checks (and
// SetVertexLabels' when Labels is not empty) and returns the first failure
// as an *InputError wrapping ErrInvalid. Time O(V + E + G), no copy of the
// other arrays.
func FromArrays(a Arrays) (*Graph, error) {
	nE := len(a.From)
	graphErr := func(format string, args ...any) error {
		return &InputError{Kind: "graph", Index: -1, Reason: fmt.Sprintf(format, args...)}
	}
	switch {
	case len(a.Vertices) > MaxVertices, nE > MaxEdges, len(a.Geometry) > MaxGeometryPoints:
		return nil, graphErr("%d vertices, %d edges, %d geometry points exceed the limits", len(a.Vertices), nE, len(a.Geometry))
	case len(a.To) != nE, len(a.LengthM) != nE, len(a.SpeedKmh) != nE, len(a.Dir) != nE, len(a.WayID) != nE:
		return nil, graphErr("edge arrays of different lengths")
	case len(a.GeomOff) != nE+1:
		return nil, graphErr("%d geometry offsets for %d edges", len(a.GeomOff), nE)
	}
	g := &Graph{
		Meta: a.Meta, profile: a.Profile, pts: a.Vertices,
		eFrom: a.From, eTo: a.To, eLen: a.LengthM, eSpeed: a.SpeedKmh,
		eDir: a.Dir, eWay: a.WayID, gOff: a.GeomOff, gPts: a.Geometry,
	}
	if len(a.Labels) > 0 {
		g.labels = a.Labels
	}
	if err := g.checkInput(); err != nil {
		return nil, err
	}
	g.finish()
	return g, nil
}
