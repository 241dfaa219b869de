package transit

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"

	"github.com/partons/partons/geo/index"
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

// Category is a kind of service and its places.
type Category struct {
	Name     string
	Services []Place
}

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
}

// DefaultOptions are 07:00–09:00, 1,200 m of walking, 3 transfers,
// 120 minutes, shares within 30 and 60 minutes.
func DefaultOptions() Options {
	return Options{From: 7 * 3600, To: 9 * 3600, MaxWalkM: DefaultMaxWalkM, MaxTransfers: DefaultMaxTransfers,
		MaxTravelSec: DefaultMaxTravelSec, ThresholdsMin: []int{30, 60}}
}

// Metric is the figure of one village for one category. Minutes are NaN
// (written empty, never 0) where not available: always when Status is
// not ok, and for the percentiles that fall on unreachable minutes.
type Metric struct {
	Status Status
	// Min is the median over the departure minutes of the door-to-door
	// time (Conveyal's convention: waiting included, unreachable minutes
	// count as infinitely long); BestMin the minimum, P5Min and P95Min the
	// 5th and 95th percentiles. Percentile p is the nearest-rank value:
	// the ⌈p/100·n⌉-th of the n minutes sorted by time.
	Min, BestMin, P5Min, P95Min float64
	// Share[i] is the share of departure minutes from which the service
	// is reached within ThresholdsMin[i] minutes (NaN when not ok).
	Share []float64
	// ServiceID and Transfers are those of the median journey (among
	// minutes as fast as the median, the earliest departure); Transfers
	// is -1 where not available, 0 for walking all the way.
	ServiceID string
	Transfers int
}

// VillageResult holds one village's metrics, by category in the order
// given to Compute.
type VillageResult struct {
	Cats []Metric
	// StopDepartures counts the departures in the window from the stops
	// within MaxWalkM of the village (reachable on foot).
	StopDepartures int
}

