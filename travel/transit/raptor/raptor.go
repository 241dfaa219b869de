package raptor

import (
	"errors"
	"fmt"
	"math"
	"sort"
)

const inf = int32(math.MaxInt32)

// Leg is a walk to or from a stop.
type Leg struct {
	Stop int32
	Sec  int32
}

// Egress is the walk from a stop to a service of a category.
type Egress struct {
	Stop, Cat, Svc, Sec int32
}

// Targets index the services by the stops they can be walked to from:
// for each stop and category, the quickest service (smallest Svc on
// ties). Build once per network and service set; immutable.
type Targets struct {
	nCats int
	off   []int32
	cat   []int32
	sec   []int32
	svc   []int32
}

// NewTargets indexes egress legs for a network of numStops stops and
// numCats categories. It panics on a stop or category out of range (a
// programmer error).
func NewTargets(numStops, numCats int, legs []Egress) *Targets {
	ls := append([]Egress(nil), legs...)
	sort.Slice(ls, func(a, b int) bool {
		x, y := ls[a], ls[b]
		if x.Stop != y.Stop {
			return x.Stop < y.Stop
		}
		if x.Cat != y.Cat {
			return x.Cat < y.Cat
		}
		if x.Sec != y.Sec {
			return x.Sec < y.Sec
		}
		return x.Svc < y.Svc
	})
	t := &Targets{nCats: numCats, off: make([]int32, numStops+1)}
	for i, e := range ls {
		if e.Stop < 0 || int(e.Stop) >= numStops || e.Cat < 0 || int(e.Cat) >= numCats {
			panic(fmt.Sprintf("transit: egress %+v out of range", e))
		}
		if i > 0 && ls[i-1].Stop == e.Stop && ls[i-1].Cat == e.Cat {
			continue // a quicker (or equal, smaller id) service is kept
		}
		t.cat = append(t.cat, e.Cat)
		t.sec = append(t.sec, e.Sec)
		t.svc = append(t.svc, e.Svc)
		t.off[e.Stop+1] = int32(len(t.cat))
	}
	for s := 1; s <= numStops; s++ {
		if t.off[s] < t.off[s-1] {
			t.off[s] = t.off[s-1]
		}
	}
	return t
}

// Query is one range search from one origin.
type Query struct {
	// From and To bound the departure window, GTFS seconds: the departure
	// minutes are From, From+60, … while < To.
	From, To int32
	// Access are the walks from the origin to stops.
	Access []Leg
	// Direct are walks straight from the origin to services: Cat is the
	// target category, Svc the service, Sec the walk.
	Direct []Walk
	// Flex are on-demand rides from the origin (see FlexLeg).
	Flex []FlexLeg
	// MaxTransfers (≥ 0) and MaxTravel (seconds, > 0).
	MaxTransfers int
	MaxTravel    int32
}

// FlexLeg is an on-demand ride from the origin, booked at the departure
// minute m: picked up at the earliest at m + Pre (Pre covers the walk to
// the pick-up point and the booking lead time, whichever is longer) and
// inside one of its Windows, it rides Ride seconds and drops off at Stop,
// where the journey continues as after a trip, or, with Stop -1, at
// service Svc of category Cat. The ride counts as a trip; at most
// MaxTransfers fixed-route trips may follow it (within the query's own
// limit).
type FlexLeg struct {
	Stop         int32
	Cat, Svc     int32
	Pre, Ride    int32
	MaxTransfers int
	Windows      []FlexWindow
}

// FlexWindow bounds a ride: pick-up in [PickFrom, PickTo], drop-off in
// [DropFrom, DropTo] (GTFS seconds; a vehicle early at the drop-off waits
// for DropFrom).
type FlexWindow struct {
	PickFrom, PickTo, DropFrom, DropTo int32
}

// Arrive returns the earliest drop-off of a ride booked at minute m (ok
// false when no window takes it). It never decreases when m grows, which
// keeps the range search exact.
func (l *FlexLeg) Arrive(m int32) (int32, bool) {
	best, ok := inf, false
	for _, w := range l.Windows {
		t0 := max(m+l.Pre, w.PickFrom)
		if t0 > w.PickTo {
			continue
		}
		a := max(t0+l.Ride, w.DropFrom)
		if a > w.DropTo || a >= best {
			continue
		}
		best, ok = a, true
	}
	return best, ok
}

