package benchmarks

import (
	"container/heap"
	"context"
	"math/rand/v2"
	"sort"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/geo/index"
	"github.com/partons/partons/travel/transit"
	"github.com/partons/partons/travel/transit/transittest"
)

// The public-transport size: a regional operator (30,000 stops,
// 1,000 routes, 1.52 million stop times), 5,000 villages, 10 categories
// of 300 services, departures 07:00–09:00.
const (
	transitVillages   = 5000
	transitCategories = 10
	transitPerCat     = 300
)

var (
	transitOnce     sync.Once
	transitTT       *gtfs.Timetable
	transitNet      *transit.Network
	transitV        []transit.Place
	transitS        []transit.Place
	transitG        []transit.Group
	transitStopTime int
)

func transitData(b *testing.B) {
	b.Helper()
	transitOnce.Do(func() {
		transitTT = transittest.Regional(1, transittest.DefaultRegional)
		for _, t := range transitTT.Trips {
			transitStopTime += len(t.Times)
		}
		var err error
		if transitNet, err = transit.Build(transitTT, transit.NetworkOptions{}); err != nil {
			panic(err)
		}
		o := transittest.DefaultRegional
		r := rand.New(rand.NewPCG(1, 2))
		pt := func() transit.Place {
			return transit.Place{Point: orb.Point{o.Lon + r.Float64()*0.99*o.WidthM/70640, o.Lat + r.Float64()*0.99*o.HeightM/111320}}
		}
		for i := 0; i < transitVillages; i++ {
			transitV = append(transitV, pt())
		}
		transitG = make([]transit.Group, transitCategories)
		for j := 0; j < transitCategories*transitPerCat; j++ {
			transitS = append(transitS, pt())
			transitG[j%transitCategories] = append(transitG[j%transitCategories], int32(j))
		}
	})
}

// BenchmarkTransitBuildRegional prepares the regional timetable: patterns,
// stop index, footpaths within 1,200 m.
func BenchmarkTransitBuildRegional(b *testing.B) {
	transitData(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		n, err := transit.Build(transitTT, transit.NetworkOptions{})
		if err != nil || n.NumTrips() != len(transitTT.Trips) {
			b.Fatalf("build: %v", err)
		}
	}
	b.ReportMetric(float64(transitStopTime), "stop_times")
}

// BenchmarkTransitRegional5kVillages is the whole computation of the
// transit metrics: range-RAPTOR over the 120 departure minutes of every
// village, 10 categories summarised.
func BenchmarkTransitRegional5kVillages(b *testing.B) {
	transitData(b)
	opt := transit.DefaultOptions()
	var rounds, minutes int64
	b.ResetTimer()
	for b.Loop() {
		var st transit.Stats
		opt.Stats = &st
		res, err := transit.Compute(context.Background(), transitNet, transitV, transitS, transitG, opt)
		if err != nil {
			b.Fatal(err)
		}
		ok := 0
		for _, r := range res {
			for _, g := range r.Groups {
				if g.Status == transit.StatusOK {
					ok++
				}
			}
		}
		if len(res) != transitVillages || ok == 0 {
			b.Fatalf("%d villages, %d ok answers", len(res), ok)
		}
		rounds += st.Rounds.Load()
		minutes += st.Minutes.Load()
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(rounds)/sec, "rounds/s")
	b.ReportMetric(sec*1e9/float64(minutes), "ns/village-minute")
}

