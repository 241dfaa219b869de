package index

import "math"

// cellGrid holds a Set's items bucketed in a grid of lon/lat cells over
// their bounds, the cells stored row after row, so that the cells a
// rectangle covers in one row are one run of consecutive items: a
// rectangle search reads a few runs and tests each item once, instead of
// descending a tree whose leaves straddle the rectangle's edges. Built
// once by NewSet; read-only after.
type cellGrid struct {
	minLon, minLat float64
	perLon, perLat float64 // cells per degree
	nx, ny         int
	start          []int32   // items of cell k (row k/nx): items[start[k]:start[k+1]]
	items          []setItem // by cell
}

// setItem is one item of a Set: its position, and which member's item it is.
type setItem struct {
	lon, lat   float64    // normalised, as indexed
	ecef       [3]float64 // toECEF(lon, lat)
	member, id int32
}

// itemsPerCell is the mean number of items per cell the grid is sized for.
const itemsPerCell = 2

// newCellGrid buckets items (of valid positions). O(n).
func newCellGrid(items []setItem) cellGrid {
	g := cellGrid{nx: 1, ny: 1}
	if len(items) == 0 {
		g.start = []int32{0, 0}
		return g
	}
	minLon, minLat, maxLon, maxLat := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, it := range items {
		minLon, maxLon = min(minLon, it.lon), max(maxLon, it.lon)
		minLat, maxLat = min(minLat, it.lat), max(maxLat, it.lat)
	}
	g.minLon, g.minLat = minLon, minLat
	// Cells about square on the ground at the middle latitude.
	w := (maxLon - minLon) * math.Max(math.Cos((minLat+maxLat)/2*deg), 0.01)
	h := maxLat - minLat
	cells := float64(len(items)) / itemsPerCell
	switch {
	case w > 0 && h > 0:
		g.nx = int(math.Max(1, math.Min(4096, math.Round(math.Sqrt(cells*w/h)))))
		g.ny = int(math.Max(1, math.Min(4096, math.Round(cells/float64(g.nx)))))
	case w > 0:
		g.nx = int(math.Max(1, math.Min(4096, math.Round(cells))))
	case h > 0:
		g.ny = int(math.Max(1, math.Min(4096, math.Round(cells))))
	}
	if maxLon > minLon {
		g.perLon = float64(g.nx) / (maxLon - minLon)
	}
	if maxLat > minLat {
		g.perLat = float64(g.ny) / (maxLat - minLat)
	}
	// Counting sort by cell.
	g.start = make([]int32, g.nx*g.ny+1)
	cell := make([]int32, len(items))
	for i, it := range items {
		k := g.row(it.lat)*g.nx + g.col(it.lon)
		cell[i] = int32(k)
		g.start[k+1]++
	}
	for k := 1; k < len(g.start); k++ {
		g.start[k] += g.start[k-1]
	}
	next := append([]int32(nil), g.start[:len(g.start)-1]...)
	g.items = make([]setItem, len(items))
	for i, it := range items {
		g.items[next[cell[i]]] = it
		next[cell[i]]++
	}
	return g
}

// col returns the column of longitude lon, clamped to the grid. It is
// non-decreasing in lon, so an item within [lo, hi] is in a column
// within [col(lo), col(hi)].
func (g *cellGrid) col(lon float64) int {
	f := (lon - g.minLon) * g.perLon
	switch {
	case !(f >= 0):
		return 0
	case f >= float64(g.nx-1):
		return g.nx - 1
	}
	return int(f)
}

// row is col for latitudes.
func (g *cellGrid) row(lat float64) int {
	f := (lat - g.minLat) * g.perLat
	switch {
	case !(f >= 0):
		return 0
	case f >= float64(g.ny-1):
		return g.ny - 1
	}
	return int(f)
}

// search calls fn for every item with lo[0] <= lon <= hi[0] and
// lo[1] <= lat <= hi[1] (the items flatTree.search of the same rectangle
// finds), in no particular order. O(items in the cells the rectangle
// covers + rows it covers).
func (g *cellGrid) search(lo, hi [2]float64, fn func(it *setItem)) {
	c0, c1 := g.col(lo[0]), g.col(hi[0])
	r0, r1 := g.row(lo[1]), g.row(hi[1])
	if c0 > c1 {
		return // not reached: col is non-decreasing
	}
	for r := r0; r <= r1; r++ {
		k := r * g.nx
		run := g.items[g.start[k+c0]:g.start[k+c1+1]]
		for i := range run {
			it := &run[i]
			if it.lon >= lo[0] && it.lon <= hi[0] && it.lat >= lo[1] && it.lat <= hi[1] {
				fn(it)
			}
		}
	}
}

// maxCell returns the most items a cell holds.
func (g *cellGrid) maxCell() int {
	m := 0
	for k := 0; k+1 < len(g.start); k++ {
		m = max(m, int(g.start[k+1]-g.start[k]))
	}
	return m
}
