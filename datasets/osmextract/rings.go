package osmextract

import (
	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets/osmarea"
)

// assembly is the outcome of joining a relation's member ways into
// polygons. The relation is usable only when ok() holds.
type assembly struct {
	osmarea.Assembly
	missingMembers int // way members no source holds
	missingNodes   int // node references of member ways no source holds
}

func (a *assembly) ok() bool {
	return a.missingMembers == 0 && a.missingNodes == 0 && a.Unclosed == 0 && len(a.MP) > 0
}

// assemble joins the member ways of a relation into a MultiPolygon
// (osmarea.Assemble), once every member way and node is found. A member
// way listed twice with the same role is used once.
func (r *reader) assemble(members []member) assembly {
	var a assembly
	var outer, inner []osmarea.Chain
	seen := make(map[member]bool, len(members))
	for _, m := range members {
		if seen[m] {
			continue
		}
		seen[m] = true
		w := r.way(m.way)
		if w == nil {
			a.missingMembers++
			continue
		}
		c, missing := r.wayChain(w)
		if missing > 0 {
			a.missingNodes += missing
			continue
		}
		if len(c.IDs) < 2 {
			continue
		}
		if m.inner {
			inner = append(inner, c)
		} else {
			outer = append(outer, c)
		}
	}
	a.Assembly = osmarea.Assemble(outer, inner)
	return a
}

// wayChain returns the node ids and coordinates of w (consecutive repeated
// nodes removed) and the number of references to missing nodes.
func (r *reader) wayChain(w *wayRec) (osmarea.Chain, int) {
	c := osmarea.Chain{IDs: make([]int64, 0, len(w.refs)), Pts: make([]orb.Point, 0, len(w.refs))}
	missing := 0
	for k, id := range w.refs {
		if k > 0 && id == w.refs[k-1] {
			continue
		}
		p, ok := r.point(id)
		if !ok {
			missing++
			continue
		}
		c.IDs = append(c.IDs, id)
		c.Pts = append(c.Pts, p)
	}
	return c, missing
}
