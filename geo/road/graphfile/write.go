package graphfile

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/road"
)

// encoder writes little-endian data through a checksum; the first error
// sticks.
type encoder struct {
	w   *bufio.Writer
	crc hash.Hash32
	n   int64
	err error
	buf []byte
}

func (e *encoder) write(p []byte) {
	if e.err != nil {
		return
	}
	e.crc.Write(p)
	var k int
	k, e.err = e.w.Write(p)
	e.n += int64(k)
}

func (e *encoder) u32(v uint32) { e.write(binary.LittleEndian.AppendUint32(e.buf[:0], v)) }

func (e *encoder) str(s string) {
	e.u32(uint32(len(s)))
	e.write([]byte(s))
}

// array encodes n fixed-size elements through put in chunks.
func (e *encoder) array(n int, put func(b []byte, i int) []byte) {
	b := e.buf[:0]
	for i := 0; i < n; i++ {
		b = put(b, i)
		if len(b) >= chunkBytes-16 {
			e.write(b)
			b = b[:0]
		}
	}
	e.write(b)
	e.buf = b[:0]
}

func putF64(b []byte, v float64) []byte {
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
}

// Write writes g to w in the graph file format and returns the bytes
// written. Meta and vertex labels are included. O(V + E + G) time, 1 MiB
// of buffers.
func Write(w io.Writer, g *road.Graph) (int64, error) {
	a := g.Arrays()
	bw := bufio.NewWriterSize(w, 1<<16)
	e := &encoder{w: bw, crc: crc32.New(castagnoli), buf: make([]byte, 0, chunkBytes)}
	keys := make([]string, 0, len(a.Meta))
	for k := range a.Meta {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if len(a.Profile) > maxProfileLen || len(keys) > maxMetaEntries {
		return 0, fmt.Errorf("graphfile: write graph: profile or meta too large: %w", road.ErrInvalid)
	}
	for _, k := range keys {
		if len(k) > maxMetaString || len(a.Meta[k]) > maxMetaString {
			return 0, fmt.Errorf("graphfile: write graph: meta %q longer than %d bytes: %w", k, maxMetaString, road.ErrInvalid)
		}
	}
	var hs []hierarchy
	for _, w := range []road.Weight{road.Length, road.Time} {
		if h, ok := g.HierarchyArrays(w); ok {
			hs = append(hs, hierarchy{w, h})
		}
	}
	version := fileVersion
	for _, h := range hs {
		version = max(version, fileVersionHierarchy)
		if h.Core > 0 {
			version = fileVersionCore
		}
	}
	e7 := onE7(a.Vertices) && onE7(a.Geometry)
	if e7 {
		version = fileVersionE7
	}
	e.write([]byte(Magic))
	e.u32(version)
	e.str(string(a.Profile))
	e.u32(uint32(len(keys)))
	for _, k := range keys {
		e.str(k)
		e.str(a.Meta[k])
	}
	nE := len(a.From)
	for _, n := range []int{len(a.Vertices), nE, len(a.Geometry), len(a.Labels)} {
		e.u32(uint32(n))
	}
	points := func(ps []orb.Point) {
		if e7 {
			e.array(len(ps), func(b []byte, i int) []byte {
				x, _ := road.ToE7(ps[i][0])
				y, _ := road.ToE7(ps[i][1])
				return binary.LittleEndian.AppendUint32(binary.LittleEndian.AppendUint32(b, uint32(x)), uint32(y))
			})
			return
		}
		e.array(len(ps), func(b []byte, i int) []byte { return putF64(putF64(b, ps[i][0]), ps[i][1]) })
	}
	points(a.Vertices)
	e.array(nE, func(b []byte, i int) []byte { return binary.LittleEndian.AppendUint32(b, uint32(a.From[i])) })
	e.array(nE, func(b []byte, i int) []byte { return binary.LittleEndian.AppendUint32(b, uint32(a.To[i])) })
	e.array(nE, func(b []byte, i int) []byte { return putF64(b, a.LengthM[i]) })
	e.array(nE, func(b []byte, i int) []byte { return putF64(b, a.SpeedKmh[i]) })
	e.write(a.Dir)
	e.array(nE, func(b []byte, i int) []byte { return binary.LittleEndian.AppendUint64(b, uint64(a.WayID[i])) })
	e.array(nE+1, func(b []byte, i int) []byte { return binary.LittleEndian.AppendUint32(b, uint32(a.GeomOff[i])) })
	points(a.Geometry)
	e.write(a.Labels)
	if version >= fileVersionHierarchy {
		e.u32(uint32(len(hs)))
		for _, h := range hs {
			e.hierarchy(h, version)
		}
	}
	if e.err == nil {
		sum := binary.LittleEndian.AppendUint32(nil, e.crc.Sum32())
		var k int
		k, e.err = bw.Write(sum)
		e.n += int64(k)
	}
	if e.err == nil {
		e.err = bw.Flush()
	}
	if e.err != nil {
		return e.n, fmt.Errorf("graphfile: write graph: %w", e.err)
	}
	return e.n, nil
}

// onE7 reports whether every point lies on the grid of 10⁻⁷ degrees
// (road.ToE7).
func onE7(ps []orb.Point) bool {
	for _, p := range ps {
		if _, ok := road.ToE7(p[0]); !ok {
			return false
		}
		if _, ok := road.ToE7(p[1]); !ok {
			return false
		}
	}
	return true
}

// hierarchy is a stored contraction hierarchy and its weight.
type hierarchy struct {
	w road.Weight
	road.HierarchyArrays
}

// hierarchy encodes one hierarchy of the version 2, 3 or 4 section.
func (e *encoder) hierarchy(h hierarchy, version uint32) {
	e.u32(uint32(h.w))
	for _, n := range []int{len(h.Vert), len(h.Out), len(h.In), h.Shortcuts} {
		e.u32(uint32(n))
	}
	if version >= fileVersionCore {
		e.u32(uint32(h.Core))
	}
	ints := func(s []int32) {
		e.array(len(s), func(b []byte, i int) []byte { return binary.LittleEndian.AppendUint32(b, uint32(s[i])) })
	}
	arcs := func(s []road.HierarchyArc) {
		e.array(len(s), func(b []byte, i int) []byte {
			return putF64(putF64(binary.LittleEndian.AppendUint32(b, uint32(s[i].Other)), s[i].W1), s[i].W2)
		})
	}
	ints(h.Vert)
	ints(h.OutOff)
	ints(h.InOff)
	arcs(h.Out)
	arcs(h.In)
}