// round is the round of leg l's ride among k rounds (k−1 transfers).
func (l *FlexLeg) round(k int) int {
	return k - min(k-1, l.MaxTransfers)
}

// Walk is a walking-only journey to a service of a category.
type Walk struct {
	Cat, Svc, Sec int32
}

// Outcome is the best journey from one departure minute to one category:
// door-to-door Sec (waiting included; -1 when nothing arrives within
// MaxTravel), the number of Trips (0: walking all the way) and the
// service reached. Among equally fast journeys the one with fewer trips,
// then the smaller service index, is kept; walking wins ties.
type Outcome struct {
	Sec   int32
	Trips int8
	Svc   int32
}

// Unreached is the Outcome of a minute from which nothing arrives.
var Unreached = Outcome{Sec: -1, Svc: -1}

// Minutes returns the number of departure minutes of the window.
func (q *Query) Minutes() int {
	if q.To <= q.From {
		return 0
	}
	return int((q.To - q.From + 59) / 60)
}

// Profile is the answer of a Query, sparse over categories: only the
// categories reached (or walked to) from some departure minute have a
// column. Out[t·Minutes + mi] is the outcome of category Cats[t] from the
// mi-th departure minute (ascending).
type Profile struct {
	Minutes int
	Cats    []int32 // in the order first reached
	Out     []Outcome
	colOf   []int32 // category → column, -1
}

// Column returns the outcomes of category c by minute, nil when c was
// never reached.
func (p *Profile) Column(c int32) []Outcome {
	if t := p.colOf[c]; t >= 0 {
		return p.Out[int(t)*p.Minutes : int(t+1)*p.Minutes]
	}
	return nil
}

// NewProfile returns an empty profile of minutes departure minutes over
// numCats categories, to be filled with Add (for tests and tools; Run
// fills its own).
func NewProfile(minutes, numCats int) *Profile {
	p := &Profile{Minutes: minutes, colOf: make([]int32, numCats)}
	for i := range p.colOf {
		p.colOf[i] = -1
	}
	return p
}

// Add gives category c the column col (one outcome per minute). It
// panics when c already has one or col has the wrong length (programmer
// errors).
func (p *Profile) Add(c int32, col []Outcome) {
	if p.colOf[c] >= 0 || len(col) != p.Minutes {
		panic(fmt.Sprintf("raptor: column %d added twice or of %d minutes, want %d", c, len(col), p.Minutes))
	}
	p.colOf[c] = int32(len(p.Cats))
	p.Cats = append(p.Cats, c)
	p.Out = append(p.Out, col...)
}

// Dense returns the outcomes as out[mi·numCats + c].
func (p *Profile) Dense() []Outcome {
	nc := len(p.colOf)
	out := make([]Outcome, p.Minutes*nc)
	for i := range out {
		out[i] = Unreached
	}
	for t, c := range p.Cats {
		for mi := 0; mi < p.Minutes; mi++ {
			out[mi*nc+int(c)] = p.Out[t*p.Minutes+mi]
		}
	}
	return out
}

// Search is a range-RAPTOR workspace for one network and target set. It
// is not safe for concurrent use; reuse it across queries (one per
// goroutine). Memory: 2·(MaxTransfers+2)·stops + patterns int32.
type Search struct {
	net *Network
	tg  *Targets
	k   int // rounds (trips) allowed
	r   int // labels per stop or category: k+1, stop-major (one cache line)

	trip, board   []int32 // per stop, k+1 rounds
	catArr, catSv []int32 // per category, k+1 rounds
	patPos        []int32
	patQ          []int32
	stamp         []uint32
	epoch         uint32
	marked, imp   []int32
	direct        []Walk
	flexRound     int // the last round where an on-demand ride drops off at a stop (0 none)

	// Rounds counts the RAPTOR rounds run (for benchmarks).
	Rounds int64
}

