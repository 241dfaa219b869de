package road

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestCompactSpeeds checks that speeds of at most 256 distinct values are
// held as a table and given back bit for bit (Arrays, Edge, travel times,
// Validate), and that 257 distinct speeds stay float64.
func TestCompactSpeeds(t *testing.T) {
	for _, tc := range []struct {
		distinct int
		compact  bool
	}{{1, true}, {7, true}, {256, true}, {257, false}} {
		rng := rand.New(rand.NewPCG(31, uint64(tc.distinct)))
		vs, es := randomGraph(rng, 700, false)
		table := make([]float64, tc.distinct)
		for k := range table {
			table[k] = 5 + 125*rng.Float64()
		}
		for i := range es {
			es[i].SpeedKmh = table[i%tc.distinct]
		}
		g := mustBuild(t, Car, vs, es)
		if (g.eSpeed == nil) != tc.compact {
			t.Fatalf("%d distinct speeds: compact %v, want %v", tc.distinct, g.eSpeed == nil, tc.compact)
		}
		want := make([]float64, len(es))
		for i, e := range es {
			want[i] = e.SpeedKmh
		}
		if got := g.Arrays().SpeedKmh; !slices.Equal(got, want) {
			t.Fatalf("%d distinct speeds: Arrays().SpeedKmh differs", tc.distinct)
		}
		for e := range int32(len(es)) {
			s := g.Edge(e).SpeedKmh
			if math.Float64bits(s) != math.Float64bits(es[e].SpeedKmh) ||
				g.EdgeTimeS(e) != es[e].LengthM*3.6/es[e].SpeedKmh {
				t.Fatalf("edge %d: speed %v, time %v; input %v", e, s, g.EdgeTimeS(e), es[e].SpeedKmh)
			}
		}
		// Travel times are derived before the table is made; Validate
		// checks each against its speed through the table.
		if h, err := FromArrays(g.Arrays()); err != nil || (h.eSpeed == nil) != tc.compact {
			t.Fatalf("FromArrays(Arrays()): %v", err)
		}
	}
}

// TestCompactWays checks that way ids within [0, 2³²) are held as uint32
// and given back exactly, and that one id outside keeps int64.
func TestCompactWays(t *testing.T) {
	for _, tc := range []struct {
		name    string
		odd     int64 // the id of edge 5
		compact bool
	}{
		{"zero", 0, true},
		{"largest", math.MaxUint32, true},
		{"beyond uint32", math.MaxUint32 + 1, false},
		{"negative", -17, false}, // JOSM's new objects
	} {
		rng := rand.New(rand.NewPCG(41, 42))
		vs, es := randomGraph(rng, 200, false)
		for i := range es {
			es[i].WayID = int64(rng.Uint32())
		}
		es[5].WayID = tc.odd
		g := mustBuild(t, Car, vs, es)
		if (g.eWay == nil) != tc.compact {
			t.Fatalf("%s: compact %v, want %v", tc.name, g.eWay == nil, tc.compact)
		}
		ids := g.Arrays().WayID
		for e := range int32(len(es)) {
			if g.Edge(e).WayID != es[e].WayID || ids[e] != es[e].WayID {
				t.Fatalf("%s: edge %d way %d, Arrays %d, input %d", tc.name, e, g.Edge(e).WayID, ids[e], es[e].WayID)
			}
		}
	}
}
