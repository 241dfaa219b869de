package index

import (
	"math"
	"slices"
	"sync/atomic"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/geodesic"
)

// Rectangle queries: the fast path for an unfiltered nearest neighbour and
// for counts within radii. Instead of a best-first walk (which pushes every
// child of every visited node through a priority queue and needs a
// trigonometric bound per box), these search a lon/lat rectangle that
// provably contains the geodesic disc of a radius, key items by their
// chord, and compute exact geodesics only where the chord cannot decide.
//
// Facts used, on the WGS84 ellipsoid:
//   - chord ≤ geodesic (a straight segment is the shortest path);
//   - geodesic ≤ (2/κ)·asin(κ·chord/2) with κ = a/b², the largest
//     curvature of the ellipsoid: a geodesic's curvature as a space curve
//     is the normal curvature in its direction, at most κ, and a curve of
//     curvature ≤ κ has a chord at least that of a circular arc of radius
//     1/κ with the same length (the chord–arc comparison);
//   - a point within geodesic distance R differs in latitude by at most
//     R/(b²/a) radians (the meridian radius of curvature is ≥ b²/a) and in
//     longitude by at most R/(a·cos φ*) where φ* is the largest |latitude|
//     such a point can have (the parallel radius is N·cos φ ≥ a·cos φ).

const kappa = wgs84A / (wgs84B * wgs84B) // 1/m, largest curvature

// chordUpperBoundM returns a geodesic length that a chord c (metres)
// cannot be shorter than… i.e. the longest geodesic whose chord is c, with
// a rounding margin. Valid for κc/2 < 1 (c < 6335 km); +Inf beyond.
func chordUpperBoundM(c float64) float64 {
	x := kappa * c / 2
	if x >= 1 {
		return math.Inf(1)
	}
	// The margins also absorb the slack chordLowerBoundM subtracts.
	return (2/kappa)*math.Asin(x)*(1+1e-11) + 1e-5
}

// discRect returns lon/lat rectangles covering every point within geodesic
// distance r of q: one, or two when it crosses the antimeridian; whole
// longitude bands near the poles.
func discRect(q *query, r float64, out *[2][2][2]float64) int {
	dLat := r / minRho / deg * (1 + 1e-9)
	latMin, latMax := q.lat-dLat, q.lat+dLat
	phi := math.Max(math.Abs(latMin), math.Abs(latMax))
	if latMin < -90 {
		latMin = -90
	}
	if latMax > 90 {
		latMax = 90
	}
	if phi >= 89.999 {
		out[0] = [2][2]float64{{-180, latMin}, {180, latMax}}
		return 1
	}
	dLon := r / (wgs84A * math.Cos(phi*deg)) / deg * (1 + 1e-9)
	if dLon >= 180 {
		out[0] = [2][2]float64{{-180, latMin}, {180, latMax}}
		return 1
	}
	lo, hi := q.lon-dLon, q.lon+dLon
	switch {
	case lo < -180:
		out[0] = [2][2]float64{{-180, latMin}, {hi, latMax}}
		out[1] = [2][2]float64{{lo + 360, latMin}, {180, latMax}}
		return 2
	case hi > 180:
		out[0] = [2][2]float64{{lo, latMin}, {180, latMax}}
		out[1] = [2][2]float64{{-180, latMin}, {hi - 360, latMax}}
		return 2
	}
	out[0] = [2][2]float64{{lo, latMin}, {hi, latMax}}
	return 1
}

// searchDisc calls fn(i, chordLowerBound) for every item in the rectangles
// covering the disc of geodesic radius r around q (a superset of the disc).
func (ix *Points) searchDisc(q *query, r float64, fn func(i int32, c float64)) {
	var rects [2][2][2]float64
	n := discRect(q, r, &rects)
	for k := 0; k < n; k++ {
		ix.flat.search(rects[k][0], rects[k][1], func(it *flatItem) {
			fn(it.id, chordLowerBoundM(&q.ecef, &it.ecef))
		})
	}
}

// nearestRect finds the nearest item by exact geodesic distance (smallest
// id among equals). See NearestAndCount.
func (ix *Points) nearestRect(p orb.Point, q *query) (int32, float64, bool) {
	return ix.nearestAndCount(p, q, nil, nil, 0)
}

