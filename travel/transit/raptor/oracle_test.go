package raptor

import (
	"container/heap"
	"sort"

	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/geo/geodesic"
)

// teOracle is a time-expanded graph of a timetable, searched with
// Dijkstra over (node, trips taken) states from one departure minute at a
// time: the slow, obvious model that range-RAPTOR must agree with.
//
// Nodes: a departure node and an arrival node per trip call, and per stop
// one transfer node per distinct departure time there (a wait chain).
// Edges: wait (transfer node to the next one), board (transfer node to a
// departure node at the same time, pickup allowed, one more trip), ride
// (departure to the next arrival), stay seated (arrival to departure),
// alight (arrival, drop-off allowed, to the first transfer node at or
// after arrival + footpath at the footpath's stop), egress (arrival to a
// service). Footpaths are recomputed here by brute force.
type teOracle struct {
	tt        *gtfs.Timetable
	waitTimes [][]int32 // per stop: sorted distinct boarding times
	boardAt   [][][]int32
	foot      [][][2]int32 // per stop: (to, sec)
}

func newOracle(tt *gtfs.Timetable, maxWalkM float64) *teOracle {
	o := &teOracle{tt: tt}
	ns := len(tt.Stops)
	o.waitTimes = make([][]int32, ns)
	o.boardAt = make([][][]int32, ns)
	calls := make([][][3]int32, ns) // (time, trip, pos)
	for ti, tr := range tt.Trips {
		if len(tr.Times) < 2 {
			continue
		}
		for i, st := range tr.Times {
			if !st.NoPickup && i+1 < len(tr.Times) {
				calls[st.Stop] = append(calls[st.Stop], [3]int32{st.Departure, int32(ti), int32(i)})
			}
		}
	}
	for s := range calls {
		c := calls[s]
		sort.Slice(c, func(a, b int) bool { return c[a][0] < c[b][0] })
		for _, x := range c {
			if n := len(o.waitTimes[s]); n == 0 || o.waitTimes[s][n-1] != x[0] {
				o.waitTimes[s] = append(o.waitTimes[s], x[0])
				o.boardAt[s] = append(o.boardAt[s], nil)
			}
			j := len(o.boardAt[s]) - 1
			o.boardAt[s][j] = append(o.boardAt[s][j], x[1], x[2])
		}
	}
	rule := map[[2]int32]gtfs.Transfer{}
	for _, t := range tt.Transfers {
		rule[[2]int32{t.From, t.To}] = t
	}
	o.foot = make([][][2]int32, ns)
	for a := 0; a < ns; a++ {
		for b := 0; b < ns; b++ {
			pa := [2]float64{tt.Stops[a].Lon, tt.Stops[a].Lat}
			pb := [2]float64{tt.Stops[b].Lon, tt.Stops[b].Lat}
			d := geodesic.Distance(pa, pb)
			sec, ok := StraightSeconds(d, DefaultDetourFactor, DefaultWalkKmh), d <= maxWalkM
			if a == b {
				sec = 0
			}
			if r, has := rule[[2]int32{int32(a), int32(b)}]; has {
				switch r.Type {
				case 0:
					ok = true
				case 1:
					sec, ok = 0, true
				case 2:
					sec, ok = r.MinSeconds, true
				case 3:
					ok = false
				}
			}
			if ok {
				o.foot[a] = append(o.foot[a], [2]int32{int32(b), sec})
			}
		}
	}
	return o
}

type teState struct {
	kind  uint8 // 0 transfer node (stop, j), 1 departure (trip, pos), 2 arrival (trip, pos)
	a, b  int32
	trips int8
}

type teItem struct {
	t  int32
	st teState
}
type teHeap []teItem

func (h teHeap) Len() int { return len(h) }
func (h teHeap) Less(i, j int) bool {
	if h[i].t != h[j].t {
		return h[i].t < h[j].t
	}
	return h[i].st.kind > h[j].st.kind
}
func (h teHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *teHeap) Push(x any)   { *h = append(*h, x.(teItem)) }
func (h *teHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// query answers one departure minute m for egress legs per category
// (egress[c] lists (stop, sec, svc)).
func (o *teOracle) query(m int32, access []Leg, egress [][][3]int32, direct []Walk, maxTransfers int, maxTravel int32) []Outcome {
	tt := o.tt
	maxTrips := int8(maxTransfers + 1)
	dist := map[teState]int32{}
	h := &teHeap{}
	push := func(st teState, t int32) {
		if t > m+maxTravel {
			return
		}
		if d, ok := dist[st]; ok && d <= t {
			return
		}
		dist[st] = t
		heap.Push(h, teItem{t, st})
	}
	waitNode := func(s int32, t int32, trips int8) {
		w := o.waitTimes[s]
		j := sort.Search(len(w), func(i int) bool { return w[i] >= t })
		if j < len(w) {
			push(teState{0, s, int32(j), trips}, w[j])
		}
	}
	for _, l := range access {
		waitNode(l.Stop, m+l.Sec, 0)
	}
	// best arrival per (stop, trips) by alighting, for egress
	type key struct {
		stop  int32
		trips int8
	}
	alight := map[key]int32{}
	for h.Len() > 0 {
		it := heap.Pop(h).(teItem)
		if dist[it.st] != it.t {
			continue
		}
		st := it.st
		switch st.kind {
		case 0:
			s, j := st.a, st.b
			if int(j)+1 < len(o.waitTimes[s]) {
				push(teState{0, s, j + 1, st.trips}, o.waitTimes[s][j+1])
			}
			if st.trips < maxTrips {
				b := o.boardAt[s][j]
				for x := 0; x < len(b); x += 2 {
					push(teState{1, b[x], b[x+1], st.trips + 1}, it.t)
				}
			}
		case 1:
			tr := tt.Trips[st.a]
			if int(st.b)+1 < len(tr.Times) {
				push(teState{2, st.a, st.b + 1, st.trips}, tr.Times[st.b+1].Arrival)
			}
		case 2:
			tr := tt.Trips[st.a]
			call := tr.Times[st.b]
			if int(st.b)+1 < len(tr.Times) {
				push(teState{1, st.a, st.b, st.trips}, call.Departure)
			}
			if call.NoDropOff {
				continue
			}
			k := key{call.Stop, st.trips}
			if d, ok := alight[k]; !ok || it.t < d {
				alight[k] = it.t
			}
			for _, f := range o.foot[call.Stop] {
				waitNode(f[0], it.t+f[1], st.trips)
			}
		}
	}
	out := make([]Outcome, len(egress))
	for c, legs := range egress {
		best := Outcome{Sec: -1, Svc: -1}
		for k := int8(1); k <= maxTrips; k++ {
			for _, e := range legs {
				a, ok := alight[key{e[0], k}]
				if !ok || a+e[1]-m > maxTravel {
					continue
				}
				sec := a + e[1] - m
				if best.Sec < 0 || sec < best.Sec || (sec == best.Sec && k < best.Trips) ||
					(sec == best.Sec && k == best.Trips && e[2] < best.Svc) {
					best = Outcome{Sec: sec, Trips: k, Svc: e[2]}
				}
			}
		}
		for _, w := range direct {
			if int(w.Cat) != c || w.Sec > maxTravel {
				continue
			}
			if best.Sec < 0 || w.Sec < best.Sec || (best.Trips > 0 && w.Sec == best.Sec) || (best.Trips == 0 && w.Sec == best.Sec && w.Svc < best.Svc) {
				best = Outcome{Sec: w.Sec, Svc: w.Svc}
			}
		}
		out[c] = best
	}
	return out
}
