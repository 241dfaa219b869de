package search

import (
	"math"
	"slices"
	"sort"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/road/internal/hilbert"
)

// Direction bits of an edge, as road stores them.
const (
	DirForward  uint8 = 1 << 0
	DirBackward uint8 = 1 << 1
)

// Edges is what searches read of a road graph: its validated flat arrays,
// shared with it and never modified. Labels is nil or one per vertex.
type Edges struct {
	Pts            []orb.Point
	From, To       []int32
	LengthM, TimeS []float64
	Dir, Labels    []uint8
}

// Index is the compressed search graph of Edges (see the package
// documentation). Immutable once built.
type Index struct {
	Edges

	// Junctions are numbered along a Hilbert curve: jid[v] is vertex v's
	// junction number in the CSR adjacencies, in slabels and in workspaces
	// (or ^e of one of its edges when v lies inside a chain, NoJunction
	// without routable edge), jvert the inverse. Chain c is the edges
	// cEdge[cOff[c]:cOff[c+1]] in order (^e when travelled To→From); edge e
	// is cEdge[eAt[e]] (-1: not routable).
	jid, jvert []int32
	cOff       []int32
	cEdge      []int32
	cW         []w32 // float32 weights of cEdge's edges
	eAt        []int32
	fwd, rev   csr
	slabels    []uint8 // labels per junction
	// hier holds the contraction hierarchies by minimised weight (length,
	// time), nil until BuildHierarchy.
	hier [2]*hierarchy
}

// Junctions returns the number of junctions searches run on.
func (ix *Index) Junctions() int { return len(ix.jvert) }

// Sizes returns the numbers of junctions, chain offsets and arcs, for
// memory estimates.
func (ix *Index) Sizes() (junctions, chainOffsets, arcs int) {
	return len(ix.jvert), len(ix.cOff), len(ix.fwd.arcs) + len(ix.rev.arcs)
}

// arc is one directed CSR entry: a chain of edges (see the package doc) from
// the vertex the arc is listed at to head. A chain of one edge carries the
// edge's float32 weights, as the full graph would. A longer chain has a
// NaN lenM whose payload is its edge count n, and timeS holds the bits of
// the index in cW of its first weight to add (^index when walking down the
// chain): its weights are added one by one from the vertex the arc is
// listed at, as the full graph's search would add them (see the package
// documentation for the precision bound).
type arc struct {
	head  int32
	lenM  float32
	timeS float32
}

// chainArc returns the arc of a chain of n ≥ 2 edges whose first weight
// to add is cW[at], walking down the chain when down.
func chainArc(head, at, n int32, down bool) arc {
	if down {
		at = ^at
	}
	return arc{head: head, lenM: math.Float32frombits(0x7FC00000 | uint32(n)), timeS: math.Float32frombits(uint32(at))}
}

// chain decodes an arc made by chainArc: ok false for a one-edge arc.
func (a arc) chain() (at, n int32, ok bool) {
	if a.lenM == a.lenM {
		return 0, 0, false
	}
	at, n = int32(math.Float32bits(a.timeS)), int32(math.Float32bits(a.lenM)&maxChainEdges)
	if at < 0 {
		return ^at, -n, true
	}
	return at, n, true
}

// maxChainEdges bounds the edges of a chain (the NaN payload of its arc).
const maxChainEdges = 1<<22 - 1

// w32 is an edge's length (m) and time (s) as float32.
type w32 struct{ l, t float32 }

// csr is an adjacency in compressed sparse row form: the arcs of vertex v
// are arcs[off[v]:off[v+1]].
type csr struct {
	off  []int32
	arcs []arc
}

// innerLabels returns the labels per junction, nil without labels.
func (ix *Index) innerLabels() []uint8 {
	if ix.Labels == nil {
		return nil
	}
	out := make([]uint8, len(ix.jvert))
	for j, v := range ix.jvert {
		out[j] = ix.Labels[v]
	}
	return out
}

