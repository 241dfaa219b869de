package raptor

import (
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"

	"github.com/partons/partons/datasets/gtfs"
	"github.com/partons/partons/geo/geodesic"
	"github.com/partons/partons/geo/index"
)

// Defaults of the walking model and of the search.
const (
	DefaultDetourFactor = 1.3
	DefaultWalkKmh      = 4.8
	DefaultMaxWalkM     = 1200
	DefaultMaxTransfers = 3
	DefaultMaxTravelSec = 120 * 60
)

// Walker gives the walking time between two points whose straight-line
// geodesic distance is straightM (≤ the caller's MaxWalkM). ok false means
// no walk (off the foot network, or longer than the walker allows).
// Implementations must be safe for concurrent use.
type Walker interface {
	WalkSeconds(from, to orb.Point, straightM float64) (sec int32, ok bool)
}

// Straight is the default Walker: the straight line × Detour at Kmh,
// rounded up to the second.
type Straight struct {
	Detour, Kmh float64
}

// WalkSeconds implements Walker.
func (s Straight) WalkSeconds(_, _ orb.Point, straightM float64) (int32, bool) {
	return StraightSeconds(straightM, s.Detour, s.Kmh), true
}

// StraightSeconds is ceil(straightM × detour / (kmh / 3.6)).
func StraightSeconds(straightM, detour, kmh float64) int32 {
	return int32(math.Ceil(straightM * detour * 3.6 / kmh))
}

// NetworkOptions configure Build.
type NetworkOptions struct {
	// MaxWalkM bounds footpaths between stops (straight line, metres);
	// 0 means DefaultMaxWalkM.
	MaxWalkM float64
	// Walker times footpaths; nil means Straight{DefaultDetourFactor,
	// DefaultWalkKmh}.
	Walker Walker
	// FootpathsFromEveryStop starts footpaths at every stop, not only at
	// those where a trip can be left: on-demand rides (Query.Flex) may
	// drop off at a stop no trip serves, from which the journey walks to
	// another stop. Without it a ride's drop-off stop can only be boarded
	// where it is. It costs the footpaths of the stops no trip leaves
	// passengers at.
	FootpathsFromEveryStop bool
}

func (o NetworkOptions) withDefaults() NetworkOptions {
	if o.MaxWalkM == 0 {
		o.MaxWalkM = DefaultMaxWalkM
	}
	if o.Walker == nil {
		o.Walker = Straight{DefaultDetourFactor, DefaultWalkKmh}
	}
	return o
}

// Network is a timetable prepared for range-RAPTOR. It is immutable.
//
// Pattern p visits stops patStops[patStopOff[p]:patStopOff[p+1]] (with the
// pickup/drop-off flags at the same positions) and runs patNTrips[p]
// trips, sorted so that every trip is at or after the previous one at
// every position; the times of trip t at position i are at
// patTimeOff[p] + t·len + i in arr and dep.
type Network struct {
	tt *gtfs.Timetable

	patStopOff []int32
	patStops   []int32
	patNoPick  []bool
	patNoDrop  []bool
	patNTrips  []int32
	patTimeOff []int32
	patTrips   []int32 // trip indices in Timetable.Trips, per pattern in order
	patTripOff []int32
	arr, dep   []int32

	// stop → (pattern, position) pairs
	stopPatOff []int32
	stopPat    []int32
	stopPos    []int32

	// stop → footpaths (transfers), including the stop itself unless
	// forbidden
	footOff []int32
	footTo  []int32
	footSec []int32
	alight  []bool // stops that start footpaths: where some trip may be left, or every stop

	// stop → sorted departure times with pickup (not at a trip's last stop)
	depOff   []int32
	depTimes []int32

	stopIx *index.Points
	points []orb.Point

	// Counts of what Build left out, for the manifest.
	Counts map[string]int
}

// NumStops, NumPatterns and NumTrips describe the network's size.
func (n *Network) NumStops() int    { return len(n.tt.Stops) }
func (n *Network) NumPatterns() int { return len(n.patNTrips) }
func (n *Network) NumTrips() int    { return len(n.patTrips) }

