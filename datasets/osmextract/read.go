package osmextract

import (
	"cmp"
	"errors"
	"runtime"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/osm"

	"github.com/partons/partons/datasets/osmfile"
)

// relRec is a kept relation: an area (type=multipolygon or boundary) that
// is a boundary, a place or a service.
type relRec struct {
	id      int64
	version int32
	file    int32
	tags    osm.Tags
	members []member
}

// member is a way member of a relation.
type member struct {
	way   int64
	inner bool
}

// wayRec is a kept way: tagged (tags != nil) or a member of a kept relation.
type wayRec struct {
	id      int64
	version int32
	file    int32
	tags    osm.Tags
	refs    []int64
}

// nodeRec is a tagged node kept as a place or service.
type nodeRec struct {
	id      int64
	version int32
	file    int32
	tags    osm.Tags
	pt      orb.Point
}

// reader holds the state of one Extract call. Only the PBF filters run on
// decoder goroutines; they read the settings and the sorted id slices,
// which do not change during a pass, and atomics.
type reader struct {
	set *settings
	rep *Report

	rels  []relRec
	ways  []wayRec
	nodes []nodeRec

	needWays []int64 // sorted way ids referenced by kept relations

	ids  []int64     // sorted node ids referenced by kept ways
	pts  []orb.Point // their coordinates
	vers []int32     // their versions; -1 while missing
}

// Wants reports that the collector reads relations (areas), ways and
// nodes.
func (c *Collector) Wants(osmfile.Kind) bool { return true }

// KeepRelation keeps area relations that are wanted boundaries, places
// or services. Safe on decoder goroutines.
func (c *Collector) KeepRelation(rel *osm.Relation) bool { return c.r.set.tags.KeepRelation(rel) }

// KeepWay keeps the places and services, and the members of kept
// relations. Safe on decoder goroutines.
func (c *Collector) KeepWay(w *osm.Way) bool {
	return c.r.set.tags.Interesting(w.Tags) || contains(c.r.needWays, int64(w.ID))
}

// KeepNode keeps the nodes of kept ways, and the places and services.
// Safe on decoder goroutines.
func (c *Collector) KeepNode(n *osm.Node) bool {
	return contains(c.r.ids, int64(n.ID)) || (len(n.Tags) > 0 && c.r.set.tags.Interesting(n.Tags))
}

// Visit stores a kept element.
func (c *Collector) Visit(o osm.Object, file int) {
	switch o := o.(type) {
	case *osm.Relation:
		c.r.addRelation(o, file)
	case *osm.Way:
		c.r.addWay(o, file)
	case *osm.Node:
		c.r.addNode(o, file)
	}
}

// Done merges the elements of a pass read from every source.
func (c *Collector) Done(k osmfile.Kind) {
	switch k {
	case osmfile.Relations:
		c.r.mergeRelations()
	case osmfile.Ways:
		c.r.mergeWays()
	default:
		c.r.mergeNodes()
	}
}

// contains reports whether sorted holds id. O(log n), read-only.
func contains(sorted []int64, id int64) bool {
	_, ok := slices.BinarySearch(sorted, id)
	return ok
}

func (r *reader) addRelation(rel *osm.Relation, file int) {
	rec := relRec{id: int64(rel.ID), version: int32(rel.Version), file: int32(file), tags: rel.Tags}
	for _, m := range rel.Members {
		if m.Type != osm.TypeWay {
			continue // label and admin_centre nodes, subarea relations
		}
		switch m.Role {
		case "outer", "":
			rec.members = append(rec.members, member{way: m.Ref})
		case "inner":
			rec.members = append(rec.members, member{way: m.Ref, inner: true})
		}
	}
	r.rels = append(r.rels, rec)
}

func (r *reader) addWay(w *osm.Way, file int) {
	rec := wayRec{id: int64(w.ID), version: int32(w.Version), file: int32(file), refs: make([]int64, len(w.Nodes))}
	if r.set.tags.Interesting(w.Tags) {
		rec.tags = w.Tags
	}
	for k, wn := range w.Nodes {
		rec.refs[k] = int64(wn.ID)
	}
	r.ways = append(r.ways, rec)
}

