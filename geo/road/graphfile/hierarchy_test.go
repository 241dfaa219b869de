package graphfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/partons/partons/geo/road"
)

// withHierarchy returns the sample graph's file without hierarchy, then the
// graph with a hierarchy for w (built with opts) and its file.
func withHierarchy(tb testing.TB, n int, seed uint64, w road.Weight, opts ...road.HierarchyOption) (plain []byte, g *road.Graph, data []byte) {
	tb.Helper()
	g = sampleGraph(tb, road.Car, n, seed)
	plain = encode(tb, g)
	if err := g.BuildHierarchy(w, opts...); err != nil {
		tb.Fatal(err)
	}
	return plain, g, encode(tb, g)
}

func TestHierarchyRoundTrip(t *testing.T) {
	plain, g, _ := withHierarchy(t, 700, 1, road.Length)
	if err := g.BuildHierarchy(road.Time); err != nil {
		t.Fatal(err)
	}
	data := encode(t, g)
	if v := binary.LittleEndian.Uint32(plain[8:]); v != 1 {
		t.Fatalf("a graph without hierarchy is written as version %d, want 1", v)
	}
	if v := binary.LittleEndian.Uint32(data[8:]); v != 2 {
		t.Fatalf("a graph with hierarchies is written as version %d, want 2", v)
	}
	// Version 2 is version 1 with the hierarchy section before the checksum.
	if !bytes.Equal(data[12:len(plain)-4], plain[12:len(plain)-4]) {
		t.Fatal("the graph's bytes differ between versions 1 and 2")
	}
	h, err := Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	sameGraph(t, g, h)
	for _, w := range []road.Weight{road.Length, road.Time} {
		want, _ := g.HierarchyArrays(w)
		got, ok := h.HierarchyArrays(w)
		if !ok || !reflect.DeepEqual(got, want) {
			t.Fatalf("%v: the hierarchy read back differs", w)
		}
	}
	if again := encode(t, h); !bytes.Equal(again, data) {
		t.Error("re-encoding the read graph changed the bytes")
	}
	// The version 1 file still reads, without hierarchy.
	if p, err := Read(bytes.NewReader(plain)); err != nil || p.HasHierarchy(road.Time) || p.HasHierarchy(road.Length) {
		t.Fatalf("version 1: %v", err)
	}
	SameSearches(t, g, h, 3)
}

// TestHierarchyCoreRoundTrip: a hierarchy with a core (all of the graph,
// or part of it) is written as version 3, which adds the core size, reads
// back identical and answers the same searches; the same graph without a
// core is still written as version 2.
func TestHierarchyCoreRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name string
		deg  float64
		size int
	}{{"none", 0, 0}, {"all", 1e-9, 0}, {"part", 0, 200}} {
		t.Run(tc.name, func(t *testing.T) {
			plain, g, data := withHierarchy(t, 700, 1, road.Time, road.CoreDegree(tc.deg), road.CoreSize(tc.size))
			a, _ := g.HierarchyArrays(road.Time)
			version := uint32(3)
			switch {
			case tc.name == "none" && a.Core != 0:
				t.Fatalf("a core of %d without a core degree", a.Core)
			case tc.name == "none":
				version = 2
			case tc.name == "all" && a.Core != len(a.Vert):
				t.Fatalf("a core of %d among %d junctions, want all", a.Core, len(a.Vert))
			case tc.name == "part" && a.Core != 200:
				t.Fatalf("a core of %d among %d junctions, want part of them", a.Core, len(a.Vert))
			}
			if v := binary.LittleEndian.Uint32(data[8:]); v != version {
				t.Fatalf("written as version %d, want %d", v, version)
			}
			if !bytes.Equal(data[12:len(plain)-4], plain[12:len(plain)-4]) {
				t.Fatal("the graph's bytes differ from version 1's")
			}
			h, err := Read(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			got, ok := h.HierarchyArrays(road.Time)
			if !ok || !reflect.DeepEqual(got, a) {
				t.Fatal("the hierarchy read back differs")
			}
			if again := encode(t, h); !bytes.Equal(again, data) {
				t.Error("re-encoding the read graph changed the bytes")
			}
			SameSearches(t, g, h, 4, road.Time)
		})
	}
}

