package road

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/road/internal/search"
)

// Errors returned by the package; test them with errors.Is.
var (
	// ErrInvalid reports invalid Build input (see *InputError).
	ErrInvalid = errors.New("road: invalid graph input")
	// ErrSnap reports a Snap that does not lie on a routable edge.
	ErrSnap = errors.New("road: invalid snap")
	// ErrWorkspace reports a Workspace used with another graph.
	ErrWorkspace = errors.New("road: workspace belongs to another graph")
	// ErrNoLabels reports a ClosedBorders search on a graph without labels.
	ErrNoLabels = errors.New("road: closed-border search needs vertex labels")
)

// Size limits enforced by Build and FromArrays. Ids are int32, and CSR
// offsets must hold two arcs per edge.
const (
	MaxVertices       = 1 << 30
	MaxEdges          = 1 << 29
	MaxGeometryPoints = 1<<31 - 1
)

// coordTolDeg is how far (degrees, about 1 cm) the ends of an edge geometry
// may lie from its vertices.
const coordTolDeg = 1e-7

// InputError describes one invalid vertex or edge given to Build.
type InputError struct {
	Kind   string // "vertex", "edge" or "graph"
	Index  int    // index in the input slice; -1 for "graph"
	WayID  int64  // source way of an edge; 0 if unknown
	Reason string
}

func (e *InputError) Error() string {
	if e.Kind == "graph" {
		return "road: invalid graph: " + e.Reason
	}
	if e.WayID != 0 {
		return fmt.Sprintf("road: invalid %s %d (way %d): %s", e.Kind, e.Index, e.WayID, e.Reason)
	}
	return fmt.Sprintf("road: invalid %s %d: %s", e.Kind, e.Index, e.Reason)
}

// Unwrap makes errors.Is(err, ErrInvalid) true.
func (e *InputError) Unwrap() error { return ErrInvalid }

// Direction bits of an edge (those of the graph file format).
const (
	dirForward  = search.DirForward
	dirBackward = search.DirBackward
)

// Graph is a road network for one profile. See the package documentation
// for units and concurrency rules.
type Graph struct {
	// Meta holds free-form provenance (source file hashes, OSM replication
	// timestamp, licence); it is written to and read from graph files.
	Meta map[string]string

	profile Profile
	pts     []orb.Point // vertex positions

	// Edges, indexed by edge id.
	eFrom, eTo []int32
	eLen       []float64 // metres
	eSpeed     []float64 // km/h; nil when in sIdx, sTab (speeds.go)
	sIdx       []uint8
	sTab       []float64
	eTime      []float64 // seconds, derived
	eDir       []uint8
	eWay       []int64 // nil when in eWay32 (speeds.go)
	eWay32     []uint32
	gOff       []int32     // geometry of edge e is gPts[gOff[e]:gOff[e+1]]
	gPts       []orb.Point // all edge geometries, concatenated; nil when in gFix
	gFix       []fixPoint  // the same in 10⁻⁷ degrees when all are on that grid (geometry.go)

	labels []uint8 // optional, one per vertex

	// ix is what searches run on (geo/road/internal/search), rebuilt when
	// the labels change; chains collapses chains of edges into one arc
	// (false: the full graph, kept for tests).
	ix     *search.Index
	chains bool
	hier   [2]bool             // a hierarchy by Weight: BuildHierarchy or SetHierarchyArrays was called
	stored [2]bool             // it came from SetHierarchyArrays (not rebuilt on relabelling)
	hopts  [2]hierarchyOptions // the options a built hierarchy was built with

	comp        []int32 // component id per vertex; 0 is the largest
	compCount   int
	compLargest int

	workspaces sync.Pool // of *Workspace, for NearestMany

	segsOnce sync.Once
	segs     *segIndex // the snapping index, built on the first Snap
}

