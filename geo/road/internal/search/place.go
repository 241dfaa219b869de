package search

import (
	"math"
	"slices"
)

// place is a snapped point located on its chain.
type place struct {
	chain  int32
	at     int32 // index of the snap's edge in cEdge
	lo, hi int32 // the chain's edges are cEdge[lo:hi]
	// to0 and to1 are the (length, time) from the point to the first and
	// the last vertex of its edge in chain order.
	to0, to1 [2]float64
	// at0 and at1: the point is exactly the edge's first or last vertex in
	// chain order.
	at0, at1 bool
}

// locate places snap sn (checked) on its chain. O(log C).
func (ix *Index) locate(sn Point) place {
	i := ix.eAt[sn.Edge]
	c := ix.chainOf(i)
	_, rev := ix.edgeAt(i)
	p := place{chain: c, at: i, lo: ix.cOff[c], hi: ix.cOff[c+1]}
	f0, f1 := sn.Frac, 1-sn.Frac // fractions to From and to To
	if rev {
		f0, f1 = f1, f0
	}
	p.to0[0], p.to0[1] = ix.partial(sn.Edge, f0, false)
	p.to1[0], p.to1[1] = ix.partial(sn.Edge, f1, false)
	p.at0, p.at1 = f0 == 0, f1 == 0
	return p
}

// seedJoins returns the junctions (search numbers) a seed placed at p
// offers, with its cost there (search order), as the full graph's search
// would compute it: the seed offers its edge's lower vertex (partial edge
// plus start, its leg) when labels spread down or it is that vertex, and
// the upper one likewise; labels then spread from both along the chain,
// adding its float32 weights one by one.
func (ix *Index) seedJoins(p *place, origins, byTime bool, start [2]float64) (vs [2]int32, cs [2][2]float64, n int) {
	up, down := ix.propagation(p.chain, origins)
	first, last, _ := ix.chainEnds(p.chain)
	for k, m := range [2]int32{p.lo, p.hi} {
		d1, d2, ok := ix.seedTo(p, up, down, byTime, start, m)
		if !ok {
			continue
		}
		vs[n], cs[n] = ix.jid[first], [2]float64{d1, d2}
		if k == 1 {
			vs[n] = ix.jid[last]
		}
		n++
	}
	return vs, cs, n
}

// seedTo returns the cost (search order) a seed placed at p gives chain
// vertex m (lo ≤ m ≤ hi) through the chain, false if it cannot reach it:
// the cheaper of its spreads from its edge's lower vertex k and upper
// vertex k+1.
func (ix *Index) seedTo(p *place, up, down, byTime bool, start [2]float64, m int32) (l1, l2 float64, ok bool) {
	to0, to1 := p.to0, p.to1
	if byTime {
		to0, to1 = [2]float64{to0[1], to0[0]}, [2]float64{to1[1], to1[0]}
	}
	k := p.at
	l1, l2 = math.Inf(1), math.Inf(1)
	try := func(d1, d2 float64) {
		if less(d1, d2, 0, l1, l2, 0) {
			l1, l2, ok = d1, d2, true
		}
	}
	if down || p.at0 { // offers vertex k
		switch {
		case m == k:
			try(to0[0]+start[0], to0[1]+start[1])
		case m < k && down:
			try(addWeights(ix.cW, k-1, m-k, byTime, to0[0]+start[0], to0[1]+start[1]))
		case m > k && up:
			try(addWeights(ix.cW, k, m-k, byTime, to0[0]+start[0], to0[1]+start[1]))
		}
	}
	if up || p.at1 { // offers vertex k+1
		switch {
		case m == k+1:
			try(to1[0]+start[0], to1[1]+start[1])
		case m > k+1 && up:
			try(addWeights(ix.cW, k+1, m-k-1, byTime, to1[0]+start[0], to1[1]+start[1]))
		case m < k+1 && down:
			try(addWeights(ix.cW, k, m-k-1, byTime, to1[0]+start[0], to1[1]+start[1]))
		}
	}
	return l1, l2, ok
}

// propagation returns in which directions labels spread along chain c in
// a search: up (first → last vertex) and down. A search from destinations
// (not origins) runs against the direction of travel.
func (ix *Index) propagation(c int32, origins bool) (up, down bool) {
	_, _, d := ix.chainEnds(c)
	fwd, bwd := d&DirForward != 0, d&DirBackward != 0
	if origins {
		return fwd, bwd
	}
	return bwd, fwd
}

// chainLabel returns the label the full graph's search gives chain vertex
// m (lo ≤ m ≤ hi: the vertex before cEdge[m]) of chain c: the cheapest of
// the chain's end junctions and of the seeds on the chain, each carried to
// m by the chain's float32 weights one by one, exactly as the full search
// adds them. False when none reaches m within the cutoff. O(edges of the
// chain × (1 + seeds on it)).
func (ws *Workspace) chainLabel(c, m int32) (l1, l2 float64, seed int32, ok bool) {
	ix := ws.ix
	lo, hi := ix.cOff[c], ix.cOff[c+1]
	up, down := ix.propagation(c, ws.s.Origins)
	byTime := ws.s.ByTime
	l1, l2, seed = math.Inf(1), math.Inf(1), -1
	try := func(d1, d2 float64, s int32) {
		if d1 <= ws.cutoff && less(d1, d2, s, l1, l2, seed) {
			l1, l2, seed = d1, d2, s
		}
	}
	first, last, _ := ix.chainEnds(c)
	if a1, a2, s, ok := ws.junctionLabel(ix.jid[first]); ok && (m == lo || up) {
		d1, d2 := addWeights(ix.cW, lo, m-lo, byTime, a1, a2)
		try(d1, d2, s)
	}
	if a1, a2, s, ok := ws.junctionLabel(ix.jid[last]); ok && (m == hi || down) {
		d1, d2 := addWeights(ix.cW, hi-1, m-hi, byTime, a1, a2)
		try(d1, d2, s)
	}
	i, _ := slices.BinarySearchFunc(ws.byEdge, lo, func(s int32, at int32) int { return int(ws.places[s].at - at) })
	for ; i < len(ws.byEdge) && ws.places[ws.byEdge[i]].chain == c; i++ {
		si := ws.byEdge[i]
		p := &ws.places[si]
		ll1, ll2 := ws.leg(ws.seeds[si])
		if d1, d2, ok := ix.seedTo(p, up, down, byTime, [2]float64{ll1, ll2}, m); ok {
			try(d1, d2, si)
		}
	}
	return l1, l2, seed, seed >= 0
}

// alongEdge returns the fraction of edge e travelled from fx to fy without
// leaving the edge, and whether the edge's directions allow it.
func (ix *Index) alongEdge(e int32, fx, fy float64) (float64, bool) {
	switch d := ix.Dir[e]; {
	case fx == fy:
		return 0, true
	case fy > fx && d&DirForward != 0:
		return fy - fx, true
	case fy < fx && d&DirBackward != 0:
		return fx - fy, true
	}
	return 0, false
}
