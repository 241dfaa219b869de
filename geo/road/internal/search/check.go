package search

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// Check checks the index against its edges and returns the first
// violation: the junction numbering and the chains (see checkChains), the
// search labels, the chain weights, and both CSR adjacencies, each of
// which must hold exactly one arc per allowed traversal of each chain
// between two distinct junctions, its weights walked from the vertex it is
// listed at. O((V + E) log E).
func (ix *Index) Check() error {
	bad := func(format string, args ...any) error { return fmt.Errorf(format, args...) }
	if err := ix.checkChains(); err != nil {
		return err
	}
	if !slices.Equal(ix.slabels, ix.innerLabels()) {
		return bad("search labels differ from the vertex labels")
	}
	if len(ix.cW) != len(ix.cEdge) {
		return bad("%d chain weights for %d chain edges", len(ix.cW), len(ix.cEdge))
	}
	for i, w := range ix.cW {
		e, _ := ix.edgeAt(int32(i))
		if w != (w32{float32(ix.LengthM[e]), float32(ix.TimeS[e])}) {
			return bad("chain weight %d is %v, edge %d has %v m, %v s", i, w, e, ix.LengthM[e], ix.TimeS[e])
		}
	}
	type tri struct{ at, head, l, t uint32 }
	flatten := func(name string, c csr) ([]tri, error) {
		nj := len(ix.jvert)
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
				out = append(out, tri{uint32(ix.jvert[v]), uint32(ix.jvert[a.head]), math.Float32bits(a.lenM), math.Float32bits(a.timeS)})
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
	for c := range int32(ix.numChains()) {
		first, last, d := ix.chainEnds(c)
		if first == last {
			continue
		}
		lo, hi := ix.cOff[c], ix.cOff[c+1]
		mk := func(a, b int32, x arc) tri {
			return tri{uint32(a), uint32(b), math.Float32bits(x.lenM), math.Float32bits(x.timeS)}
		}
		single := arc{lenM: float32(ix.LengthM[ix.cEdgeAt(lo)]), timeS: float32(ix.TimeS[ix.cEdgeAt(lo)])}
		up, down := mk(first, last, single), mk(last, first, single)
		if hi-lo > 1 {
			up, down = mk(first, last, chainArc(0, lo, hi-lo, false)), mk(last, first, chainArc(0, hi-1, hi-lo, true))
		}
		if d&DirForward != 0 { // first → last
			wantF, wantR = append(wantF, up), append(wantR, down)
		}
		if d&DirBackward != 0 {
			wantF, wantR = append(wantF, down), append(wantR, up)
		}
	}
	for _, a := range []struct {
		name string
		c    csr
		want []tri
	}{{"forward", ix.fwd, wantF}, {"reverse", ix.rev, wantR}} {
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
	return nil
}

// checkChains checks the junction numbering and the chains: every routable
// edge in exactly one chain, consecutive edges joined at a vertex inside
// the chain (two routable edges, same directions, same label as both
// neighbours), chain ends at junctions. O(V + E).
func (ix *Index) checkChains() error {
	n := len(ix.Pts)
	if len(ix.jid) != n || len(ix.eAt) != len(ix.Dir) {
		return fmt.Errorf("numbering has %d entries for %d vertices, %d for %d edges", len(ix.jid), n, len(ix.eAt), len(ix.Dir))
	}
	deg := make([]int32, n)
	for e, d := range ix.Dir {
		if d != 0 {
			deg[ix.From[e]]++
			deg[ix.To[e]]++
		}
	}
	junctions := 0
	for v, j := range ix.jid {
		switch {
		case j == NoJunction:
			if deg[v] != 0 {
				return fmt.Errorf("vertex %d has routable edges but is marked without", v)
			}
		case j >= 0:
			if int(j) >= len(ix.jvert) || ix.jvert[j] != int32(v) {
				return fmt.Errorf("junction numbering is not a permutation at vertex %d", v)
			}
			junctions++
		default:
			if e := ^j; int(e) >= len(ix.Dir) || ix.Dir[e] == 0 || (ix.From[e] != int32(v) && ix.To[e] != int32(v)) || deg[v] != 2 {
				return fmt.Errorf("chain vertex %d: edge %d is not one of its two routable edges", v, e)
			}
		}
	}
	if junctions != len(ix.jvert) {
		return fmt.Errorf("%d junctions numbered, %d listed", junctions, len(ix.jvert))
	}
	if len(ix.cOff) == 0 || ix.cOff[0] != 0 || int(ix.cOff[len(ix.cOff)-1]) != len(ix.cEdge) {
		return fmt.Errorf("chain offsets do not span the %d chain edges", len(ix.cEdge))
	}
	routable := 0
	for e, d := range ix.Dir {
		if d == 0 {
			if ix.eAt[e] != -1 {
				return fmt.Errorf("edge %d is not routable but in a chain", e)
			}
			continue
		}
		routable++
		if i := ix.eAt[e]; i < 0 || int(i) >= len(ix.cEdge) {
			return fmt.Errorf("edge %d is in no chain", e)
		} else if f, _ := ix.edgeAt(i); f != int32(e) {
			return fmt.Errorf("edge %d is listed as edge %d", e, f)
		}
	}
	if routable != len(ix.cEdge) {
		return fmt.Errorf("%d chain edges for %d routable edges", len(ix.cEdge), routable)
	}
	for c := 0; c+1 < len(ix.cOff); c++ {
		lo, hi := ix.cOff[c], ix.cOff[c+1]
		if hi <= lo {
			return fmt.Errorf("chain %d is empty", c)
		}
		var prev int32
		var pdir uint8
		for i := lo; i < hi; i++ {
			e, rev := ix.edgeAt(i)
			a, b, d := ix.From[e], ix.To[e], ix.Dir[e]
			if rev {
				a, b, d = b, a, flip(d)
			}
			if i == lo {
				if ix.jid[a] < 0 {
					return fmt.Errorf("chain %d starts at vertex %d, not a junction", c, a)
				}
			} else {
				if a != prev || ix.jid[a] >= 0 || d != pdir {
					return fmt.Errorf("chain %d breaks at edge %d", c, e)
				}
				if ix.Labels != nil {
					// a's neighbours in the chain: the ends of its two edges.
					p, _ := ix.edgeAt(i - 1)
					if ix.Labels[ix.From[p]] != ix.Labels[ix.To[p]] || ix.Labels[a] != ix.Labels[b] {
						return fmt.Errorf("chain %d crosses a label change at vertex %d", c, a)
					}
				}
			}
			prev, pdir = b, d
		}
		if ix.jid[prev] < 0 {
			return fmt.Errorf("chain %d ends at vertex %d, not a junction", c, prev)
		}
	}
	return nil
}