// Build validates vertices and edges and returns the graph. Edge e of the
// graph is edges[e]; vertex v is vertices[v]. Inputs are copied.
//
// Checks: vertex coordinates finite and within lon ±180, lat ±90; edge ends
// in range; LengthM finite and ≥ 0 (zero for coincident OSM nodes);
// SpeedKmh finite and > 0; Geometry of ≥ 2 valid points whose first and last
// points lie within 1e-7° of the From and To vertices; LengthM within 1 %
// + 1 m of the geometry's own length. The first failure is returned as an
// *InputError wrapping ErrInvalid.
//
// Time O(V + E + G) for G geometry points; memory about 50 bytes per edge
// (up to 61 with more than 256 distinct speeds or way ids beyond 2³², see
// speeds.go), 8 per geometry point on OSM's 1e-7° grid (16 off it, see
// geometry.go), 12 per arc (two per two-way chain of edges and direction
// index), 25 per vertex and 13 per junction, plus the snapping index built
// on the first Snap (about 5 bytes per segment). Measured live heap with
// the index (benchmarks/graphmem): 184 bytes per edge on the synthetic
// national network, 226–328 on the Andorra extract, whose edges hold more
// points.
func Build(profile Profile, vertices []orb.Point, edges []EdgeSpec) (*Graph, error) {
	if len(vertices) > MaxVertices {
		return nil, &InputError{Kind: "graph", Index: -1, Reason: fmt.Sprintf("%d vertices exceed the limit %d", len(vertices), MaxVertices)}
	}
	if len(edges) > MaxEdges {
		return nil, &InputError{Kind: "graph", Index: -1, Reason: fmt.Sprintf("%d edges exceed the limit %d", len(edges), MaxEdges)}
	}
	nPts := 0
	for i := range edges {
		nPts += len(edges[i].Geometry)
		if nPts > MaxGeometryPoints {
			return nil, &InputError{Kind: "graph", Index: -1, Reason: fmt.Sprintf("more than %d geometry points", MaxGeometryPoints)}
		}
	}
	n := len(edges)
	g := &Graph{
		profile: profile,
		pts:     slices.Clone(vertices),
		eFrom:   make([]int32, n),
		eTo:     make([]int32, n),
		eLen:    make([]float64, n),
		eSpeed:  make([]float64, n),
		eDir:    make([]uint8, n),
		eWay:    make([]int64, n),
		gOff:    make([]int32, n+1),
		gPts:    make([]orb.Point, 0, nPts),
	}
	if g.pts == nil {
		g.pts = []orb.Point{}
	}
	for i := range edges {
		e := &edges[i]
		g.eFrom[i], g.eTo[i] = e.From, e.To
		g.eLen[i], g.eSpeed[i], g.eWay[i] = e.LengthM, e.SpeedKmh, e.WayID
		if e.Forward {
			g.eDir[i] |= dirForward
		}
		if e.Backward {
			g.eDir[i] |= dirBackward
		}
		g.gPts = append(g.gPts, e.Geometry...)
		g.gOff[i+1] = int32(len(g.gPts))
	}
	if err := g.checkInput(); err != nil {
		return nil, err
	}
	g.finish()
	return g, nil
}

func validLonLat(p orb.Point) bool {
	return p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90 // false for NaN
}

func near(a, b orb.Point) bool {
	return math.Abs(a[0]-b[0]) <= coordTolDeg && math.Abs(a[1]-b[1]) <= coordTolDeg
}

// checkInput validates the flat arrays filled by Build or FromArrays.
func (g *Graph) checkInput() error {
	if g.profile == "" {
		return &InputError{Kind: "graph", Index: -1, Reason: "empty profile"}
	}
	for i, p := range g.pts {
		if !validLonLat(p) {
			return &InputError{Kind: "vertex", Index: i, Reason: fmt.Sprintf("coordinates %v out of range or not finite", p)}
		}
	}
	nv := int32(len(g.pts))
	var buf []orb.Point // an edge's geometry when compact
	if g.gOff[0] != 0 || int(g.gOff[len(g.gOff)-1]) != g.numGeom() {
		return &InputError{Kind: "graph", Index: -1, Reason: "geometry offsets do not span the geometry"}
	}
	for e := range g.eFrom {
		bad := func(format string, args ...any) error {
			return &InputError{Kind: "edge", Index: e, WayID: g.way(e), Reason: fmt.Sprintf(format, args...)}
		}
		from, to := g.eFrom[e], g.eTo[e]
		if from < 0 || from >= nv || to < 0 || to >= nv {
			return bad("vertex ids %d→%d out of range [0,%d)", from, to, nv)
		}
		if l := g.eLen[e]; !(l >= 0) || math.IsInf(l, 1) {
			return bad("length %v m is not finite and ≥ 0", l)
		}
		if s := g.speed(e); !(s > 0) || math.IsInf(s, 1) {
			return bad("speed %v km/h is not finite and > 0", s)
		} else if t := g.eLen[e] * 3.6 / s; t > math.MaxFloat32 {
			// Searches and hierarchies carry times as float32.
			return bad("speed %v km/h gives a travel time of %v s, beyond the %v s a search can hold", s, t, float32(math.MaxFloat32))
		}
		if g.eDir[e]&^(dirForward|dirBackward) != 0 {
			return bad("unknown direction bits %#x", g.eDir[e])
		}
		lo, hi := g.gOff[e], g.gOff[e+1]
		if lo < 0 || hi > int32(g.numGeom()) || hi-lo < 2 {
			return bad("geometry has %d points, want ≥ 2", hi-lo)
		}
		geom := g.geometry(buf, lo, hi)
		buf = geom
		for _, p := range geom {
			if !validLonLat(p) {
				return bad("geometry point %v out of range or not finite", p)
			}
		}
		if !near(geom[0], g.pts[from]) || !near(geom[len(geom)-1], g.pts[to]) {
			return bad("geometry ends %v…%v do not match vertices %v…%v", geom[0], geom[len(geom)-1], g.pts[from], g.pts[to])
		}
		if gl := polylineM(geom); math.Abs(g.eLen[e]-gl) > 0.01*gl+1 {
			return bad("length %.3f m disagrees with geometry length %.3f m", g.eLen[e], gl)
		}
	}
	if g.labels != nil && len(g.labels) != len(g.pts) {
		return &InputError{Kind: "graph", Index: -1, Reason: fmt.Sprintf("%d labels for %d vertices", len(g.labels), len(g.pts))}
	}
	return nil
}

