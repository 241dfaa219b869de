package search

import (
	"math"
	"slices"

	"github.com/partons/partons/geo/road/internal/ch"
)

// Point is a snapped point: a fraction of a routable edge, and the
// distance in metres from the point it stands for (a road.Snap).
type Point struct {
	Edge  int32
	Frac  float64
	DistM float64
}

// Query configures one search: road.Search with its weight as ByTime.
type Query struct {
	ByTime        bool
	Cutoff        float64
	Origins       bool
	ClosedBorders bool
	LegSpeedKmh   float64
	// Exact keeps the Dijkstra search when the index has a hierarchy.
	Exact bool
}

// Result is road.Result: the outcome of a search for one target.
type Result struct {
	Seed    int32
	LengthM float64
	TimeS   float64
	Reached bool
}

// NewWorkspace returns a workspace for searches on ix. O(V) memory.
func NewWorkspace(ix *Index) *Workspace {
	return &Workspace{ix: ix, st: make([]vstate, len(ix.jvert))}
}

// vstate is a vertex's search state. Its stamp is unseen unless
// stamp-epoch < epochStep; the difference then holds the flags below.
type vstate struct {
	d1, d2 float64 // minimised and secondary quantity
	seed   int32
	stamp  uint32
}

// Flags of a current stamp. The target flag lives in the stamp rather than
// in an array of its own, which would cost a cache miss per settled vertex.
const (
	stLabelled uint32 = 1 << iota // d1, d2, seed hold a label (in the heap)
	stSettled                     // the label is final
	stTarget                      // a target waits for this vertex to settle
	epochStep  uint32 = 1 << iota
)

// flags returns the flags of stamp in the current search, 0 if unseen.
func (ws *Workspace) flags(stamp uint32) uint32 {
	if r := stamp - ws.epoch; r < epochStep {
		return r
	}
	return 0
}

// hitem is a heap entry; it carries its whole label so that ordering never
// reads the vertex state. The heap uses lazy deletion: a vertex whose label
// improves is pushed again and its stale entries are skipped when popped,
// which avoids maintaining heap positions in the (cache-unfriendly) vertex
// state.
type hitem struct {
	d1, d2  float64
	seed, v int32
}

// less orders labels lexicographically on (d1, d2, seed).
func less(a1, a2 float64, as int32, b1, b2 float64, bs int32) bool {
	if a1 != b1 {
		return a1 < b1
	}
	if a2 != b2 {
		return a2 < b2
	}
	return as < bs
}

// Workspace holds the state and result of one search. It is reused across
// searches without clearing (epoch stamps), costs 24 bytes per vertex plus
// the heap (24 bytes per pending label, at most one per arc, held in
// buckets that keep their capacity across searches), and must not
// be used by two goroutines at once. Vertices are in internal numbering.
type Workspace struct {
	ix     *Index
	st     []vstate
	heap   radixHeap
	epoch  uint32 // multiple of epochStep
	s      Query
	cutoff float64
	seeds  []Point
	places []place // of the seeds
	byEdge []int32 // seed indices sorted by chain, then index in it
	valid  bool

	// PHAST state (hierarchy.go): h is the hierarchy the last search ran
	// on, nil for Dijkstra; sweep its labels in position order.
	h     *hierarchy
	sweep ch.Sweep

	// remaining counts the stTarget vertices not yet settled (searches with
	// targets stop when it reaches 0); -1 without targets.
	remaining int
}

// Invalidate forgets the last search: Cost and VertexCost report false
// until the next.
func (ws *Workspace) Invalidate() { ws.valid = false }

// checkSnap reports whether sn lies on a routable edge.
func (ix *Index) checkSnap(sn Point) bool {
	return sn.Edge >= 0 && int(sn.Edge) < len(ix.Dir) && ix.Dir[sn.Edge] != 0 && sn.Frac >= 0 && sn.Frac <= 1
}

// partial returns (minimised, secondary) costs of fraction f of edge e,
// never -0 (a Frac of -0 is 0): the radix heap keys costs on their bits.
func (ix *Index) partial(e int32, f float64, byTime bool) (float64, float64) {
	if f == 0 {
		return 0, 0
	}
	l, t := f*ix.LengthM[e], f*ix.TimeS[e]
	if byTime {
		return t, l
	}
	return l, t
}

