package osmroad

import (
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/road"
)

// geomChunk is how many points are allocated at once for edge geometries;
// edges are carved out of shared chunks with capped capacity, so appending
// to one edge's geometry never overwrites another's.
const geomChunk = 1 << 14

// build assembles the network of profile p (attribute slot s) from the
// merged ways. A node becomes a vertex when it is used at least twice by
// the profile's ways (a junction, or a way crossing itself) or ends a way
// or a piece of a way split at a missing node; every other node stays in
// the geometry of its edge. An edge that would start and end at the same
// vertex (a closed way with a single junction) is split at its middle node
// so no self-loop is produced. O(R + E) time and memory for R refs and E
// edges, plus one geodesic distance per consecutive node pair.
func (r *reader) build(s int, p road.Profile) *Network {
	net := &Network{Profile: p}
	uses := make([]uint8, len(r.ids))
	pr := ProfileReport{Profile: p}
	r.eachWay(s, func(w *wayRec, refs []int32) {
		pr.RoutableWays++
		for _, ref := range refs {
			if ref >= 0 && uses[ref] < 2 {
				uses[ref]++
			}
		}
	})
	r.eachWay(s, func(w *wayRec, refs []int32) {
		pieces(refs, func(_ int, pc []int32) {
			uses[pc[0]], uses[pc[len(pc)-1]] = 2, 2
		})
	})

	// Count the vertices and edges first: the network's slices are then
	// made once, at their size.
	nv, ne := 0, 0
	for _, u := range uses {
		if u >= 2 {
			nv++
		}
	}
	r.eachWay(s, func(w *wayRec, refs []int32) {
		pieces(refs, func(_ int, pc []int32) {
			start := 0
			for k := 1; k < len(pc); k++ {
				if uses[pc[k]] >= 2 {
					ne += edgesOf(pc[start : k+1])
					start = k
				}
			}
		})
	})
	net.Vertices, net.NodeIDs = make([]orb.Point, 0, nv), make([]int64, 0, nv)
	net.Edges = make([]road.EdgeSpec, 0, ne)

	vid := make([]int32, len(r.ids))
	for k := range vid {
		vid[k] = -1
	}
	vertex := func(ref int32) int32 {
		if vid[ref] < 0 {
			vid[ref] = int32(len(net.Vertices))
			net.Vertices = append(net.Vertices, r.pts[ref].point())
			net.NodeIDs = append(net.NodeIDs, r.ids[ref])
		}
		return vid[ref]
	}
	var buf []orb.Point
	// emit adds the edge along seg, whose segment lengths are lens
	// (lens[k] is the length from seg[k-1] to seg[k]; lens[0] is unused).
	var emit func(w *wayRec, seg []int32, lens []float64)
	emit = func(w *wayRec, seg []int32, lens []float64) {
		if seg[0] == seg[len(seg)-1] {
			if len(seg) < 3 {
				return // cannot happen: consecutive duplicate refs are removed
			}
			mid := len(seg) / 2
			emit(w, seg[:mid+1], lens[:mid+1])
			emit(w, seg[mid:], lens[mid:])
			return
		}
		if cap(buf)-len(buf) < len(seg) {
			buf = make([]orb.Point, 0, max(geomChunk, len(seg)))
		}
		at := len(buf)
		var length float64
		for k, ref := range seg {
			buf = append(buf, r.pts[ref].point())
			if k > 0 {
				length += lens[k]
			}
		}
		net.Edges = append(net.Edges, road.EdgeSpec{
			From:     vertex(seg[0]),
			To:       vertex(seg[len(seg)-1]),
			LengthM:  length,
			Forward:  w.forward(s),
			Backward: w.backward(s),
			SpeedKmh: r.speeds[w.speed[s]],
			Geometry: orb.LineString(buf[at:len(buf):len(buf)]),
			WayID:    w.id,
		})
		pr.LengthKm += length / 1000
	}
	r.eachWay(s, func(w *wayRec, refs []int32) {
		lens := r.segLen[w.start : w.start+int(w.n)]
		pieces(refs, func(off int, pc []int32) {
			pl := lens[off : off+len(pc)]
			start := 0
			for k := 1; k < len(pc); k++ {
				if uses[pc[k]] >= 2 {
					emit(w, pc[start:k+1], pl[start:k+1])
					start = k
				}
			}
		})
	})
	pr.Vertices, pr.Edges = len(net.Vertices), len(net.Edges)
	if r.opts.Country != nil {
		pr.BordersCounted = true
		outer := make([]int32, len(net.Vertices)) // vertex → node
		for ref, v := range vid {
			if v >= 0 {
				outer[v] = int32(ref)
			}
		}
		for _, e := range net.Edges {
			a, b := r.country(outer[e.From]), r.country(outer[e.To])
			if a != "" && b != "" && a != b {
				pr.BorderEdges++
			}
		}
	}
	r.rep.Profiles = append(r.rep.Profiles, pr)
	return net
}

// edgesOf returns the number of edges emit makes of seg.
func edgesOf(seg []int32) int {
	if seg[0] == seg[len(seg)-1] {
		if len(seg) < 3 {
			return 0
		}
		mid := len(seg) / 2
		return edgesOf(seg[:mid+1]) + edgesOf(seg[mid:])
	}
	return 1
}

// country returns the country label of node ref, asking Options.Country
// only the first time, whichever profile asks.
func (r *reader) country(ref int32) string {
	if r.labels == nil {
		r.labels = make([]uint8, len(r.ids))
	}
	if l := r.labels[ref]; l > 0 {
		return r.names[l-1]
	}
	c := r.opts.Country(r.pts[ref].point())
	k := slices.Index(r.names, c)
	if k < 0 && len(r.names) < math.MaxUint8 {
		k = len(r.names)
		r.names = append(r.names, c)
	}
	if k >= 0 {
		r.labels[ref] = uint8(k + 1)
	}
	return c
}

// eachWay calls fn for every merged way routable in attribute slot s,
// with its node indexes (-1 for missing nodes).
func (r *reader) eachWay(s int, fn func(w *wayRec, refs []int32)) {
	for k := range r.ways {
		w := &r.ways[k]
		if w.ok(s) {
			fn(w, r.refIdx[w.start:w.start+int(w.n)])
		}
	}
}