// finish derives travel times, the CSR adjacencies and the components from
// validated edge arrays. O(V + E).
func (g *Graph) finish() {
	g.eTime = make([]float64, len(g.eLen))
	for e, l := range g.eLen {
		if l == 0 {
			g.eLen[e] = 0 // -0 too: searches key costs on their bits
		}
		g.eTime[e] = g.eLen[e] * 3.6 / g.eSpeed[e]
	}
	g.compactGeometry()
	g.compactSpeeds()
	g.compactWays()
	g.chains = true
	g.compress()
	g.components()
}

// compress (re)builds the search index from the edge arrays and labels.
// O(V + E + C log C).
// A hierarchy is kept when the new index has the same junction graph as
// the old one (labels that leave the chains as they were), else rebuilt,
// or dropped when it was restored by SetHierarchyArrays.
func (g *Graph) compress() {
	old := g.ix
	g.ix = search.Build(search.Edges{Pts: g.pts, From: g.eFrom, To: g.eTo,
		LengthM: g.eLen, TimeS: g.eTime, Dir: g.eDir, Labels: g.labels}, g.chains)
	same := old != nil && (g.hier[0] || g.hier[1]) && g.ix.SameJunctionGraph(old)
	for w, on := range g.hier {
		if !on {
			continue
		}
		byTime := w == int(Time)
		if h := old.Hierarchy(byTime); same && h != nil && g.ix.SetHierarchy(byTime, h) == nil {
			continue
		}
		if g.stored[w] {
			g.hier[w], g.stored[w] = false, false
			continue
		}
		if err := g.ix.BuildHierarchy(byTime, g.hopts[w].coreDegree, g.hopts[w].coreSize); err != nil {
			panic(err) // the index's arcs are valid: weights finite and ≥ 0
		}
	}
}

// first), so component 0 is the largest. O(V α(V) + E + C log C).
func (g *Graph) components() {
	n := len(g.pts)
	parent := make([]int32, n)
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for e, d := range g.eDir {
		if d == 0 {
			continue
		}
		a, b := find(g.eFrom[e]), find(g.eTo[e])
		if a != b {
			if a < b {
				parent[b] = a
			} else {
				parent[a] = b
			}
		}
	}
	// Roots are the smallest vertex of their set, so the first vertex seen
	// of a component is its root.
	g.comp = make([]int32, n)
	var sizes []int
	for v := 0; v < n; v++ {
		r := find(int32(v))
		if r == int32(v) {
			g.comp[v] = int32(len(sizes))
			sizes = append(sizes, 0)
		} else {
			g.comp[v] = g.comp[r]
		}
		sizes[g.comp[v]]++
	}
	order := make([]int32, len(sizes))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return sizes[b] - sizes[a] })
	rank := make([]int32, len(sizes))
	for r, c := range order {
		rank[c] = int32(r)
	}
	for v := range g.comp {
		g.comp[v] = rank[g.comp[v]]
	}
	g.compCount = len(sizes)
	g.compLargest = 0
	if len(sizes) > 0 {
		g.compLargest = sizes[order[0]]
	}
}

