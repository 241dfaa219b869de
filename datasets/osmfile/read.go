package osmfile

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/paulmach/osm"
	"github.com/paulmach/osm/osmpbf"
)

// Kind is the kind of OSM element one pass of a shared read scans. The
// passes run in the order of the kinds: relations, then ways, then nodes,
// so that each pass knows what the previous one asked for (the member
// ways of kept relations, the nodes of kept ways).
type Kind int

// The kinds, in pass order.
const (
	Relations Kind = iota
	Ways
	Nodes
)

func (k Kind) String() string {
	switch k {
	case Relations:
		return "relation"
	case Ways:
		return "way"
	}
	return "node"
}

// Consumer is one user of a shared read (Read): the road network
// builder, the extract of places, services and boundaries, or both at
// once over the same passes.
type Consumer interface {
	// Wants reports whether the consumer needs the pass over elements
	// of kind k. It is asked before that pass, after Done of the
	// previous one.
	Wants(k Kind) bool
	// KeepNode, KeepWay and KeepRelation filter the elements of a pass
	// the consumer wants. They run on PBF decoding goroutines,
	// concurrently: they may only read state that does not change
	// during the pass.
	KeepNode(n *osm.Node) bool
	KeepWay(w *osm.Way) bool
	KeepRelation(r *osm.Relation) bool
	// Visit receives each element the consumer keeps (*osm.Node,
	// *osm.Way or *osm.Relation), in file order, on the calling
	// goroutine, with the index of its source.
	Visit(o osm.Object, file int)
	// Done ends the pass over elements of kind k, every source read.
	Done(k Kind)
}

// ReadReport is what a shared read saw, for its consumers' reports.
type ReadReport struct {
	Files []FileReport // one per source, in the order given
	// NodesScanned, WaysScanned and RelationsScanned count the elements
	// of each kind read, in every source (duplicates included); 0 for a
	// kind no consumer wanted.
	NodesScanned, WaysScanned, RelationsScanned int64
	// Newest is the newest timestamp of any element scanned; zero if
	// none has one.
	Newest time.Time
	// Passes is the number of passes made over each source.
	Passes int
}

// Read reads sources (PBF, XML, XML+bzip2/gzip, mixed freely) once
// for every consumer: at most three passes over each source (relations,
// ways, nodes; a pass only when a consumer wants it), each pass feeding
// every consumer that wants it. procs is the number of PBF decoding
// goroutines (≤ 0: runtime.GOMAXPROCS(0)).
//
// Every node the scanner delivers is checked for coordinates in range.
// The first pass over a source records its header, SHA-256 and size;
// later passes check that the bytes did not change. On any error
// (malformed or truncated file, a source whose bytes changed between
// passes, cancellation) the consumers' state is to be discarded. The
// error is a *FileError naming the source, wrapping ErrMalformed,
// ErrUnsupported, ErrChanged, ErrCoordinate, an I/O error or ctx.Err().
func Read(ctx context.Context, sources []Source, procs int, consumers ...Consumer) (*ReadReport, error) {
	if len(sources) == 0 {
		return nil, errors.New("osmfile: no sources")
	}
	if ctx == nil {
		ctx = context.Background()
	}
	if procs <= 0 {
		procs = runtime.GOMAXPROCS(0)
	}
	s := &shared{ctx: ctx, procs: procs, memo: newBlockMemo(), rep: &ReadReport{}}
	for _, k := range []Kind{Relations, Ways, Nodes} {
		var want []Consumer
		for _, c := range consumers {
			if c.Wants(k) {
				want = append(want, c)
			}
		}
		if len(want) == 0 {
			continue
		}
		for i, src := range sources {
			if err := s.pass(i, src, k, want); err != nil {
				return nil, err
			}
		}
		s.rep.Passes++
		for _, c := range want {
			c.Done(k)
		}
	}
	if u := s.newest.Load(); u != 0 {
		s.rep.Newest = time.Unix(u, 0).UTC()
	}
	return s.rep, nil
}

