package transit

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/index"
	"github.com/partons/partons/travel/transit/raptor"
)

// Status of a village × category.
type Status string

// The statuses, as written in {cat}_transit_status.
const (
	StatusOK        Status = "ok"         // a transit journey beats walking at some minute
	StatusWalkOnly  Status = "walk_only"  // reachable, but no transit journey beats walking
	StatusNoService Status = "no_service" // nothing reachable within MaxTravel in the window
	StatusUnsnapped Status = "unsnapped"  // the village is not on the walking network
)

// Place is a village or a service.
type Place struct {
	ID    string
	Point orb.Point // lon, lat
}

// Group is a set of services measured together (a category, or the part
// of a category in one country): indexes into the services given to
// Compute, ascending.
type Group []int32

// Snapper is implemented by Walkers that can refuse an origin (a village
// off the foot network): Snaps false makes the village "unsnapped".
type Snapper interface {
	Snaps(p orb.Point) bool
}

// Options configure Compute. Start from DefaultOptions.
type Options struct {
	// From and To bound the departure window (GTFS seconds of the
	// timetable's day); departure minutes are From, From+60, … < To.
	From, To int32
	// MaxWalkM bounds every walking leg (straight line, metres).
	MaxWalkM float64
	// Walker times walking legs; nil: Straight{DefaultDetourFactor,
	// DefaultWalkKmh}.
	Walker Walker
	// MaxTransfers ≥ 0; MaxTravelSec > 0 bounds door-to-door times.
	MaxTransfers int
	MaxTravelSec int32
	// ThresholdsMin are the T of {cat}_transit_share_{T}min, ascending.
	ThresholdsMin []int
	// Workers run villages in parallel (0: GOMAXPROCS). The result does
	// not depend on it.
	Workers int
	// Stats, when not nil, receives work counters (for benchmarks).
	Stats *Stats
	// OnDemand, when set, gives every village's on-demand rides (an
	// ondemand.Planner made For the services): Compute then measures each
	// village with them too (Metric.FlexMin).
	OnDemand OnDemand
}

// OnDemand gives the on-demand rides a village at v may take, each
// allowing at most maxTransfers fixed-route trips after it, appended to
// buf.
type OnDemand interface {
	Legs(v orb.Point, maxTransfers int, buf []raptor.FlexLeg) []raptor.FlexLeg
}

// firstCutSec is the cut-off of Compute's first search (see Compute).
const firstCutSec = 60 * 60

// Stats count the work of Compute, Profiles and PairMedians.
type Stats struct {
	Rounds  atomic.Int64 // RAPTOR rounds run
	Minutes atomic.Int64 // village departure minutes searched (a village searched twice counts twice)
}

// DefaultOptions are 07:00–09:00, 1,200 m of walking, 3 transfers,
// 120 minutes, shares within 30 and 60 minutes.
func DefaultOptions() Options {
	return Options{From: 7 * 3600, To: 9 * 3600, MaxWalkM: DefaultMaxWalkM, MaxTransfers: DefaultMaxTransfers,
		MaxTravelSec: DefaultMaxTravelSec, ThresholdsMin: []int{30, 60}}
}