// MemoryBytes estimates the memory the graph holds, counting its snapping
// index whether built yet or not and its hierarchies. O(1).
func (g *Graph) MemoryBytes() int64 {
	v, e, p := int64(len(g.pts)), int64(len(g.eFrom)), int64(g.numGeom())
	nj, nc, na := g.ix.Sizes()
	j, c, arcs := int64(nj), int64(nc), int64(na)
	perVertex := int64(16 + 4 + 4 + 1)                          // point, jid, comp, labels
	perJunction := int64(4 + 2*4 + 1)                           // jvert, 2 offsets, labels
	perEdge := int64(4 + 4 + 8 + 8 + 8 + 1 + 8 + 4 + 4 + 4 + 8) // ends, len, speed, time, dir, way, geometry offset, eAt, cEdge, cW
	if g.eSpeed == nil {
		perEdge -= 7 // one byte into the table of speeds
	}
	if g.eWay == nil {
		perEdge -= 4 // uint32 way ids
	}
	segs := max(p-e, 0) // at most; the index holds the routable ones
	perPoint := int64(16)
	if g.gFix != nil {
		perPoint = 8
	}
	hier := int64(0) // contraction hierarchies: arcs, positions and offsets
	for _, w := range []Weight{Length, Time} {
		if _, _, entries, ok := g.ix.HierarchySizes(w == Time); ok && g.HasHierarchy(w) {
			hier += int64(entries)*24 + j*16 // a core's arcs are held at both ends
		}
	}
	return v*perVertex + j*perJunction + e*perEdge + c*4 + p*perPoint + arcs*12 + segs*4 + (segs/15+1)*16 + hier
}

// Profile returns the travel mode the graph was built for.
func (g *Graph) Profile() Profile { return g.profile }

// NumVertices returns the number of vertices.
func (g *Graph) NumVertices() int { return len(g.pts) }

// NumEdges returns the number of edges, routable or not.
func (g *Graph) NumEdges() int { return len(g.eFrom) }

// Vertex returns the position of vertex v. It panics if v is out of range.
func (g *Graph) Vertex(v int32) orb.Point { return g.pts[v] }

// Components returns the number of weakly connected components (isolated
// vertices count as components of their own) and the vertex count of the
// largest. Computed at build time; O(1).
func (g *Graph) Components() (count, largest int) { return g.compCount, g.compLargest }

// Component returns the component id of vertex v: 0 for the largest
// component, then by decreasing size. It panics if v is out of range.
func (g *Graph) Component(v int32) int32 { return g.comp[v] }

// Routable reports whether edge e exists and may be travelled in at least
// one direction.
func (g *Graph) Routable(e int32) bool {
	return e >= 0 && int(e) < len(g.eDir) && g.eDir[e] != 0
}

// Edge returns a copy of edge e as an EdgeSpec (its geometry is a fresh
// slice). It panics if e is out of range. O(geometry points).
func (g *Graph) Edge(e int32) EdgeSpec {
	return EdgeSpec{
		From: g.eFrom[e], To: g.eTo[e],
		LengthM:  g.eLen[e],
		Forward:  g.eDir[e]&dirForward != 0,
		Backward: g.eDir[e]&dirBackward != 0,
		SpeedKmh: g.speed(int(e)),
		Geometry: slices.Clone(orb.LineString(g.geometry(nil, g.gOff[e], g.gOff[e+1]))),
		WayID:    g.way(int(e)),
	}
}

// EdgeEnds returns the end vertices of edge e without copying its
// geometry. It panics if e is out of range.
func (g *Graph) EdgeEnds(e int32) (from, to int32) { return g.eFrom[e], g.eTo[e] }

// CrossesBorder reports whether edge e joins vertices with different
// non-zero labels (see SetVertexLabels): false without labels.
func (g *Graph) CrossesBorder(e int32) bool {
	if g.labels == nil {
		return false
	}
	a, b := g.labels[g.eFrom[e]], g.labels[g.eTo[e]]
	return a != 0 && b != 0 && a != b
}

// EdgeTimeS returns the travel time of edge e in seconds. It panics if e is
// out of range.
func (g *Graph) EdgeTimeS(e int32) float64 { return g.eTime[e] }

// SetVertexLabels attaches one label per vertex (e.g. 1 = Belgium,
// 2 = France; 0 = unlabelled) used by ClosedBorders searches, or removes
// them when labels is nil. The slice is copied. Call before sharing the
// graph between goroutines.
func (g *Graph) SetVertexLabels(labels []uint8) error {
	if labels == nil {
		g.labels = nil
		g.compress()
		return nil
	}
	if len(labels) != len(g.pts) {
		return fmt.Errorf("road: %d labels for %d vertices: %w", len(labels), len(g.pts), ErrInvalid)
	}
	g.labels = slices.Clone(labels)
	g.compress() // chains stop where labels change
	return nil
}

// VertexLabel returns the label of vertex v, 0 when the graph has none.
func (g *Graph) VertexLabel(v int32) uint8 {
	if g.labels == nil {
		return 0
	}
	return g.labels[v]
}