// Compute measures every village against every category. Villages run in
// parallel on Options.Workers goroutines, each with its own Search; the
// result is the same for any number of workers. ctx stops the work
// between villages.
func Compute(ctx context.Context, net *Network, villages []Place, cats []Category, opt Options) ([]VillageResult, error) {
	if err := opt.validate(); err != nil {
		return nil, err
	}
	if opt.Walker == nil {
		opt.Walker = Straight{DefaultDetourFactor, DefaultWalkKmh}
	}
	tg, svcIx := buildTargets(net, cats, opt)
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	res := make([]VillageResult, len(villages))
	var next atomic.Int64
	var wg sync.WaitGroup
	var firstErr error
	var once sync.Once
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := NewSearch(net, tg)
			var buf []Outcome
			q := Query{From: opt.From, To: opt.To, MaxTransfers: opt.MaxTransfers, MaxTravel: opt.MaxTravelSec,
				Direct: make([]Walk, len(cats))}
			for {
				i := int(next.Add(1) - 1)
				if i >= len(villages) {
					return
				}
				if err := ctx.Err(); err != nil {
					once.Do(func() { firstErr = err })
					return
				}
				var err error
				res[i], buf, err = s.village(villages[i], cats, svcIx, &q, buf, opt)
				if err != nil {
					once.Do(func() { firstErr = err })
					return
				}
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	return res, nil
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

// buildTargets links every service to the stops within walking distance,
// and indexes the services of each category for walking all the way.
func buildTargets(net *Network, cats []Category, opt Options) (*Targets, []*index.Points) {
	var legs []Egress
	ixs := make([]*index.Points, len(cats))
	for c, cat := range cats {
		pts := make([]orb.Point, len(cat.Services))
		for j, sv := range cat.Services {
			pts[j] = sv.Point
			net.StopsWithin(sv.Point, opt.MaxWalkM, func(st int32, d float64) bool {
				if sec, ok := opt.Walker.WalkSeconds(net.StopPoint(st), sv.Point, d); ok {
					legs = append(legs, Egress{Stop: st, Cat: int32(c), Svc: int32(j), Sec: sec})
				}
				return true
			})
		}
		ixs[c] = index.New(pts)
	}
	return NewTargets(net.NumStops(), len(cats), legs), ixs
}

func (s *Search) village(v Place, cats []Category, svcIx []*index.Points, q *Query, buf []Outcome, opt Options) (VillageResult, []Outcome, error) {
	res := VillageResult{Cats: make([]Metric, len(cats))}
	snapped := validPoint(v.Point)
	if sn, ok := opt.Walker.(Snapper); ok && snapped {
		snapped = sn.Snaps(v.Point)
	}
	if !snapped {
		for c := range res.Cats {
			res.Cats[c] = emptyMetric(StatusUnsnapped, len(opt.ThresholdsMin))
		}
		return res, buf, nil
	}
	q.Access = q.Access[:0]
	s.net.StopsWithin(v.Point, opt.MaxWalkM, func(st int32, d float64) bool {
		if sec, ok := opt.Walker.WalkSeconds(v.Point, s.net.StopPoint(st), d); ok {
			q.Access = append(q.Access, Leg{Stop: st, Sec: sec})
			res.StopDepartures += s.net.Departures(st, opt.From, opt.To)
		}
		return true
	})
	for c := range cats {
		best := Walk{Sec: -1, Svc: -1}
		svcIx[c].Within(v.Point, opt.MaxWalkM, func(j int32, d float64) bool {
			sec, ok := opt.Walker.WalkSeconds(v.Point, cats[c].Services[j].Point, d)
			if ok && (best.Sec < 0 || sec < best.Sec || (sec == best.Sec && j < best.Svc)) {
				best = Walk{Sec: sec, Svc: j}
			}
			return true
		})
		q.Direct[c] = best
	}
	out, err := s.Run(q, buf)
	if err != nil {
		return res, buf, err
	}
	nm, nc := q.Minutes(), len(cats)
	col := make([]Outcome, nm)
	for c := range cats {
		for mi := 0; mi < nm; mi++ {
			col[mi] = out[mi*nc+c]
		}
		res.Cats[c] = summarise(col, cats[c].Services, opt.ThresholdsMin)
	}
	return res, out, nil
}

func emptyMetric(st Status, nt int) Metric {
	nan := math.NaN()
	m := Metric{Status: st, Min: nan, BestMin: nan, P5Min: nan, P95Min: nan, Share: make([]float64, nt), Transfers: -1}
	for i := range m.Share {
		m.Share[i] = nan
	}
	return m
}

// summarise turns the outcomes of the departure minutes (ascending) into
// a Metric. col is reordered.
func summarise(col []Outcome, svcs []Place, thresholds []int) Metric {
	n := len(col)
	reach, transit := 0, false
	for _, o := range col {
		if o.Sec >= 0 {
			reach++
			transit = transit || o.Trips > 0
		}
	}
	switch {
	case reach == 0:
		return emptyMetric(StatusNoService, len(thresholds))
	case !transit:
		return emptyMetric(StatusWalkOnly, len(thresholds))
	}
	m := emptyMetric(StatusOK, len(thresholds))
	for i, t := range thresholds {
		k := 0
		for _, o := range col {
			if o.Sec >= 0 && o.Sec <= int32(t*60) {
				k++
			}
		}
		m.Share[i] = float64(k) / float64(n)
	}
	// Sort by time (unreachable last), then by departure minute: a stable
	// sort keeps the minutes' order.
	sort.SliceStable(col, func(a, b int) bool { return secKey(col[a]) < secKey(col[b]) })
	at := func(p float64) (Outcome, bool) {
		i := int(math.Ceil(p/100*float64(n))) - 1
		i = max(0, min(n-1, i))
		return col[i], col[i].Sec >= 0
	}
	if o, ok := at(50); ok {
		m.Min = float64(o.Sec) / 60
		m.ServiceID = svcs[o.Svc].ID
		m.Transfers = max(0, int(o.Trips)-1)
	}
	m.BestMin = float64(col[0].Sec) / 60
	if o, ok := at(5); ok {
		m.P5Min = float64(o.Sec) / 60
	}
	if o, ok := at(95); ok {
		m.P95Min = float64(o.Sec) / 60
	}
	return m
}

func secKey(o Outcome) int64 {
	if o.Sec < 0 {
		return math.MaxInt64
	}
	return int64(o.Sec)
}

// VsCar is the ratio of the transit medians to the car times over the
// categories where both exist (Σ transit / Σ car), NaN where none.
// carMin is by category as in r.Cats (NaN: no car figure).
func VsCar(r VillageResult, carMin []float64) float64 {
	var st, sc float64
	for c, m := range r.Cats {
		if c >= len(carMin) || math.IsNaN(m.Min) || math.IsNaN(carMin[c]) || !(carMin[c] > 0) {
			continue
		}
		st += m.Min
		sc += carMin[c]
	}
	if sc == 0 {
		return math.NaN()
	}
	return st / sc
}