// Nearest runs one multi-source search from seeds, checked by the caller
// (road.Graph.Nearest documents it), and keeps its result in ws. With
// targets, it stops once the ends of their edges are settled.
func (ix *Index) Nearest(ws *Workspace, seeds []Point, s Query, targets []Point) {
	ws.ix, ws.valid, ws.h = ix, false, nil
	if len(ws.st) != len(ix.jvert) { // the labels changed the junctions
		ws.st, ws.epoch = make([]vstate, len(ix.jvert)), 0
	}
	if ws.epoch >= math.MaxUint32-2*epochStep {
		clear(ws.st)
		ws.epoch = 0
	}
	ws.epoch += epochStep
	ws.s = s
	ws.cutoff = s.Cutoff
	if !(ws.cutoff > 0) {
		ws.cutoff = math.Inf(1)
	}
	ws.seeds = append(ws.seeds[:0], seeds...)
	ws.places = ws.places[:0]
	ws.byEdge = ws.byEdge[:0]
	for i, sn := range seeds {
		ws.places = append(ws.places, ix.locate(sn))
		ws.byEdge = append(ws.byEdge, int32(i))
	}
	slices.SortFunc(ws.byEdge, func(a, b int32) int {
		if ea, eb := ws.places[a].at, ws.places[b].at; ea != eb {
			return int(ea - eb)
		}
		return int(a - b)
	})
	if h := ix.hier[b2i(s.ByTime)]; h != nil && !s.ClosedBorders && !s.Exact {
		ix.phast(ws, h) // computes every label: targets do not shorten it
		ws.valid = true
		return
	}
	ws.heap.reset()

	byTime := s.ByTime
	for i, sn := range seeds {
		l1, l2 := ws.leg(sn)
		vs, cs, n := ix.seedJoins(&ws.places[i], s.Origins, byTime, [2]float64{l1, l2})
		for k := 0; k < n; k++ {
			d1, d2 := cs[k][0], cs[k][1]
			if d1 <= ws.cutoff {
				ws.offer(vs[k], d1, d2, int32(i))
			}
		}
	}

	ws.remaining = -1 // no targets: settle everything reachable
	if targets != nil {
		ws.remaining = 0
		for _, t := range targets {
			if !ix.checkSnap(t) {
				continue
			}
			first, last, _ := ix.chainEnds(ix.chainOf(ix.eAt[t.Edge]))
			for _, v := range [2]int32{ix.jid[first], ix.jid[last]} {
				st := &ws.st[v]
				if f := ws.flags(st.stamp); f&stTarget == 0 {
					st.stamp = ws.epoch | f | stTarget
					ws.remaining++
				}
			}
		}
		if ws.remaining == 0 {
			ws.remaining = -1
		}
	}
	c := &ix.rev
	if s.Origins {
		c = &ix.fwd
	}
	off, arcs, cw, labels, closed, cutoff := c.off, c.arcs, ix.cW, ix.slabels, s.ClosedBorders, ws.cutoff
	for ws.heap.n > 0 {
		it := ws.heap.pop()
		st := &ws.st[it.v]
		f := st.stamp - ws.epoch // flags: the vertex is labelled, so current
		if f&stSettled != 0 {
			continue // stale entry
		}
		st.stamp |= stSettled
		if f&stTarget != 0 && ws.remaining > 0 {
			if ws.remaining--; ws.remaining == 0 {
				break // every target's end vertices are final
			}
		}
		var lu uint8
		if closed {
			lu = labels[it.v]
		}
		for _, a := range arcs[off[it.v]:off[it.v+1]] {
			if lu != 0 {
				if lv := labels[a.head]; lv != 0 && lv != lu {
					continue
				}
			}
			var d1, d2 float64
			if at, n, ok := a.chain(); ok {
				d1, d2 = addWeights(cw, at, n, byTime, it.d1, it.d2)
			} else if byTime {
				d1, d2 = it.d1+float64(a.timeS), it.d2+float64(a.lenM)
			} else {
				d1, d2 = it.d1+float64(a.lenM), it.d2+float64(a.timeS)
			}
			if d1 > cutoff {
				continue
			}
			ws.offer(a.head, d1, d2, it.seed)
		}
	}
	ws.valid = true
}

// addWeights adds to (d1, d2) the n weights cw[at], cw[at±1], … (n < 0:
// walking down), one by one, as float64: (length, time), or (time,
// length) when byTime. Costs only grow, so a cutoff need only be checked
// at the end.
func addWeights(cw []w32, at, n int32, byTime bool, d1, d2 float64) (float64, float64) {
	if n == 1 || n == -1 {
		w := cw[at]
		if byTime {
			return d1 + float64(w.t), d2 + float64(w.l)
		}
		return d1 + float64(w.l), d2 + float64(w.t)
	}
	step := int32(1)
	if n < 0 {
		step, n = -1, -n
	}
	for ; n > 0; n-- {
		w := cw[at]
		if byTime {
			d1, d2 = d1+float64(w.t), d2+float64(w.l)
		} else {
			d1, d2 = d1+float64(w.l), d2+float64(w.t)
		}
		at += step
	}
	return d1, d2
}

// result converts internal costs to a Result.
func (ws *Workspace) result(d1, d2 float64, seed int32) Result {
	if ws.s.ByTime {
		d1, d2 = d2, d1
	}
	return Result{Seed: seed, LengthM: d1, TimeS: d2, Reached: true}
}

