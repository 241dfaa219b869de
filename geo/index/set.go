package index

import (
	"sync"
)

// Set is several Points indexes searched together: one rectangle search
// around a query serves NearestAndCount of every member (the services of
// every category and country for one village), instead of one search per
// member. Each member's answer is exactly its own NearestAndCount's.
//
// Safe for concurrent use; immutable after NewSet.
type Set struct {
	members []*Points
	flat    flatTree // every member's valid items; id = position in refs
	refs    []setRef
	bufs    sync.Pool // *[][]cand, per-query candidates of each member
}

type setRef struct {
	member int32
	id     int32 // item id in the member
}

// Answer is one member's nearest item: ID and DistM as NearestAndCount
// returns them; OK false when it finds none.
type Answer struct {
	ID    int32
	DistM float64
	OK    bool
}

// NewSet packs the items of members (which it shares, not copies) into
// one tree. O(n log n) for n items in all.
func NewSet(members []*Points) *Set {
	s := &Set{members: members}
	var items []flatItem
	for m, ix := range members {
		for _, it := range ix.flat.items {
			items = append(items, flatItem{lon: it.lon, lat: it.lat, ecef: it.ecef, id: int32(len(s.refs))})
			s.refs = append(s.refs, setRef{member: int32(m), id: it.id})
		}
	}
	s.flat = newFlatTree(items)
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
		for j := 0; j < n; j++ {
			s.flat.search(rects[j][0], rects[j][1], func(it *flatItem) {
				ref := s.refs[it.id]
				bufs[ref.member] = append(bufs[ref.member], cand{ref.id, chordLowerBoundM(&q.q.ecef, &it.ecef)})
			})
		}
	}
	for k, ix := range s.members {
		if ix.indexed == 0 {
			continue
		}
		if shared {
			maxR := radiiM[len(radiiM)-1]
			if r := max(ix.startRadius, maxR); r > maxR && r < 2000e3 {
				if i, d, ok := ix.answerFromCountDisc(q.p, radiiM, counts[k], tolM, r, bufs[k]); ok {
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
