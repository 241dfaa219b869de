package osmroad

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/osm"

	"github.com/partons/partons/datasets/osmfile"
	"github.com/partons/partons/geo/geodesic"
	"github.com/partons/partons/geo/road"
)

// Options are the optional settings of a read. The zero value is valid.
type Options struct {
	// Country labels a point with its country code ("BE", "FR"); "" means
	// unknown. When set, the report counts edges whose end vertices carry
	// two different non-empty labels. Called at most once per vertex
	// (once for the vertices the profiles share), from the calling
	// goroutine; it must return the same label for the same point.
	Country func(orb.Point) string

	// Procs is the number of PBF decoding goroutines; ≤ 0 means
	// runtime.GOMAXPROCS(0).
	Procs int
}

// Network is the road network of one profile, ready for road.Build.
type Network struct {
	Profile  road.Profile
	Vertices []orb.Point     // WGS84 lon/lat, indexed by EdgeSpec.From/To
	NodeIDs  []int64         // OSM node id of each vertex
	Edges    []road.EdgeSpec // in way-id order, then along each way
}

// Read builds the network of one profile from sources (see ReadProfiles).
func Read(ctx context.Context, sources []osmfile.Source, profile road.Profile, opts Options) (*Network, *Report, error) {
	nets, rep, err := ReadProfiles(ctx, sources, []road.Profile{profile}, opts)
	if err != nil {
		return nil, nil, err
	}
	return nets[0], rep, nil
}

// ReadAll builds the car, bicycle and foot networks in one read of the
// sources, keyed by profile.
func ReadAll(ctx context.Context, sources []osmfile.Source, opts Options) (map[road.Profile]*Network, *Report, error) {
	ps := []road.Profile{road.Car, road.Bicycle, road.Foot}
	nets, rep, err := ReadProfiles(ctx, sources, ps, opts)
	if err != nil {
		return nil, nil, err
	}
	m := make(map[road.Profile]*Network, len(ps))
	for i, p := range ps {
		m[p] = nets[i]
	}
	return m, rep, nil
}

// ReadProfiles reads sources (PBF, XML, XML+bzip2/gzip, mixed freely) as
// one merged data set and returns one network per profile, in the order
// of profiles. Ways and nodes present in several sources (overlapping
// extracts) are merged by OSM id, keeping the highest version, so roads
// that leave one extract and enter the next connect.
//
// Each source is opened twice: pass 1 keeps the ways routable by any of
// the profiles, pass 2 the nodes they reference. Memory is O(F + N + W)
// and no map is keyed by node id: about 20 bytes per way-node reference F,
// 25 per distinct referenced node N (ids and positions in 1e-7 degrees,
// 17 once resolved, with their osmfile.IDIndex and versions dropped) and
// 48 per routable way W, plus the returned networks. Time is
// O(S + F log F) for S bytes of input
// (the node ids of the ways are sorted once; each node of the input is
// then looked up in O(1) when ids are spread evenly), plus one geodesic
// per segment (computed once, shared by the profiles). On any error (malformed or truncated
// file, a source whose bytes changed between passes, cancellation) no
// network is returned: never a partial one. The error is an *osmfile.FileError
// naming the source, wrapping osmfile.ErrMalformed, ErrUnsupported, ErrChanged,
// osmfile.ErrCoordinate, an I/O error or ctx.Err().
//
// To build networks in the same passes as another reader of the same
// files, give a Collector to osmfile.Read instead.
func ReadProfiles(ctx context.Context, sources []osmfile.Source, profiles []road.Profile, opts Options) ([]*Network, *Report, error) {
	c, err := NewCollector(profiles, opts)
	if err != nil {
		return nil, nil, err
	}
	read, err := osmfile.Read(ctx, sources, opts.Procs, c)
	if err != nil {
		return nil, nil, err
	}
	return c.Networks(ctx, read, opts.Country)
}

// Collector builds road networks from a shared read (osmfile.Read): it
// keeps the routable ways and the nodes they reference. Use it for one
// read only.
type Collector struct{ r *reader }

var _ osmfile.Consumer = (*Collector)(nil)

