package osmroad

import (
	"bytes"
	"compress/gzip"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/osm"

	"github.com/partons/partons/datasets/osmfile"
)

// Reference lengths printed by testdata/gen_reference.py (PROJ, WGS84).
const (
	eqM       = 111.319490793 // 0.001° of longitude on the equator
	merM      = 110.574275822 // 0.001° of latitude from the equator
	parM      = 111.319490776 // 0.001° of longitude along lat 0.001°
	roundM    = 332.468042420 // roundabout 200 from node 21 back to node 20
	lengthTol = 1e-6          // metres
)

// testSource returns a Source for testdata/name.
func testSource(name string) osmfile.Source {
	return osmfile.FileSource(filepath.Join("testdata", name))
}

// bytesSource serves b under name, as if it were a file.
func bytesSource(name string, b []byte) osmfile.Source {
	return osmfile.Source{Name: name, Open: func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(b)), nil
	}}
}

func readTestdata(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// westOf labels points west of lon 0.05 "BE" and the others "FR": the
// border of the town fixture.
func westOf(p orb.Point) string {
	if p[0] < 0.05 {
		return "BE"
	}
	return "FR"
}

func gzipBytes(tb testing.TB, b []byte) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		tb.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// sameNetwork checks that two networks have the same vertices (OSM ids, and
// positions within 1e-9°: PBF rounds coordinates to 1e-7° integers, XML
// parses decimals) and the same edges (lengths within 1 µm).
func sameNetwork(tb testing.TB, got, want *Network) {
	tb.Helper()
	if got.Profile != want.Profile || !slices.Equal(got.NodeIDs, want.NodeIDs) || len(got.Edges) != len(want.Edges) {
		tb.Errorf("%s: %d vertices %d edges, want %s: %d vertices %d edges (or different node ids)",
			got.Profile, len(got.NodeIDs), len(got.Edges), want.Profile, len(want.NodeIDs), len(want.Edges))
		return
	}
	near := func(a, b orb.Point) bool { return math.Abs(a[0]-b[0]) < 1e-9 && math.Abs(a[1]-b[1]) < 1e-9 }
	for v := range got.Vertices {
		if !near(got.Vertices[v], want.Vertices[v]) {
			tb.Errorf("%s: vertex %d at %v, want %v", got.Profile, v, got.Vertices[v], want.Vertices[v])
		}
	}
	for k := range got.Edges {
		g, w := got.Edges[k], want.Edges[k]
		same := g.From == w.From && g.To == w.To && g.Forward == w.Forward && g.Backward == w.Backward &&
			g.SpeedKmh == w.SpeedKmh && g.WayID == w.WayID && len(g.Geometry) == len(w.Geometry) &&
			math.Abs(g.LengthM-w.LengthM) < 1e-6
		for i := 0; same && i < len(g.Geometry); i++ {
			same = near(g.Geometry[i], w.Geometry[i])
		}
		if !same {
			tb.Errorf("%s: edge %d = %+v, want %+v", got.Profile, k, g, w)
		}
	}
}

// keepAll is an osmfile.Consumer keeping every element of every pass.
type keepAll struct{}

func (keepAll) Wants(osmfile.Kind) bool         { return true }
func (keepAll) KeepNode(*osm.Node) bool         { return true }
func (keepAll) KeepWay(*osm.Way) bool           { return true }
func (keepAll) KeepRelation(*osm.Relation) bool { return true }
func (keepAll) Done(osmfile.Kind)               {}
func (keepAll) Visit(osm.Object, int)           {}
