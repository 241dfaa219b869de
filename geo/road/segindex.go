package road

import (
	"math"
	"runtime"
	"sync"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/internal/hilbert"
)

// segIndex is the snapping index: a static R-tree packed in flat arrays
// (as mourner/flatbush) over the segments of every routable edge. The
// leaves are the segments themselves, named by the index in gPts of their
// first point and sorted along a Hilbert curve of their centres; there are
// no leaf boxes, since a query computes a segment's exact distance from
// its two points, which it reads anyway. Above them, each node box covers
// segNode consecutive entries of the level below and is stored as float32,
// rounded outward so that it contains every point of every segment below
// it. Memory: 4 bytes per segment plus 16 bytes per node, about 5.1 bytes
// per segment, against 68 for the dynamic tidwall/rtree it replaces.
//
// Immutable once built; queries are safe for concurrent use.
type segIndex struct {
	segs  []int32 // segment starts in gPts, in Hilbert order
	boxes []box32 // node boxes, level 0 first; level k is boxes[lvl[k]:lvl[k+1]]
	lvl   []int32
	queue sync.Pool // of *[]segEntry
}

// segNode is the number of children of a node: segments for level 0,
// nodes of the level below for the others.
const segNode = 16

// box32 is a lon/lat box in float32 degrees.
type box32 struct{ minX, minY, maxX, maxY float32 }

// segEntry is a node waiting in a query's queue with the lower bound of the
// distance to anything below it.
type segEntry struct {
	lb    float64
	level int32
	j     int32 // node within its level
}

// down32 and up32 round x to a float32 at most and at least x.
func down32(x float64) float32 {
	f := float32(x)
	if float64(f) > x {
		f = math.Nextafter32(f, float32(math.Inf(-1)))
	}
	return f
}

func up32(x float64) float32 {
	f := float32(x)
	if float64(f) < x {
		f = math.Nextafter32(f, float32(math.Inf(1)))
	}
	return f
}

func (b box32) union(c box32) box32 {
	return box32{min(b.minX, c.minX), min(b.minY, c.minY), max(b.maxX, c.maxX), max(b.maxY, c.maxY)}
}

func emptyBox32() box32 {
	inf := float32(math.Inf(1))
	return box32{inf, inf, -inf, -inf}
}

// segBox returns the float32 box of segment a–b, rounded outward.
func segBox(a, b orb.Point) box32 {
	return box32{down32(min(a[0], b[0])), down32(min(a[1], b[1])), up32(max(a[0], b[0])), up32(max(a[1], b[1]))}
}

// newSegIndex packs the segments of the routable edges of validated
// geometry arrays, on GOMAXPROCS goroutines (gp must be safe for
// concurrent use). O(S) for S segments; besides the index it allocates 16
// bytes per segment while sorting.
func newSegIndex(gp func(int32) orb.Point, gOff []int32, dir []uint8) *segIndex {
	chunks := min(runtime.GOMAXPROCS(0), (len(dir)+segChunkEdges-1)/segChunkEdges)
	return packSegIndex(gp, gOff, dir, max(1, chunks))
}

// The radix sort of the 32-bit Hilbert numbers: three digits.
const (
	radixBits   = 11
	radixPasses = 3
	radixMask   = 1<<radixBits - 1
)

// segChunkEdges is the fewest edges worth a goroutine of their own.
const segChunkEdges = 1 << 14

