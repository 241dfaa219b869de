package road

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Validate checks the graph's internal invariants and returns the first
// violation wrapped in ErrInvalid: the input rules of Build; CSR offsets
// start at 0, never decrease and end at the arc count; arc heads are in
// range and weights finite and ≥ 0; the forward adjacency holds exactly one
// arc per allowed traversal of each edge with its weights; the reverse
// adjacency is the transpose of the forward one; every edge's ends share a
// component and component sizes add up. O((V + E) log E); meant for tests
// and for checking graphs read from untrusted files.
func (g *Graph) Validate() error {
	if err := g.checkInput(); err != nil {
		return err
	}
	bad := func(format string, args ...any) error {
		return fmt.Errorf("road: invariant: %s: %w", fmt.Sprintf(format, args...), ErrInvalid)
	}
	n := len(g.pts)
	if len(g.eTime) != len(g.eLen) {
		return bad("%d times for %d edges", len(g.eTime), len(g.eLen))
	}
	for e := range g.eTime {
		if want := g.eLen[e] * 3.6 / g.eSpeed[e]; g.eTime[e] != want {
			return bad("edge %d time %v s, want %v s", e, g.eTime[e], want)
		}
	}
	if err := g.checkChains(); err != nil {
		return bad("%v", err)
	}
	if !slices.Equal(g.slabels, g.innerLabels()) {
		return bad("search labels differ from the vertex labels")
	}
	if len(g.cW) != len(g.cEdge) {
		return bad("%d chain weights for %d chain edges", len(g.cW), len(g.cEdge))
	}
	for i, w := range g.cW {
		e, _ := g.edgeAt(int32(i))
		if w != (w32{float32(g.eLen[e]), float32(g.eTime[e])}) {
			return bad("chain weight %d is %v, edge %d has %v m, %v s", i, w, e, g.eLen[e], g.eTime[e])
		}
	}
	type tri struct{ at, head, l, t uint32 }
	flatten := func(name string, c csr) ([]tri, error) {
		nj := len(g.jvert)
		if len(c.off) != nj+1 || c.off[0] != 0 || int(c.off[nj]) != len(c.arcs) {
			return nil, bad("%s offsets do not span the %d arcs", name, len(c.arcs))
		}
		out := make([]tri, 0, len(c.arcs))
		for v := 0; v < nj; v++ {
			if c.off[v+1] < c.off[v] {
				return nil, bad("%s offsets decrease at vertex %d", name, v)
			}
			for _, a := range c.arcs[c.off[v]:c.off[v+1]] {
				if a.head < 0 || int(a.head) >= nj {
					return nil, bad("%s arc %d→%d out of range", name, v, a.head)
				}
				out = append(out, tri{uint32(g.jvert[v]), uint32(g.jvert[a.head]), math.Float32bits(a.lenM), math.Float32bits(a.timeS)})
			}
		}
		slices.SortFunc(out, func(a, b tri) int {
			return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.head, b.head), cmp.Compare(a.l, b.l), cmp.Compare(a.t, b.t))
		})
		return out, nil
	}
	// Expected arcs: one per direction of each chain between two distinct
	// junctions, its weights walked from the vertex it is listed at.
	var wantF, wantR []tri
	for c := range int32(g.numChains()) {
		first, last, d := g.chainEnds(c)
		if first == last {
			continue
		}
		lo, hi := g.cOff[c], g.cOff[c+1]
		mk := func(a, b int32, x arc) tri {
			return tri{uint32(a), uint32(b), math.Float32bits(x.lenM), math.Float32bits(x.timeS)}
		}
		single := arc{lenM: float32(g.eLen[g.cEdgeAt(lo)]), timeS: float32(g.eTime[g.cEdgeAt(lo)])}
		up, down := mk(first, last, single), mk(last, first, single)
		if hi-lo > 1 {
			up, down = mk(first, last, chainArc(0, lo, hi-lo, false)), mk(last, first, chainArc(0, hi-1, hi-lo, true))
		}
		if d&dirForward != 0 { // first → last
			wantF, wantR = append(wantF, up), append(wantR, down)
		}
		if d&dirBackward != 0 {
			wantF, wantR = append(wantF, down), append(wantR, up)
		}
	}
	for _, a := range []struct {
		name string
		c    csr
		want []tri
	}{{"forward", g.fwd, wantF}, {"reverse", g.rev, wantR}} {
		got, err := flatten(a.name, a.c)
		if err != nil {
			return err
		}
		slices.SortFunc(a.want, func(x, y tri) int {
			return cmp.Or(cmp.Compare(x.at, y.at), cmp.Compare(x.head, y.head), cmp.Compare(x.l, y.l), cmp.Compare(x.t, y.t))
		})
		if !slices.Equal(got, a.want) {
			return bad("%s adjacency differs from the chains (%d arcs, want %d)", a.name, len(got), len(a.want))
		}
	}
	if len(g.comp) != n {
		return bad("%d component ids for %d vertices", len(g.comp), n)
	}
	sizes := make([]int, g.compCount)
	for v, c := range g.comp {
		if c < 0 || int(c) >= g.compCount {
			return bad("vertex %d component %d out of range", v, c)
		}
		sizes[c]++
	}
	for e, d := range g.eDir {
		if d != 0 && g.comp[g.eFrom[e]] != g.comp[g.eTo[e]] {
			return bad("edge %d joins components %d and %d", e, g.comp[g.eFrom[e]], g.comp[g.eTo[e]])
		}
	}
	for c := 1; c < len(sizes); c++ {
		if sizes[c] > sizes[c-1] || sizes[c] == 0 {
			return bad("component %d has %d vertices after %d", c, sizes[c], sizes[c-1])
		}
	}
	if len(sizes) > 0 && sizes[0] != g.compLargest {
		return bad("largest component has %d vertices, recorded %d", sizes[0], g.compLargest)
	}
	return nil
}