// VertexCost returns the result of the last search at vertex v (with the
// seed's leg when legs count); false if v was not reached within the
// cutoff, no search ran, or v is out of range.
func (ws *Workspace) VertexCost(v int32) (Result, bool) {
	if !ws.valid || v < 0 || int(v) >= len(ws.ix.jid) {
		return Result{}, false
	}
	switch j := ws.ix.jid[v]; {
	case j == NoJunction:
		return Result{}, false
	case j < 0: // inside a chain
		ix := ws.ix
		i := ix.eAt[^j]
		m := i + 1
		if e, rev := ix.edgeAt(i); (ix.From[e] == v) != rev {
			m = i // v is the edge's first vertex in chain order
		}
		d1, d2, s, ok := ws.chainLabel(ix.chainOf(i), m)
		if !ok {
			return Result{}, false
		}
		return ws.result(d1, d2, s), true
	}
	d1, d2, seed, ok := ws.junctionLabel(ws.ix.jid[v])
	if !ok {
		return Result{}, false
	}
	return ws.result(d1, d2, seed), true
}

// Cost returns for a snapped target the cheapest trip between it and its
// nearest seed of the last search: target → seed by default, seed →
// target with Search.Origins. It considers leaving (or reaching) the
// target's edge at either end as its directions allow, and seeds on the
// same edge reached without leaving it. Costs beyond the cutoff, targets
// off a routable edge, and calls before a successful search report false.
// O(2 + seeds on the target's edge); safe to call concurrently once the
// search has returned.
func (ws *Workspace) Cost(target Point) (Result, bool) {
	ix := ws.ix
	if !ws.valid || !ix.checkSnap(target) || (ws.s.LegSpeedKmh > 0 && !validLeg(target.DistM)) {
		return Result{}, false
	}
	byTime := ws.s.ByTime
	b1, b2, bs := math.Inf(1), math.Inf(1), int32(-1)
	pt := ix.locate(target)
	// The full graph's labels at the ends of the target's edge, then the
	// partial edge; as there, a point at a vertex uses it both ways.
	up, down := ix.propagation(pt.chain, ws.s.Origins)
	for k, use := range [2]bool{up || pt.at0, down || pt.at1} {
		if !use {
			continue
		}
		m, part := pt.at, pt.to0
		if k == 1 {
			m, part = pt.at+1, pt.to1
		}
		d1, d2, s, ok := ws.chainLabel(pt.chain, m)
		if !ok {
			continue
		}
		if byTime {
			d1, d2 = d1+part[1], d2+part[0]
		} else {
			d1, d2 = d1+part[0], d2+part[1]
		}
		if less(d1, d2, s, b1, b2, bs) {
			b1, b2, bs = d1, d2, s
		}
	}
	// Seeds on the same edge, reached without leaving it.
	e := target.Edge
	i, _ := slices.BinarySearchFunc(ws.byEdge, pt.at, func(s int32, at int32) int { return int(ws.places[s].at - at) })
	for ; i < len(ws.byEdge) && ws.places[ws.byEdge[i]].at == pt.at; i++ {
		si := ws.byEdge[i]
		fx, fy := target.Frac, ws.seeds[si].Frac
		if ws.s.Origins {
			fx, fy = fy, fx
		}
		f, ok := ix.alongEdge(e, fx, fy)
		if !ok {
			continue
		}
		p1, p2 := ix.partial(e, f, byTime)
		l1, l2 := ws.leg(ws.seeds[si])
		if p1, p2 = p1+l1, p2+l2; less(p1, p2, si, b1, b2, bs) {
			b1, b2, bs = p1, p2, si
		}
	}
	if bs >= 0 { // the target's own leg is the same whatever the seed
		l1, l2 := ws.leg(target)
		b1, b2 = b1+l1, b2+l2
	}
	if bs < 0 || b1 > ws.cutoff {
		return Result{}, false
	}
	return ws.result(b1, b2, bs), true
}

// leg returns the (minimised, secondary) costs of the straight leg between
// a point and its snap, 0 unless Search.LegSpeedKmh is set.
func (ws *Workspace) leg(sn Point) (float64, float64) {
	if ws.s.LegSpeedKmh <= 0 || sn.DistM == 0 {
		return 0, 0
	}
	l, t := sn.DistM, sn.DistM/(ws.s.LegSpeedKmh/3.6)
	if ws.s.ByTime {
		return t, l
	}
	return l, t
}

// validLeg reports whether a snap distance can be counted as a leg.
func validLeg(d float64) bool { return d >= 0 && !math.IsInf(d, 0) }

// offer proposes label (d1, d2, seed) for vertex v.
func (ws *Workspace) offer(v int32, d1, d2 float64, seed int32) {
	st := &ws.st[v]
	f := ws.flags(st.stamp)
	if f&stSettled != 0 {
		return
	}
	if f&stLabelled != 0 && !less(d1, d2, seed, st.d1, st.d2, st.seed) {
		return
	}
	*st = vstate{d1: d1, d2: d2, seed: seed, stamp: ws.epoch | f | stLabelled}
	ws.heap.push(hitem{d1: d1, d2: d2, seed: seed, v: v})
}

func hless(a, b *hitem) bool { return less(a.d1, a.d2, a.seed, b.d1, b.d2, b.seed) }