// NumFootpaths is the number of transfers between stops, self-changes
// included: from every stop where a trip can be left to every stop where
// one can be boarded (the others are never used).
func (n *Network) NumFootpaths() int { return len(n.footTo) }

// Timetable returns the timetable the network was built from.
func (n *Network) Timetable() *gtfs.Timetable { return n.tt }

// Build prepares tt for searches. Trips with fewer than two stop times
// cannot carry anyone and are counted in Counts["trips_too_short"];
// stops with an invalid position get no footpath and no access
// ("stops_bad_position"). Build returns an error for a timetable that
// breaks its contract (a stop index out of range, times decreasing along
// a trip, a transfer to an unknown stop).
func Build(tt *gtfs.Timetable, opt NetworkOptions) (*Network, error) {
	opt = opt.withDefaults()
	n := &Network{tt: tt, Counts: map[string]int{}}
	ns := int32(len(tt.Stops))
	for ti := range tt.Trips {
		tr := &tt.Trips[ti]
		prev := int32(math.MinInt32)
		for i, st := range tr.Times {
			if st.Stop < 0 || st.Stop >= ns {
				return nil, fmt.Errorf("transit: trip %s: stop time %d: stop index %d out of range", tr.ID, i, st.Stop)
			}
			if st.Arrival > st.Departure || st.Arrival < prev {
				return nil, fmt.Errorf("transit: trip %s: stop time %d: times decrease", tr.ID, i)
			}
			prev = st.Departure
		}
	}
	n.buildPatterns(tt)
	n.buildStopIndex(ns)
	if err := n.buildFootpaths(tt, opt); err != nil {
		return nil, err
	}
	n.buildDepartures(ns)
	return n, nil
}

// buildPatterns groups trips by stop sequence and flags, then splits each
// group into FIFO patterns greedily (first pattern whose last trip the
// trip does not overtake), trips taken by first departure then index.
func (n *Network) buildPatterns(tt *gtfs.Timetable) {
	type group struct{ trips []int32 }
	byKey := map[string]int{}
	var groups []group
	key := make([]byte, 0, 64)
	for ti := range tt.Trips {
		tr := &tt.Trips[ti]
		if len(tr.Times) < 2 {
			n.Counts["trips_too_short"]++
			continue
		}
		key = key[:0]
		for _, st := range tr.Times {
			var f byte
			if st.NoPickup {
				f |= 1
			}
			if st.NoDropOff {
				f |= 2
			}
			key = append(key, byte(st.Stop), byte(st.Stop>>8), byte(st.Stop>>16), byte(st.Stop>>24), f)
		}
		g, ok := byKey[string(key)]
		if !ok {
			g = len(groups)
			byKey[string(key)] = g
			groups = append(groups, group{})
		}
		groups[g].trips = append(groups[g].trips, int32(ti))
	}
	n.patStopOff = []int32{0}
	n.patTimeOff = []int32{0}
	n.patTripOff = []int32{0}
	for _, g := range groups {
		trips := g.trips
		sort.SliceStable(trips, func(a, b int) bool {
			ta, tb := tt.Trips[trips[a]].Times, tt.Trips[trips[b]].Times
			if ta[0].Departure != tb[0].Departure {
				return ta[0].Departure < tb[0].Departure
			}
			return trips[a] < trips[b]
		})
		var subs [][]int32
		for _, t := range trips {
			placed := false
			for si := range subs {
				last := subs[si][len(subs[si])-1]
				if notBefore(tt.Trips[t].Times, tt.Trips[last].Times) {
					subs[si] = append(subs[si], t)
					placed = true
					break
				}
			}
			if !placed {
				subs = append(subs, []int32{t})
			}
		}
		if len(subs) > 1 {
			n.Counts["patterns_split_overtaking"] += len(subs) - 1
		}
		first := tt.Trips[trips[0]].Times
		for _, sub := range subs {
			for _, st := range first {
				n.patStops = append(n.patStops, st.Stop)
				n.patNoPick = append(n.patNoPick, st.NoPickup)
				n.patNoDrop = append(n.patNoDrop, st.NoDropOff)
			}
			n.patStopOff = append(n.patStopOff, int32(len(n.patStops)))
			for _, t := range sub {
				for _, st := range tt.Trips[t].Times {
					n.arr = append(n.arr, st.Arrival)
					n.dep = append(n.dep, st.Departure)
				}
				n.patTrips = append(n.patTrips, t)
			}
			n.patNTrips = append(n.patNTrips, int32(len(sub)))
			n.patTimeOff = append(n.patTimeOff, int32(len(n.arr)))
			n.patTripOff = append(n.patTripOff, int32(len(n.patTrips)))
		}
	}
}