// packSegIndex is newSegIndex on the given number of goroutines, each
// given a fixed range of edges, then of leaves: the index does not depend
// on it.
func packSegIndex(gp func(int32) orb.Point, gOff []int32, dir []uint8, chunks int) *segIndex {
	ix := &segIndex{}
	ix.queue.New = func() any { s := make([]segEntry, 0, 64); return &s }
	// Bounding box of the routable points and segments per chunk.
	type part struct {
		e0, e1, n, off int
		lo, hi         orb.Point
		count          *[radixPasses][1 << radixBits]int32 // digits of the keys
	}
	parts := make([]part, chunks)
	for c := range parts {
		parts[c].e0, parts[c].e1 = len(dir)*c/chunks, len(dir)*(c+1)/chunks
	}
	parallel(chunks, func(c int) {
		pt := &parts[c]
		lo, hi := orb.Point{math.Inf(1), math.Inf(1)}, orb.Point{math.Inf(-1), math.Inf(-1)}
		for e := pt.e0; e < pt.e1; e++ {
			if dir[e] == 0 {
				continue
			}
			pt.n += int(gOff[e+1] - gOff[e] - 1)
			for i := gOff[e]; i < gOff[e+1]; i++ {
				p := gp(i)
				lo = orb.Point{min(lo[0], p[0]), min(lo[1], p[1])}
				hi = orb.Point{max(hi[0], p[0]), max(hi[1], p[1])}
			}
		}
		pt.lo, pt.hi = lo, hi
	})
	n := 0
	lo, hi := orb.Point{math.Inf(1), math.Inf(1)}, orb.Point{math.Inf(-1), math.Inf(-1)}
	for c := range parts {
		parts[c].off = n
		n += parts[c].n
		lo = orb.Point{min(lo[0], parts[c].lo[0]), min(lo[1], parts[c].lo[1])}
		hi = orb.Point{max(hi[0], parts[c].hi[0]), max(hi[1], parts[c].hi[1])}
	}
	if n == 0 {
		return ix
	}
	// Keys: Hilbert number of the centre in the high 32 bits, the segment
	// in the low ones, which come in increasing order: a stable sort on
	// the high bits alone orders them as a sort of the whole keys would
	// (ties by segment, so the order is deterministic).
	keys := make([]uint64, n)
	parallel(chunks, func(c int) {
		pt := &parts[c]
		pt.count = new([radixPasses][1 << radixBits]int32)
		k := pt.off
		for e := pt.e0; e < pt.e1; e++ {
			if dir[e] == 0 {
				continue
			}
			for i := gOff[e]; i+1 < gOff[e+1]; i++ {
				a, b := gp(i), gp(i+1)
				h := hilbert.XY(hilbert.Grid((a[0]+b[0])/2, lo[0], hi[0]), hilbert.Grid((a[1]+b[1])/2, lo[1], hi[1]))
				keys[k] = uint64(h)<<32 | uint64(uint32(i))
				pt.count[0][h&radixMask]++
				pt.count[1][(h>>radixBits)&radixMask]++
				pt.count[2][h>>(2*radixBits)]++
				k++
			}
		}
	})
	// Stable LSD radix sort on three 11-bit digits of the Hilbert numbers
	// (counters that fit the L1 cache): keys to tmp, back to keys, then
	// to the segments.
	var start [radixPasses][1 << radixBits]int
	for d := range start {
		sum := 0
		for v := range start[d] {
			start[d][v] = sum
			for c := range parts {
				sum += int(parts[c].count[d][v])
			}
		}
	}
	tmp := make([]uint64, n)
	for _, key := range keys {
		v := (key >> 32) & radixMask
		tmp[start[0][v]] = key
		start[0][v]++
	}
	for _, key := range tmp {
		v := (key >> (32 + radixBits)) & radixMask
		keys[start[1][v]] = key
		start[1][v]++
	}
	tmp = nil
	ix.segs = make([]int32, n)
	for _, key := range keys {
		v := key >> (32 + 2*radixBits)
		ix.segs[start[2][v]] = int32(uint32(key))
		start[2][v]++
	}
	keys = nil

	total, m := 0, n
	for {
		m = (m + segNode - 1) / segNode
		total += m
		if m == 1 {
			break
		}
	}
	ix.boxes = make([]box32, total)
	leaves := (n + segNode - 1) / segNode
	parallel(chunks, func(c int) {
		for j := leaves * c / chunks; j < leaves*(c+1)/chunks; j++ {
			// Rounding is monotone: rounding the extremes of the points
			// gives the union of the rounded segment boxes.
			lo, hi := orb.Point{math.Inf(1), math.Inf(1)}, orb.Point{math.Inf(-1), math.Inf(-1)}
			for _, s := range ix.segs[j*segNode : min((j+1)*segNode, n)] {
				a, b := gp(s), gp(s+1)
				lo = orb.Point{min(lo[0], a[0], b[0]), min(lo[1], a[1], b[1])}
				hi = orb.Point{max(hi[0], a[0], b[0]), max(hi[1], a[1], b[1])}
			}
			ix.boxes[j] = box32{down32(lo[0]), down32(lo[1]), up32(hi[0]), up32(hi[1])}
		}
	})
	ix.lvl = append(ix.lvl, 0, int32(leaves))
	for {
		below := ix.boxes[ix.lvl[len(ix.lvl)-2]:ix.lvl[len(ix.lvl)-1]]
		if len(below) == 1 {
			break
		}
		at := int(ix.lvl[len(ix.lvl)-1])
		for k := 0; k < len(below); k += segNode {
			b := emptyBox32()
			for _, c := range below[k:min(k+segNode, len(below))] {
				b = b.union(c)
			}
			ix.boxes[at] = b
			at++
		}
		ix.lvl = append(ix.lvl, int32(at))
	}
	return ix
}

// parallel calls fn(0) … fn(n-1) on n goroutines and waits for them.
func parallel(n int, fn func(int)) {
	if n == 1 {
		fn(0)
		return
	}
	var wg sync.WaitGroup
	for c := range n {
		wg.Add(1)
		go func() { defer wg.Done(); fn(c) }()
	}
	wg.Wait()
}

// bytes returns the memory the index holds.
func (ix *segIndex) bytes() int64 {
	return int64(cap(ix.segs))*4 + int64(cap(ix.boxes))*16 + int64(cap(ix.lvl))*4
}

