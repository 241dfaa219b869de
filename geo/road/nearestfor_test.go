package road

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestNearestForEqualsNearest: stopping once the targets' end vertices are
// settled gives exactly the costs of the full search, for every weight,
// direction and cut-off, including targets on the seeds' edges.
func TestNearestForEqualsNearest(t *testing.T) {
	for _, n := range []int{60, 500, 3000} {
		rng := rand.New(rand.NewPCG(uint64(n), 7))
		vs, es := randomGraph(rng, n, false)
		g := mustBuild(t, Car, vs, es)
		seeds := randomSnaps(rng, g, max(3, n/100), nil)
		targets := randomSnaps(rng, g, 25, nil)
		targets = append(targets, seeds[0], Snap{Edge: seeds[1].Edge, Frac: seeds[1].Frac / 2})
		for _, s := range []Search{{Weight: Length}, {Weight: Time}, {Weight: Length, Origins: true}, {Weight: Time, Cutoff: 200}} {
			t.Run(fmt.Sprintf("n=%d/%v/origins=%v/cutoff=%v", n, s.Weight, s.Origins, s.Cutoff), func(t *testing.T) {
				full, part := NewWorkspace(g), NewWorkspace(g)
				for round := 0; round < 2; round++ { // reuse of the workspaces
					if err := g.Nearest(full, seeds, s); err != nil {
						t.Fatal(err)
					}
					if err := g.NearestFor(part, seeds, s, targets); err != nil {
						t.Fatal(err)
					}
					for k, tg := range targets {
						a, okA := full.Cost(tg)
						b, okB := part.Cost(tg)
						if a != b || okA != okB {
							t.Fatalf("target %d: full %+v %v, early stop %+v %v", k, a, okA, b, okB)
						}
					}
				}
			})
		}
	}
}