// Query is a query point prepared once for several indexes (its
// trigonometry and geocentric position). The zero Query is invalid.
type Query struct {
	p  orb.Point
	q  query
	ok bool
}

// NewQuery prepares p; an invalid position (NaN, |lat| > 90) gives a
// Query that finds nothing.
func NewQuery(p orb.Point) Query {
	q, ok := newQuery(p)
	return Query{p: p, q: q, ok: ok}
}

// NearestAndCount returns the nearest item to q by geodesic distance
// (smallest id among exact equals) and adds to counts[k] the number of
// items at most radiiM[k] metres away (ascending radii, inclusive), in one
// rectangle search when the largest radius reaches the nearest item.
// counts must be as long as radiiM (both may be nil). ok is false when
// the index holds no valid item or the query is invalid.
//
// The item returned is always the exact nearest. Its distance is exact
// when tolM is 0; otherwise, for items over 1 m away, it may be the
// midpoint of the chord bracket
// [c, (2/κ)asin(κc/2)] when that bracket is at most 2·tolM wide (under
// about 20 km for tolM = 1 mm), so within tolM of the exact geodesic.
// Counts are always exact.
//
// The search starts from a radius sized to the data density and doubles
// it until the rectangle holds an item; every item whose chord does not
// exceed the chord-nearest item's upper bound is a candidate (usually just
// that one), and exact geodesics decide between several candidates and
// for counts the chord leaves open. Sparse or global data fall back to the
// best-first walk. Allocation-free in steady state.
func (ix *Points) NearestAndCount(q *Query, radiiM []float64, counts []int32, tolM float64) (int32, float64, bool) {
	if !q.ok || ix.indexed == 0 {
		return -1, 0, false
	}
	return ix.nearestAndCount(q.p, &q.q, radiiM, counts, tolM)
}

type cand struct {
	id int32
	c  float64
}

// alone reports whether best is the only candidate of buf whose chord is
// at most ub.
func alone(buf []cand, best int32, ub float64) bool {
	for _, it := range buf {
		if it.id != best && it.c <= ub {
			return false
		}
	}
	return true
}

func (ix *Points) nearestAndCount(p orb.Point, q *query, radiiM []float64, counts []int32, tolM float64) (int32, float64, bool) {
	bp := ix.cands.Get().(*[]cand)
	buf := (*bp)[:0]
	defer func() { *bp = buf[:0]; ix.cands.Put(bp) }()
	if len(radiiM) > 0 {
		maxR := radiiM[len(radiiM)-1]
		if r := math.Max(ix.startRadius, maxR); r > maxR && r < 2000e3 {
			i, d, ok := ix.nearestInCountDisc(p, q, radiiM, counts, tolM, r, &buf)
			if ok {
				return i, d, true
			}
		}
	}
	return ix.nearestAndCountFrom(p, q, radiiM, counts, tolM, &buf)
}

// nearestInCountDisc answers nearestAndCount from the rectangle of the
// largest radius maxR alone, which the counts need anyway, instead of the
// larger one of radius r the search starts from, when that gives the same
// answer; ok is false otherwise, with counts untouched.
//
// The answer of the search over rectangle(r) depends on its items only
// through the chord-nearest one (best, bestC), the items keyed at most
// ub = chordUpperBoundM(bestC) (the bracket's rivals, and the geodesic
// candidates, as the geodesic u of best is at most ub), and the counts,
// which are exact whatever the superset of the discs. An item outside
// rectangle(maxR) is farther than maxR, so its key exceeds
// t = chordWithinM(maxR) (a key at most t would put it within maxR). When
// ub <= t, every item that matters is inside rectangle(maxR), and the
// decisions of nearestAndCountFrom, taken on the same values, are the
// same: same item, same distance bits, same counts.
func (ix *Points) nearestInCountDisc(p orb.Point, q *query, radiiM []float64, counts []int32, tolM, r float64, bufp *[]cand) (int32, float64, bool) {
	buf := (*bufp)[:0]
	ix.searchDisc(q, radiiM[len(radiiM)-1], func(i int32, c float64) { buf = append(buf, cand{i, c}) })
	*bufp = buf
	return ix.answerFromCountDisc(p, radiiM, ix.within(radiiM), counts, tolM, r, buf)
}