func (r *reader) addNode(n *osm.Node, file int) {
	id := int64(n.ID)
	tagged := len(n.Tags) > 0 && r.set.tags.Interesting(n.Tags)
	if k, ok := slices.BinarySearch(r.ids, id); ok {
		if r.vers[k] >= 0 && !tagged {
			r.rep.Duplicates.Nodes++ // tagged duplicates are counted by mergeNodes
		}
		if r.vers[k] < 0 || int32(n.Version) > r.vers[k] {
			r.pts[k], r.vers[k] = orb.Point{n.Lon, n.Lat}, int32(n.Version)
		}
	}
	if tagged {
		r.nodes = append(r.nodes, nodeRec{id: id, version: int32(n.Version), file: int32(file), tags: n.Tags, pt: orb.Point{n.Lon, n.Lat}})
	}
}

// dedupe sorts recs by id, highest version first, then first file, and
// keeps the first of each id. It returns the kept records and how many
// were dropped. O(n log n).
func dedupe[T any](recs []T, key func(*T) (id int64, version, file int32)) ([]T, int64) {
	slices.SortStableFunc(recs, func(a, b T) int {
		ia, va, fa := key(&a)
		ib, vb, fb := key(&b)
		return cmp.Or(cmp.Compare(ia, ib), cmp.Compare(vb, va), cmp.Compare(fa, fb))
	})
	kept := recs[:0]
	var dropped int64
	for k := range recs {
		id, _, _ := key(&recs[k])
		if len(kept) > 0 {
			if last, _, _ := key(&kept[len(kept)-1]); last == id {
				dropped++
				continue
			}
		}
		kept = append(kept, recs[k])
	}
	return kept, dropped
}

// mergeRelations keeps one record per relation id and collects the member
// way ids.
func (r *reader) mergeRelations() {
	var n int64
	r.rels, n = dedupe(r.rels, func(x *relRec) (int64, int32, int32) { return x.id, x.version, x.file })
	r.rep.Duplicates.Relations += n
	var ids []int64
	for _, rel := range r.rels {
		for _, m := range rel.members {
			ids = append(ids, m.way)
		}
	}
	slices.Sort(ids)
	r.needWays = slices.Compact(ids)
}

// mergeWays keeps one record per way id and collects the referenced node
// ids.
func (r *reader) mergeWays() {
	var n int64
	r.ways, n = dedupe(r.ways, func(x *wayRec) (int64, int32, int32) { return x.id, x.version, x.file })
	r.rep.Duplicates.Ways += n
	var total int
	for _, w := range r.ways {
		total += len(w.refs)
	}
	ids := make([]int64, 0, total)
	for _, w := range r.ways {
		ids = append(ids, w.refs...)
	}
	r.ids, r.pts, r.vers = osmfile.NodeTable(ids)
}

// mergeNodes keeps one tagged node per id and counts missing nodes.
func (r *reader) mergeNodes() {
	var n int64
	r.nodes, n = dedupe(r.nodes, func(x *nodeRec) (int64, int32, int32) { return x.id, x.version, x.file })
	r.rep.Duplicates.Nodes += n
	for _, v := range r.vers {
		if v < 0 {
			r.rep.Artefacts.MissingNodes++
		}
	}
	for _, w := range r.ways {
		for _, id := range w.refs {
			if _, ok := r.point(id); !ok {
				r.rep.Artefacts.MissingNodeRefs++
			}
		}
	}
}

// point returns the coordinates of node id, or false when no source holds
// it. O(log N).
func (r *reader) point(id int64) (orb.Point, bool) {
	k, ok := slices.BinarySearch(r.ids, id)
	if !ok || r.vers[k] < 0 {
		return orb.Point{}, false
	}
	return r.pts[k], true
}

// way returns the kept way with the given id, or nil. O(log W).
func (r *reader) way(id int64) *wayRec {
	k, ok := slices.BinarySearchFunc(r.ways, id, func(w wayRec, id int64) int { return cmp.Compare(w.id, id) })
	if !ok {
		return nil
	}
	return &r.ways[k]
}

// errNoSources is returned by Extract without sources.
var errNoSources = errors.New("osmextract: no sources")

// defaultProcs is the number of decoding goroutines when Options.Procs ≤ 0.
func defaultProcs(p int) int {
	if p <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return p
}