// buildCSR lays out every allowed traversal s→t of every chain between two
// distinct junctions, in chain order, at s (forward) or at t with head s
// (reverse), in junction numbers, its weights walked from the listed
// vertex. Counting sort, O(V+E).
func (ix *Index) buildCSR(reverse bool) csr {
	n := len(ix.jvert)
	off := make([]int32, n+1)
	each := func(f func(at, head int32, c int32)) {
		for c := range int32(ix.numChains()) {
			first, last, d := ix.chainEnds(c)
			a, b := ix.jid[first], ix.jid[last]
			if a == b {
				continue // a loop never shortens a route
			}
			if d&DirForward != 0 {
				if reverse {
					f(b, a, c)
				} else {
					f(a, b, c)
				}
			}
			if d&DirBackward != 0 {
				if reverse {
					f(a, b, c)
				} else {
					f(b, a, c)
				}
			}
		}
	}
	each(func(at, _, _ int32) { off[at+1]++ })
	for v := 0; v < n; v++ {
		off[v+1] += off[v]
	}
	arcs := make([]arc, off[n])
	next := slices.Clone(off[:n])
	each(func(at, head, c int32) {
		lo, hi := ix.cOff[c], ix.cOff[c+1]
		first, _, _ := ix.chainEnds(c)
		switch down := ix.jid[first] != at; {
		case hi-lo == 1:
			arcs[next[at]] = arc{head: head, lenM: ix.cW[lo].l, timeS: ix.cW[lo].t}
		case down: // from the chain's last junction
			arcs[next[at]] = chainArc(head, hi-1, hi-lo, true)
		default:
			arcs[next[at]] = chainArc(head, lo, hi-lo, false)
		}
		next[at]++
	})
	return csr{off: off, arcs: arcs}
}

// components labels weakly connected components over routable edges with
// union-find, then renumbers them by decreasing size (ties: smallest vertex

// NoJunction is JunctionOf a vertex without any routable edge.
const NoJunction = math.MinInt32

