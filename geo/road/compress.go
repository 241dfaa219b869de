package road

import (
	"math"
	"slices"
	"sort"

	"github.com/paulmach/orb"
)

// Searches run on a compressed graph of junctions (OSRM's compressed
// edges). A vertex with exactly two routable edges that agree on their
// directions, and whose label equals both neighbours' labels, lies inside a
// chain: any route through it comes in by one edge and leaves by the other,
// so the search does not need it. Every other vertex with a routable edge
// is a junction. A chain is a maximal run of routable edges whose inner
// vertices all lie inside chains; it becomes one CSR arc per allowed
// direction between its end junctions. A ring of chain vertices without
// any junction gets its smallest vertex as junction.
//
// Costs are those of the full graph bit for bit: an arc adds its edges'
// float32 weights one by one from the junction it leaves, as the full
// search adds them edge by edge; a seed inside a chain offers both ends of
// its edge and spreads along the chain the same way; a target's cost is
// built from the labels the full search would give the ends of its edge
// (chainLabel). Snapping is untouched: snaps still name an input edge and
// a fraction of it. TestCompressedMatchesFull and
// TestCompressedMatchesFullOSM compare every vertex and target with the
// full graph for equality.
//
// On real OSM extracts 10–23 % of the vertices lie inside chains (ways
// meeting end to end); the grid graphs of the benchmarks have almost none.

// noJunction marks a vertex without any routable edge in Graph.jid.
const noJunction = math.MinInt32

// compress (re)builds everything searches use from the validated edge
// arrays and the labels: the junctions and their Hilbert numbering, the
// chains, the CSR adjacencies and the search labels. Unless g.chains,
// every vertex with a routable edge is a junction and every edge a chain
// of its own: the full graph, kept for tests. O(V + E + C log C).
func (g *Graph) compress() {
	n, collapse := len(g.pts), g.chains
	// Routable incidences per vertex, in edge order (a self-loop twice).
	iOff := make([]int32, n+1)
	for e, d := range g.eDir {
		if d != 0 {
			iOff[g.eFrom[e]+1]++
			iOff[g.eTo[e]+1]++
		}
	}
	for v := 0; v < n; v++ {
		iOff[v+1] += iOff[v]
	}
	inc := make([]int32, iOff[n])
	next := slices.Clone(iOff[:n])
	for e, d := range g.eDir {
		if d != 0 {
			inc[next[g.eFrom[e]]] = int32(e)
			next[g.eFrom[e]]++
			inc[next[g.eTo[e]]] = int32(e)
			next[g.eTo[e]]++
		}
	}
	next = nil
	other := func(e, v int32) int32 {
		if g.eFrom[e] == v {
			return g.eTo[e]
		}
		return g.eFrom[e]
	}
	// leaves reports whether edge e may be travelled away from its end v
	// (e is not a self-loop).
	leaves := func(e, v int32) bool {
		if g.eFrom[e] == v {
			return g.eDir[e]&dirForward != 0
		}
		return g.eDir[e]&dirBackward != 0
	}
	junction := make([]bool, n)
	for v := range n {
		lo, hi := iOff[v], iOff[v+1]
		if hi == lo {
			continue
		}
		junction[v] = true
		if !collapse || hi-lo != 2 {
			continue
		}
		e1, e2, vv := inc[lo], inc[lo+1], int32(v)
		if e1 == e2 || g.eFrom[e1] == g.eTo[e1] || g.eFrom[e2] == g.eTo[e2] {
			continue
		}
		a, b := other(e1, vv), other(e2, vv)
		// Through v from a to b uses e1 arriving and e2 leaving; the
		// other way round, e2 arriving and e1 leaving.
		if leaves(e1, a) != leaves(e2, vv) || leaves(e2, b) != leaves(e1, vv) {
			continue
		}
		if g.labels != nil && (g.labels[a] != g.labels[vv] || g.labels[b] != g.labels[vv]) {
			continue
		}
		junction[v] = false
	}

	// Chains, walked from every junction along each of its edges not yet
	// taken, junctions and edges in id order; then the rings left over.
	g.cOff = append(make([]int32, 0, len(g.eDir)/2+1), 0)
	g.cEdge = make([]int32, 0, len(inc)/2)
	g.eAt = make([]int32, len(g.eDir))
	for e := range g.eAt {
		g.eAt[e] = -1
	}
	walk := func(u, e int32) {
		for {
			g.eAt[e] = int32(len(g.cEdge))
			if g.eFrom[e] == u {
				g.cEdge = append(g.cEdge, e)
			} else {
				g.cEdge = append(g.cEdge, ^e)
			}
			w := other(e, u)
			if junction[w] {
				break
			}
			if int32(len(g.cEdge))-g.cOff[len(g.cOff)-1] == maxChainEdges {
				junction[w] = true // its other edge starts a ring walk below
				break
			}
			if f := inc[iOff[w]]; f != e {
				e = f
			} else {
				e = inc[iOff[w]+1]
			}
			u = w
		}
		g.cOff = append(g.cOff, int32(len(g.cEdge)))
	}
	for v := range n {
		if !junction[v] {
			continue
		}
		for _, e := range inc[iOff[v]:iOff[v+1]] {
			if g.eAt[e] < 0 {
				walk(int32(v), e)
			}
		}
	}
	for e, d := range g.eDir {
		if d != 0 && g.eAt[e] < 0 {
			junction[g.eFrom[e]] = true
			walk(g.eFrom[e], int32(e))
		}
	}

	// Junctions numbered along a Hilbert curve for locality; vertices
	// inside chains keep one of their edges.
	var jpts []orb.Point
	var jverts []int32
	for v := range n {
		if junction[v] {
			jverts = append(jverts, int32(v))
		}
	}
	jpts = make([]orb.Point, len(jverts))
	for k, v := range jverts {
		jpts[k] = g.pts[v]
	}
	inner, outer := locality(jpts)
	g.jvert = make([]int32, len(jverts))
	for k, i := range outer {
		g.jvert[k] = jverts[i]
	}
	g.jid = make([]int32, n)
	for v := range n {
		switch {
		case iOff[v] == iOff[v+1]:
			g.jid[v] = noJunction
		case !junction[v]:
			g.jid[v] = ^inc[iOff[v]]
		}
	}
	for k, v := range jverts {
		g.jid[v] = inner[k]
	}
	g.orderChains()
	g.fwd = g.buildCSR(false)
	g.rev = g.buildCSR(true)
	g.slabels = g.innerLabels()
}