// notBefore reports whether trip b is at or after trip a at every
// position, arrivals and departures.
func notBefore(b, a []gtfs.StopTime) bool {
	for i := range a {
		if b[i].Arrival < a[i].Arrival || b[i].Departure < a[i].Departure {
			return false
		}
	}
	return true
}

func (n *Network) buildStopIndex(ns int32) {
	cnt := make([]int32, ns+1)
	for _, s := range n.patStops {
		cnt[s+1]++
	}
	for i := int32(0); i < ns; i++ {
		cnt[i+1] += cnt[i]
	}
	n.stopPatOff = cnt
	n.stopPat = make([]int32, len(n.patStops))
	n.stopPos = make([]int32, len(n.patStops))
	fill := append([]int32(nil), cnt[:ns]...)
	for p := 0; p+1 < len(n.patStopOff); p++ {
		for i := n.patStopOff[p]; i < n.patStopOff[p+1]; i++ {
			s := n.patStops[i]
			n.stopPat[fill[s]] = int32(p)
			n.stopPos[fill[s]] = i - n.patStopOff[p]
			fill[s]++
		}
	}
}

// buildFootpaths links every stop to the stops within MaxWalkM and to
// itself, then applies transfers.txt.
func (n *Network) buildFootpaths(tt *gtfs.Timetable, opt NetworkOptions) error {
	ns := int32(len(tt.Stops))
	n.points = make([]orb.Point, ns)
	for i, s := range tt.Stops {
		n.points[i] = orb.Point{s.Lon, s.Lat}
	}
	n.stopIx = index.New(n.points)
	type rule struct {
		typ uint8
		sec int32
	}
	rules := map[[2]int32]rule{}
	for _, tr := range tt.Transfers {
		if tr.From < 0 || tr.From >= ns || tr.To < 0 || tr.To >= ns {
			return fmt.Errorf("transit: transfer %d→%d: stop index out of range", tr.From, tr.To)
		}
		k := [2]int32{tr.From, tr.To}
		r, seen := rules[k]
		nr := rule{tr.Type, tr.MinSeconds}
		if tr.Type == 1 || tr.Type == 0 {
			nr.sec = 0
		}
		if seen {
			// Duplicates: a forbidden transfer wins, else the longer time.
			if r.typ == 3 || (nr.typ != 3 && r.sec >= nr.sec) {
				continue
			}
		}
		rules[k] = nr
	}
	byFrom := map[int32][][2]int32{}
	for k := range rules {
		byFrom[k[0]] = append(byFrom[k[0]], k)
	}
	for _, ks := range byFrom {
		sort.Slice(ks, func(a, b int) bool { return ks[a][1] < ks[b][1] })
	}
	// Only stops where a trip can be left start footpaths (every stop
	// with FootpathsFromEveryStop), and only stops where one can be
	// boarded end them: the others are never used.
	alight := make([]bool, ns)
	board := make([]bool, ns)
	n.alight = alight
	for p := 0; p+1 < len(n.patStopOff); p++ {
		off, end := n.patStopOff[p], n.patStopOff[p+1]
		for i := off; i < end; i++ {
			st := n.patStops[i]
			alight[st] = alight[st] || (i > off && !n.patNoDrop[i])
			board[st] = board[st] || (i+1 < end && !n.patNoPick[i])
		}
	}
	if opt.FootpathsFromEveryStop {
		for s := range alight {
			alight[s] = true
		}
	}
	n.footOff = make([]int32, ns+1)
	type fp struct{ to, sec int32 }
	var buf []fp
	for s := int32(0); s < ns; s++ {
		buf = buf[:0]
		if !validPoint(n.points[s]) {
			n.Counts["stops_bad_position"]++
		}
		if !alight[s] {
			n.footOff[s+1] = int32(len(n.footTo))
			continue
		}
		seen := map[int32]bool{}
		add := func(to, sec int32) {
			seen[to] = true
			if !board[to] {
				return
			}
			if r, ok := rules[[2]int32{s, to}]; ok {
				switch r.typ {
				case 3:
					return
				case 1:
					sec = 0
				case 2:
					sec = r.sec
				}
			}
			buf = append(buf, fp{to, sec})
		}
		add(s, 0)
		n.stopIx.Within(n.points[s], opt.MaxWalkM, func(j int32, d float64) bool {
			if j == s {
				return true
			}
			if sec, ok := opt.Walker.WalkSeconds(n.points[s], n.points[j], d); ok {
				add(j, sec)
			}
			return true
		})
		// Rules for pairs beyond walking distance.
		for _, k := range byFrom[s] {
			r := rules[k]
			if seen[k[1]] || r.typ == 3 {
				continue
			}
			sec := r.sec
			if r.typ == 0 {
				d := distM(n.points[s], n.points[k[1]])
				w, ok := Straight{DefaultDetourFactor, DefaultWalkKmh}.WalkSeconds(n.points[s], n.points[k[1]], d)
				if !ok || math.IsNaN(d) {
					continue
				}
				sec = w
			}
			add(k[1], sec)
		}
		sort.Slice(buf, func(a, b int) bool { return buf[a].to < buf[b].to })
		for _, f := range buf {
			n.footTo = append(n.footTo, f.to)
			n.footSec = append(n.footSec, f.sec)
		}
		n.footOff[s+1] = int32(len(n.footTo))
	}
	return nil
}