// NewCollector returns a Collector of the networks of profiles (one to
// three of car, bicycle and foot, each once). Only opts.Procs is used
// here (for measuring segments); the country labels are given to
// Networks.
func NewCollector(profiles []road.Profile, opts Options) (*Collector, error) {
	if len(profiles) == 0 || len(profiles) > maxProfiles {
		return nil, fmt.Errorf("osmroad: %d profiles requested, want 1 to %d", len(profiles), maxProfiles)
	}
	for i, p := range profiles {
		if p != road.Car && p != road.Bicycle && p != road.Foot {
			return nil, fmt.Errorf("osmroad: unknown profile %q", p)
		}
		if slices.Contains(profiles[:i], p) {
			return nil, fmt.Errorf("osmroad: profile %q requested twice", p)
		}
	}
	r := &reader{profiles: profiles, opts: opts, rep: &Report{}}
	if r.opts.Procs <= 0 {
		r.opts.Procs = runtime.GOMAXPROCS(0)
	}
	return &Collector{r: r}, nil
}

// Wants reports that the collector reads ways and nodes.
func (c *Collector) Wants(k osmfile.Kind) bool { return k == osmfile.Ways || k == osmfile.Nodes }

// KeepNode keeps the nodes of kept ways. Safe on decoder goroutines.
func (c *Collector) KeepNode(n *osm.Node) bool { return c.r.nodeIndex(int64(n.ID)) >= 0 }

// KeepWay keeps the ways routable by a profile. Safe on decoder goroutines.
func (c *Collector) KeepWay(w *osm.Way) bool { return routable(w.Tags, c.r.profiles) }

// KeepRelation keeps no relation.
func (c *Collector) KeepRelation(*osm.Relation) bool { return false }

// Visit stores a kept way or node.
func (c *Collector) Visit(o osm.Object, file int) {
	switch o := o.(type) {
	case *osm.Way:
		c.r.addWay(o, file)
	case *osm.Node:
		c.r.addNode(o)
	}
}

// Done merges the ways after their pass, and resolves the node references
// after the node pass.
func (c *Collector) Done(k osmfile.Kind) {
	switch k {
	case osmfile.Ways:
		c.r.mergeWays()
	case osmfile.Nodes:
		c.r.resolveRefs()
	}
}

