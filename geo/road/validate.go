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
	if len(g.inner) != n || len(g.outer) != n {
		return bad("vertex numbering has %d/%d entries for %d vertices", len(g.inner), len(g.outer), n)
	}
	for v, i := range g.inner {
		if i < 0 || int(i) >= n || g.outer[i] != int32(v) {
			return bad("vertex numbering is not a permutation at vertex %d", v)
		}
	}
	if !slices.Equal(g.slabels, g.innerLabels()) {
		return bad("search labels differ from the vertex labels")
	}
	type tri struct {
		at, head   int32
		lenM, time float32
	}
	flatten := func(name string, c csr) ([]tri, error) {
		if len(c.off) != n+1 || c.off[0] != 0 || int(c.off[n]) != len(c.arcs) {
			return nil, bad("%s offsets do not span the %d arcs", name, len(c.arcs))
		}
		out := make([]tri, 0, len(c.arcs))
		for v := 0; v < n; v++ {
			if c.off[v+1] < c.off[v] {
				return nil, bad("%s offsets decrease at vertex %d", name, v)
			}
			for _, a := range c.arcs[c.off[v]:c.off[v+1]] {
				if a.head < 0 || int(a.head) >= n {
					return nil, bad("%s arc %d→%d out of range", name, v, a.head)
				}
				for _, w := range []float32{a.lenM, a.timeS} {
					if !(w >= 0) || math.IsInf(float64(w), 1) {
						return nil, bad("%s arc %d→%d weight %v", name, v, a.head, w)
					}
				}
				out = append(out, tri{g.outer[v], g.outer[a.head], a.lenM, a.timeS})
			}
		}
		return out, nil
	}
	order := func(ts []tri) {
		slices.SortFunc(ts, func(a, b tri) int {
			return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.head, b.head),
				cmp.Compare(a.lenM, b.lenM), cmp.Compare(a.time, b.time))
		})
	}
	fwd, err := flatten("forward", g.fwd)
	if err != nil {
		return err
	}
	rev, err := flatten("reverse", g.rev)
	if err != nil {
		return err
	}
	// Expected forward arcs, straight from the edges.
	want := make([]tri, 0, len(fwd))
	for e, d := range g.eDir {
		l, t := float32(g.eLen[e]), float32(g.eTime[e])
		if d&dirForward != 0 {
			want = append(want, tri{g.eFrom[e], g.eTo[e], l, t})
		}
		if d&dirBackward != 0 {
			want = append(want, tri{g.eTo[e], g.eFrom[e], l, t})
		}
	}
	order(fwd)
	order(want)
	if !slices.Equal(fwd, want) {
		return bad("forward adjacency differs from the edges (%d arcs, want %d)", len(fwd), len(want))
	}
	for i := range rev {
		rev[i].at, rev[i].head = rev[i].head, rev[i].at
	}
	order(rev)
	if !slices.Equal(rev, fwd) {
		return bad("reverse adjacency is not the transpose of the forward one")
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