// Metric is the figure of one village for one group of services.
//
// Following Conveyal (r5), every percentile is taken per service over the
// departure minutes (door-to-door, waiting included, unreachable minutes
// counting as infinitely long; percentile p is the nearest-rank value,
// the ⌈p/100·n⌉-th of the n minutes sorted by time) and the group's
// figure is the smallest over its services. The nearest service is the one
// with the smallest median (ties: the smaller index).
type Metric struct {
	Status Status
	// Service is the nearest service (index into Compute's services), -1
	// when none (no_service, unsnapped). A walk_only group still names
	// the service walked to.
	Service int32
	// Median is the nearest service's median in minutes (NaN when
	// Service is -1), whatever the status: the cost of the pair.
	Median float64
	// Min, BestMin, P5Min, P95Min are the median, minimum, 5th and 95th
	// percentiles in minutes; NaN (written empty, never 0) unless Status
	// is ok, and for a percentile that is unreachable at every service.
	Min, BestMin, P5Min, P95Min float64
	// Share[i] is the share of departure minutes from which some service
	// of the group is reached within ThresholdsMin[i] minutes (NaN unless
	// ok).
	Share []float64
	// Transfers is that of the nearest service's median journey (among
	// minutes as fast, the earliest departure): trips − 1, 0 when
	// walking; -1 unless ok.
	Transfers int
	// FlexMin is the median (as Min) when on-demand rides may be taken
	// too (Options.OnDemand): NaN when no journey then beats walking, or
	// without on-demand rides. Where a village has no ride it equals Min.
	FlexMin float64
}

// VillageResult holds one village's metrics, by group in the order given
// to Compute.
type VillageResult struct {
	Groups []Metric
	// StopDepartures counts the departures in the window from the stops
	// reachable on foot from the village (within MaxWalkM).
	StopDepartures int
}