// Networks builds the network of each profile, in the order given to
// NewCollector, once read (the osmfile.Read report) has ended without error.
// country, if not nil, labels points with their country for the count of
// border-crossing edges (see Options.Country). Call it, EachNetwork or
// EachArrays once.
func (c *Collector) Networks(ctx context.Context, read *osmfile.ReadReport, country func(orb.Point) string) ([]*Network, *Report, error) {
	var nets []*Network
	rep, err := c.EachNetwork(ctx, read, country, func(n *Network) error {
		nets = append(nets, n)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return nets, rep, nil
}

// EachNetwork is Networks handing each network to fn as soon as it is
// built, before building the next: a caller that keeps none of them holds
// one network at a time. The collector's own tables are released before
// the last network is handed over. It stops at the first error of fn, or
// of ctx, and returns it. The report is complete once it returns without
// error. Call it, EachArrays or Networks once.
func (c *Collector) EachNetwork(ctx context.Context, read *osmfile.ReadReport, country func(orb.Point) string, fn func(*Network) error) (*Report, error) {
	return c.EachArrays(ctx, read, country, func(a road.Arrays, nodeIDs []int64) error {
		return fn(network(a, nodeIDs))
	})
}

// EachArrays is EachNetwork handing each network as the arrays of its
// road graph, for road.FromArrays, which keeps them: the graph is then
// the only copy of the network. nodeIDs[v] is the OSM node id of vertex
// v. The arrays are fn's to keep; Meta is nil.
func (c *Collector) EachArrays(ctx context.Context, read *osmfile.ReadReport, country func(orb.Point) string, fn func(a road.Arrays, nodeIDs []int64) error) (*Report, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	r := c.r
	r.opts.Country = country
	r.rep.Files = read.Files
	r.rep.WaysScanned, r.rep.NodesScanned = read.WaysScanned, read.NodesScanned
	for i, p := range r.profiles {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		a, nodeIDs := r.build(i, p)
		if i == len(r.profiles)-1 {
			r.release()
		}
		if err := fn(a, nodeIDs); err != nil {
			return nil, err
		}
	}
	return r.rep, nil
}

const maxProfiles = 3

// wayRec is one routable way kept from pass 1, in 48 bytes.
type wayRec struct {
	id      int64
	start   int // first ref in reader.refs
	version int32
	file    int32
	n       int32               // number of refs
	speed   [maxProfiles]uint32 // per profile, index of the speed in reader.speeds
	flags   [maxProfiles]uint8  // per profile: 1 ok, 2 forward, 4 backward
}

func (w *wayRec) ok(s int) bool       { return w.flags[s]&1 != 0 }
func (w *wayRec) forward(s int) bool  { return w.flags[s]&2 != 0 }
func (w *wayRec) backward(s int) bool { return w.flags[s]&4 != 0 }

// setAttr stores a in slot s of w, its speed in r.speeds.
func (r *reader) setAttr(w *wayRec, s int, a edgeAttr) {
	var f uint8
	if a.ok {
		f |= 1
	}
	if a.fwd {
		f |= 2
	}
	if a.bwd {
		f |= 4
	}
	bits := math.Float64bits(a.kmh)
	k, ok := r.speedIdx[bits]
	if !ok {
		if r.speedIdx == nil {
			r.speedIdx = make(map[uint64]uint32)
		}
		k = uint32(len(r.speeds))
		r.speeds = append(r.speeds, a.kmh)
		r.speedIdx[bits] = k
	}
	w.speed[s], w.flags[s] = k, f
}

// reader holds the state of one ReadProfiles call. Not safe for
// concurrent use; only the PBF filters run on decoder goroutines, and they
// read nothing but immutable fields and atomics.
type reader struct {
	profiles []road.Profile
	opts     Options
	rep      *Report

	ways     []wayRec
	speeds   []float64         // the distinct speeds of the ways, km/h
	speedIdx map[uint64]uint32 // speeds by their bits
	refs     []int64           // node ids of every kept way, consecutive duplicates removed
	refIdx   []int32           // refs mapped to indexes into ids; -1 for a missing node
	segLen   []float64         // geodesic metres from ref k-1 to ref k of the same way; 0 if either is missing

	ids  []int64          // sorted distinct node ids referenced by kept ways
	idx  *osmfile.IDIndex // finds ids; nil once resolved
	pts  []ipoint         // coordinates of ids
	vers []int32          // version of the stored node; -1 while missing; nil once resolved
	next int              // index after the node last stored: where the next one usually is

	labels []uint8  // per node: 0 not labelled yet, else 1 + index in names
	names  []string // country labels met
}

// ipoint is a node position in OSM's units of 1e-7 degrees, lon then lat:
// half the size of an orb.Point, and exact (see addNode).
type ipoint [2]int32

// point returns p in degrees: the double nearest to the 7-decimal value.
func (p ipoint) point() orb.Point { return orb.Point{float64(p[0]) / 1e7, float64(p[1]) / 1e7} }

// addWay stores a routable way's node ids and per-profile attributes.
func (r *reader) addWay(w *osm.Way, file int) {
	rec := wayRec{id: int64(w.ID), version: int32(w.Version), file: int32(file), start: len(r.refs)}
	for k, wn := range w.Nodes {
		if k > 0 && wn.ID == w.Nodes[k-1].ID {
			continue
		}
		r.refs = append(r.refs, int64(wn.ID))
	}
	rec.n = int32(len(r.refs) - rec.start)
	for s, p := range r.profiles {
		r.setAttr(&rec, s, wayAttr(w.Tags, p))
	}
	r.ways = append(r.ways, rec)
}

// mergeWays keeps one record per way id (highest version, then first
// file), and collects the distinct node ids the kept ways reference.
// O(W log W + R log R).
func (r *reader) mergeWays() {
	sort.Slice(r.ways, func(a, b int) bool {
		wa, wb := &r.ways[a], &r.ways[b]
		if wa.id != wb.id {
			return wa.id < wb.id
		}
		if wa.version != wb.version {
			return wa.version > wb.version
		}
		return wa.file < wb.file
	})
	kept := r.ways[:0]
	for k, w := range r.ways {
		if k > 0 && w.id == r.ways[k-1].id {
			r.rep.DuplicateWays++
			continue
		}
		kept = append(kept, w)
	}
	r.ways = kept
	r.rep.WaysKept = int64(len(kept))
	var n int
	for _, w := range kept {
		n += int(w.n)
	}
	ids := make([]int64, 0, n)
	for _, w := range kept {
		ids = append(ids, r.refs[w.start:w.start+int(w.n)]...)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if cap(ids)-len(ids) > len(ids)/8 {
		ids = slices.Clone(ids) // give back the room of the repeats
	}
	r.ids, r.idx = ids, osmfile.NewIDIndex(ids)
	r.pts = make([]ipoint, len(ids))
	r.vers = make([]int32, len(ids))
	for k := range r.vers {
		r.vers[k] = -1
	}
}

// release drops the tables of the read, once every network is built.
func (r *reader) release() {
	r.ways, r.refs, r.refIdx, r.segLen = nil, nil, nil, nil
	r.ids, r.idx, r.pts, r.vers, r.labels = nil, nil, nil, nil, nil
}

// nodeIndex returns the index of id in r.ids, or -1. O(1) for ids spread
// evenly (see osmfile.IDIndex), read-only: safe on decoder goroutines.
func (r *reader) nodeIndex(id int64) int { return r.idx.Find(id) }

// addNode stores the coordinates of a node of a kept way, keeping the
// highest version met.
func (r *reader) addNode(n *osm.Node) {
	// Files sorted by id, the rule, bring the kept nodes in the order of
	// r.ids: the next one is where the last one ended.
	k := r.next
	if k >= len(r.ids) || r.ids[k] != int64(n.ID) {
		if k = r.nodeIndex(int64(n.ID)); k < 0 {
			return
		}
	}
	r.next = k + 1
	switch {
	case r.vers[k] < 0:
		r.rep.NodesKept++
	case int32(n.Version) <= r.vers[k]:
		r.rep.DuplicateNodes++
		return
	default:
		r.rep.DuplicateNodes++
	}
	// OSM coordinates are integers of 1e-7 degrees; decoders return
	// n·1e-9·100 products a few ulps off the decimal value: snap back
	// to the integer, whose quotient by 1e7 (ipoint.point) is the
	// nearest double of the 7-decimal value. |lon| ≤ 180° (checked by
	// osmfile.Read) keeps it within an int32.
	r.pts[k], r.vers[k] = ipoint{int32(math.Round(n.Lon * 1e7)), int32(math.Round(n.Lat * 1e7))}, int32(n.Version)
}

// resolveRefs maps node ids to node indexes, marking missing nodes -1,
// and counts dangling references and ways too short to keep.
func (r *reader) resolveRefs() {
	r.refIdx = make([]int32, len(r.refs))
	for k, id := range r.refs {
		r.refIdx[k] = -1
		if j := r.nodeIndex(id); j >= 0 && r.vers[j] >= 0 {
			r.refIdx[k] = int32(j)
		}
	}
	for _, w := range r.ways {
		refs := r.refIdx[w.start : w.start+int(w.n)]
		long := false
		for _, ref := range refs {
			if ref < 0 {
				r.rep.DanglingRefs++
			}
		}
		pieces(refs, func(int, []int32) { long = true })
		if !long {
			r.rep.ShortWays++
		}
	}
	for _, v := range r.vers {
		if v < 0 {
			r.rep.DanglingNodes++
		}
	}
	r.refs, r.vers, r.idx = nil, nil, nil // no node is looked up by id any more
	r.measure()
}

// measure fills segLen once for all profiles, on Options.Procs goroutines
// working on disjoint ranges of ways. O(R) geodesic inverse problems.
func (r *reader) measure() {
	r.segLen = make([]float64, len(r.refIdx))
	workers := min(r.opts.Procs, len(r.ways)/1024+1)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := w; k < len(r.ways); k += workers {
				way := &r.ways[k]
				refs := r.refIdx[way.start : way.start+int(way.n)]
				for i := 1; i < len(refs); i++ {
					if refs[i-1] >= 0 && refs[i] >= 0 {
						r.segLen[way.start+i] = geodesic.Distance(r.pts[refs[i-1]].point(), r.pts[refs[i]].point())
					}
				}
			}
		}()
	}
	wg.Wait()
}

// pieces calls fn for each run of ≥ 2 consecutive present nodes (refs ≥ 0)
// in refs, with the run's offset in refs: a way is split where it
// references a missing node.
func pieces(refs []int32, fn func(off int, piece []int32)) {
	start := 0
	for k := 0; k <= len(refs); k++ {
		if k == len(refs) || refs[k] < 0 {
			if k-start >= 2 {
				fn(start, refs[start:k])
			}
			start = k + 1
		}
	}
}
