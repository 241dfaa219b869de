package road

import "fmt"

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
		if want := g.eLen[e] * 3.6 / g.speed(e); g.eTime[e] != want {
			return bad("edge %d time %v s, want %v s", e, g.eTime[e], want)
		}
	}
	if err := g.ix.Check(); err != nil {
		return bad("%v", err)
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
