package road

import "math"

// Edge speeds are held as a table of their distinct values when there are
// at most 256 (a profile's speeds come from a few highway classes and
// maxspeed tags): one byte per edge instead of eight. Values are compared
// by their bits, so the table gives back each input exactly (−0 or a NaN
// payload would be kept apart; Build rejects both anyway).

// compactSpeeds replaces eSpeed by sIdx and sTab when the speeds take at
// most 256 distinct values; it leaves eSpeed otherwise. O(E).
func (g *Graph) compactSpeeds() {
	if g.eSpeed == nil {
		return
	}
	idx := make([]uint8, len(g.eSpeed))
	var tab []float64
	at := make(map[uint64]uint8)
	for e, s := range g.eSpeed {
		k, ok := at[math.Float64bits(s)]
		if !ok {
			if len(tab) == 256 {
				return
			}
			k = uint8(len(tab))
			at[math.Float64bits(s)] = k
			tab = append(tab, s)
		}
		idx[e] = k
	}
	g.sIdx, g.sTab, g.eSpeed = idx, tab, nil
}

// speed returns the speed of edge e in km/h. It panics if e is out of
// range.
func (g *Graph) speed(e int) float64 {
	if g.eSpeed == nil {
		return g.sTab[g.sIdx[e]]
	}
	return g.eSpeed[e]
}

// speeds returns the speed of every edge: eSpeed, or a fresh slice when
// compact.
func (g *Graph) speeds() []float64 {
	if g.eSpeed != nil {
		return g.eSpeed
	}
	out := make([]float64, len(g.sIdx))
	for e, k := range g.sIdx {
		out[e] = g.sTab[k]
	}
	return out
}

// Way ids are held as uint32 when all lie in [0, 2³²) (OSM's ids are
// below 2·10⁹ today): four bytes per edge instead of eight.

// compactWays replaces eWay by eWay32 when every id fits. O(E).
func (g *Graph) compactWays() {
	if g.eWay == nil {
		return
	}
	for _, w := range g.eWay {
		if w < 0 || w > math.MaxUint32 {
			return
		}
	}
	ids := make([]uint32, len(g.eWay))
	for e, w := range g.eWay {
		ids[e] = uint32(w)
	}
	g.eWay32, g.eWay = ids, nil
}

// way returns the source way id of edge e. It panics if e is out of range.
func (g *Graph) way(e int) int64 {
	if g.eWay == nil {
		return int64(g.eWay32[e])
	}
	return g.eWay[e]
}

// ways returns the way id of every edge: eWay, or a fresh slice when
// compact.
func (g *Graph) ways() []int64 {
	if g.eWay != nil {
		return g.eWay
	}
	out := make([]int64, len(g.eWay32))
	for e, w := range g.eWay32 {
		out[e] = int64(w)
	}
	return out
}