// orderChains renumbers the chains by the junction number of their first
// vertex (stable), so that the weights a search reads follow the
// junctions' Hilbert order, and fills cW. O(E + C log C).
func (g *Graph) orderChains() {
	nc := g.numChains()
	count := make([]int32, len(g.jvert)+1)
	key := make([]int32, nc)
	for c := range int32(nc) {
		first, _, _ := g.chainEnds(c)
		key[c] = g.jid[first]
		count[key[c]+1] += g.cOff[c+1] - g.cOff[c]
	}
	for j := 1; j < len(count); j++ {
		count[j] += count[j-1]
	}
	cEdge := make([]int32, len(g.cEdge))
	starts := make([]int32, nc)
	for c := range nc {
		lo, hi := g.cOff[c], g.cOff[c+1]
		starts[c] = count[key[c]]
		copy(cEdge[starts[c]:], g.cEdge[lo:hi])
		count[key[c]] += hi - lo
	}
	// New offsets: chain starts in increasing order.
	order := make([]int32, nc)
	for c := range order {
		order[c] = int32(c)
	}
	slices.SortFunc(order, func(a, b int32) int { return int(starts[a] - starts[b]) })
	cOff := make([]int32, 0, nc+1)
	for _, c := range order {
		cOff = append(cOff, starts[c])
	}
	g.cOff = append(cOff, int32(len(cEdge)))
	g.cEdge = cEdge
	g.cW = make([]w32, len(cEdge))
	for i := range g.cEdge {
		e, _ := g.edgeAt(int32(i))
		g.eAt[e] = int32(i)
		g.cW[i] = w32{float32(g.eLen[e]), float32(g.eTime[e])}
	}
}

// numChains returns the number of chains.
func (g *Graph) numChains() int { return len(g.cOff) - 1 }

// chainOf returns the chain holding position i of cEdge. O(log C).
func (g *Graph) chainOf(i int32) int32 {
	return int32(sort.Search(len(g.cOff)-1, func(c int) bool { return g.cOff[c+1] > i }))
}

// edgeAt decodes cEdge[i]: the edge and whether the chain runs To→From
// along it.
func (g *Graph) edgeAt(i int32) (e int32, reversed bool) {
	if x := g.cEdge[i]; x < 0 {
		return ^x, true
	}
	return g.cEdge[i], false
}

// cEdgeAt returns the edge at position i of cEdge.
func (g *Graph) cEdgeAt(i int32) int32 { e, _ := g.edgeAt(i); return e }

// chainEnds returns the first and last vertex of chain c (API numbering)
// and its directions relative to first → last.
func (g *Graph) chainEnds(c int32) (first, last int32, dir uint8) {
	e, rev := g.edgeAt(g.cOff[c])
	first, dir = g.eFrom[e], g.eDir[e]
	if rev {
		first, dir = g.eTo[e], flip(dir)
	}
	e, rev = g.edgeAt(g.cOff[c+1] - 1)
	last = g.eTo[e]
	if rev {
		last = g.eFrom[e]
	}
	return first, last, dir
}

func flip(d uint8) uint8 { return (d&dirForward)<<1 | (d&dirBackward)>>1 }

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
func (g *Graph) locate(sn Snap) place {
	i := g.eAt[sn.Edge]
	c := g.chainOf(i)
	_, rev := g.edgeAt(i)
	p := place{chain: c, at: i, lo: g.cOff[c], hi: g.cOff[c+1]}
	f0, f1 := sn.Frac, 1-sn.Frac // fractions to From and to To
	if rev {
		f0, f1 = f1, f0
	}
	p.to0[0], p.to0[1] = g.partial(sn.Edge, f0, false)
	p.to1[0], p.to1[1] = g.partial(sn.Edge, f1, false)
	p.at0, p.at1 = f0 == 0, f1 == 0
	return p
}

