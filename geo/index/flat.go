package index

import (
	"math"
	"slices"

	"github.com/partons/partons/geo/internal/hilbert"
)

// flatTree is a static R-tree of points packed in flat arrays, for the
// rectangle searches of rect.go: the items in Hilbert-curve order, each
// with its geocentric position beside its coordinates, and the boxes of
// every level, a node's children being consecutive entries of the level
// below (as in mourner/flatbush). A search reads a few boxes and a few
// consecutive items instead of walking pointers and looking items up by
// id. Built once by New; read-only after.
type flatTree struct {
	items  []flatItem
	levels [][]box // levels[0]: boxes of runs of flatNode items; last: the top
}

// flatNode is the number of children of a node.
const flatNode = 16

type flatItem struct {
	lon, lat float64    // normalised, as indexed
	ecef     [3]float64 // toECEF(lon, lat)
	id       int32
}

type box struct{ minLon, minLat, maxLon, maxLat float64 }

// newFlatTree packs the items. O(n log n).
func newFlatTree(items []flatItem) flatTree {
	if len(items) == 0 {
		return flatTree{}
	}
	b := box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, it := range items {
		b = b.add(it.lon, it.lat)
	}
	type keyed struct {
		h  uint64
		it flatItem
	}
	ks := make([]keyed, len(items))
	for i, it := range items {
		ks[i] = keyed{uint64(hilbert.XY(grid(it.lon, b.minLon, b.maxLon), grid(it.lat, b.minLat, b.maxLat))), it}
	}
	slices.SortFunc(ks, func(x, y keyed) int {
		if x.h != y.h {
			if x.h < y.h {
				return -1
			}
			return 1
		}
		return int(x.it.id - y.it.id)
	})
	t := flatTree{items: make([]flatItem, len(ks))}
	for i, k := range ks {
		t.items[i] = k.it
	}
	level := make([]box, 0, (len(items)+flatNode-1)/flatNode)
	for i := 0; i < len(t.items); i += flatNode {
		nb := box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
		for _, it := range t.items[i:min(i+flatNode, len(t.items))] {
			nb = nb.add(it.lon, it.lat)
		}
		level = append(level, nb)
	}
	t.levels = append(t.levels, level)
	for len(level) > 1 {
		up := make([]box, 0, (len(level)+flatNode-1)/flatNode)
		for i := 0; i < len(level); i += flatNode {
			nb := level[i]
			for _, c := range level[i+1 : min(i+flatNode, len(level))] {
				nb = box{min(nb.minLon, c.minLon), min(nb.minLat, c.minLat), max(nb.maxLon, c.maxLon), max(nb.maxLat, c.maxLat)}
			}
			up = append(up, nb)
		}
		t.levels = append(t.levels, up)
		level = up
	}
	return t
}

func (b box) add(lon, lat float64) box {
	return box{min(b.minLon, lon), min(b.minLat, lat), max(b.maxLon, lon), max(b.maxLat, lat)}
}

// grid maps v in [lo, hi] to 0..65535 in 65535 steps (hilbert.Grid takes
// 65536: the tree keeps its own mapping so that its order stays the same).
func grid(v, lo, hi float64) uint32 {
	if !(hi > lo) {
		return 0
	}
	return uint32(math.Min(65535, math.Max(0, (v-lo)/(hi-lo)*65535)))
}

// search calls fn for every item with lo[0] <= lon <= hi[0] and
// lo[1] <= lat <= hi[1] (the items a tidwall/rtree Search of the same
// rectangle returns), in no particular order.
func (t *flatTree) search(lo, hi [2]float64, fn func(it *flatItem)) {
	if len(t.levels) == 0 {
		return
	}
	q := box{lo[0], lo[1], hi[0], hi[1]}
	top := len(t.levels) - 1
	for j := range t.levels[top] {
		t.visit(top, j, &q, fn)
	}
}

func (t *flatTree) visit(level, j int, q *box, fn func(it *flatItem)) {
	b := &t.levels[level][j]
	if b.minLon > q.maxLon || b.maxLon < q.minLon || b.minLat > q.maxLat || b.maxLat < q.minLat {
		return
	}
	if level == 0 {
		for k := j * flatNode; k < min((j+1)*flatNode, len(t.items)); k++ {
			it := &t.items[k]
			if it.lon >= q.minLon && it.lon <= q.maxLon && it.lat >= q.minLat && it.lat <= q.maxLat {
				fn(it)
			}
		}
		return
	}
	for c := j * flatNode; c < min((j+1)*flatNode, len(t.levels[level-1])); c++ {
		t.visit(level-1, c, q, fn)
	}
}