// boxLowerM returns a lower bound of the distance in metres, in the
// projection centred on p with scales kx, ky, from p to any point of b.
// The exact point-to-box distance is shrunk by 10⁻⁹ of itself plus 1 µm,
// far more than the rounding of it and of segDist (a few ulps, under
// 10⁻¹⁰ m for segments shorter than 100 km), so that the bound never
// exceeds the distance segDist computes for a segment inside b.
func boxLowerM(p orb.Point, b *box32, kx, ky float64) float64 {
	dx := max(0, float64(b.minX)-p[0], p[0]-float64(b.maxX)) * kx
	dy := max(0, float64(b.minY)-p[1], p[1]-float64(b.maxY)) * ky
	d := math.Sqrt(dx*dx + dy*dy) // within 2 ulps of math.Hypot(dx, dy)
	return max(0, d-d*1e-9-1e-6)
}

// squaredAbove returns a square that x² + y² exceeds only when
// math.Hypot(x, y) > d (for finite d ≥ 0): d² with the margin of
// boxLowerM, which covers the few ulps between the two.
func squaredAbove(d float64) float64 {
	u := d + d*1e-9 + 1e-6
	return u * u
}

// nearest returns the accepted segment nearest to p within maxM metres
// (inclusive) in the projection centred on p with scales kx, ky: its start
// seg in gPts, its edge, the distance d and parameter t of segDist. Among
// segments at exactly the same distance it returns the smallest seg, i.e.
// the first in edge order. accept (nil: all) is called only for segments
// that would improve on the best so far. Best-first on node lower bounds:
// a node is opened only while its bound does not exceed the best distance.
func (g *Graph) nearestSeg(p orb.Point, kx, ky, maxM float64, accept func(int32) bool) (seg, edge int32, d, t float64, ok bool) {
	ix := g.segs
	if len(ix.segs) == 0 {
		return -1, -1, 0, 0, false
	}
	qp := ix.queue.Get().(*[]segEntry)
	h := segHeap((*qp)[:0])
	defer func() { *qp = h[:0]; ix.queue.Put(qp) }()

	top := int32(len(ix.lvl) - 2)
	h.push(segEntry{lb: boxLowerM(p, &ix.boxes[ix.lvl[top]], kx, ky), level: top})
	bestD, bestSeg, bestE, bestT := maxM, int32(-1), int32(-1), 0.0
	skip := math.Inf(1) // squared offsets above it are farther than bestD
	if !math.IsInf(maxM, 1) {
		skip = squaredAbove(maxM)
	}
	for len(h) > 0 {
		it := h.pop()
		if it.lb > bestD {
			break
		}
		first := it.j * segNode
		if it.level == 0 {
			for _, s := range ix.segs[first:min(first+segNode, int32(len(ix.segs)))] {
				x, y, st := segOffset(p, g.gp(s), g.gp(s+1), kx, ky)
				if x*x+y*y > skip {
					continue // farther than the best: no hypot
				}
				sd := math.Hypot(x, y) // segDist, bit for bit
				if sd > bestD || (sd == bestD && bestSeg >= 0 && s > bestSeg) {
					continue
				}
				e := g.edgeOfPoint(s)
				if accept != nil && !accept(e) {
					continue
				}
				bestD, bestSeg, bestE, bestT = sd, s, e, st
				skip = squaredAbove(bestD)
			}
			continue
		}
		below := ix.boxes[ix.lvl[it.level-1]:ix.lvl[it.level]]
		for c := first; c < min(first+segNode, int32(len(below))); c++ {
			if lb := boxLowerM(p, &below[c], kx, ky); lb <= bestD {
				h.push(segEntry{lb: lb, level: it.level - 1, j: c})
			}
		}
	}
	if bestSeg < 0 {
		return -1, -1, 0, 0, false
	}
	return bestSeg, bestE, bestD, bestT, true
}

// segHeap is a binary min-heap of entries on their lower bounds.
type segHeap []segEntry

func (h *segHeap) push(x segEntry) {
	q := append(*h, x)
	i := len(q) - 1
	for i > 0 {
		p := (i - 1) / 2
		if q[p].lb <= q[i].lb {
			break
		}
		q[p], q[i] = q[i], q[p]
		i = p
	}
	*h = q
}

func (h *segHeap) pop() segEntry {
	q := *h
	top := q[0]
	last := len(q) - 1
	q[0] = q[last]
	q = q[:last]
	for i := 0; ; {
		l, s := 2*i+1, i
		if l < len(q) && q[l].lb < q[s].lb {
			s = l
		}
		if r := l + 1; r < len(q) && q[r].lb < q[s].lb {
			s = r
		}
		if s == i {
			break
		}
		q[i], q[s] = q[s], q[i]
		i = s
	}
	*h = q
	return top
}