// SameSearches checks that h (read back) answers every search exactly as
// g (hierarchies built in memory) and within g's rounding bound of
// Dijkstra's costs.
func SameSearches(t *testing.T, g, h *road.Graph, seed uint64, ws ...road.Weight) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 3))
	seeds := randomSnaps(rng, g, 10)
	targets := randomSnaps(rng, g, 200)
	wa, wb, wx := road.NewWorkspace(g), road.NewWorkspace(h), road.NewWorkspace(g)
	bound := g.RoundingBound()
	for _, s := range []road.Search{{Weight: road.Time}, {Weight: road.Length}, {Weight: road.Time, Origins: true}} {
		if len(ws) > 0 && !slices.Contains(ws, s.Weight) {
			continue
		}
		x := s
		x.Exact = true
		for _, run := range []struct {
			g  *road.Graph
			ws *road.Workspace
			s  road.Search
		}{{g, wa, s}, {h, wb, s}, {g, wx, x}} {
			if err := run.g.Nearest(run.ws, seeds, run.s); err != nil {
				t.Fatal(err)
			}
		}
		if !wa.UsedHierarchy() || !wb.UsedHierarchy() || wx.UsedHierarchy() {
			t.Fatalf("%+v: hierarchy used %v in memory, %v read back, %v exact", s, wa.UsedHierarchy(), wb.UsedHierarchy(), wx.UsedHierarchy())
		}
		for _, tg := range targets {
			ra, oka := wa.Cost(tg)
			rb, okb := wb.Cost(tg)
			rx, okx := wx.Cost(tg)
			if ra != rb || oka != okb {
				t.Fatalf("%+v target %+v: %+v in memory, %+v read back", s, tg, ra, rb)
			}
			da, dx := ra.LengthM, rx.LengthM
			if s.Weight == road.Time {
				da, dx = ra.TimeS, rx.TimeS
			}
			if oka != okx || math.Abs(da-dx) > bound*dx {
				t.Fatalf("%+v target %+v: %v (%v) on the hierarchy, Dijkstra %v (%v), bound %g", s, tg, da, oka, dx, okx, bound)
			}
		}
	}
}

// resum rewrites the checksum of a single-graph file.
func resum(b []byte) []byte {
	binary.LittleEndian.PutUint32(b[len(b)-4:], crc32.Checksum(b[:len(b)-4], castagnoli))
	return b
}

func TestReadHostileHierarchy(t *testing.T) {
	plain, g, data := withHierarchy(t, 60, 11, road.Time)
	sec := len(plain) - 4 // the section starts where version 1's checksum was
	a, _ := g.HierarchyArrays(road.Time)
	nJ, nOut := len(a.Vert), len(a.Out)
	if nJ < 3 || nOut < 2 || len(a.In) < 2 {
		t.Fatalf("sample hierarchy too small: %d junctions, %d and %d arcs", nJ, nOut, len(a.In))
	}
	// Offsets of the fields: nH, weight, nJ, nOut, nIn, shortcuts, then arrays.
	const fW, fJ, fOut, fIn, fSC, fArr = 4, 8, 12, 16, 20, 24
	vert := sec + fArr
	outOff := vert + 4*nJ
	inOff := outOff + 4*(nJ+1)
	out := inOff + 4*(nJ+1)
	put32 := func(at int, v uint32) func([]byte) {
		return func(b []byte) { binary.LittleEndian.PutUint32(b[at:], v) }
	}
	putF := func(at int, v float64) func([]byte) {
		return func(b []byte) { binary.LittleEndian.PutUint64(b[at:], math.Float64bits(v)) }
	}
	// The last arc of Out at the lowest-ranked position with one.
	last := out + (nOut-1)*hierarchyArcBytes
	corrupted(t, data, map[string]func([]byte){
		"three hierarchies":    put32(sec, 3),
		"unknown weight":       put32(sec+fW, 7),
		"junctions > vertices": put32(sec+fJ, 61),
		"fewer junctions":      put32(sec+fJ, uint32(nJ-1)),
		"huge arc count":       put32(sec+fOut, math.MaxInt32),
		"arcs overflow":        func(b []byte) { put32(sec+fOut, math.MaxInt32)(b); put32(sec+fIn, math.MaxInt32)(b) },
		"shortcuts > arcs":     put32(sec+fSC, uint32(nOut+len(a.In)+1)),
		"ranks repeat":         put32(vert+4, uint32(a.Vert[0])),
		"rank out of range":    put32(vert, uint32(nJ)),
		"negative rank":        put32(vert, math.MaxUint32),
		"offset overruns":      put32(outOff+4, uint32(nOut+1)),
		"offsets decrease":     put32(outOff+4*nJ, 0),
		"first offset":         put32(outOff, 1),
		"arc upwards":          put32(last, uint32(nJ-1)),
		"negative other":       put32(last, math.MaxUint32),
		"negative weight":      putF(last+4, -1),
		"NaN weight":           putF(last+4, math.NaN()),
		"infinite weight":      putF(last+12, math.Inf(1)),
	})
	// Truncated anywhere in the section: ErrCorrupt, io.ErrUnexpectedEOF.
	truncated(t, data, sec)
	// A section announcing 2³⁰ arcs, followed by 3 MiB of zeros, fails
	// without allocating what the count implies.
	huge := bytes.Clone(data[:sec+fArr])
	binary.LittleEndian.PutUint32(huge[sec+fOut:], 1<<30)
	huge = append(huge, make([]byte, 3<<20)...)
	corruptWithin16MiB(t, "huge arc count, 3 MiB section", huge)
}