// BenchmarkTransitTimeExpandedDijkstra is the baseline: a plain
// time-expanded graph of the same timetable (events from 07:00 to 11:00,
// transfers unlimited) searched by Dijkstra from a village at one
// departure minute, for 4 villages × every 10th minute of the window.
// Each answer must be at least as fast as range-RAPTOR's (which allows
// at most 3 transfers), and equal where RAPTOR's journey is possible.
func BenchmarkTransitTimeExpandedDijkstra(b *testing.B) {
	transitData(b)
	opt := transit.DefaultOptions()
	g := newTEGraph(transitTT, opt.From, opt.To+opt.MaxTravelSec, opt.MaxWalkM)
	stops := make([]orb.Point, len(transitTT.Stops))
	for i, s := range transitTT.Stops {
		stops[i] = orb.Point{s.Lon, s.Lat}
	}
	ix := index.New(stops)
	vs := transitV[:4]
	// RAPTOR's answers to compare with.
	want := make([][][]transit.Outcome, len(vs)) // village, service, minute
	if err := transit.Profiles(context.Background(), transitNet, vs, transitS, opt, func(i int, _ bool, p *transit.Profile) {
		want[i] = make([][]transit.Outcome, len(transitS))
		for j := range transitS {
			want[i][j] = append([]transit.Outcome(nil), p.Column(int32(j))...)
		}
	}); err != nil {
		b.Fatal(err)
	}
	egress := make([][][2]int32, len(transitTT.Stops)) // stop → (service, sec)
	for j, s := range transitS {
		ix.Within(s.Point, opt.MaxWalkM, func(st int32, d float64) bool {
			egress[st] = append(egress[st], [2]int32{int32(j), transit.StraightSeconds(d, transit.DefaultDetourFactor, transit.DefaultWalkKmh)})
			return true
		})
	}
	searches := 0
	best := make([]int32, len(transitS))
	b.ResetTimer()
	for b.Loop() {
		for vi, v := range vs {
			var access []transit.Leg
			ix.Within(v.Point, opt.MaxWalkM, func(st int32, d float64) bool {
				access = append(access, transit.Leg{Stop: st, Sec: transit.StraightSeconds(d, transit.DefaultDetourFactor, transit.DefaultWalkKmh)})
				return true
			})
			for mi := 0; mi < 120; mi += 10 {
				m := opt.From + int32(mi)*60
				arr := g.search(m, access, m+opt.MaxTravelSec)
				searches++
				for j := range best {
					best[j] = -1
				}
				for st, a := range arr {
					if a < 0 {
						continue
					}
					for _, e := range egress[st] {
						if best[e[0]] < 0 || a+e[1] < best[e[0]] {
							best[e[0]] = a + e[1]
						}
					}
				}
				for j, bj := range best {
					col := want[vi][j]
					if col == nil || col[mi].Sec < 0 || col[mi].Trips == 0 {
						continue
					}
					if bj < 0 || bj-m > col[mi].Sec {
						b.Fatalf("village %d service %d minute %d: Dijkstra %d s, RAPTOR %d s", vi, j, mi, bj-m, col[mi].Sec)
					}
				}
			}
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(searches), "ns/village-minute")
}

// teGraph is a time-expanded graph in CSR form: per trip call an arrival
// node (2c) and a departure node (2c+1), and per stop one transfer node per
// boarding time; edge weights are seconds.
type teGraph struct {
	time      []int32 // per node
	off       []int32
	to, w     []int32
	callStop  []int32 // per call
	waitStart []int32 // per stop: first transfer node, len ns+1
	dist      []int32
}

func newTEGraph(tt *gtfs.Timetable, from, to int32, maxWalkM float64) *teGraph {
	g := &teGraph{}
	type call struct {
		stop, arr, dep int32
		first, last    bool
		noPick, noDrop bool
	}
	var calls []call
	for _, tr := range tt.Trips {
		for i, st := range tr.Times {
			calls = append(calls, call{st.Stop, st.Arrival, st.Departure, i == 0, i+1 == len(tr.Times), st.NoPickup, st.NoDropOff})
		}
	}
	ns := len(tt.Stops)
	waits := make([][]int32, ns)
	for _, c := range calls {
		if !c.last && !c.noPick && c.dep >= from && c.dep <= to {
			waits[c.stop] = append(waits[c.stop], c.dep)
		}
	}
	nc := len(calls)
	g.waitStart = make([]int32, ns+1)
	for s := range waits {
		w := waits[s]
		sort.Slice(w, func(a, b int) bool { return w[a] < w[b] })
		k := 0
		for i := range w {
			if i == 0 || w[i] != w[i-1] {
				w[k] = w[i]
				k++
			}
		}
		waits[s] = w[:k]
		g.waitStart[s+1] = g.waitStart[s] + int32(k)
	}
	nn := 2*nc + int(g.waitStart[ns])
	g.time = make([]int32, nn)
	g.callStop = make([]int32, nc)
	for ci, c := range calls {
		g.time[2*ci], g.time[2*ci+1] = c.arr, c.dep
		g.callStop[ci] = c.stop
	}
	for s := range waits {
		copy(g.time[2*nc+int(g.waitStart[s]):], waits[s])
	}
	pts := make([]orb.Point, ns)
	for i, s := range tt.Stops {
		pts[i] = orb.Point{s.Lon, s.Lat}
	}
	ix := index.New(pts)
	foot := make([][][2]int32, ns)
	waitNode := func(s int32, t int32) int32 {
		w := waits[s]
		j := sort.Search(len(w), func(i int) bool { return w[i] >= t })
		if j == len(w) {
			return -1
		}
		return int32(2*nc) + g.waitStart[s] + int32(j)
	}
	adj := make([][][2]int32, nn)
	for ci, c := range calls {
		in := c.dep >= from && c.arr <= to
		if !in {
			continue
		}
		a, d := int32(2*ci), int32(2*ci+1)
		if !c.last {
			adj[a] = append(adj[a], [2]int32{d, c.dep - c.arr})
			if calls[ci+1].arr <= to {
				adj[d] = append(adj[d], [2]int32{int32(2*ci + 2), calls[ci+1].arr - c.dep})
			}
		}
		if !c.first && !c.noDrop {
			if foot[c.stop] == nil {
				foot[c.stop] = [][2]int32{}
				ix.Within(pts[c.stop], maxWalkM, func(j int32, dm float64) bool {
					sec := transit.StraightSeconds(dm, transit.DefaultDetourFactor, transit.DefaultWalkKmh)
					if j == c.stop {
						sec = 0
					}
					foot[c.stop] = append(foot[c.stop], [2]int32{j, sec})
					return true
				})
			}
			for _, f := range foot[c.stop] {
				if n := waitNode(f[0], c.arr+f[1]); n >= 0 {
					adj[a] = append(adj[a], [2]int32{n, g.time[n] - c.arr})
				}
			}
		}
		if !c.last && !c.noPick && c.dep >= from && c.dep <= to {
			n := waitNode(c.stop, c.dep)
			adj[n] = append(adj[n], [2]int32{d, 0})
		}
	}
	for s := range waits {
		for j := 1; j < len(waits[s]); j++ {
			n := int32(2*nc) + g.waitStart[s] + int32(j)
			adj[n-1] = append(adj[n-1], [2]int32{n, waits[s][j] - waits[s][j-1]})
		}
	}
	g.off = make([]int32, nn+1)
	for n, es := range adj {
		g.off[n+1] = g.off[n] + int32(len(es))
		for _, e := range es {
			g.to = append(g.to, e[0])
			g.w = append(g.w, e[1])
		}
	}
	g.dist = make([]int32, nn)
	return g
}

type teHeap [][2]int32 // (time, node)

func (h teHeap) Len() int           { return len(h) }
func (h teHeap) Less(i, j int) bool { return h[i][0] < h[j][0] }
func (h teHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *teHeap) Push(x any)        { *h = append(*h, x.([2]int32)) }
func (h *teHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// search returns the earliest arrival by trip at every stop (-1: none)
// from departure m, cut off at limit.
func (g *teGraph) search(m int32, access []transit.Leg, limit int32) []int32 {
	for i := range g.dist {
		g.dist[i] = -1
	}
	nc := int32(len(g.callStop))
	h := &teHeap{}
	for _, l := range access {
		ws, we := g.waitStart[l.Stop], g.waitStart[l.Stop+1]
		t := m + l.Sec
		for k := ws; k < we; k++ {
			n := 2*nc + k
			if g.time[n] >= t {
				heap.Push(h, [2]int32{g.time[n], n})
				break
			}
		}
	}
	arr := make([]int32, len(g.waitStart)-1)
	for i := range arr {
		arr[i] = -1
	}
	for h.Len() > 0 {
		it := heap.Pop(h).([2]int32)
		t, n := it[0], it[1]
		if g.dist[n] >= 0 {
			continue
		}
		g.dist[n] = t
		if n < 2*nc && n%2 == 0 {
			if s := g.callStop[n/2]; arr[s] < 0 || t < arr[s] {
				arr[s] = t
			}
		}
		for e := g.off[n]; e < g.off[n+1]; e++ {
			u, nt := g.to[e], t+g.w[e]
			if nt <= limit && g.dist[u] < 0 {
				heap.Push(h, [2]int32{nt, u})
			}
		}
	}
	return arr
}