// Compute measures every village against every group of services. It
// runs villages in parallel on Options.Workers goroutines, each with its
// own Search; the result is the same for any number of workers. ctx stops
// the work between villages.
func Compute(ctx context.Context, net *Network, villages, services []Place, groups []Group, opt Options) ([]VillageResult, error) {
	res := make([]VillageResult, len(villages))
	// A first search cut off at firstCutSec is exact for every group whose
	// smallest 95th percentile is within the cut (journeys within it are
	// found alike, longer ones only count as unreachable, which leaves
	// every percentile and share below the cut unchanged); villages with a
	// group beyond it are searched again up to MaxTravelSec.
	cut := int32(firstCutSec)
	for _, t := range opt.ThresholdsMin {
		cut = max(cut, int32(t*60))
	}
	if cut >= opt.MaxTravelSec {
		cut = 0
	}
	err := forEachProfile(ctx, net, villages, services, opt, cut, func(i int, snapped bool, p *Profile, deps int, limit int32) bool {
		r := VillageResult{Groups: make([]Metric, len(groups)), StopDepartures: deps}
		var sc scratch
		for g, grp := range groups {
			if !snapped {
				r.Groups[g] = emptyMetric(StatusUnsnapped, len(opt.ThresholdsMin))
				continue
			}
			var p95 int32
			r.Groups[g], p95 = summarise(p, grp, opt.ThresholdsMin, &sc)
			if limit < opt.MaxTravelSec && (p95 < 0 || p95 > limit) {
				return true
			}
			if opt.OnDemand != nil {
				r.Groups[g].FlexMin = r.Groups[g].Min
			}
		}
		res[i] = r
		return false
	}, func(i int, p *Profile) {
		var sc scratch
		for g, grp := range groups {
			m, _ := summarise(p, grp, opt.ThresholdsMin, &sc)
			res[i].Groups[g].FlexMin = m.Min
		}
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// PairMedians calls fn(i, j, medianMin) for every village i and service j
// whose median door-to-door time is finite (see Metric), villages in
// parallel; fn must be safe for concurrent calls with different i.
func PairMedians(ctx context.Context, net *Network, villages, services []Place, opt Options, fn func(i int, j int32, medianMin float64)) error {
	return forEachProfile(ctx, net, villages, services, opt, 0, func(i int, snapped bool, p *Profile, _ int, _ int32) bool {
		if !snapped {
			return false
		}
		var sc scratch
		for _, j := range p.Cats {
			if o, ok := sc.percentile(p.Column(j), 50); ok {
				fn(i, j, float64(o.Sec)/60)
			}
		}
		return false
	}, nil)
}

// Profiles runs one range search per village with every service as its
// own target (Profile.Column(j) is service j by departure minute) and
// calls fn(i, snapped, profile) on the worker's goroutine, villages in
// parallel: fn must only touch village i's results and must not keep p.
// It is the computation behind Compute and PairMedians, exposed for
// oracles and tools.
func Profiles(ctx context.Context, net *Network, villages, services []Place, opt Options, fn func(i int, snapped bool, p *Profile)) error {
	return forEachProfile(ctx, net, villages, services, opt, 0, func(i int, snapped bool, p *Profile, _ int, _ int32) bool {
		fn(i, snapped, p)
		return false
	}, nil)
}

// forEachProfile runs one range search per village, services as targets,
// and hands each profile to fn (on the worker's goroutine, so fn must
// only write village i's results). With Options.OnDemand and flexFn, a
// snapped village that has on-demand rides is searched once more with
// them, up to MaxTravelSec, and flexFn called after fn.
//
// With cut > 0 each village is first searched up to cut seconds door to
// door (fn's limit); when fn returns true it is searched again up to
// MaxTravelSec and fn called again.
func forEachProfile(ctx context.Context, net *Network, villages, services []Place, opt Options, cut int32,
	fn func(i int, snapped bool, p *Profile, stopDepartures int, limit int32) bool, flexFn func(i int, p *Profile)) error {
	if err := opt.validate(); err != nil {
		return err
	}
	if opt.Walker == nil {
		opt.Walker = Straight{Detour: DefaultDetourFactor, Kmh: DefaultWalkKmh}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	tg, svcIx := buildTargets(net, services, opt)
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	var firstErr error
	var once sync.Once
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := NewSearch(net, tg)
			if opt.Stats != nil {
				defer func() { opt.Stats.Rounds.Add(s.Rounds) }()
			}
			var p Profile
			var legs []raptor.FlexLeg
			q := Query{From: opt.From, To: opt.To, MaxTransfers: opt.MaxTransfers, MaxTravel: opt.MaxTravelSec}
			for {
				i := int(next.Add(1) - 1)
				if i >= len(villages) {
					return
				}
				if err := ctx.Err(); err != nil {
					once.Do(func() { firstErr = err })
					return
				}
				limits := [2]int32{cut, opt.MaxTravelSec}
				for _, l := range limits {
					if l <= 0 {
						continue
					}
					q.MaxTravel = l
					snapped, deps, err := village(s, villages[i], services, svcIx, &q, &p, opt)
					if err != nil {
						once.Do(func() { firstErr = err })
						return
					}
					if opt.Stats != nil {
						opt.Stats.Minutes.Add(int64(p.Minutes))
					}
					if !fn(i, snapped, &p, deps, l) {
						break
					}
				}
				if opt.OnDemand == nil || flexFn == nil {
					continue
				}
				legs = opt.OnDemand.Legs(villages[i].Point, opt.MaxTransfers, legs[:0])
				if len(legs) == 0 || !validPoint(villages[i].Point) {
					continue
				}
				q.MaxTravel, q.Flex = opt.MaxTravelSec, legs
				snapped, _, err := village(s, villages[i], services, svcIx, &q, &p, opt)
				q.Flex = nil
				if err != nil {
					once.Do(func() { firstErr = err })
					return
				}
				if snapped {
					flexFn(i, &p)
				}
			}
		}()
	}
	wg.Wait()
	return firstErr
}

func (o *Options) validate() error {
	switch {
	case o.To <= o.From:
		return fmt.Errorf("transit: departure window %d–%d s is empty", o.From, o.To)
	case !(o.MaxWalkM >= 0) || math.IsInf(o.MaxWalkM, 0):
		return fmt.Errorf("transit: max walk %v m: must be ≥ 0", o.MaxWalkM)
	case o.MaxTransfers < 0 || o.MaxTransfers > 20:
		return fmt.Errorf("transit: max transfers %d: must be 0–20", o.MaxTransfers)
	case o.MaxTravelSec <= 0:
		return fmt.Errorf("transit: max travel %d s: must be positive", o.MaxTravelSec)
	}
	for i, t := range o.ThresholdsMin {
		if t <= 0 || (i > 0 && t <= o.ThresholdsMin[i-1]) {
			return fmt.Errorf("transit: thresholds %v: must be positive and ascending", o.ThresholdsMin)
		}
	}
	return nil
}

// buildTargets links every service (its own target) to the stops within
// walking distance, and indexes the services for walking all the way.
func buildTargets(net *Network, services []Place, opt Options) (*Targets, *index.Points) {
	var legs []Egress
	pts := make([]orb.Point, len(services))
	for j, sv := range services {
		pts[j] = sv.Point
		net.StopsWithin(sv.Point, opt.MaxWalkM, func(st int32, d float64) bool {
			if sec, ok := opt.Walker.WalkSeconds(net.StopPoint(st), sv.Point, d); ok {
				legs = append(legs, Egress{Stop: st, Cat: int32(j), Svc: int32(j), Sec: sec})
			}
			return true
		})
	}
	return NewTargets(net.NumStops(), len(services), legs), index.New(pts)
}

// village runs the range search of one village into p.
func village(s *Search, v Place, services []Place, svcIx *index.Points, q *Query, p *Profile, opt Options) (snapped bool, deps int, err error) {
	snapped = validPoint(v.Point)
	if sn, ok := opt.Walker.(Snapper); ok && snapped {
		snapped = sn.Snaps(v.Point)
	}
	q.Access, q.Direct = q.Access[:0], q.Direct[:0]
	if snapped {
		s.Network().StopsWithin(v.Point, opt.MaxWalkM, func(st int32, d float64) bool {
			if sec, ok := opt.Walker.WalkSeconds(v.Point, s.Network().StopPoint(st), d); ok {
				q.Access = append(q.Access, Leg{Stop: st, Sec: sec})
				deps += s.Network().Departures(st, opt.From, opt.To)
			}
			return true
		})
		svcIx.Within(v.Point, opt.MaxWalkM, func(j int32, d float64) bool {
			if sec, ok := opt.Walker.WalkSeconds(v.Point, services[j].Point, d); ok {
				q.Direct = append(q.Direct, Walk{Cat: j, Svc: j, Sec: sec})
			}
			return true
		})
	}
	return snapped, deps, s.Run(q, p)
}

func emptyMetric(st Status, nt int) Metric {
	nan := math.NaN()
	m := Metric{Status: st, Service: -1, Median: nan, Min: nan, BestMin: nan, P5Min: nan, P95Min: nan,
		Share: make([]float64, nt), Transfers: -1, FlexMin: nan}
	for i := range m.Share {
		m.Share[i] = nan
	}
	return m
}

// scratch holds buffers for percentiles.
type scratch struct {
	sorted []Outcome
	best   []int32
}

// percentile returns the nearest-rank p-th percentile of col (by time,
// unreachable last, ties to the earlier minute); ok false when it is
// unreachable.
func (sc *scratch) percentile(col []Outcome, p float64) (Outcome, bool) {
	sc.sortCol(col)
	return rank(sc.sorted, p)
}

func (sc *scratch) sortCol(col []Outcome) {
	sc.sorted = append(sc.sorted[:0], col...)
	slices.SortStableFunc(sc.sorted, func(a, b Outcome) int { return cmp.Compare(secKey(a), secKey(b)) })
}

func rank(sorted []Outcome, p float64) (Outcome, bool) {
	n := len(sorted)
	if n == 0 {
		return unreached, false
	}
	i := max(0, min(n-1, int(math.Ceil(p/100*float64(n)))-1))
	return sorted[i], sorted[i].Sec >= 0
}

// summarise turns a village's profile into the Metric of one group, and
// returns the smallest 95th percentile of its services in seconds (-1:
// none), which says whether a search cut off earlier was exact.
func summarise(p *Profile, grp Group, thresholds []int, sc *scratch) (Metric, int32) {
	// Candidates by their best minute: a percentile is never below it, so
	// the scan stops once the best exceeds every minimum found.
	type cand struct {
		j    int32
		best int32
	}
	var cands []cand
	for _, j := range grp {
		col := p.Column(j)
		if col == nil {
			continue
		}
		b := int32(-1)
		for _, o := range col {
			if o.Sec >= 0 && (b < 0 || o.Sec < b) {
				b = o.Sec
			}
		}
		if b >= 0 {
			cands = append(cands, cand{j, b})
		}
	}
	if len(cands) == 0 {
		return emptyMetric(StatusNoService, len(thresholds)), -1
	}
	sort.Slice(cands, func(a, b int) bool {
		if cands[a].best != cands[b].best {
			return cands[a].best < cands[b].best
		}
		return cands[a].j < cands[b].j
	})
	m := emptyMetric(StatusOK, len(thresholds))
	var med, p5, p95 Outcome
	med, p5, p95 = unreached, unreached, unreached
	better := func(cur *Outcome, o Outcome, ok bool) bool {
		if ok && (cur.Sec < 0 || o.Sec < cur.Sec) {
			*cur = o
			return true
		}
		return false
	}
	nearest := int32(-1)
	for _, c := range cands {
		if p95.Sec >= 0 && c.best > p95.Sec {
			break
		}
		sc.sortCol(p.Column(c.j))
		o, ok := rank(sc.sorted, 50)
		if better(&med, o, ok) || (ok && o.Sec == med.Sec && c.j < nearest) {
			med, nearest = o, c.j
		}
		o, ok = rank(sc.sorted, 5)
		better(&p5, o, ok)
		o, ok = rank(sc.sorted, 95)
		better(&p95, o, ok)
	}
	if nearest < 0 {
		return emptyMetric(StatusNoService, len(thresholds)), p95.Sec
	}
	m.Service, m.Median = nearest, float64(med.Sec)/60
	transit := false
	for _, o := range p.Column(nearest) {
		transit = transit || (o.Sec >= 0 && o.Trips > 0)
	}
	if !transit {
		w := emptyMetric(StatusWalkOnly, len(thresholds))
		w.Service, w.Median = m.Service, m.Median
		return w, p95.Sec
	}
	m.Min, m.BestMin, m.P5Min = float64(med.Sec)/60, float64(cands[0].best)/60, float64(p5.Sec)/60
	if p95.Sec >= 0 {
		m.P95Min = float64(p95.Sec) / 60
	}
	m.Transfers = max(0, int(med.Trips)-1)
	// Shares: the quickest service of the group at each minute.
	sc.best = sc.best[:0]
	for mi := 0; mi < p.Minutes; mi++ {
		sc.best = append(sc.best, -1)
	}
	for _, c := range cands {
		for mi, o := range p.Column(c.j) {
			if o.Sec >= 0 && (sc.best[mi] < 0 || o.Sec < sc.best[mi]) {
				sc.best[mi] = o.Sec
			}
		}
	}
	for i, t := range thresholds {
		k := 0
		for _, b := range sc.best {
			if b >= 0 && b <= int32(t*60) {
				k++
			}
		}
		m.Share[i] = float64(k) / float64(p.Minutes)
	}
	return m, p95.Sec
}

func secKey(o Outcome) int64 {
	if o.Sec < 0 {
		return math.MaxInt64
	}
	return int64(o.Sec)
}

// VsCar is the ratio of the transit medians to the car times over the
// groups where both exist (Σ transit / Σ car), NaN where none. carMin is
// by group as in r.Groups (NaN: no car figure).
func VsCar(r VillageResult, carMin []float64) float64 {
	var st, sc float64
	for g, m := range r.Groups {
		if g >= len(carMin) || math.IsNaN(m.Min) || math.IsNaN(carMin[g]) || !(carMin[g] > 0) {
			continue
		}
		st += m.Min
		sc += carMin[g]
	}
	if sc == 0 {
		return math.NaN()
	}
	return st / sc
}