// NewSearch allocates a workspace.
func NewSearch(net *Network, tg *Targets) *Search {
	s := &Search{net: net, tg: tg, patPos: make([]int32, len(net.patNTrips)), stamp: make([]uint32, net.NumStops())}
	for i := range s.patPos {
		s.patPos[i] = -1
	}
	return s
}

// Network returns the network the workspace searches.
func (s *Search) Network() *Network { return s.net }

// ErrQuery reports an invalid query.
var ErrQuery = errors.New("transit: invalid query")

// Run answers q into p (reused). Time: O(minutes · rounds · work of
// improved stops + minutes · categories reached); labels are kept from one
// minute to the previous one (rRAPTOR), so a minute that offers no new
// boarding costs little.
func (s *Search) Run(q *Query, p *Profile) error {
	nc := s.tg.nCats
	if q.MaxTransfers < 0 || q.MaxTravel <= 0 {
		return fmt.Errorf("%w: max transfers %d, max travel %d s", ErrQuery, q.MaxTransfers, q.MaxTravel)
	}
	for _, w := range q.Direct {
		if w.Cat < 0 || int(w.Cat) >= nc || w.Sec < 0 {
			return fmt.Errorf("%w: direct walk %+v", ErrQuery, w)
		}
	}
	for i := range q.Flex {
		l := &q.Flex[i]
		if l.Stop >= int32(s.net.NumStops()) || (l.Stop < 0 && (l.Cat < 0 || int(l.Cat) >= nc)) || l.Pre < 0 || l.Ride < 0 || l.MaxTransfers < 0 {
			return fmt.Errorf("%w: on-demand ride %+v", ErrQuery, *l)
		}
	}
	nm := q.Minutes()
	if len(p.colOf) != nc {
		p.colOf = make([]int32, nc)
		for i := range p.colOf {
			p.colOf[i] = -1
		}
	}
	for _, c := range p.Cats {
		p.colOf[c] = -1
	}
	p.Minutes, p.Cats, p.Out = nm, p.Cats[:0], p.Out[:0]
	s.reset(q.MaxTransfers + 1)
	s.direct = s.direct[:0]
	for _, w := range q.Direct {
		if w.Sec <= q.MaxTravel {
			s.direct = append(s.direct, w)
		}
	}
	sort.Slice(s.direct, func(a, b int) bool {
		x, y := s.direct[a], s.direct[b]
		if x.Cat != y.Cat {
			return x.Cat < y.Cat
		}
		if x.Sec != y.Sec {
			return x.Sec < y.Sec
		}
		return x.Svc < y.Svc
	})
	for i, w := range s.direct {
		if i == 0 || s.direct[i-1].Cat != w.Cat {
			s.touch(p, w.Cat, nm)
		}
	}
	s.flexRound = 0
	for i := range q.Flex {
		if l := &q.Flex[i]; l.Stop < 0 {
			s.touch(p, l.Cat, nm)
		} else {
			s.flexRound = max(s.flexRound, l.round(s.k))
		}
	}
	ns := s.net.NumStops()
	for mi := nm - 1; mi >= 0; mi-- {
		m := q.From + int32(mi)*60
		s.runMinute(q, m, ns, nc, p)
		s.collect(q, p, mi, m, nc)
	}
	return nil
}

// touch gives category c a column, Unreached at every minute.
func (s *Search) touch(p *Profile, c int32, nm int) {
	if p.colOf[c] >= 0 {
		return
	}
	p.colOf[c] = int32(len(p.Cats))
	p.Cats = append(p.Cats, c)
	for i := 0; i < nm; i++ {
		p.Out = append(p.Out, Unreached)
	}
}

