package index

import (
	"math"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"
	"github.com/tidwall/rtree"

	"github.com/partons/partons/geo/geodesic"
)

// Neighbor is an item found by a query, with its WGS84 geodesic distance in
// metres from the query point.
type Neighbor struct {
	ID    int32
	DistM float64
}

// Points is an immutable R-tree of lon/lat points answering nearest and
// within-radius queries by exact WGS84 geodesic distance
// (geodesic.Distance).
//
// Item i is the i-th point given to New. Points with a non-finite
// coordinate or a latitude outside [-90, 90] are not indexed and never
// returned; longitudes outside [-180, 180] are wrapped for indexing.
//
// All query methods are safe for concurrent use; a Points is never modified
// after New returns.
type Points struct {
	pts     []orb.Point
	ecef    [][3]float64 // item positions on the ellipsoid, metres, for chord keys
	tree    rtree.RTreeG[int32]
	flat    flatTree // the same items, packed for rectangle searches
	indexed int
	pending sync.Pool // *[]Neighbor, per-query candidate heaps

	// startRadius (metres) is where nearest-neighbour rectangle searches
	// start: about twice the mean spacing of the items.
	startRadius float64
	cands       sync.Pool // *[]cand, per-query rectangle candidates

	lastWithin atomic.Pointer[chordWithin] // chord keys of the last radii counted
}

// New indexes pts; item ids are positions in pts, so len(pts) must fit in an
// int32 (New panics otherwise: a programmer error, not a data error). pts is
// copied. O(n log n) time, O(n) memory.
func New(pts []orb.Point) *Points {
	if len(pts) > math.MaxInt32 {
		panic("index: more than MaxInt32 points")
	}
	ix := &Points{pts: append([]orb.Point(nil), pts...), ecef: make([][3]float64, len(pts))}
	for i, p := range ix.pts {
		lon, lat, ok := normalise(p)
		if !ok {
			continue
		}
		ix.ecef[i] = toECEF(lon, lat)
		ix.tree.Insert([2]float64{lon, lat}, [2]float64{lon, lat}, int32(i))
		ix.indexed++
	}
	items := make([]flatItem, 0, ix.indexed)
	for i, p := range ix.pts {
		if lon, lat, ok := normalise(p); ok {
			items = append(items, flatItem{lon: lon, lat: lat, ecef: ix.ecef[i], id: int32(i)})
		}
	}
	ix.flat = newFlatTree(items)
	ix.pending.New = func() any { s := make([]Neighbor, 0, 16); return &s }
	ix.startRadius = startRadius(&ix.tree, ix.indexed)
	ix.cands.New = func() any { s := make([]cand, 0, 64); return &s }
	return ix
}

// Len returns the number of items, indexed or not (len of New's input).
func (ix *Points) Len() int { return len(ix.pts) }

// Indexed returns the number of items that queries can return: Len minus
// the points rejected as invalid positions.
func (ix *Points) Indexed() int { return ix.indexed }

// Point returns item i as given to New. It panics if i is out of range.
func (ix *Points) Point(i int32) orb.Point { return ix.pts[i] }

// Nearby calls fn for every indexed item in order of non-decreasing
// geodesic distance from p, ties by increasing id, until fn returns false.
// Nothing is visited when p is not a valid position.
//
// The R-tree is walked best-first (tidwall/rtree Nearby) on a lower bound of
// the geodesic distance (see boxHaversine and lowerBoundM); exact geodesic
// distances are computed lazily, only for items whose lower bound is below
// the distance reached, and released in exact order. Visiting the first m
// items costs about O((m + log n)·log n) plus one geodesic per visited or
// nearly-visited item. fn may run other queries on ix.
func (ix *Points) Nearby(p orb.Point, fn func(i int32, distM float64) bool) {
	ix.scan(p, math.Inf(1), fn)
}

// Within calls fn for every indexed item at geodesic distance <= radiusM
// from p (inclusive), nearest first, ties by increasing id, until fn
// returns false. A negative or NaN radius visits nothing.
// O((m + log n)·log n) for m items visited.
func (ix *Points) Within(p orb.Point, radiusM float64, fn func(i int32, distM float64) bool) {
	if !(radiusM >= 0) {
		return
	}
	ix.scan(p, radiusM, fn)
}

// CountWithin returns the number of indexed items at geodesic distance
// <= radiusM from p for which accept returns true (accept nil accepts all).
func (ix *Points) CountWithin(p orb.Point, radiusM float64, accept func(i int32) bool) int {
	n := 0
	ix.Within(p, radiusM, func(i int32, _ float64) bool {
		if accept == nil || accept(i) {
			n++
		}
		return true
	})
	return n
}