func (n *Network) buildDepartures(ns int32) {
	n.depOff = make([]int32, ns+1)
	per := make([][]int32, ns)
	for p := 0; p < len(n.patNTrips); p++ {
		off, end := n.patStopOff[p], n.patStopOff[p+1]
		l := end - off
		for t := int32(0); t < n.patNTrips[p]; t++ {
			base := n.patTimeOff[p] + t*l
			for i := int32(0); i+1 < l; i++ {
				if n.patNoPick[off+i] {
					continue
				}
				s := n.patStops[off+i]
				per[s] = append(per[s], n.dep[base+i])
			}
		}
	}
	for s := int32(0); s < ns; s++ {
		sort.Slice(per[s], func(a, b int) bool { return per[s][a] < per[s][b] })
		n.depTimes = append(n.depTimes, per[s]...)
		n.depOff[s+1] = int32(len(n.depTimes))
	}
}

// Departures counts the departures (pickup allowed, not at a trip's last
// stop) from stop s at times in [from, to).
func (n *Network) Departures(s int32, from, to int32) int {
	d := n.depTimes[n.depOff[s]:n.depOff[s+1]]
	a := sort.Search(len(d), func(i int) bool { return d[i] >= from })
	b := sort.Search(len(d), func(i int) bool { return d[i] >= to })
	return b - a
}

// StopsWithin calls fn for every stop within radiusM (straight line) of p,
// nearest first, ties by index.
func (n *Network) StopsWithin(p orb.Point, radiusM float64, fn func(stop int32, distM float64) bool) {
	n.stopIx.Within(p, radiusM, fn)
}

// StopPoint returns the position of stop s.
func (n *Network) StopPoint(s int32) orb.Point { return n.points[s] }

func distM(a, b orb.Point) float64 {
	if !validPoint(a) || !validPoint(b) {
		return math.NaN()
	}
	return geodesic.Distance(a, b)
}

// ValidPoint reports whether p is a usable lon/lat position.
func ValidPoint(p orb.Point) bool { return validPoint(p) }

func validPoint(p orb.Point) bool {
	return p[1] >= -90 && p[1] <= 90 && !math.IsInf(p[0], 0) && !math.IsNaN(p[0])
}
