package prepare

import (
	"bytes"
	"context"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/partons/partons/geo/road"
	"github.com/partons/partons/study"
	"github.com/partons/partons/study/roads"
)

// TestHierarchyWeightIsRunDefault: the stored hierarchy is the one a run
// with the default route_by searches on.
func TestHierarchyWeightIsRunDefault(t *testing.T) {
	if got := study.DefaultSpec().RouteBy; got != HierarchyWeight.String() {
		t.Errorf("run routes by %q by default, prepare stores the %v hierarchy", got, HierarchyWeight)
	}
}

// TestPrepareHierarchy: on the committed OSM fixtures, prepare --hierarchy
// writes the same graphs as without (both of format version 4, OSM's
// points being on the 10⁻⁷ degree grid; the hierarchies in their section)
// with each graph's time hierarchy, and the hierarchy read back answers
// every search exactly as one built in memory on the plain graph, within
// the rounding bound of Dijkstra.
func TestPrepareHierarchy(t *testing.T) {
	profiles := []road.Profile{road.Car, road.Bicycle, road.Foot}
	for _, fixture := range []string{town, "../../datasets/osmroad/testdata/monaco-2015-04-28.osm.pbf",
		"../../datasets/osmroad/testdata/liechtenstein-2013-08-03.osm.pbf"} {
		t.Run(filepath.Base(fixture), func(t *testing.T) {
			dir := t.TempDir()
			plain, hier := filepath.Join(dir, "plain.graph"), filepath.Join(dir, "hier.graph")
			if _, err := Prepare(context.Background(), []string{fixture}, Options{Out: plain, Profiles: profiles}); err != nil {
				t.Fatal(err)
			}
			res, err := Prepare(context.Background(), []string{fixture}, Options{Out: hier, Profiles: profiles, Hierarchy: true})
			if err != nil {
				t.Fatal(err)
			}
			pb, _ := os.ReadFile(plain)
			hb, _ := os.ReadFile(hier)
			// One contraction at a time or all at once: the same bytes.
			for _, n := range []int{1, 3} {
				other := filepath.Join(dir, "other.graph")
				r, err := Prepare(context.Background(), []string{fixture}, Options{Out: other, Profiles: profiles, Hierarchy: true, Contractions: n})
				if err != nil {
					t.Fatal(err)
				}
				if ob, _ := os.ReadFile(other); !bytes.Equal(ob, hb) || !reflect.DeepEqual(r.Graphs, res.Graphs) {
					t.Fatalf("%d contractions at once: another file (%d bytes against %d) or summary", n, len(ob), len(hb))
				}
			}
			// Some profiles contracted, the others written plain between
			// them: the same bytes for any number at once (a plain graph
			// waits for the contractions before it).
			for _, some := range [][]road.Profile{{road.Car}, {road.Bicycle}} {
				if !strings.Contains(fixture, "liechtenstein") {
					break // the largest fixture: its car contraction outlasts the others' writing
				}
				var first []byte
				for _, n := range []int{1, 2} {
					other := filepath.Join(dir, "some.graph")
					r, err := Prepare(context.Background(), []string{fixture}, Options{Out: other, Profiles: profiles, Hierarchy: true, HierarchyProfiles: some, Contractions: n})
					if err != nil {
						t.Fatal(err)
					}
					ob, _ := os.ReadFile(other)
					for i, gs := range r.Graphs {
						if gs.Profile != profiles[i] || gs.Hierarchy != slices.Contains(some, gs.Profile) {
							t.Fatalf("%v, %d at once: graph %d is %s with hierarchy %v", some, n, i, gs.Profile, gs.Hierarchy)
						}
					}
					if first == nil {
						first = ob
					} else if !bytes.Equal(ob, first) {
						t.Fatalf("%v contracted, %d at once: another file than one at a time", some, n)
					}
				}
			}
			if len(hb) <= len(pb) || !bytes.Equal(pb[:8], hb[:8]) || pb[8] != 4 || hb[8] != 4 {
				t.Fatalf("files of %d and %d bytes, versions %d and %d", len(pb), len(hb), pb[8], hb[8])
			}
			for i, p := range profiles {
				g, err := roads.ReadGraphProfile(plain, p)
				if err != nil {
					t.Fatal(err)
				}
				h, err := roads.ReadGraphProfile(hier, p)
				if err != nil {
					t.Fatal(err)
				}
				if g.HasHierarchy(road.Time) || !h.HasHierarchy(road.Time) || h.HasHierarchy(road.Length) {
					t.Fatalf("%s: hierarchies plain %v, stored %v/%v", p, g.HasHierarchy(road.Time), h.HasHierarchy(road.Time), h.HasHierarchy(road.Length))
				}
				if !reflect.DeepEqual(g.Arrays(), h.Arrays()) {
					t.Fatalf("%s: the graphs differ", p)
				}
				if err := g.BuildHierarchy(road.Time); err != nil {
					t.Fatal(err)
				}
				a, _ := g.HierarchyArrays(road.Time)
				b, _ := h.HierarchyArrays(road.Time)
				if !reflect.DeepEqual(a, b) {
					t.Fatalf("%s: the stored hierarchy differs from one built on the graph read back", p)
				}
				if arcs, sc := h.HierarchySizes(road.Time); arcs != res.Graphs[i].HierarchyArcs || sc != res.Graphs[i].Shortcuts || arcs == 0 {
					t.Errorf("%s: %d arcs, %d shortcuts read, summary %+v", p, arcs, sc, res.Graphs[i])
				}
				sameSearches(t, g, h)
			}
		})
	}
}