// Nearest returns the accepted item nearest to p and its geodesic distance
// in metres; among items at the same distance the smallest id wins. accept
// nil accepts every item. ok is false when no indexed item is accepted or p
// is invalid. Items are tried nearest first, so a selective accept costs a
// longer walk: O((m + log n)·log n) for m items tried.
func (ix *Points) Nearest(p orb.Point, accept func(i int32) bool) (i int32, distM float64, ok bool) {
	if accept == nil {
		q, valid := newQuery(p)
		if !valid || ix.indexed == 0 {
			return -1, 0, false
		}
		return ix.nearestRect(p, &q)
	}
	i = -1
	ix.scan(p, math.Inf(1), func(j int32, d float64) bool {
		if accept != nil && !accept(j) {
			return true
		}
		i, distM, ok = j, d, true
		return false
	})
	return i, distM, ok
}

// KNearest appends to buf[:0] the k accepted items nearest to p, ordered by
// (distance, id), and returns it; fewer when fewer are accepted. accept nil
// accepts every item. Reusing buf across calls avoids allocation.
func (ix *Points) KNearest(buf []Neighbor, p orb.Point, k int, accept func(i int32) bool) []Neighbor {
	buf = buf[:0]
	if k <= 0 {
		return buf
	}
	ix.scan(p, math.Inf(1), func(j int32, d float64) bool {
		if accept != nil && !accept(j) {
			return true
		}
		buf = append(buf, Neighbor{ID: j, DistM: d})
		return len(buf) < k
	})
	return buf
}

// scan visits the items within limitM of p in (distance, id) order.
//
// rtree.Nearby pops nodes and items from one priority queue keyed by our
// dist function: the haversine h = sin²(σ/2) of the spherical angle to a
// node's box, and, to spare geodesic solutions, to an item too; an item's
// key is never below its node's (the box minimum), up to rounding. When an
// item pops with key h, lowerBoundM(angle(h)) = k metres, every item not yet
// popped has an exact distance strictly greater than k (its bound is >= k up
// to rounding, far below the bound's slack), so candidates already refined
// with a distance < k are final and are released in exact order from a
// small heap.
func (ix *Points) scan(p orb.Point, limitM float64, fn func(i int32, distM float64) bool) {
	q, ok := newQuery(p)
	if !ok || ix.indexed == 0 {
		return
	}
	hp := ix.pending.Get().(*[]Neighbor)
	h := (*hp)[:0]
	done := false
	ix.tree.Nearby(
		func(min, max [2]float64, id int32, item bool) float64 {
			if item {
				return chordLowerBoundM(&q.ecef, &ix.ecef[id])
			}
			return lowerBoundM(angle(q.boxHaversine(min, max)))
		},
		func(_, _ [2]float64, id int32, key float64) bool {
			for len(h) > 0 && h[0].DistM < key {
				var n Neighbor
				h, n = heapPop(h)
				if n.DistM > limitM || !fn(n.ID, n.DistM) {
					done = true
					return false
				}
			}
			if key > limitM {
				done = true
				return false
			}
			h = heapPush(h, Neighbor{ID: id, DistM: geodesic.Distance(p, ix.pts[id])})
			return true
		},
	)
	for !done && len(h) > 0 {
		var n Neighbor
		h, n = heapPop(h)
		if n.DistM > limitM || !fn(n.ID, n.DistM) {
			break
		}
	}
	*hp = h[:0]
	ix.pending.Put(hp)
}

// less orders neighbours by distance, then id.
func less(a, b Neighbor) bool {
	if a.DistM != b.DistM {
		return a.DistM < b.DistM
	}
	return a.ID < b.ID
}

// heapPush adds n to the binary min-heap h. O(log len(h)).
func heapPush(h []Neighbor, n Neighbor) []Neighbor {
	h = append(h, n)
	for i := len(h) - 1; i > 0; {
		parent := (i - 1) / 2
		if !less(h[i], h[parent]) {
			break
		}
		h[i], h[parent] = h[parent], h[i]
		i = parent
	}
	return h
}

// heapPop removes and returns the minimum of the non-empty heap h.
// O(log len(h)).
func heapPop(h []Neighbor) ([]Neighbor, Neighbor) {
	top := h[0]
	last := len(h) - 1
	h[0] = h[last]
	h = h[:last]
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(h) && less(h[l], h[m]) {
			m = l
		}
		if r < len(h) && less(h[r], h[m]) {
			m = r
		}
		if m == i {
			break
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
	return h, top
}

// startRadius sizes the first rectangle of a nearest search: twice the
// mean spacing of n items spread over the tree's bounds (at least 100 m).
func startRadius(tr interface{ Bounds() (min, max [2]float64) }, n int) float64 {
	if n == 0 {
		return 1000
	}
	min, max := tr.Bounds()
	midLat := (min[1] + max[1]) / 2
	w := (max[0] - min[0]) * deg * wgs84A * math.Cos(midLat*deg)
	h := (max[1] - min[1]) * deg * minRho
	r := 2 * math.Sqrt(math.Abs(w*h)/float64(n))
	if !(r >= 100) {
		r = 100
	}
	return r
}