// seedJoins returns the junctions (search numbers) a seed placed at p
// offers, with its cost there (search order), as the full graph's search
// would compute it: the seed offers its edge's lower vertex (partial edge
// plus start, its leg) when labels spread down or it is that vertex, and
// the upper one likewise; labels then spread from both along the chain,
// adding its float32 weights one by one.
func (g *Graph) seedJoins(p *place, origins, byTime bool, start [2]float64) (vs [2]int32, cs [2][2]float64, n int) {
	up, down := g.propagation(p.chain, origins)
	first, last, _ := g.chainEnds(p.chain)
	for k, m := range [2]int32{p.lo, p.hi} {
		d1, d2, ok := g.seedTo(p, up, down, byTime, start, m)
		if !ok {
			continue
		}
		vs[n], cs[n] = g.jid[first], [2]float64{d1, d2}
		if k == 1 {
			vs[n] = g.jid[last]
		}
		n++
	}
	return vs, cs, n
}

// seedTo returns the cost (search order) a seed placed at p gives chain
// vertex m (lo ≤ m ≤ hi) through the chain, false if it cannot reach it:
// the cheaper of its spreads from its edge's lower vertex k and upper
// vertex k+1.
func (g *Graph) seedTo(p *place, up, down, byTime bool, start [2]float64, m int32) (l1, l2 float64, ok bool) {
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
			try(addWeights(g.cW, k-1, m-k, byTime, to0[0]+start[0], to0[1]+start[1]))
		case m > k && up:
			try(addWeights(g.cW, k, m-k, byTime, to0[0]+start[0], to0[1]+start[1]))
		}
	}
	if up || p.at1 { // offers vertex k+1
		switch {
		case m == k+1:
			try(to1[0]+start[0], to1[1]+start[1])
		case m > k+1 && up:
			try(addWeights(g.cW, k+1, m-k-1, byTime, to1[0]+start[0], to1[1]+start[1]))
		case m < k+1 && down:
			try(addWeights(g.cW, k, m-k-1, byTime, to1[0]+start[0], to1[1]+start[1]))
		}
	}
	return l1, l2, ok
}

// propagation returns in which directions labels spread along chain c in
// a search: up (first → last vertex) and down. A search from destinations
// (not origins) runs against the direction of travel.
func (g *Graph) propagation(c int32, origins bool) (up, down bool) {
	_, _, d := g.chainEnds(c)
	fwd, bwd := d&dirForward != 0, d&dirBackward != 0
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
	g := ws.g
	lo, hi := g.cOff[c], g.cOff[c+1]
	up, down := g.propagation(c, ws.s.Origins)
	byTime := ws.s.Weight == Time
	l1, l2, seed = math.Inf(1), math.Inf(1), -1
	try := func(d1, d2 float64, s int32) {
		if d1 <= ws.cutoff && less(d1, d2, s, l1, l2, seed) {
			l1, l2, seed = d1, d2, s
		}
	}
	first, last, _ := g.chainEnds(c)
	if st := &ws.st[g.jid[first]]; ws.flags(st.stamp)&stSettled != 0 && (m == lo || up) {
		d1, d2 := addWeights(g.cW, lo, m-lo, byTime, st.d1, st.d2)
		try(d1, d2, st.seed)
	}
	if st := &ws.st[g.jid[last]]; ws.flags(st.stamp)&stSettled != 0 && (m == hi || down) {
		d1, d2 := addWeights(g.cW, hi-1, m-hi, byTime, st.d1, st.d2)
		try(d1, d2, st.seed)
	}
	i, _ := slices.BinarySearchFunc(ws.byEdge, lo, func(s int32, at int32) int { return int(ws.places[s].at - at) })
	for ; i < len(ws.byEdge) && ws.places[ws.byEdge[i]].chain == c; i++ {
		si := ws.byEdge[i]
		p := &ws.places[si]
		ll1, ll2 := ws.leg(ws.seeds[si])
		if d1, d2, ok := g.seedTo(p, up, down, byTime, [2]float64{ll1, ll2}, m); ok {
			try(d1, d2, si)
		}
	}
	return l1, l2, seed, seed >= 0
}

// alongEdge returns the fraction of edge e travelled from fx to fy without
// leaving the edge, and whether the edge's directions allow it.
func (g *Graph) alongEdge(e int32, fx, fy float64) (float64, bool) {
	switch d := g.eDir[e]; {
	case fx == fy:
		return 0, true
	case fy > fx && d&dirForward != 0:
		return fy - fx, true
	case fy < fx && d&dirBackward != 0:
		return fx - fy, true
	}
	return 0, false
}