func (s *Search) reset(k int) {
	ns, nc := s.net.NumStops(), s.tg.nCats
	s.k, s.r = k, k+1
	need := (k + 1) * ns
	if cap(s.trip) < need {
		s.trip = make([]int32, need)
		s.board = make([]int32, need)
	}
	s.trip, s.board = s.trip[:need], s.board[:need]
	if cap(s.catArr) < (k+1)*nc {
		s.catArr = make([]int32, (k+1)*nc)
		s.catSv = make([]int32, (k+1)*nc)
	}
	s.catArr, s.catSv = s.catArr[:(k+1)*nc], s.catSv[:(k+1)*nc]
	for i := range s.trip {
		s.trip[i] = inf
		s.board[i] = inf
	}
	for i := range s.catArr {
		s.catArr[i] = inf
		s.catSv[i] = -1
	}
}

func (s *Search) nextEpoch() uint32 {
	s.epoch++
	if s.epoch == 0 {
		for i := range s.stamp {
			s.stamp[i] = 0
		}
		s.epoch = 1
	}
	return s.epoch
}

func (s *Search) runMinute(q *Query, m int32, ns, nc int, p *Profile) {
	net := s.net
	limit := m + q.MaxTravel
	ep := s.nextEpoch()
	s.marked = s.marked[:0]
	for _, l := range q.Access {
		t := m + l.Sec
		if t < s.board[int(l.Stop)*s.r] && t <= limit {
			s.board[int(l.Stop)*s.r] = t
			if s.stamp[l.Stop] != ep {
				s.stamp[l.Stop] = ep
				s.marked = append(s.marked, l.Stop)
			}
		}
	}
	for k := 1; k <= s.k && (len(s.marked) > 0 || k <= s.flexRound); k++ {
		s.Rounds++
		// Patterns through the stops improved in the previous round, from
		// their first such position.
		for _, st := range s.marked {
			for j := net.stopPatOff[st]; j < net.stopPatOff[st+1]; j++ {
				p, pos := net.stopPat[j], net.stopPos[j]
				if cur := s.patPos[p]; cur < 0 {
					s.patQ = append(s.patQ, p)
					s.patPos[p] = pos
				} else if pos < cur {
					s.patPos[p] = pos
				}
			}
		}
		ep = s.nextEpoch()
		s.imp = s.imp[:0]
		for _, p := range s.patQ {
			s.scan(p, s.patPos[p], k, limit, ep)
			s.patPos[p] = -1
		}
		s.patQ = s.patQ[:0]
		s.flexRides(q, m, k, limit, ep)
		// Services reached, then changes for the next round.
		ep = s.nextEpoch()
		s.marked = s.marked[:0]
		for _, st := range s.imp {
			a := s.trip[int(st)*s.r+k]
			tg := s.tg
			for j := tg.off[st]; j < tg.off[st+1]; j++ {
				t, c, sv := a+tg.sec[j], int(tg.cat[j])*s.r+k, tg.svc[j]
				if t < s.catArr[c] || (t == s.catArr[c] && sv < s.catSv[c]) {
					s.catArr[c], s.catSv[c] = t, sv
					s.touch(p, tg.cat[j], q.Minutes())
				}
			}
			if k == s.k {
				continue
			}
			if !net.alight[st] {
				// Only an on-demand ride drops off here and the network
				// has no footpath from it (NetworkOptions.
				// FootpathsFromEveryStop): the journey continues from
				// this stop.
				if a <= limit && s.better(s.board, k, st, a) {
					s.board[int(st)*s.r+k] = a
					if s.stamp[st] != ep {
						s.stamp[st] = ep
						s.marked = append(s.marked, st)
					}
				}
				continue
			}
			for j := net.footOff[st]; j < net.footOff[st+1]; j++ {
				r := net.footTo[j]
				t := a + net.footSec[j]
				if t > limit || !s.better(s.board, k, r, t) {
					continue
				}
				s.board[int(r)*s.r+k] = t
				if s.stamp[r] != ep {
					s.stamp[r] = ep
					s.marked = append(s.marked, r)
				}
			}
		}
	}
}