// checkChains checks the junction numbering and the chains: every routable
// edge in exactly one chain, consecutive edges joined at a vertex inside
// the chain (two routable edges, same directions, same label as both
// neighbours), chain ends at junctions. O(V + E).
func (g *Graph) checkChains() error {
	n := len(g.pts)
	if len(g.jid) != n || len(g.eAt) != len(g.eDir) {
		return fmt.Errorf("numbering has %d entries for %d vertices, %d for %d edges", len(g.jid), n, len(g.eAt), len(g.eDir))
	}
	deg := make([]int32, n)
	for e, d := range g.eDir {
		if d != 0 {
			deg[g.eFrom[e]]++
			deg[g.eTo[e]]++
		}
	}
	junctions := 0
	for v, j := range g.jid {
		switch {
		case j == noJunction:
			if deg[v] != 0 {
				return fmt.Errorf("vertex %d has routable edges but is marked without", v)
			}
		case j >= 0:
			if int(j) >= len(g.jvert) || g.jvert[j] != int32(v) {
				return fmt.Errorf("junction numbering is not a permutation at vertex %d", v)
			}
			junctions++
		default:
			if e := ^j; int(e) >= len(g.eDir) || g.eDir[e] == 0 || (g.eFrom[e] != int32(v) && g.eTo[e] != int32(v)) || deg[v] != 2 {
				return fmt.Errorf("chain vertex %d: edge %d is not one of its two routable edges", v, e)
			}
		}
	}
	if junctions != len(g.jvert) {
		return fmt.Errorf("%d junctions numbered, %d listed", junctions, len(g.jvert))
	}
	if len(g.cOff) == 0 || g.cOff[0] != 0 || int(g.cOff[len(g.cOff)-1]) != len(g.cEdge) {
		return fmt.Errorf("chain offsets do not span the %d chain edges", len(g.cEdge))
	}
	routable := 0
	for e, d := range g.eDir {
		if d == 0 {
			if g.eAt[e] != -1 {
				return fmt.Errorf("edge %d is not routable but in a chain", e)
			}
			continue
		}
		routable++
		if i := g.eAt[e]; i < 0 || int(i) >= len(g.cEdge) {
			return fmt.Errorf("edge %d is in no chain", e)
		} else if f, _ := g.edgeAt(i); f != int32(e) {
			return fmt.Errorf("edge %d is listed as edge %d", e, f)
		}
	}
	if routable != len(g.cEdge) {
		return fmt.Errorf("%d chain edges for %d routable edges", len(g.cEdge), routable)
	}
	for c := 0; c+1 < len(g.cOff); c++ {
		lo, hi := g.cOff[c], g.cOff[c+1]
		if hi <= lo {
			return fmt.Errorf("chain %d is empty", c)
		}
		var prev int32
		var pdir uint8
		for i := lo; i < hi; i++ {
			e, rev := g.edgeAt(i)
			a, b, d := g.eFrom[e], g.eTo[e], g.eDir[e]
			if rev {
				a, b, d = b, a, flip(d)
			}
			if i == lo {
				if g.jid[a] < 0 {
					return fmt.Errorf("chain %d starts at vertex %d, not a junction", c, a)
				}
			} else {
				if a != prev || g.jid[a] >= 0 || d != pdir {
					return fmt.Errorf("chain %d breaks at edge %d", c, e)
				}
				if g.labels != nil {
					// a's neighbours in the chain: the ends of its two edges.
					p, _ := g.edgeAt(i - 1)
					if g.labels[g.eFrom[p]] != g.labels[g.eTo[p]] || g.labels[a] != g.labels[b] {
						return fmt.Errorf("chain %d crosses a label change at vertex %d", c, a)
					}
				}
			}
			prev, pdir = b, d
		}
		if g.jid[prev] < 0 {
			return fmt.Errorf("chain %d ends at vertex %d, not a junction", c, prev)
		}
	}
	return nil
}