// Build returns the index of the validated edges e: the junctions and
// their Hilbert numbering, the chains, the CSR adjacencies and the search
// labels. Unless collapse, every vertex with a routable edge is a junction
// and every edge a chain of its own: the full graph, kept for tests.
// O(V + E + C log C).
func Build(e Edges, collapse bool) *Index {
	ix := &Index{Edges: e}
	n := len(ix.Pts)
	// Routable incidences per vertex, in edge order (a self-loop twice).
	iOff := make([]int32, n+1)
	for e, d := range ix.Dir {
		if d != 0 {
			iOff[ix.From[e]+1]++
			iOff[ix.To[e]+1]++
		}
	}
	for v := 0; v < n; v++ {
		iOff[v+1] += iOff[v]
	}
	inc := make([]int32, iOff[n])
	next := slices.Clone(iOff[:n])
	for e, d := range ix.Dir {
		if d != 0 {
			inc[next[ix.From[e]]] = int32(e)
			next[ix.From[e]]++
			inc[next[ix.To[e]]] = int32(e)
			next[ix.To[e]]++
		}
	}
	next = nil
	other := func(e, v int32) int32 {
		if ix.From[e] == v {
			return ix.To[e]
		}
		return ix.From[e]
	}
	// leaves reports whether edge e may be travelled away from its end v
	// (e is not a self-loop).
	leaves := func(e, v int32) bool {
		if ix.From[e] == v {
			return ix.Dir[e]&DirForward != 0
		}
		return ix.Dir[e]&DirBackward != 0
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
		if e1 == e2 || ix.From[e1] == ix.To[e1] || ix.From[e2] == ix.To[e2] {
			continue
		}
		a, b := other(e1, vv), other(e2, vv)
		// Through v from a to b uses e1 arriving and e2 leaving; the
		// other way round, e2 arriving and e1 leaving.
		if leaves(e1, a) != leaves(e2, vv) || leaves(e2, b) != leaves(e1, vv) {
			continue
		}
		if ix.Labels != nil && (ix.Labels[a] != ix.Labels[vv] || ix.Labels[b] != ix.Labels[vv]) {
			continue
		}
		junction[v] = false
	}

	// Chains, walked from every junction along each of its edges not yet
	// taken, junctions and edges in id order; then the rings left over.
	ix.cOff = append(make([]int32, 0, len(ix.Dir)/2+1), 0)
	ix.cEdge = make([]int32, 0, len(inc)/2)
	ix.eAt = make([]int32, len(ix.Dir))
	for e := range ix.eAt {
		ix.eAt[e] = -1
	}
	walk := func(u, e int32) {
		for {
			ix.eAt[e] = int32(len(ix.cEdge))
			if ix.From[e] == u {
				ix.cEdge = append(ix.cEdge, e)
			} else {
				ix.cEdge = append(ix.cEdge, ^e)
			}
			w := other(e, u)
			if junction[w] {
				break
			}
			if int32(len(ix.cEdge))-ix.cOff[len(ix.cOff)-1] == maxChainEdges {
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
		ix.cOff = append(ix.cOff, int32(len(ix.cEdge)))
	}
	for v := range n {
		if !junction[v] {
			continue
		}
		for _, e := range inc[iOff[v]:iOff[v+1]] {
			if ix.eAt[e] < 0 {
				walk(int32(v), e)
			}
		}
	}
	for e, d := range ix.Dir {
		if d != 0 && ix.eAt[e] < 0 {
			junction[ix.From[e]] = true
			walk(ix.From[e], int32(e))
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
		jpts[k] = ix.Pts[v]
	}
	inner, outer := hilbert.Order(jpts)
	ix.jvert = make([]int32, len(jverts))
	for k, i := range outer {
		ix.jvert[k] = jverts[i]
	}
	ix.jid = make([]int32, n)
	for v := range n {
		switch {
		case iOff[v] == iOff[v+1]:
			ix.jid[v] = NoJunction
		case !junction[v]:
			ix.jid[v] = ^inc[iOff[v]]
		}
	}
	for k, v := range jverts {
		ix.jid[v] = inner[k]
	}
	ix.orderChains()
	ix.fwd = ix.buildCSR(false)
	ix.rev = ix.buildCSR(true)
	ix.slabels = ix.innerLabels()
	return ix
}

// orderChains renumbers the chains by the junction number of their first
// vertex (stable), so that the weights a search reads follow the
// junctions' Hilbert order, and fills cW. O(E + C log C).
func (ix *Index) orderChains() {
	nc := ix.numChains()
	count := make([]int32, len(ix.jvert)+1)
	key := make([]int32, nc)
	for c := range int32(nc) {
		first, _, _ := ix.chainEnds(c)
		key[c] = ix.jid[first]
		count[key[c]+1] += ix.cOff[c+1] - ix.cOff[c]
	}
	for j := 1; j < len(count); j++ {
		count[j] += count[j-1]
	}
	cEdge := make([]int32, len(ix.cEdge))
	starts := make([]int32, nc)
	for c := range nc {
		lo, hi := ix.cOff[c], ix.cOff[c+1]
		starts[c] = count[key[c]]
		copy(cEdge[starts[c]:], ix.cEdge[lo:hi])
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
	ix.cOff = append(cOff, int32(len(cEdge)))
	ix.cEdge = cEdge
	ix.cW = make([]w32, len(cEdge))
	for i := range ix.cEdge {
		e, _ := ix.edgeAt(int32(i))
		ix.eAt[e] = int32(i)
		ix.cW[i] = w32{float32(ix.LengthM[e]), float32(ix.TimeS[e])}
	}
}

// numChains returns the number of chains.
func (ix *Index) numChains() int { return len(ix.cOff) - 1 }

// chainOf returns the chain holding position i of cEdge. O(log C).
func (ix *Index) chainOf(i int32) int32 {
	return int32(sort.Search(len(ix.cOff)-1, func(c int) bool { return ix.cOff[c+1] > i }))
}

// edgeAt decodes cEdge[i]: the edge and whether the chain runs To→From
// along it.
func (ix *Index) edgeAt(i int32) (e int32, reversed bool) {
	if x := ix.cEdge[i]; x < 0 {
		return ^x, true
	}
	return ix.cEdge[i], false
}

// cEdgeAt returns the edge at position i of cEdge.
func (ix *Index) cEdgeAt(i int32) int32 { e, _ := ix.edgeAt(i); return e }

// chainEnds returns the first and last vertex of chain c (API numbering)
// and its directions relative to first → last.
func (ix *Index) chainEnds(c int32) (first, last int32, dir uint8) {
	e, rev := ix.edgeAt(ix.cOff[c])
	first, dir = ix.From[e], ix.Dir[e]
	if rev {
		first, dir = ix.To[e], flip(dir)
	}
	e, rev = ix.edgeAt(ix.cOff[c+1] - 1)
	last = ix.To[e]
	if rev {
		last = ix.From[e]
	}
	return first, last, dir
}

func flip(d uint8) uint8 { return (d&DirForward)<<1 | (d&DirBackward)>>1 }

// JunctionOf returns vertex v's junction number, negative for a vertex
// inside a chain or without routable edge. For tests and measurements.
func (ix *Index) JunctionOf(v int32) int32 { return ix.jid[v] }

// NumChains returns the number of chains.
func (ix *Index) NumChains() int { return ix.numChains() }

// ChainOfEdge returns the routable edges of the chain holding routable
// edge e, in chain order, and the position of e among them. For tests.
func (ix *Index) ChainOfEdge(e int32) (edges []int32, at int) {
	i := ix.eAt[e]
	c := ix.chainOf(i)
	for k := ix.cOff[c]; k < ix.cOff[c+1]; k++ {
		edges = append(edges, ix.cEdgeAt(k))
	}
	return edges, int(i - ix.cOff[c])
}
