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
// direction between its end junctions, carrying its summed length and time.
// A ring of chain vertices without any junction gets its smallest vertex
// as junction.
//
// Snapping is untouched: snaps still name an edge of the input and a
// fraction of it. A snapped point inside a chain joins the search at the
// chain's two end junctions with the partial costs along the chain, and
// points on the same chain are joined along it directly, so every cost is
// the one the full graph gives (up to the float32 rounding of one arc per
// chain instead of one per edge, see the package documentation).
//
// On real OSM extracts 10–23 % of the vertices lie inside chains (ways
// meeting end to end); the grid graphs of the benchmarks have almost none.
//
// Chains are not collapsed yet by default (Graph.chains is false): a chain
// arc carries one float32 rounding of its summed weights where the full
// graph adds one per edge, which moved 6 of 250,604 costs of a 1M-node
// synthetic run by 0.1 m once rounded to decimetres. Results must stay
// identical, so collapsing waits for arcs that add the per-edge float32
// weights in the full graph's order.

// noJunction marks a vertex without any routable edge in Graph.jid.
const noJunction = math.MinInt32

// compress (re)builds everything searches use from the validated edge
// arrays and the labels: the junctions and their Hilbert numbering, the
// chains, the CSR adjacencies and the search labels. Unless g.chains,
// every vertex with a routable edge is a junction and every edge a chain
// of its own: the full graph. O(V + E).
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
	g.fwd = g.buildCSR(false)
	g.rev = g.buildCSR(true)
	g.slabels = g.innerLabels()
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

// chainCost sums the length and time of cEdge[lo:hi], in chain order.
func (g *Graph) chainCost(lo, hi int32) (l, t float64) {
	for i := lo; i < hi; i++ {
		e, _ := g.edgeAt(i)
		l += g.eLen[e]
		t += g.eTime[e]
	}
	return l, t
}

// place is a snapped point located on its chain.
type place struct {
	chain int32
	at    int32 // index of the snap's edge in cEdge
	// to0 and to1 are the (length, time) from the point to the first and
	// the last vertex of its edge in chain order; end0 and end1 those to
	// the chain's first and last junctions.
	to0, to1   [2]float64
	end0, end1 [2]float64
	// at0 and at1: the point is exactly the edge's first or last vertex in
	// chain order.
	at0, at1 bool
}

// locate places snap sn (checked) on its chain. O(edges of the chain).
func (g *Graph) locate(sn Snap) place {
	i := g.eAt[sn.Edge]
	c := g.chainOf(i)
	_, rev := g.edgeAt(i)
	p := place{chain: c, at: i}
	f0, f1 := sn.Frac, 1-sn.Frac // fractions to From and to To
	if rev {
		f0, f1 = f1, f0
	}
	p.to0[0], p.to0[1] = g.partial(sn.Edge, f0, false)
	p.to1[0], p.to1[1] = g.partial(sn.Edge, f1, false)
	p.at0, p.at1 = f0 == 0, f1 == 0
	p.end0, p.end1 = p.to0, p.to1
	for k := i - 1; k >= g.cOff[c]; k-- {
		e, _ := g.edgeAt(k)
		p.end0[0] += g.eLen[e]
		p.end0[1] += g.eTime[e]
	}
	for k := i + 1; k < g.cOff[c+1]; k++ {
		e, _ := g.edgeAt(k)
		p.end1[0] += g.eLen[e]
		p.end1[1] += g.eTime[e]
	}
	return p
}

// joins returns the junctions (search numbers) of a placed point's chain
// that the point can travel to (arrive=false) or that can travel to it
// (arrive=true), with the (length, time) between. A point at a junction is
// that junction and connects both ways.
func (g *Graph) joins(p *place, arrive bool) (vs [2]int32, cs [2][2]float64, n int) {
	first, last, d := g.chainEnds(p.chain)
	fwd, bwd := d&dirForward != 0, d&dirBackward != 0
	if arrive {
		fwd, bwd = bwd, fwd
	}
	if fwd || (p.at1 && p.at == g.cOff[p.chain+1]-1) {
		vs[n], cs[n] = g.jid[last], p.end1
		n++
	}
	if bwd || (p.at0 && p.at == g.cOff[p.chain]) {
		vs[n], cs[n] = g.jid[first], p.end0
		n++
	}
	return vs, cs, n
}

// along returns the (length, time) travelled from x to y on their common
// chain without leaving it, and whether the directions allow it. Points on
// one edge are compared on that edge, as the full graph would.
// O(edges between them).
func (g *Graph) along(x, y *place, sx, sy Snap) ([2]float64, bool) {
	if x.at == y.at {
		f, ok := g.alongEdge(sx.Edge, sx.Frac, sy.Frac)
		if !ok {
			return [2]float64{}, false
		}
		l, t := g.partial(sx.Edge, f, false)
		return [2]float64{l, t}, true
	}
	_, _, d := g.chainEnds(x.chain)
	up := x.at < y.at // x comes first in chain order
	if up && x.at1 && y.at0 && y.at == x.at+1 || !up && y.at1 && x.at0 && x.at == y.at+1 {
		return [2]float64{}, true // the same vertex
	}
	lo, hi, c := x, y, x.to1
	if !up {
		lo, hi, c = y, x, x.to0
	}
	if up && d&dirForward == 0 || !up && d&dirBackward == 0 {
		return [2]float64{}, false
	}
	l, t := g.chainCost(lo.at+1, hi.at)
	c[0] += l
	c[1] += t
	last := y.to0
	if !up {
		last = y.to1
	}
	return [2]float64{c[0] + last[0], c[1] + last[1]}, true
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