// truncated checks that data cut anywhere from byte sec on is ErrCorrupt
// and io.ErrUnexpectedEOF.
// corrupted checks that each mutation of a copy of data, with its
// checksum rewritten or not, reads as ErrCorrupt from a sized and an
// unsized reader.
func corrupted(t *testing.T, data []byte, cases map[string]func([]byte)) {
	t.Helper()
	for name, mut := range cases {
		bad := bytes.Clone(data)
		mut(bad)
		for _, r := range []io.Reader{bytes.NewReader(resum(bad)), opaque(bad)} {
			g, err := Read(r)
			if !errors.Is(err, ErrCorrupt) {
				t.Errorf("%s (%T): %v, %v; want ErrCorrupt", name, r, g != nil, err)
			}
		}
	}
}

func truncated(t *testing.T, data []byte, sec int) {
	t.Helper()
	for n := sec; n < len(data); n += 7 {
		for _, r := range []io.Reader{bytes.NewReader(data[:n]), opaque(data[:n])} {
			if _, err := Read(r); !errors.Is(err, ErrCorrupt) || !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Fatalf("truncated to %d bytes (%T): %v", n, r, err)
			}
		}
	}
}

// TestReadHostileCore damages the version 3 section of a hierarchy with a
// core of 20 positions: every damage is ErrCorrupt.
func TestReadHostileCore(t *testing.T) {
	plain, g, data := withHierarchy(t, 60, 11, road.Time, road.CoreSize(20))
	sec := len(plain) - 4
	a, _ := g.HierarchyArrays(road.Time)
	nJ := len(a.Vert)
	if a.Core != 20 || a.OutOff[1] == 0 || binary.LittleEndian.Uint32(data[8:]) != 3 {
		t.Fatalf("core %d, %d arcs out of position 0, version %d: the sample proves nothing", a.Core, a.OutOff[1], binary.LittleEndian.Uint32(data[8:]))
	}
	if _, err := Read(bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	// Fields: nH, weight, nJ, nOut, nIn, shortcuts, core, then arrays.
	const fCore, fArr = 24, 28
	first := sec + fArr + 4*nJ + 8*(nJ+1) // the first Out arc, at core position 0
	put32 := func(at int, v uint32) func([]byte) {
		return func(b []byte) { binary.LittleEndian.PutUint32(b[at:], v) }
	}
	corrupted(t, data, map[string]func([]byte){
		"core > junctions":      put32(sec+fCore, uint32(nJ+1)),
		"no core in version 3":  put32(sec+fCore, 0),
		"core shrunk to one":    put32(sec+fCore, 1),
		"core arc leaves core":  put32(first, uint32(nJ-1)),
		"core arc to itself":    put32(first, 0),
		"version 2 with a core": put32(8, 2),
	})
	truncated(t, data, sec)
}