// answerFromCountDisc is nearestInCountDisc given buf, the items of the
// rectangle of the largest radius with their chord keys (in any order),
// and within, the chord keys of radiiM (Points.within).
func (ix *Points) answerFromCountDisc(p orb.Point, radiiM, within []float64, counts []int32, tolM, r float64, buf []cand) (int32, float64, bool) {
	t := within[len(within)-1]
	bestC, best := math.Inf(1), int32(-1)
	for _, it := range buf {
		if it.c < bestC || (it.c == bestC && it.id < best) {
			bestC, best = it.c, it.id
		}
	}
	if best < 0 {
		return -1, 0, false
	}
	ub := chordUpperBoundM(bestC)
	if !(ub <= t) {
		return -1, 0, false
	}
	rival := false // alone(buf, best, ub) is !rival
	// The usual item, within the largest radius by its chord key and
	// beyond the next one, is counted here; count takes the others.
	last := len(radiiM) - 1
	next := math.Inf(-1) // the next radius down, if any
	if last > 0 {
		next = radiiM[last-1]
	}
	for _, it := range buf {
		if it.c <= t && it.c > next {
			counts[last]++
		} else {
			ix.count(p, it, radiiM, within, counts)
		}
		rival = rival || (it.id != best && it.c <= ub)
	}
	if tolM > 0 && bestC > 1 && ub <= r && ub-bestC <= 2*tolM && !rival {
		return best, (bestC + ub) / 2, true
	}
	u := geodesic.Distance(p, ix.pts[best])
	bestD := u
	for _, it := range buf {
		if it.id == best || it.c > u {
			continue
		}
		d := geodesic.Distance(p, ix.pts[it.id])
		if d < bestD || (d == bestD && it.id < best) {
			bestD, best = d, it.id
		}
	}
	return best, bestD, true
}

// nearestAndCountFrom is nearestAndCount searching rectangles from the
// radius max(startRadius, maxR), doubled until one holds an item.
func (ix *Points) nearestAndCountFrom(p orb.Point, q *query, radiiM []float64, counts []int32, tolM float64, bufp *[]cand) (int32, float64, bool) {
	maxR := 0.0
	if len(radiiM) > 0 {
		maxR = radiiM[len(radiiM)-1]
	}
	buf := *bufp
	defer func() { *bufp = buf }()

	counted := false
	r := math.Max(ix.startRadius, maxR)
	for ; r < 2000e3; r *= 2 {
		buf = buf[:0]
		bestC, best := math.Inf(1), int32(-1)
		ix.searchDisc(q, r, func(i int32, c float64) {
			buf = append(buf, cand{i, c})
			if c < bestC || (c == bestC && i < best) {
				bestC, best = c, i
			}
		})
		if !counted && len(radiiM) > 0 && r >= maxR {
			within := ix.within(radiiM)
			for _, it := range buf {
				ix.count(p, it, radiiM, within, counts)
			}
			counted = true
		}
		if best < 0 {
			continue
		}
		if ub := chordUpperBoundM(bestC); tolM > 0 && bestC > 1 && ub <= r && ub-bestC <= 2*tolM {
			// Every item nearer than ub is in buf; if best is the only
			// one, it is the nearest and the bracket gives its distance.
			if alone(buf, best, ub) {
				return best, (bestC + ub) / 2, true
			}
		}
		u := geodesic.Distance(p, ix.pts[best])
		if u > r { // the disc of radius u reaches beyond this rectangle
			buf = buf[:0]
			ix.searchDisc(q, u, func(i int32, c float64) { buf = append(buf, cand{i, c}) })
		}
		bestD := u
		for _, it := range buf {
			if it.id == best || it.c > u {
				continue
			}
			d := geodesic.Distance(p, ix.pts[it.id])
			if d < bestD || (d == bestD && it.id < best) {
				bestD, best = d, it.id
			}
		}
		if !counted && len(radiiM) > 0 {
			ix.CountWithinEach(p, radiiM, counts)
		}
		return best, bestD, true
	}
	if !counted && len(radiiM) > 0 {
		ix.CountWithinEach(p, radiiM, counts)
	}
	var bi int32 = -1
	var bd float64
	ix.scan(p, math.Inf(1), func(i int32, d float64) bool { bi, bd = i, d; return false })
	return bi, bd, bi >= 0
}

