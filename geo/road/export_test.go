package road

import (
	"math/rand/v2"
	"testing"
)

// Helpers for the external tests of this package.

// CompareFull checks that g gives the results of its full graph (without
// chains) for every vertex and target; it returns the targets reached.
func CompareFull(t *testing.T, g *Graph, seeds, targets []Snap, s Search) int {
	t.Helper()
	return compareFull(t, g, flatCopy(t, g), seeds, targets, s)
}

// WithChains collapses the chains of g.
func WithChains(t *testing.T, g *Graph) *Graph { return withChains(t, g) }

// Junctions returns the number of junctions the searches run on.
func Junctions(g *Graph) int { return g.ix.Junctions() }

// GridGraph1M returns the 1M-vertex benchmark grid (built once) and its
// edge count.
func GridGraph1M(tb testing.TB) (*Graph, int) {
	f := fixture1M(tb)
	return f.g, len(f.es)
}

// CPUTime returns the process's CPU time so far.
var CPUTime = cpuTime

// CheckSnaps compares g's snapping with a scan of every segment, bit for
// bit, and with the former R-tree, on n queries around g (see checkSnaps).
func CheckSnaps(tb testing.TB, g *Graph, n int, seed uint64) (compared, ties, nearTies int) {
	tb.Helper()
	checkSegIndex(tb, g)
	return checkSnaps(tb, g, snapQueries(rand.New(rand.NewPCG(seed, 1)), g, n), seed)
}

// CompactGeometry reports whether g holds its geometry as 10⁻⁷ degree
// integers.
func CompactGeometry(g *Graph) bool { return g.gFix != nil }

// CompareHierarchy builds g's hierarchies (once) and checks a search on
// them against Dijkstra (see compareHierarchy).
func CompareHierarchy(t *testing.T, g *Graph, seeds, targets []Snap, s Search) (reached int, maxRel float64) {
	t.Helper()
	if !g.HasHierarchy(s.Weight) {
		withHierarchies(t, g)
	}
	return compareHierarchy(t, g, seeds, targets, s)
}

// BuildCore builds g's hierarchies with the core named (see cores) and
// checks their core size.
func BuildCore(t *testing.T, g *Graph, name string) {
	t.Helper()
	withHierarchies(t, g, cores(g)[name]...)
	checkCore(t, g, name)
}

// CoreNames names the cores of the exactness tests (see cores).
var CoreNames = []string{"core none", "core all", "core third"}