// shared is the state of one Read call.
type shared struct {
	ctx    context.Context
	procs  int
	memo   *blockMemo
	rep    *ReadReport
	newest atomic.Int64 // newest element timestamp, Unix seconds
}

// seen records an element timestamp. Safe on decoder goroutines.
func (s *shared) seen(t time.Time) {
	if t.IsZero() {
		return
	}
	u := t.Unix()
	for {
		old := s.newest.Load()
		if u <= old || s.newest.CompareAndSwap(old, u) {
			return
		}
	}
}

// keeps reports whether any of cs keeps o, an element of the pass.
func keeps(cs []Consumer, o osm.Object) bool {
	for _, c := range cs {
		if keep(c, o) {
			return true
		}
	}
	return false
}

func keep(c Consumer, o osm.Object) bool {
	switch o := o.(type) {
	case *osm.Node:
		return c.KeepNode(o)
	case *osm.Way:
		return c.KeepWay(o)
	case *osm.Relation:
		return c.KeepRelation(o)
	}
	return false
}

// pass runs the pass over elements of kind k of source i for cs.
func (s *shared) pass(i int, src Source, k Kind, cs []Consumer) error {
	var scanned atomic.Int64
	filter := func(o osm.Object, ts time.Time) bool {
		scanned.Add(1)
		s.seen(ts)
		return keeps(cs, o)
	}
	o, err := open(s.ctx, src, s.procs, s.memo, kindBit(k), func(sc *osmpbf.Scanner) {
		sc.SkipNodes, sc.SkipWays, sc.SkipRelations = k != Nodes, k != Ways, k != Relations
		switch k {
		case Nodes:
			sc.FilterNode = func(n *osm.Node) bool { return filter(n, n.Timestamp) }
		case Ways:
			sc.FilterWay = func(w *osm.Way) bool { return filter(w, w.Timestamp) }
		default:
			sc.FilterRelation = func(r *osm.Relation) bool { return filter(r, r.Timestamp) }
		}
	})
	if err != nil {
		return err
	}
	defer o.close()
	first := i >= len(s.rep.Files)
	var fr FileReport
	if first {
		if fr, err = o.fileReport(src); err != nil {
			return err
		}
	}
	var last element
	for o.scanner.Scan() {
		obj := o.scanner.Object()
		var ts time.Time
		var kind Kind
		switch e := obj.(type) {
		case *osm.Node:
			last, ts, kind = element{"node", int64(e.ID)}, e.Timestamp, Nodes
			if !(e.Lat >= -90 && e.Lat <= 90 && e.Lon >= -180 && e.Lon <= 180) {
				return &FileError{Source: src.Name, Format: o.format, Offset: -1, Element: last.String(),
					Err: fmt.Errorf("%w: lat %v lon %v", ErrCoordinate, e.Lat, e.Lon)}
			}
		case *osm.Way:
			last, ts, kind = element{"way", int64(e.ID)}, e.Timestamp, Ways
		case *osm.Relation:
			last, ts, kind = element{"relation", int64(e.ID)}, e.Timestamp, Relations
		case *osm.Bounds:
			if first && fr.Bounds == nil {
				fr.Bounds = bound(e)
			}
			continue
		default:
			continue
		}
		if kind != k {
			continue // XML: every element reaches every pass
		}
		if o.pbf == nil && !filter(obj, ts) {
			continue
		}
		for _, c := range cs {
			if len(cs) == 1 || keep(c, obj) {
				c.Visit(obj, i)
			}
		}
	}
	sum, size, err := o.end(s.ctx, src, last)
	if err != nil {
		return err
	}
	switch k {
	case Nodes:
		s.rep.NodesScanned += scanned.Load()
	case Ways:
		s.rep.WaysScanned += scanned.Load()
	default:
		s.rep.RelationsScanned += scanned.Load()
	}
	if first {
		fr.SHA256, fr.Size = sum, size
		s.rep.Files = append(s.rep.Files, fr)
	} else if f := s.rep.Files[i]; f.SHA256 != sum || f.Size != size {
		return &FileError{Source: src.Name, Format: o.format, Offset: -1, Err: ErrChanged}
	}
	return nil
}