// chordWithinM returns the largest chord key t for which
// chordUpperBoundM(t) <= r, so that an item keyed c <= t is within
// geodesic distance r without an arcsine per item: chordUpperBoundM is
// non-decreasing, so c <= t implies chordUpperBoundM(c) <= r (up to the
// rounding its margins absorb, as for c itself). -Inf when no key
// qualifies or r is not a usable radius: every item is then decided by
// its chord and, where that leaves it open, its geodesic.
func chordWithinM(r float64) float64 {
	const maxArg = math.Pi / 2 * (1 - 1e-9)
	arg := kappa / 2 * ((r - 1e-5) / (1 + 1e-11))
	if !(r >= 0) || !(arg <= maxArg) {
		return math.Inf(-1)
	}
	t := (2 / kappa) * math.Sin(arg)
	// Settle on the float side: a few ulps at most.
	for i := 0; chordUpperBoundM(t) > r; i++ {
		if i == 64 {
			return math.Inf(-1)
		}
		t = math.Nextafter(t, math.Inf(-1))
	}
	return t
}

// chordWithin holds chordWithinM of each radius of a radii slice.
type chordWithin struct {
	radii []float64 // a copy of the radii
	t     []float64 // chordWithinM(radii[k])
}

// within returns the chord keys of radiiM: from the last radii asked when
// they are the same values, else computed and remembered. Queries of a run
// pass the same thresholds every time, so the arcsines of the items' upper
// bounds become one comparison each.
func (ix *Points) within(radiiM []float64) []float64 { return cachedWithin(&ix.lastWithin, radiiM) }

// cachedWithin returns the chord keys of radiiM from last when it holds
// the same radii, else computes them and stores them there.
func cachedWithin(last *atomic.Pointer[chordWithin], radiiM []float64) []float64 {
	if w := last.Load(); w != nil && slices.Equal(w.radii, radiiM) {
		return w.t
	}
	w := &chordWithin{radii: slices.Clone(radiiM), t: make([]float64, len(radiiM))}
	for k, r := range radiiM {
		w.t[k] = chordWithinM(r)
	}
	last.Store(w)
	return w.t
}

// count adds one item to the counts of the radii it is within; within[k]
// is chordWithinM(radiiM[k]). The radii are ascending: they are tried
// from the largest down, until one is below the item's chord, and so
// are all the smaller ones.
func (ix *Points) count(p orb.Point, it cand, radiiM, within []float64, counts []int32) {
	d := math.NaN() // exact distance, computed at most once
	for k := len(radiiM) - 1; k >= 0; k-- {
		r := radiiM[k]
		switch {
		case it.c > r:
			return
		case it.c <= within[k]:
			counts[k]++
		default:
			if math.IsNaN(d) {
				d = geodesic.Distance(p, ix.pts[it.id])
			}
			if d <= r {
				counts[k]++
			}
		}
	}
}

// CountWithinEach adds to counts[k] the number of items at geodesic
// distance <= radiiM[k] from p, for ascending radii (inclusive, like
// CountWithin). One rectangle search for the largest radius; exact
// geodesics only for items whose chord leaves the answer open.
// counts must be as long as radiiM.
func (ix *Points) CountWithinEach(p orb.Point, radiiM []float64, counts []int32) {
	q, ok := newQuery(p)
	if !ok || ix.indexed == 0 || len(radiiM) == 0 {
		return
	}
	maxR := radiiM[len(radiiM)-1]
	if !(maxR >= 0) || maxR > 2000e3 {
		for k, r := range radiiM {
			counts[k] += int32(ix.CountWithin(p, r, nil))
		}
		return
	}
	within := ix.within(radiiM)
	ix.searchDisc(&q, maxR, func(i int32, c float64) { ix.count(p, cand{i, c}, radiiM, within, counts) })
}