// flexRides sets the trip labels of round k at the stops where on-demand
// rides of that round booked at minute m drop off.
func (s *Search) flexRides(q *Query, m int32, k int, limit int32, ep uint32) {
	for i := range q.Flex {
		l := &q.Flex[i]
		if l.Stop < 0 || l.round(s.k) != k {
			continue
		}
		a, ok := l.Arrive(m)
		if !ok || a > limit || !s.better(s.trip, k, l.Stop, a) {
			continue
		}
		s.trip[int(l.Stop)*s.r+k] = a
		if s.stamp[l.Stop] != ep {
			s.stamp[l.Stop] = ep
			s.imp = append(s.imp, l.Stop)
		}
	}
}

// better reports whether t beats the labels of rounds 0..k (board) or
// 1..k (trip) at stop st.
func (s *Search) better(lab []int32, k int, st int32, t int32) bool {
	row := lab[int(st)*s.r : int(st)*s.r+k+1]
	for _, l := range row {
		if l <= t {
			return false
		}
	}
	return true
}

// scan runs pattern p from position start in round k, boarding from the
// labels prev of round k-1.
func (s *Search) scan(p, start int32, k int, limit int32, ep uint32) {
	net := s.net
	off := net.patStopOff[p]
	l := net.patStopOff[p+1] - off
	nt := net.patNTrips[p]
	base := net.patTimeOff[p]
	stops := net.patStops[off : off+l]
	noPick := net.patNoPick[off : off+l]
	noDrop := net.patNoDrop[off : off+l]
	et := int32(-1)
	var etBase int32
	for i := start; i < l; i++ {
		st := stops[i]
		if et >= 0 && !noDrop[i] {
			a := net.arr[etBase+i]
			if a <= limit && s.better(s.trip, k, st, a) {
				s.trip[int(st)*s.r+k] = a
				if s.stamp[st] != ep {
					s.stamp[st] = ep
					s.imp = append(s.imp, st)
				}
			}
		}
		if noPick[i] || i+1 == l {
			continue
		}
		b := s.board[int(st)*s.r+k-1]
		if b == inf || (et >= 0 && b > net.dep[etBase+i]) {
			continue
		}
		hi := nt
		if et >= 0 {
			hi = et
		}
		// smallest trip t < hi with dep[t][i] ≥ b (FIFO: dep grows with t)
		lo, h := int32(0), hi
		for lo < h {
			mid := (lo + h) / 2
			if net.dep[base+mid*l+i] >= b {
				h = mid
			} else {
				lo = mid + 1
			}
		}
		if lo < hi {
			et = lo
			etBase = base + et*l
		}
	}
}

// collect writes the best journey of every category reached so far for
// the mi-th minute m.
func (s *Search) collect(q *Query, p *Profile, mi int, m int32, nc int) {
	nm := p.Minutes
	for t, c := range p.Cats {
		best := Unreached
		bt := inf
		for k := 1; k <= s.k; k++ {
			a, sv := s.catArr[int(c)*s.r+k], s.catSv[int(c)*s.r+k]
			if a == inf || a-m > q.MaxTravel {
				continue
			}
			if a < bt {
				bt = a
				best = Outcome{Sec: a - m, Trips: int8(k), Svc: sv}
			}
		}
		p.Out[t*nm+mi] = best
	}
	// On-demand rides straight to a service (one trip).
	for i := range q.Flex {
		l := &q.Flex[i]
		if l.Stop >= 0 {
			continue
		}
		a, ok := l.Arrive(m)
		if !ok || a-m > q.MaxTravel {
			continue
		}
		o := &p.Out[int(p.colOf[l.Cat])*nm+mi]
		if o.Sec < 0 || a-m < o.Sec || (a-m == o.Sec && (o.Trips > 1 || (o.Trips == 1 && l.Svc < o.Svc))) {
			*o = Outcome{Sec: a - m, Trips: 1, Svc: l.Svc}
		}
	}
	// Walking all the way wins ties; s.direct is sorted by category, then
	// by time and service.
	for i, w := range s.direct {
		if i > 0 && s.direct[i-1].Cat == w.Cat {
			continue
		}
		o := &p.Out[int(p.colOf[w.Cat])*nm+mi]
		if o.Sec < 0 || w.Sec <= o.Sec {
			*o = Outcome{Sec: w.Sec, Trips: 0, Svc: w.Svc}
		}
	}
}
