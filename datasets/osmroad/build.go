package osmroad

import (
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/road"
)

// build assembles the network of profile p (attribute slot s) from the
// merged ways, as the flat arrays of a road graph (road.FromArrays keeps
// them) and the OSM node id of each vertex. A node becomes a vertex when
// it is used at least twice by the profile's ways (a junction, or a way
// crossing itself) or ends a way or a piece of a way split at a missing
// node; every other node stays in the geometry of its edge. An edge that
// would start and end at the same vertex (a closed way with a single
// junction) is split at its middle node so no self-loop is produced.
// O(R + E) time and memory for R refs and E edges; the segment lengths
// were measured once for all profiles (measure).
func (r *reader) build(s int, p road.Profile) (road.Arrays, []int64) {
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

	// Count the vertices, edges and geometry points first: the arrays
	// are then made once, at their size.
	nv, ne, np := 0, 0, 0
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
					e, n := edgesOf(pc[start : k+1])
					ne, np = ne+e, np+n
					start = k
				}
			}
		})
	})
	a := road.Arrays{
		Profile:  p,
		Vertices: make([]orb.Point, 0, nv),
		From:     make([]int32, 0, ne),
		To:       make([]int32, 0, ne),
		LengthM:  make([]float64, 0, ne),
		SpeedKmh: make([]float64, 0, ne),
		Dir:      make([]uint8, 0, ne),
		WayID:    make([]int64, 0, ne),
		GeomOff:  append(make([]int32, 0, ne+1), 0),
		Geometry: make([]orb.Point, 0, np),
	}
	nodeIDs := make([]int64, 0, nv)

	vid := make([]int32, len(r.ids))
	for k := range vid {
		vid[k] = -1
	}
	vertex := func(ref int32) int32 {
		if vid[ref] < 0 {
			vid[ref] = int32(len(a.Vertices))
			a.Vertices = append(a.Vertices, r.pts[ref].point())
			nodeIDs = append(nodeIDs, r.ids[ref])
		}
		return vid[ref]
	}
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
		var length float64
		for k, ref := range seg {
			a.Geometry = append(a.Geometry, r.pts[ref].point())
			if k > 0 {
				length += lens[k]
			}
		}
		var dir uint8
		if w.forward(s) {
			dir |= 1
		}
		if w.backward(s) {
			dir |= 2
		}
		a.From = append(a.From, vertex(seg[0]))
		a.To = append(a.To, vertex(seg[len(seg)-1]))
		a.LengthM = append(a.LengthM, length)
		a.SpeedKmh = append(a.SpeedKmh, r.speeds[w.speed[s]])
		a.Dir = append(a.Dir, dir)
		a.WayID = append(a.WayID, w.id)
		a.GeomOff = append(a.GeomOff, int32(len(a.Geometry)))
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
	pr.Vertices, pr.Edges = len(a.Vertices), len(a.From)
	if r.opts.Country != nil {
		pr.BordersCounted = true
		outer := make([]int32, len(a.Vertices)) // vertex → node
		for ref, v := range vid {
			if v >= 0 {
				outer[v] = int32(ref)
			}
		}
		for e := range a.From {
			ca, cb := r.country(outer[a.From[e]]), r.country(outer[a.To[e]])
			if ca != "" && cb != "" && ca != cb {
				pr.BorderEdges++
			}
		}
	}
	r.rep.Profiles = append(r.rep.Profiles, pr)
	return a, nodeIDs
}

// network returns the Network of the arrays a and node ids build made.
// Edge geometries are views into a.Geometry, capped so that appending to
// one never overwrites another.
func network(a road.Arrays, nodeIDs []int64) *Network {
	net := &Network{Profile: a.Profile, Vertices: a.Vertices, NodeIDs: nodeIDs, Edges: make([]road.EdgeSpec, len(a.From))}
	for e := range net.Edges {
		lo, hi := a.GeomOff[e], a.GeomOff[e+1]
		net.Edges[e] = road.EdgeSpec{
			From:     a.From[e],
			To:       a.To[e],
			LengthM:  a.LengthM[e],
			Forward:  a.Dir[e]&1 != 0,
			Backward: a.Dir[e]&2 != 0,
			SpeedKmh: a.SpeedKmh[e],
			Geometry: orb.LineString(a.Geometry[lo:hi:hi]),
			WayID:    a.WayID[e],
		}
	}
	return net
}

// edgesOf returns the number of edges emit makes of seg, and of their
// geometry points.
func edgesOf(seg []int32) (edges, points int) {
	if seg[0] == seg[len(seg)-1] {
		if len(seg) < 3 {
			return 0, 0
		}
		mid := len(seg) / 2
		e1, p1 := edgesOf(seg[:mid+1])
		e2, p2 := edgesOf(seg[mid:])
		return e1 + e2, p1 + p2
	}
	return 1, len(seg)
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