// sameSearches checks that h (hierarchy read from a file) answers time
// searches exactly as g (hierarchy built in memory) and within the
// rounding bound of Dijkstra on g.
func sameSearches(t *testing.T, g, h *road.Graph) {
	t.Helper()
	rng := rand.New(rand.NewPCG(5, 8))
	var routable []int32
	for e := range int32(g.NumEdges()) {
		if g.Routable(e) {
			routable = append(routable, e)
		}
	}
	snaps := func(k int) []road.Snap {
		out := make([]road.Snap, k)
		for i := range out {
			out[i] = road.Snap{Edge: routable[rng.IntN(len(routable))], Frac: rng.Float64()}
		}
		return out
	}
	seeds, targets := snaps(8), snaps(300)
	wa, wb, wx := road.NewWorkspace(g), road.NewWorkspace(h), road.NewWorkspace(g)
	bound := g.RoundingBound()
	reached := 0
	for _, origins := range []bool{false, true} {
		s := road.Search{Weight: road.Time, Origins: origins}
		x := s
		x.Exact = true
		if err := g.Nearest(wa, seeds, s); err != nil {
			t.Fatal(err)
		}
		if err := h.Nearest(wb, seeds, s); err != nil {
			t.Fatal(err)
		}
		if err := g.Nearest(wx, seeds, x); err != nil {
			t.Fatal(err)
		}
		if !wa.UsedHierarchy() || !wb.UsedHierarchy() || wx.UsedHierarchy() {
			t.Fatalf("hierarchy used: %v in memory, %v read back, %v exact", wa.UsedHierarchy(), wb.UsedHierarchy(), wx.UsedHierarchy())
		}
		for _, tg := range targets {
			ra, oka := wa.Cost(tg)
			rb, okb := wb.Cost(tg)
			rx, okx := wx.Cost(tg)
			if ra != rb || oka != okb {
				t.Fatalf("target %+v: %+v in memory, %+v read back", tg, ra, rb)
			}
			if oka != okx || math.Abs(ra.TimeS-rx.TimeS) > bound*rx.TimeS {
				t.Fatalf("target %+v: %+v on the hierarchy, %+v by Dijkstra, bound %g", tg, ra, rx, bound)
			}
			if oka {
				reached++
			}
		}
	}
	if reached == 0 {
		t.Error("no target reached: the comparison proves nothing")
	}
}
