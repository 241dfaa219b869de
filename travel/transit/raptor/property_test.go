package raptor

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/partons/partons/travel/transit/transittest"
)

// TestRangeRAPTORMatchesTimeExpandedDijkstra checks every departure
// minute of random queries on random timetables against the
// time-expanded oracle: the same door-to-door time, number of trips and
// service.
func TestRangeRAPTORMatchesTimeExpandedDijkstra(t *testing.T) {
	seeds := 30
	if testing.Short() {
		seeds = 8
	}
	for seed := uint64(1); seed <= uint64(seeds); seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			t.Parallel()
			o := transittest.DefaultRandom
			tt := transittest.Random(seed, o)
			net, err := Build(tt, NetworkOptions{MaxWalkM: 600})
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, net)
			orc := newOracle(tt, 600)
			r := rand.New(rand.NewPCG(seed, 99))
			const nc = 3
			var legs []Egress
			egress := make([][][3]int32, nc)
			for c := 0; c < nc; c++ {
				for j := 0; j < 1+r.IntN(3); j++ {
					e := Egress{Stop: int32(r.IntN(len(tt.Stops))), Cat: int32(c), Svc: int32(r.IntN(6)), Sec: int32(r.IntN(600))}
					legs = append(legs, e)
					egress[c] = append(egress[c], [3]int32{e.Stop, e.Sec, e.Svc})
				}
			}
			tg := NewTargets(len(tt.Stops), nc, legs)
			s := NewSearch(net, tg)
			for qi := 0; qi < 4; qi++ {
				q := &Query{From: 7 * 3600, To: 7*3600 + 90*60, MaxTransfers: r.IntN(4), MaxTravel: int32(30+r.IntN(90)) * 60}
				for j := 0; j < 1+r.IntN(3); j++ {
					q.Access = append(q.Access, Leg{Stop: int32(r.IntN(len(tt.Stops))), Sec: int32(r.IntN(900))})
				}
				for c := 0; c < nc; c++ {
					for r.IntN(3) == 0 {
						q.Direct = append(q.Direct, Walk{Cat: int32(c), Sec: int32(600 + r.IntN(3000)), Svc: int32(r.IntN(6))})
					}
				}
				var p Profile
				if err := s.Run(q, &p); err != nil {
					t.Fatal(err)
				}
				got := p.Dense()
				for mi := 0; mi < q.Minutes(); mi++ {
					m := q.From + int32(mi)*60
					want := orc.query(m, q.Access, egress, q.Direct, q.MaxTransfers, q.MaxTravel)
					for c := 0; c < nc; c++ {
						if g := got[mi*nc+c]; g != want[c] {
							t.Fatalf("query %d (%+v) minute %d cat %d: raptor %+v, oracle %+v", qi, q, m, c, g, want[c])
						}
					}
				}
			}
		})
	}
}

// checkInvariants checks the CSR arrays: every pattern FIFO, stop index
// consistent with the patterns, footpaths sorted.
func checkInvariants(t testing.TB, n *Network) {
	t.Helper()
	trips := 0
	for p := 0; p < n.NumPatterns(); p++ {
		off := n.patStopOff[p]
		l := n.patStopOff[p+1] - off
		if l < 2 {
			t.Fatalf("pattern %d has %d stops", p, l)
		}
		base := n.patTimeOff[p]
		if n.patTimeOff[p+1]-base != l*n.patNTrips[p] {
			t.Fatalf("pattern %d: %d times for %d trips × %d stops", p, n.patTimeOff[p+1]-base, n.patNTrips[p], l)
		}
		for tr := int32(1); tr < n.patNTrips[p]; tr++ {
			for i := int32(0); i < l; i++ {
				a, b := base+(tr-1)*l+i, base+tr*l+i
				if n.dep[b] < n.dep[a] || n.arr[b] < n.arr[a] {
					t.Fatalf("pattern %d not FIFO at trip %d position %d", p, tr, i)
				}
			}
		}
		for tr := int32(0); tr < n.patNTrips[p]; tr++ {
			for i := int32(0); i < l; i++ {
				x := base + tr*l + i
				if n.arr[x] > n.dep[x] || (i > 0 && n.arr[x] < n.dep[x-1]) {
					t.Fatalf("pattern %d trip %d: times decrease at %d", p, tr, i)
				}
			}
		}
		trips += int(n.patNTrips[p])
	}
	if trips != n.NumTrips() {
		t.Fatalf("%d trips in patterns, %d listed", trips, n.NumTrips())
	}
	for s := 0; s < n.NumStops(); s++ {
		for j := n.stopPatOff[s]; j < n.stopPatOff[s+1]; j++ {
			p, pos := n.stopPat[j], n.stopPos[j]
			if n.patStops[n.patStopOff[p]+pos] != int32(s) {
				t.Fatalf("stop %d: index says pattern %d position %d", s, p, pos)
			}
		}
		for j := n.footOff[s] + 1; j < n.footOff[s+1]; j++ {
			if n.footTo[j] <= n.footTo[j-1] {
				t.Fatalf("stop %d: footpaths not sorted", s)
			}
		}
	}
}
