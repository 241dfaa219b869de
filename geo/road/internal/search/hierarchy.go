package search

import (
	"fmt"
	"math"
	"slices"

	"github.com/partons/partons/geo/road/internal/ch"
)

// hierarchy is a contraction hierarchy of the junction graph for one
// minimised weight (geo/road/internal/ch) over junction numbers, its
// arcs' weights in search order (minimised, secondary).
type hierarchy struct {
	*ch.Hierarchy
}

// witnessSettled bounds the witness searches of the contraction: 500
// built the synthetic national network's hierarchies (benchmarks/synth,
// 1M OSM nodes) faster and with fewer shortcuts than 100.
const witnessSettled = 500

// RoundingBound returns the relative bound of the hierarchy's rounding on
// this index: 2γ/(1−γ), γ = n·2⁻⁵³/(1−n·2⁻⁵³) for n additions along a
// route, with n = 2·(routable edges) + 4, more than any route without a
// repeated edge adds (see the package documentation).
func (ix *Index) RoundingBound() float64 {
	g := ix.gamma()
	return 2 * g / (1 - g)
}

func (ix *Index) gamma() float64 {
	nu := float64(2*len(ix.cW)+4) * 0x1p-53
	return nu / (1 - nu)
}

// BuildHierarchy contracts the junction graph for one minimised weight
// (time when byTime, else length) and keeps the hierarchy: searches by
// that weight without closed borders then run as PHAST sweeps. The
// contraction stops and leaves a core as ch.Config.CoreDegree and
// CoreSize say (zeros contract every junction). Each arc's
// weights are summed in float64 from 0, chains edge by edge. A witness
// removes a shortcut only when it is shorter by more than 4γ relatively
// (γ of RoundingBound): after the worst rounding of both sums it is then
// strictly shorter in exact arithmetic. Not safe to call concurrently with
// searches.
func (ix *Index) BuildHierarchy(byTime bool, coreDegree float64, coreSize int) error {
	var arcs []ch.Arc
	c := &ix.fwd
	for v := range int32(len(ix.jvert)) {
		for _, a := range c.arcs[c.off[v]:c.off[v+1]] {
			var d1, d2 float64
			if at, n, ok := a.chain(); ok {
				d1, d2 = addWeights(ix.cW, at, n, byTime, 0, 0)
			} else if byTime {
				d1, d2 = float64(a.timeS), float64(a.lenM)
			} else {
				d1, d2 = float64(a.lenM), float64(a.timeS)
			}
			arcs = append(arcs, ch.Arc{Tail: v, Head: a.head, W1: d1, W2: d2})
		}
	}
	h, err := ch.Build(len(ix.jvert), arcs, ch.Config{Margin: 4 * ix.gamma(), WitnessSettled: witnessSettled, CoreDegree: coreDegree, CoreSize: coreSize})
	if err != nil {
		return err
	}
	ix.hier[b2i(byTime)] = &hierarchy{h}
	return nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// HierarchySizes returns the arcs and shortcuts of the hierarchy for a
// weight, each counted once, the entries its lists hold (the core's arcs
// are listed at both ends), and whether there is one.
func (ix *Index) HierarchySizes(byTime bool) (arcs, shortcuts, entries int, ok bool) {
	h := ix.hier[b2i(byTime)]
	if h == nil {
		return 0, 0, 0, false
	}
	return h.Arcs(), h.Shortcuts, len(h.Out) + len(h.In), true
}

// phast runs the search of ws (set up by Nearest) on hierarchy h as
// PHAST (ch.Sweep.Run): the seeds' junctions are offered, then an upward
// search, the core's Dijkstra and one downward sweep label every
// position. Reverse searches go up In arcs and sweep down Out arcs;
// Origins searches the other way round. O(V + arcs of the hierarchy)
// plus the core's Dijkstra.
func (ix *Index) phast(ws *Workspace, h *hierarchy) {
	ws.h = h
	ws.sweep.Start(h.Hierarchy)
	byTime := ws.s.ByTime
	for i, sn := range ws.seeds {
		l1, l2 := ws.leg(sn)
		vs, cs, k := ix.seedJoins(&ws.places[i], ws.s.Origins, byTime, [2]float64{l1, l2})
		for m := 0; m < k; m++ {
			if d1 := cs[m][0]; d1 <= ws.cutoff {
				ws.sweep.Offer(h.Pos[vs[m]], d1, cs[m][1], int32(i))
			}
		}
	}
	ws.sweep.Run(ws.s.Origins, ws.cutoff)
}

// junctionLabel returns the final label of junction j in the last
// search, false when it was not reached within the cutoff.
func (ws *Workspace) junctionLabel(j int32) (d1, d2 float64, seed int32, ok bool) {
	if h := ws.h; h != nil {
		l := ws.sweep.Label(h.Pos[j])
		return l.D1, l.D2, l.Seed, l.Seed >= 0 && l.D1 <= ws.cutoff
	}
	st := &ws.st[j]
	if ws.flags(st.stamp)&stSettled == 0 {
		return 0, 0, 0, false
	}
	return st.d1, st.d2, st.seed, true
}

// CheckHierarchies checks the structure of the index's hierarchies (see
// ch.Hierarchy.Check) and that they cover its junctions.
func (ix *Index) CheckHierarchies() error {
	for _, h := range ix.hier {
		if h == nil {
			continue
		}
		if len(h.Vert) != len(ix.jvert) {
			return fmt.Errorf("hierarchy of %d vertices for %d junctions", len(h.Vert), len(ix.jvert))
		}
		if err := h.Check(); err != nil {
			return err
		}
	}
	return nil
}

// UsedHierarchy reports whether the last search ran on a hierarchy.
func (ws *Workspace) UsedHierarchy() bool { return ws.h != nil }

// Hierarchy returns the hierarchy for a weight (time when byTime, else
// length), nil without one. It is shared: the caller must not change it.
func (ix *Index) Hierarchy(byTime bool) *ch.Hierarchy {
	if h := ix.hier[b2i(byTime)]; h != nil {
		return h.Hierarchy
	}
	return nil
}

// SetHierarchy installs h, a hierarchy built earlier by BuildHierarchy on
// an index of the same edges and labels (hence the same junction numbers),
// for a weight, after checking its structure (ch.Hierarchy.Check), that it
// covers the index's junctions and that its shortcut count is within its
// arcs. The index keeps h. Not safe to call concurrently with searches.
func (ix *Index) SetHierarchy(byTime bool, h *ch.Hierarchy) error {
	if len(h.Vert) != len(ix.jvert) {
		return fmt.Errorf("hierarchy of %d vertices for %d junctions", len(h.Vert), len(ix.jvert))
	}
	if err := h.Check(); err != nil {
		return err
	}
	if h.Shortcuts < 0 || h.Shortcuts > len(h.Out)+len(h.In) {
		return fmt.Errorf("hierarchy of %d arcs claims %d shortcuts", len(h.Out)+len(h.In), h.Shortcuts)
	}
	ix.hier[b2i(byTime)] = &hierarchy{h}
	return nil
}

// SameJunctionGraph reports whether ix and o have the same junctions,
// numbered alike, and the same arcs between them with the same weights:
// then a hierarchy of one is a hierarchy of the other. O(V + E).
func (ix *Index) SameJunctionGraph(o *Index) bool {
	sameArcs := func(a, b csr) bool {
		return slices.Equal(a.off, b.off) && slices.EqualFunc(a.arcs, b.arcs, func(x, y arc) bool {
			return x.head == y.head && math.Float32bits(x.lenM) == math.Float32bits(y.lenM) &&
				math.Float32bits(x.timeS) == math.Float32bits(y.timeS)
		})
	}
	return slices.Equal(ix.jvert, o.jvert) && slices.Equal(ix.cOff, o.cOff) && slices.Equal(ix.cEdge, o.cEdge) &&
		slices.Equal(ix.cW, o.cW) && sameArcs(ix.fwd, o.fwd) && sameArcs(ix.rev, o.rev)
}

// DropHierarchy drops the hierarchy for a weight: its searches run
// Dijkstra again. Not safe to call concurrently with searches.
func (ix *Index) DropHierarchy(byTime bool) { ix.hier[b2i(byTime)] = nil }
