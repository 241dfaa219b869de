package road

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/internal/hilbert"
)

// refSegIndex is the former construction of the snapping index, kept as
// the reference packSegIndex must reproduce exactly: one goroutine, the
// Hilbert number of each segment's centre (hilbert.XY, tested against
// the textbook xy2d loop in its package),
// and a comparison sort of the 64-bit keys (number, segment).
func refSegIndex(gp func(int32) orb.Point, gOff []int32, dir []uint8) (segs []int32, boxes []box32, lvl []int32) {
	n := 0
	lo, hi := orb.Point{math.Inf(1), math.Inf(1)}, orb.Point{math.Inf(-1), math.Inf(-1)}
	for e, d := range dir {
		if d == 0 {
			continue
		}
		n += int(gOff[e+1] - gOff[e] - 1)
		for i := gOff[e]; i < gOff[e+1]; i++ {
			p := gp(i)
			lo = orb.Point{min(lo[0], p[0]), min(lo[1], p[1])}
			hi = orb.Point{max(hi[0], p[0]), max(hi[1], p[1])}
		}
	}
	if n == 0 {
		return nil, nil, nil
	}
	keys := make([]uint64, 0, n)
	for e, d := range dir {
		if d == 0 {
			continue
		}
		for i := gOff[e]; i+1 < gOff[e+1]; i++ {
			a, b := gp(i), gp(i+1)
			h := hilbert.XY(refGrid16((a[0]+b[0])/2, lo[0], hi[0]), refGrid16((a[1]+b[1])/2, lo[1], hi[1]))
			keys = append(keys, uint64(h)<<32|uint64(uint32(i)))
		}
	}
	slices.Sort(keys)
	segs = make([]int32, n)
	for k, key := range keys {
		segs[k] = int32(uint32(key))
	}
	lvl = append(lvl, 0)
	for k := 0; k < n; k += segNode {
		b := emptyBox32()
		for _, s := range segs[k:min(k+segNode, n)] {
			b = b.union(segBox(gp(s), gp(s+1)))
		}
		boxes = append(boxes, b)
	}
	lvl = append(lvl, int32(len(boxes)))
	for {
		below := boxes[lvl[len(lvl)-2]:lvl[len(lvl)-1]]
		if len(below) == 1 {
			break
		}
		for k := 0; k < len(below); k += segNode {
			b := emptyBox32()
			for _, c := range below[k:min(k+segNode, len(below))] {
				b = b.union(c)
			}
			boxes = append(boxes, b)
		}
		lvl = append(lvl, int32(len(boxes)))
	}
	return segs, boxes, lvl
}

func refGrid16(v, lo, hi float64) uint32 {
	if !(hi > lo) {
		return 0
	}
	return uint32(math.Min(65535, math.Max(0, (v-lo)/(hi-lo)*65536)))
}

// checkSameAsRef checks that the index g holds, and the index built on
// 1, 2, 3 and 7 goroutines, equal the reference construction array for
// array.
func checkSameAsRef(tb testing.TB, g *Graph) {
	tb.Helper()
	segs, boxes, lvl := refSegIndex(g.gp, g.gOff, g.eDir)
	ixs := []*segIndex{g.segs}
	for _, chunks := range []int{1, 2, 3, 7} {
		ixs = append(ixs, packSegIndex(g.gp, g.gOff, g.eDir, chunks))
	}
	for k, ix := range ixs {
		if !slices.Equal(ix.segs, segs) || !slices.Equal(ix.boxes, boxes) || !slices.Equal(ix.lvl, lvl) {
			tb.Fatalf("index %d (%d segments, %d boxes) differs from the reference (%d, %d)", k, len(ix.segs), len(ix.boxes), len(segs), len(boxes))
		}
	}
}

// TestSegIndexSameAsRef: on random graphs of every size around the
// chunking threshold, including ones with unroutable edges and with
// duplicate segments (equal Hilbert numbers), the index is the former one.
func TestSegIndexSameAsRef(t *testing.T) {
	for _, tc := range []struct {
		seed   uint64
		n      int
		twoWay bool
	}{{1, 3, false}, {2, 50, true}, {3, 700, false}, {4, 3000, true}} {
		rng := rand.New(rand.NewPCG(tc.seed, 11))
		vs, es := randomGraph(rng, tc.n, tc.twoWay)
		for i := 0; i < len(es); i += 3 {
			es = append(es, es[i])
		}
		g := mustBuild(t, Car, vs, es)
		g.segsOnce.Do(g.buildSegs)
		checkSameAsRef(t, g)
	}
}
