package index

import (
	"sync"
	"sync/atomic"
)

// Set is several Points indexes searched together: one rectangle search
// around a query serves NearestAndCount of every member (the services of
// every category and country for one village), instead of one search per
// member. Each member's answer is exactly its own NearestAndCount's.
//
// Safe for concurrent use; immutable after NewSet.
type Set struct {
	members []*Points
	grid    cellGrid // every member's valid items
	// Without a usable grid (see gridUsable), the items packed in a tree
	// as flatItems, refs[id] saying whose they are.
	flat *flatTree
	refs []setItem
	bufs sync.Pool // *[][]cand, per-query candidates of each member

	lastWithin atomic.Pointer[chordWithin] // chord keys of the last radii asked
}

// maxPerCell bounds the items of a grid cell: items clustered in a few
// cells of wide bounds (services of a region and a few far away) would
// make every search read a whole cluster, so such a Set keeps a tree.
const maxPerCell = 32

// Answer is one member's nearest item: ID and DistM as NearestAndCount
// returns them; OK false when it finds none.
type Answer struct {
	ID    int32
	DistM float64
	OK    bool
}

// NewSet buckets the items of members (which it shares, not copies) in
// one grid of cells (cellGrid), or packs them in one tree when the grid
// would crowd some cell. O(n log n) for n items in all.
func NewSet(members []*Points) *Set {
	s := &Set{members: members}
	var items []setItem
	for m, ix := range members {
		for _, it := range ix.flat.items {
			items = append(items, setItem{lon: it.lon, lat: it.lat, ecef: it.ecef, member: int32(m), id: it.id})
		}
	}
	s.grid = newCellGrid(items)
	if s.grid.maxCell() > maxPerCell {
		s.refs = items
		flat := make([]flatItem, len(items))
		for i, it := range items {
			flat[i] = flatItem{lon: it.lon, lat: it.lat, ecef: it.ecef, id: int32(i)}
		}
		t := newFlatTree(flat)
		s.flat, s.grid = &t, cellGrid{}
	}
	n := len(members)
	s.bufs.New = func() any { b := make([][]cand, n); return &b }
	return s
}

// NearestAndCount answers Points.NearestAndCount(q, radiiM, counts[k],
// tolM) for every member k into out[k], with the same item, distance
// and counts. counts[k] may be shared by several members (their counts
// add up); out and counts must be as long as the members.
//
// All members are searched in the rectangle of the largest radius at
// once; a member that rectangle cannot answer for (see
// nearestInCountDisc) gets its own search.
func (s *Set) NearestAndCount(q *Query, radiiM []float64, counts [][]int32, tolM float64, out []Answer) {
	for k := range out {
		out[k] = Answer{ID: -1}
	}
	if !q.ok {
		return
	}
	bp := s.bufs.Get().(*[][]cand)
	bufs := *bp
	defer s.bufs.Put(bp)
	for k := range bufs {
		bufs[k] = bufs[k][:0]
	}
	shared := len(radiiM) > 0 && radiiM[len(radiiM)-1] < 2000e3
	if shared {
		var rects [2][2][2]float64
		n := discRect(&q.q, radiiM[len(radiiM)-1], &rects)
		g := &s.grid
		for j := 0; j < n && s.flat != nil; j++ {
			s.flat.search(rects[j][0], rects[j][1], func(fi *flatItem) {
				it := &s.refs[fi.id]
				bufs[it.member] = append(bufs[it.member], cand{it.id, chordLowerBoundM(&q.q.ecef, &it.ecef)})
			})
		}
		for j := 0; j < n && s.flat == nil; j++ {
			// cellGrid.search, written out: this loop is the hot path of
			// a straight-line run.
			lo, hi := rects[j][0], rects[j][1]
			c0, c1 := g.col(lo[0]), g.col(hi[0])
			r0, r1 := g.row(lo[1]), g.row(hi[1])
			if c0 > c1 {
				continue // not reached: col is non-decreasing
			}
			for r := r0; r <= r1; r++ {
				k := r * g.nx
				run := g.items[g.start[k+c0]:g.start[k+c1+1]]
				for i := range run {
					it := &run[i]
					if it.lon >= lo[0] && it.lon <= hi[0] && it.lat >= lo[1] && it.lat <= hi[1] {
						bufs[it.member] = append(bufs[it.member], cand{it.id, chordLowerBoundM(&q.q.ecef, &it.ecef)})
					}
				}
			}
		}
	}
	var within []float64 // chordWithinM of radiiM, the same for every member
	if shared {
		within = s.within(radiiM)
	}
	for k, ix := range s.members {
		if ix.indexed == 0 {
			continue
		}
		if shared {
			maxR := radiiM[len(radiiM)-1]
			if r := max(ix.startRadius, maxR); r > maxR && r < 2000e3 {
				if i, d, ok := ix.answerFromCountDisc(q.p, radiiM, within, counts[k], tolM, r, bufs[k]); ok {
					out[k] = Answer{ID: i, DistM: d, OK: true}
					continue
				}
				// What NearestAndCount does when the shortcut fails.
				i, d, ok := ix.nearestAndCountFrom(q.p, &q.q, radiiM, counts[k], tolM, &bufs[k])
				out[k] = Answer{ID: i, DistM: d, OK: ok}
				continue
			}
		}
		i, d, ok := ix.NearestAndCount(q, radiiM, counts[k], tolM)
		out[k] = Answer{ID: i, DistM: d, OK: ok}
	}
}

// within is Points.within for the Set: chordWithinM depends on the radii
// alone, so one cache serves every member.
func (s *Set) within(radiiM []float64) []float64 {
	return cachedWithin(&s.lastWithin, radiiM)
}
