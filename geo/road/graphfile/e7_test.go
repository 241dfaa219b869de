package graphfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/road"
)

// e7Graph is sampleGraph's graph (same structure, counts and meta) with
// every vertex and geometry point moved onto the 10⁻⁷ degree grid, as OSM
// readers give them.
func e7Graph(tb testing.TB, n int, seed uint64) *road.Graph {
	tb.Helper()
	rng := rand.New(rand.NewPCG(seed, 17))
	vs, es := randomGraph(rng, n)
	grid := func(p orb.Point) orb.Point {
		return orb.Point{road.FromE7(int32(math.Round(p[0] * 1e7))), road.FromE7(int32(math.Round(p[1] * 1e7)))}
	}
	for i := range vs {
		vs[i] = grid(vs[i])
	}
	for i := range es {
		g := es[i].Geometry
		for k := range g {
			g[k] = grid(g[k])
		}
		g[0], g[len(g)-1] = vs[es[i].From], vs[es[i].To]
	}
	return labelled(tb, road.Car, vs, es)
}

// TestE7RoundTrip: a graph whose points all lie on the 10⁻⁷ degree grid
// is written as version 4, 8 bytes a point smaller than the same graph
// off the grid (version 1) less the empty hierarchy count; it reads back
// to the same arrays bit for bit (what searches use is rebuilt from
// them) and re-encodes to the same bytes; with a hierarchy, with or
// without a core, it answers the same searches.
func TestE7RoundTrip(t *testing.T) {
	g := e7Graph(t, 700, 1)
	data := encode(t, g)
	if v := binary.LittleEndian.Uint32(data[8:]); v != 4 {
		t.Fatalf("a graph on the grid is written as version %d, want 4", v)
	}
	off := encode(t, sampleGraph(t, road.Car, 700, 1))
	if v := binary.LittleEndian.Uint32(off[8:]); v != 1 {
		t.Fatalf("the graph off the grid is written as version %d, want 1", v)
	}
	a := g.Arrays()
	if want := len(off) - 8*(len(a.Vertices)+len(a.Geometry)) + 4; len(data) != want {
		t.Errorf("version 4: %d bytes, want %d (version 1's %d less 8 per point plus the hierarchy count)", len(data), want, len(off))
	}
	h, err := Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	sameGraph(t, g, h)
	for i, p := range h.Arrays().Geometry {
		q := a.Geometry[i]
		if math.Float64bits(p[0]) != math.Float64bits(q[0]) || math.Float64bits(p[1]) != math.Float64bits(q[1]) {
			t.Fatalf("geometry point %d: %v read back as %v", i, q, p)
		}
	}
	if again := encode(t, h); !bytes.Equal(again, data) {
		t.Error("re-encoding the read graph changed the bytes")
	}

	for _, tc := range []struct {
		name string
		opts []road.HierarchyOption
	}{{"no core", []road.HierarchyOption{road.CoreDegree(0)}}, {"all core", []road.HierarchyOption{road.CoreSize(700)}}} {
		g := e7Graph(t, 700, 1)
		if err := g.BuildHierarchy(road.Time, tc.opts...); err != nil {
			t.Fatal(err)
		}
		data := encode(t, g)
		if v := binary.LittleEndian.Uint32(data[8:]); v != 4 {
			t.Fatalf("%s: version %d, want 4", tc.name, v)
		}
		h, err := Read(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		sameGraph(t, g, h)
		want, _ := g.HierarchyArrays(road.Time)
		if got, ok := h.HierarchyArrays(road.Time); !ok || !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: the hierarchy read back differs", tc.name)
		}
		if again := encode(t, h); !bytes.Equal(again, data) {
			t.Errorf("%s: re-encoding the read graph changed the bytes", tc.name)
		}
		SameSearches(t, g, h, 3, road.Time)
	}
}

// TestE7ReadCorrupt: damaged version 4 files are errors, never graphs:
// every third byte flipped, every fifth length truncated, and counts
// announcing more than the input holds (8 bytes a point).
func TestE7ReadCorrupt(t *testing.T) {
	data := encode(t, e7Graph(t, 40, 6))
	for i := 0; i < len(data); i += 3 {
		bad := bytes.Clone(data)
		bad[i] ^= 0x5a
		want := ErrCorrupt
		if i < 12 {
			want = ErrFormat
		}
		if _, err := Read(bytes.NewReader(bad)); !errors.Is(err, want) {
			t.Fatalf("byte %d flipped: %v, want %v", i, err, want)
		}
	}
	for n := 1; n < len(data); n += 5 {
		if _, err := Read(bytes.NewReader(data[:n])); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("truncated to %d bytes: %v, want ErrCorrupt", n, err)
		}
		if _, err := Read(opaque(data[:n])); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("truncated to %d bytes, unsized: %v, want ErrCorrupt", n, err)
		}
	}
	b := append(header(1000, 10, 20, 0), make([]byte, 100)...)
	b[8] = 4
	// 8·1000 + (4+4+8+8+1+8)·10 + 4·11 + 8·20 + 0 + 4 = 8538
	if _, err := Read(bytes.NewReader(b)); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "(8538 bytes), but only 100 bytes follow") {
		t.Errorf("version 4 counts against the size: %v", err)
	}
}
